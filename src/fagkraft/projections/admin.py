"""Back-office admin, for administrators only; every edit is audit-logged."""

from django.contrib import admin

from fagkraft.audit.admin_mixins import AuditedModelAdmin
from fagkraft.projections.models import Scenario


@admin.register(Scenario)
class ScenarioAdmin(AuditedModelAdmin):
    list_display = ["name", "unit", "service_area", "owner", "updated_at"]
    list_filter = ["service_area"]
    search_fields = ["name", "unit__name", "unit__code"]
    autocomplete_fields = ["unit"]
    readonly_fields = ["created_at", "updated_at"]
