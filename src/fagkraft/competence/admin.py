"""Back-office admin, for administrators only; every edit is audit-logged."""

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from fagkraft.audit.admin_mixins import AuditedModelAdmin
from fagkraft.competence import services
from fagkraft.competence.models import (
    Competence,
    Completion,
    Plan,
    PlanActivity,
    RequirementRule,
    TeacherEntry,
    TeachingPackage,
)


class RuleInline(admin.TabularInline):
    model = RequirementRule
    extra = 0
    autocomplete_fields = ["unit", "profession"]


@admin.register(Competence)
class CompetenceAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "kind", "hours", "validity_months", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["code", "name"]
    inlines = [RuleInline]


@admin.register(RequirementRule)
class RequirementRuleAdmin(AuditedModelAdmin):
    list_display = ["competence", "profession", "profession_group", "unit", "service_area",
                    "care_level", "position_kind", "deadline_days", "deadline_months",
                    "active"]
    list_filter = ["active", "profession_group", "service_area", "care_level",
                   "position_kind", "competence"]
    autocomplete_fields = ["competence", "unit", "profession"]


class CompletionForm(forms.ModelForm):
    """The admin refuses what services.record_completion refuses."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        try:
            services.check_completion(Completion(completed_on=cleaned.get("completed_on")))
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


@admin.register(Completion)
class CompletionAdmin(AuditedModelAdmin):
    form = CompletionForm
    list_display = ["employee", "competence", "completed_on", "hours", "source", "status"]
    list_filter = ["status", "source", "competence"]
    search_fields = ["employee__employee_number", "employee__last_name", "competence__code"]
    date_hierarchy = "completed_on"
    autocomplete_fields = ["employee", "competence"]
    readonly_fields = ["approved_by", "approved_at", "created_by", "created_at"]


class ActivityInline(admin.TabularInline):
    model = PlanActivity
    extra = 0
    autocomplete_fields = ["competence"]


@admin.register(Plan)
class PlanAdmin(AuditedModelAdmin):
    list_display = ["employee", "kind", "year", "appraisal_date"]
    list_filter = ["kind", "year"]
    search_fields = ["employee__employee_number", "employee__last_name"]
    autocomplete_fields = ["employee"]
    inlines = [ActivityInline]


@admin.register(TeacherEntry)
class TeacherEntryAdmin(AuditedModelAdmin):
    list_display = ["employee", "competence", "role", "active"]
    list_filter = ["role", "active", "competence"]
    autocomplete_fields = ["employee", "competence"]


@admin.register(TeachingPackage)
class TeachingPackageAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "owner_unit", "shared", "hours", "active"]
    list_filter = ["shared", "active"]
    search_fields = ["code", "name"]
    filter_horizontal = ["competences"]
    autocomplete_fields = ["owner_unit"]
