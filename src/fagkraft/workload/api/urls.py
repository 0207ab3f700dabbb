"""Workload API routes; included at /api/workload/ in fagkraft.urls."""

from rest_framework.routers import DefaultRouter

from fagkraft.workload.api import views

router = DefaultRouter()
# The workforce API's root is "api-root"; a second root by that name would shadow it.
router.root_view_name = "workload-api-root"
router.register("studies", views.StudyViewSet, basename="wisnstudy")

urlpatterns = [*router.urls]
