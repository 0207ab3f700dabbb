"""Back-office admin of goals, for administrators only; every edit is audited."""

from django.contrib import admin

from fagkraft.audit.admin_mixins import AuditedModelAdmin
from fagkraft.goals.models import Goal, Indicator, ManualValue


@admin.register(Goal)
class GoalAdmin(AuditedModelAdmin):
    list_display = ["text", "kind", "unit", "owner", "deadline"]
    list_filter = ["kind"]
    search_fields = ["text"]


@admin.register(Indicator)
class IndicatorAdmin(AuditedModelAdmin):
    list_display = ["kind", "goal", "unit", "baseline", "target", "direction"]
    list_filter = ["kind"]


@admin.register(ManualValue)
class ManualValueAdmin(AuditedModelAdmin):
    list_display = ["indicator", "period_end", "value", "source"]
