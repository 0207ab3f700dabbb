"""Read-only representations of the register.

Related records appear as ids plus the code a human recognises (unit code, profession
code); the viewsets select_related those so a page of 100 rows costs one query.
"""

from __future__ import annotations

import datetime as dt

from rest_framework import serializers

from fagkraft.workforce.models import (
    Employee,
    Position,
    Profession,
    SpecialistApproval,
    Specialty,
    Unit,
    Vacancy,
)


def _fte_field() -> serializers.DecimalField:
    # A number in JSON, not DRF's default string, so clients can sum shares directly.
    return serializers.DecimalField(max_digits=5, decimal_places=2, coerce_to_string=False,
                                    read_only=True)


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "code", "name", "level", "parent", "service_area", "care_level",
                  "path", "trust", "region"]


class ProfessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Profession
        fields = ["id", "code", "name", "group", "hpr_category", "styrk_code",
                  "specialist_track"]


class SpecialtySerializer(serializers.ModelSerializer):
    class Meta:
        model = Specialty
        fields = ["id", "code", "name", "profession"]


class PositionSerializer(serializers.ModelSerializer):
    unit_code = serializers.CharField(source="unit.code", read_only=True)
    fte_percent = _fte_field()

    class Meta:
        model = Position
        fields = ["id", "employee", "unit", "unit_code", "fte_percent", "kind", "start_date",
                  "end_date", "leaving_reason"]


class SpecialistApprovalSerializer(serializers.ModelSerializer):
    specialty_code = serializers.CharField(source="specialty.code", read_only=True)
    specialty_name = serializers.CharField(source="specialty.name", read_only=True)

    class Meta:
        model = SpecialistApproval
        fields = ["id", "employee", "specialty", "specialty_code", "specialty_name",
                  "approved_on", "valid_until", "ended_on"]


class EmployeeSerializer(serializers.ModelSerializer):
    profession_code = serializers.CharField(source="profession.code", read_only=True)

    class Meta:
        model = Employee
        fields = ["id", "trust", "employee_number", "first_name", "last_name", "birth_date",
                  "birth_year", "sex", "hpr_number", "profession", "profession_code"]


class EmployeeDetailSerializer(EmployeeSerializer):
    """One person with their whole position and approval history (history is kept)."""

    positions = PositionSerializer(many=True, read_only=True)
    approvals = SpecialistApprovalSerializer(many=True, read_only=True)

    class Meta(EmployeeSerializer.Meta):
        fields = [*EmployeeSerializer.Meta.fields, "positions", "approvals"]


class VacancySerializer(serializers.ModelSerializer):
    """Vacancies are not personal data, so who filled one is left out: planners read these."""

    unit_code = serializers.CharField(source="unit.code", read_only=True)
    profession_code = serializers.CharField(source="profession.code", read_only=True)
    fte_percent = _fte_field()
    is_open = serializers.BooleanField(read_only=True)
    days_open = serializers.SerializerMethodField()

    class Meta:
        model = Vacancy
        fields = ["id", "unit", "unit_code", "profession", "profession_code", "fte_percent",
                  "kind", "opened_on", "filled_on", "closed_on", "is_open", "days_open"]

    def get_days_open(self, vacancy: Vacancy) -> int:
        """Days from opening until filled, withdrawn or today."""
        return vacancy.days_open(dt.date.today())
