"""Education API routes; included at /api/education/ in fagkraft.urls."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from fagkraft.education.api import views

router = DefaultRouter()
# The workforce API's root is "api-root"; a second root by that name would shadow it.
router.root_view_name = "education-api-root"
router.register("templates", views.PathwayTemplateViewSet, basename="pathwaytemplate")
router.register("goals", views.LearningGoalViewSet, basename="learninggoal")
router.register("candidates", views.CandidateViewSet, basename="candidate")
router.register("activities", views.LearningActivityViewSet, basename="learningactivity")
router.register("sessions", views.SupervisionSessionViewSet, basename="supervisionsession")

urlpatterns = [
    path("pipeline/", views.PipelineView.as_view(), name="education-pipeline"),
    path("supervision-capacity/", views.SupervisionCapacityView.as_view(),
         name="education-capacity"),
    *router.urls,
]
