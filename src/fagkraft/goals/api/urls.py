"""Goals API routes; included at /api/goals/ in fagkraft.urls."""

from rest_framework.routers import DefaultRouter

from fagkraft.goals.api import views

router = DefaultRouter()
# The workforce API's root is "api-root"; a second root by that name would shadow it.
router.root_view_name = "goals-api-root"
router.register("goals", views.GoalViewSet, basename="goal")
router.register("indicators", views.IndicatorViewSet, basename="goalindicator")
router.register("values", views.ManualValueViewSet, basename="goalvalue")

urlpatterns = [*router.urls]
