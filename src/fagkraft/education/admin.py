"""Back-office admin, for administrators only; every edit is audit-logged."""

from django.contrib import admin

from fagkraft.audit.admin_mixins import AuditedModelAdmin
from fagkraft.education.models import (
    Candidate,
    CandidateSupervisor,
    CourseRecord,
    GoalApproval,
    LearningActivity,
    LearningGoal,
    PathwayPart,
    PathwayTemplate,
    PlanItem,
    PracticePeriod,
    SupervisionSession,
    SupervisorCapacity,
)


class PartInline(admin.TabularInline):
    model = PathwayPart
    extra = 0


@admin.register(PathwayTemplate)
class PathwayTemplateAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "kind", "profession", "specialty", "nominal_months",
                    "active"]
    list_filter = ["kind", "active"]
    search_fields = ["code", "name"]
    inlines = [PartInline]


@admin.register(LearningGoal)
class LearningGoalAdmin(AuditedModelAdmin):
    list_display = ["code", "template", "order", "active"]
    list_filter = ["template", "active"]
    search_fields = ["code", "text"]


class SupervisorInline(admin.TabularInline):
    model = CandidateSupervisor
    extra = 0
    autocomplete_fields = ["supervisor"]


class PeriodInline(admin.TabularInline):
    model = PracticePeriod
    extra = 0


@admin.register(Candidate)
class CandidateAdmin(AuditedModelAdmin):
    list_display = ["employee", "template", "unit", "start_date", "planned_end", "status"]
    list_filter = ["status", "template"]
    search_fields = ["employee__employee_number", "employee__last_name"]
    autocomplete_fields = ["employee", "unit", "permanent_unit"]
    raw_id_fields = ["education_position"]
    inlines = [SupervisorInline, PeriodInline]


@admin.register(SupervisionSession)
class SupervisionSessionAdmin(AuditedModelAdmin):
    list_display = ["candidate", "supervisor", "part", "held_on", "minutes", "individual"]
    date_hierarchy = "held_on"
    raw_id_fields = ["candidate", "supervisor"]


@admin.register(CourseRecord)
class CourseRecordAdmin(AuditedModelAdmin):
    list_display = ["candidate", "part", "title", "held_on", "hours"]
    raw_id_fields = ["candidate"]


@admin.register(LearningActivity)
class LearningActivityAdmin(AuditedModelAdmin):
    list_display = ["candidate", "goal", "title", "done_on", "signed_by", "signed_at"]
    raw_id_fields = ["candidate", "goal", "signed_by"]


@admin.register(GoalApproval)
class GoalApprovalAdmin(AuditedModelAdmin):
    list_display = ["candidate", "goal", "approved_on", "approved_by"]
    raw_id_fields = ["candidate", "goal"]


@admin.register(PlanItem)
class PlanItemAdmin(AuditedModelAdmin):
    list_display = ["candidate", "title", "target_date", "status"]
    raw_id_fields = ["candidate", "goal"]


@admin.register(SupervisorCapacity)
class SupervisorCapacityAdmin(AuditedModelAdmin):
    list_display = ["employee", "unit", "hours_per_month", "start_date", "end_date"]
    autocomplete_fields = ["employee", "unit"]
