"""Projections API routes; included at /api/projections/ in fagkraft.urls."""

from rest_framework.routers import DefaultRouter

from fagkraft.projections.api import views

router = DefaultRouter()
# The workforce API's root is "api-root"; a second root by that name would shadow it.
router.root_view_name = "projections-api-root"
router.register("scenarios", views.ScenarioViewSet, basename="scenario")

urlpatterns = [*router.urls]
