"""REST API routes, included at /api/. The schema and docs are at /api/schema/ and /api/docs/."""

from rest_framework.routers import DefaultRouter

from fagkraft.audit.api.views import AuditEventViewSet
from fagkraft.workforce.api import views

router = DefaultRouter()
router.register("units", views.UnitViewSet, basename="unit")
router.register("professions", views.ProfessionViewSet, basename="profession")
router.register("specialties", views.SpecialtyViewSet, basename="specialty")
router.register("employees", views.EmployeeViewSet, basename="employee")
router.register("positions", views.PositionViewSet, basename="position")
router.register("approvals", views.SpecialistApprovalViewSet, basename="approval")
router.register("vacancies", views.VacancyViewSet, basename="vacancy")
router.register("audit-events", AuditEventViewSet, basename="auditevent")

urlpatterns = router.urls
