"""Back-office admin of WISN studies, for administrators only; every edit is audited."""

from django.contrib import admin

from fagkraft.audit.admin_mixins import AuditedModelAdmin
from fagkraft.workload.models import (
    CategoryAllowance,
    IndividualAllowance,
    Scenario,
    ScenarioMove,
    StaffCategory,
    WisnStudy,
    WorkloadActivity,
)


class CategoryInline(admin.TabularInline):
    model = StaffCategory
    extra = 0


class ActivityInline(admin.TabularInline):
    model = WorkloadActivity
    extra = 0


class CategoryAllowanceInline(admin.TabularInline):
    model = CategoryAllowance
    extra = 0


class IndividualAllowanceInline(admin.TabularInline):
    model = IndividualAllowance
    extra = 0


class MoveInline(admin.TabularInline):
    model = ScenarioMove
    extra = 0
    raw_id_fields = ["activity", "to_category"]


@admin.register(WisnStudy)
class WisnStudyAdmin(AuditedModelAdmin):
    list_display = ["name", "unit", "year", "basis"]
    list_filter = ["year", "basis"]
    search_fields = ["name", "unit__name", "unit__code"]
    autocomplete_fields = ["unit"]
    inlines = [CategoryInline]


@admin.register(StaffCategory)
class StaffCategoryAdmin(AuditedModelAdmin):
    list_display = ["name", "study", "profession_group", "existing_staff_override"]
    search_fields = ["name", "study__name"]
    inlines = [ActivityInline, CategoryAllowanceInline, IndividualAllowanceInline]


@admin.register(Scenario)
class ScenarioAdmin(AuditedModelAdmin):
    list_display = ["name", "study"]
    search_fields = ["name", "study__name"]
    inlines = [MoveInline]
