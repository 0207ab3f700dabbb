from django.contrib import admin

from fagkraft.workforce.models import (
    Employee,
    Position,
    Profession,
    SpecialistApproval,
    Specialty,
    Unit,
    Vacancy,
)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "service_area", "care_level", "trust"]
    list_filter = ["level", "service_area", "care_level"]
    search_fields = ["code", "name"]
    readonly_fields = ["path", "trust", "region"]


@admin.register(Profession)
class ProfessionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "group", "hpr_category", "styrk_code", "specialist_track"]
    list_filter = ["group", "specialist_track"]
    search_fields = ["code", "name"]


@admin.register(Specialty)
class SpecialtyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "profession"]


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["unit"]


class ApprovalInline(admin.TabularInline):
    model = SpecialistApproval
    extra = 0


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    list_display = ["employee_number", "last_name", "first_name", "profession", "trust"]
    list_filter = ["trust", "profession"]
    search_fields = ["employee_number", "first_name", "last_name"]
    inlines = [PositionInline, ApprovalInline]


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):
    list_display = ["unit", "profession", "fte_percent", "opened_on", "filled_on", "closed_on"]
    list_filter = ["profession"]
    autocomplete_fields = ["unit"]
