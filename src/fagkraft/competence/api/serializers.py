"""Read-only representations of the competence data."""

from __future__ import annotations

from rest_framework import serializers

from fagkraft.competence.models import (
    Competence,
    Completion,
    Plan,
    PlanActivity,
    RequirementRule,
    TeacherEntry,
    TeachingPackage,
)


def _hours_field() -> serializers.DecimalField:
    # A number in JSON, not DRF's default string, so clients can sum hours directly.
    return serializers.DecimalField(max_digits=7, decimal_places=2, coerce_to_string=False,
                                    read_only=True, allow_null=True)


class CompetenceSerializer(serializers.ModelSerializer):
    hours = _hours_field()
    renewal_hours = _hours_field()
    renewal_min_course_hours = _hours_field()

    class Meta:
        model = Competence
        fields = ["id", "code", "name", "kind", "hours", "validity_months", "renewal_hours",
                  "renewal_min_course_hours", "renewal_period_months", "renewal_note",
                  "description", "active"]


class RequirementRuleSerializer(serializers.ModelSerializer):
    competence_code = serializers.CharField(source="competence.code", read_only=True)
    unit_code = serializers.CharField(source="unit.code", read_only=True, allow_null=True)

    class Meta:
        model = RequirementRule
        fields = ["id", "competence", "competence_code", "profession", "profession_group",
                  "unit", "unit_code", "service_area", "care_level", "position_kind",
                  "deadline_days", "deadline_months", "active", "note"]


class CompletionSerializer(serializers.ModelSerializer):
    competence_code = serializers.CharField(source="competence.code", read_only=True)
    hours = _hours_field()
    expires_on = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = Completion
        fields = ["id", "employee", "competence", "competence_code", "completed_on",
                  "expires_on", "hours", "source", "status", "approved_at", "note"]


class PlanActivitySerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanActivity
        fields = ["id", "competence", "title", "target_date", "status", "notes"]


class PlanSerializer(serializers.ModelSerializer):
    activities = PlanActivitySerializer(many=True, read_only=True)

    class Meta:
        model = Plan
        fields = ["id", "employee", "kind", "year", "period_start", "period_end",
                  "appraisal_date", "note", "activities"]


class TeacherEntrySerializer(serializers.ModelSerializer):
    employee_name = serializers.CharField(source="employee.full_name", read_only=True)

    class Meta:
        model = TeacherEntry
        fields = ["id", "employee", "employee_name", "competence", "role", "active"]


class TeachingPackageSerializer(serializers.ModelSerializer):
    hours = _hours_field()

    class Meta:
        model = TeachingPackage
        fields = ["id", "code", "name", "description", "owner_unit", "shared",
                  "competences", "hours", "active"]


class ComplianceStatusSerializer(serializers.Serializer):
    """One derived requirement of one person (never stored: computed per request)."""

    employee = serializers.IntegerField(source="employee_id")
    competence = serializers.IntegerField(source="competence_id")
    status = serializers.CharField()
    deadline = serializers.DateField()
    due_on = serializers.DateField(allow_null=True)
    completed_on = serializers.DateField(allow_null=True)
    expires_on = serializers.DateField(allow_null=True)
