"""Back-office admin, for administrators only; every edit is audit-logged.

Records a service creates are created through it here too, and changes are checked by the
service's own checks first, so the admin refuses what the service refuses.
"""

from typing import Any, ClassVar

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from fagkraft.audit.admin_mixins import AuditedModelAdmin
from fagkraft.education import services
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


class ServiceCheckedForm(forms.ModelForm):
    """Runs the service's check on the cleaned values; its errors show on their fields."""

    needs: ClassVar[tuple[str, ...]]  # the check runs once these fields are valid

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if all(cleaned.get(name) is not None for name in ("candidate", *self.needs)):
            try:
                self.service_check(cleaned["candidate"], cleaned)
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned

    def service_check(self, candidate: Candidate, data: dict[str, Any]) -> None:
        raise NotImplementedError


class SupervisionSessionForm(ServiceCheckedForm):
    needs = ("supervisor", "part", "held_on")

    def service_check(self, candidate: Candidate, data: dict[str, Any]) -> None:
        services.check_session(candidate, supervisor=data["supervisor"], part=data["part"],
                               held_on=data["held_on"])


class CourseRecordForm(ServiceCheckedForm):
    needs = ("part",)

    def service_check(self, candidate: Candidate, data: dict[str, Any]) -> None:
        services.check_course(candidate, part=data["part"], held_on=data.get("held_on"))


class LearningActivityForm(ServiceCheckedForm):
    needs = ("goal", "done_on")

    def service_check(self, candidate: Candidate, data: dict[str, Any]) -> None:
        services.check_activity(candidate, goal=data["goal"], done_on=data["done_on"])


class PracticePeriodForm(ServiceCheckedForm):
    needs = ("part",)

    def service_check(self, candidate: Candidate, data: dict[str, Any]) -> None:
        services.check_period(candidate, part=data["part"])


class GoalApprovalForm(ServiceCheckedForm):
    needs = ("goal", "approved_on")

    def service_check(self, candidate: Candidate, data: dict[str, Any]) -> None:
        services.check_goal_approval(candidate, goal=data["goal"],
                                     approved_on=data["approved_on"])


class PlanItemForm(ServiceCheckedForm):
    needs = ()

    def service_check(self, candidate: Candidate, data: dict[str, Any]) -> None:
        services.check_plan_item(candidate, goal=data.get("goal"))


class CandidateForm(forms.ModelForm):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        try:
            services.check_candidate_dates(cleaned)
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


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
    form = PracticePeriodForm
    extra = 0


@admin.register(Candidate)
class CandidateAdmin(AuditedModelAdmin):
    form = CandidateForm
    list_display = ["employee", "template", "unit", "start_date", "planned_end", "status"]
    list_filter = ["status", "template"]
    search_fields = ["employee__employee_number", "employee__last_name"]
    autocomplete_fields = ["employee", "unit", "permanent_unit"]
    raw_id_fields = ["education_position"]
    inlines = [SupervisorInline, PeriodInline]


@admin.register(SupervisionSession)
class SupervisionSessionAdmin(AuditedModelAdmin):
    form = SupervisionSessionForm
    list_display = ["candidate", "supervisor", "part", "held_on", "minutes", "individual"]
    date_hierarchy = "held_on"
    raw_id_fields = ["candidate", "supervisor"]

    def save_model(self, request, obj, form, change) -> None:
        if change:  # checked by the form as log_session checks it
            super().save_model(request, obj, form, change)
            return
        data = form.cleaned_data
        created = services.log_session(
            request.user, data["candidate"], supervisor=data["supervisor"], part=data["part"],
            held_on=data["held_on"], minutes=data["minutes"], individual=data["individual"],
            note=data.get("note", ""))
        obj.pk = created.pk


@admin.register(CourseRecord)
class CourseRecordAdmin(AuditedModelAdmin):
    form = CourseRecordForm
    list_display = ["candidate", "part", "title", "held_on", "hours"]
    raw_id_fields = ["candidate"]


@admin.register(LearningActivity)
class LearningActivityAdmin(AuditedModelAdmin):
    form = LearningActivityForm
    list_display = ["candidate", "goal", "title", "done_on", "signed_by", "signed_at"]
    raw_id_fields = ["candidate", "goal", "signed_by"]


@admin.register(GoalApproval)
class GoalApprovalAdmin(AuditedModelAdmin):
    form = GoalApprovalForm
    list_display = ["candidate", "goal", "approved_on", "approved_by"]
    raw_id_fields = ["candidate", "goal"]


@admin.register(PlanItem)
class PlanItemAdmin(AuditedModelAdmin):
    form = PlanItemForm
    list_display = ["candidate", "title", "target_date", "status"]
    raw_id_fields = ["candidate", "goal"]


@admin.register(SupervisorCapacity)
class SupervisorCapacityAdmin(AuditedModelAdmin):
    list_display = ["employee", "unit", "hours_per_month", "start_date", "end_date"]
    autocomplete_fields = ["employee", "unit"]
