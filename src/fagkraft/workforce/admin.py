from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from fagkraft.audit.admin_mixins import AuditedModelAdmin
from fagkraft.workforce import services, unit_months
from fagkraft.workforce.models import (
    Employee,
    Position,
    Profession,
    SpecialistApproval,
    Specialty,
    Unit,
    Vacancy,
)


class UnitAdminForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["code", "name", "level", "parent", "service_area", "care_level"]

    def clean(self) -> dict:
        cleaned = super().clean()
        level, parent = cleaned.get("level"), cleaned.get("parent")
        if level and parent is None and level != Unit.Level.REGION:
            self.add_error("parent", _("Only a regional health authority has no parent."))
        elif level and parent and Unit.CHILD_LEVEL.get(Unit.Level(parent.level)) != level:
            self.add_error("level", _("A %(child)s cannot be placed under a %(parent)s.") % {
                "child": Unit.Level(level).label, "parent": Unit.Level(parent.level).label})
        return cleaned


@admin.register(Unit)
class UnitAdmin(AuditedModelAdmin):
    """Units are written through the services, which keep paths and trusts right."""

    form = UnitAdminForm
    list_display = ["code", "name", "level", "service_area", "care_level", "trust"]
    list_filter = ["level", "service_area", "care_level"]
    search_fields = ["code", "name"]
    readonly_fields = ["path", "trust", "region"]

    def save_model(self, request, obj, form, change) -> None:
        fields = {name: form.cleaned_data[name] for name in UnitAdminForm.Meta.fields}
        if change:
            changed = {name: fields[name] for name in form.changed_data if name in fields}
            services.update_unit(request.user, obj, **changed)
        else:
            created = services.create_unit(request.user, **fields)
            obj.pk, obj.path, obj.trust, obj.region = (
                created.pk, created.path, created.trust, created.region)


@admin.register(Profession)
class ProfessionAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "group", "hpr_category", "styrk_code", "specialist_track"]
    list_filter = ["group", "specialist_track"]
    search_fields = ["code", "name"]


@admin.register(Specialty)
class SpecialtyAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "profession"]


POSITION_FIELDS = ["unit", "fte_percent", "kind", "start_date", "end_date", "leaving_reason"]


class PositionInlineForm(forms.ModelForm):
    """The same rules as services.add_position: the unit is in the employee's trust, etc."""

    class Meta:
        model = Position
        fields = POSITION_FIELDS

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("unit") and cleaned.get("start_date") and self.instance.employee_id:
            candidate = Position(employee=self.instance.employee, **{
                name: cleaned.get(name) for name in POSITION_FIELDS})
            services.check_position(candidate)
        return cleaned


class PositionInline(admin.TabularInline):
    model = Position
    form = PositionInlineForm
    extra = 0
    autocomplete_fields = ["unit"]


class ApprovalInline(admin.TabularInline):
    model = SpecialistApproval
    extra = 0


@admin.register(Employee)
class EmployeeAdmin(AuditedModelAdmin):
    list_display = ["employee_number", "last_name", "first_name", "profession", "trust"]
    list_filter = ["trust", "profession"]
    search_fields = ["employee_number", "first_name", "last_name"]
    inlines = [PositionInline, ApprovalInline]

    # Positions written here (inlines) or removed with the employee change the kept
    # monthly counts as the services' writes do: the person's counts before and after.
    def save_related(self, request, form, formsets, change) -> None:
        with unit_months.tracking([form.instance.pk]):
            super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj) -> None:
        with unit_months.tracking([obj.pk]):
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        with unit_months.tracking(list(queryset.values_list("pk", flat=True))):
            super().delete_queryset(request, queryset)


@admin.register(Vacancy)
class VacancyAdmin(AuditedModelAdmin):
    list_display = ["unit", "profession", "fte_percent", "opened_on", "filled_on", "closed_on"]
    list_filter = ["profession"]
    autocomplete_fields = ["unit"]
