"""Back-office admin of the funding programme, for administrators only; every edit is
audited."""

from django.contrib import admin

from fagkraft.audit.admin_mixins import AuditedModelAdmin
from fagkraft.funding.models import (
    Application,
    Call,
    Criterion,
    Programme,
    ProgrammeMember,
    ProgrammeYear,
    SubGoal,
)


class YearInline(admin.TabularInline):
    model = ProgrammeYear
    extra = 0


class SubGoalInline(admin.TabularInline):
    model = SubGoal
    extra = 0


class MemberInline(admin.TabularInline):
    model = ProgrammeMember
    extra = 0


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(AuditedModelAdmin):
    list_display = ["name", "owner", "start_year", "end_year", "total_budget"]
    inlines = [YearInline, SubGoalInline, MemberInline]


@admin.register(Call)
class CallAdmin(AuditedModelAdmin):
    list_display = ["title", "programme", "number", "opens_at", "closes_at", "budget"]
    inlines = [CriterionInline]


@admin.register(Application)
class ApplicationAdmin(AuditedModelAdmin):
    list_display = ["title", "call", "lead_trust", "state"]
    list_filter = ["state", "call"]
