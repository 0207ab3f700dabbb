"""Competence API routes; the lead includes them at /api/competence/."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from fagkraft.competence.api import views

router = DefaultRouter()
# The workforce API's root is "api-root"; a second root by that name would shadow it.
router.root_view_name = "competence-api-root"
router.register("competences", views.CompetenceViewSet, basename="competence")
router.register("rules", views.RequirementRuleViewSet, basename="requirementrule")
router.register("completions", views.CompletionViewSet, basename="completion")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("teachers", views.TeacherEntryViewSet, basename="teacherentry")
router.register("teaching-packages", views.TeachingPackageViewSet, basename="teachingpackage")

urlpatterns = [
    path("status/", views.ComplianceStatusView.as_view(), name="competence-status"),
    *router.urls,
]
