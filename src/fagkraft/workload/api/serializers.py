"""Serializers of the WISN API: a study with its rows and scenarios."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from fagkraft.workload.models import (
    CategoryAllowance,
    IndividualAllowance,
    Scenario,
    ScenarioMove,
    StaffCategory,
    WisnStudy,
    WorkloadActivity,
)


class ActivitySerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkloadActivity
        fields = ["id", "name", "annual_workload", "minutes_per_unit", "source"]


class CategoryAllowanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = CategoryAllowance
        fields = ["id", "name", "percent", "hours", "per"]


class IndividualAllowanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndividualAllowance
        fields = ["id", "name", "staff", "hours_per_year"]


class CategorySerializer(serializers.ModelSerializer):
    activities = ActivitySerializer(many=True, read_only=True)
    category_allowances = CategoryAllowanceSerializer(many=True, read_only=True)
    individual_allowances = IndividualAllowanceSerializer(many=True, read_only=True)

    class Meta:
        model = StaffCategory
        fields = ["id", "name", "profession_group", "existing_staff_override", "activities",
                  "category_allowances", "individual_allowances"]


class MoveSerializer(serializers.ModelSerializer):
    class Meta:
        model = ScenarioMove
        fields = ["id", "activity", "to_category", "share_percent", "minutes_per_unit"]


@extend_schema_serializer(component_name="WisnScenario")  # projections owns "Scenario"
class ScenarioSerializer(serializers.ModelSerializer):
    moves = MoveSerializer(many=True, read_only=True)

    class Meta:
        model = Scenario
        fields = ["id", "name", "description", "moves"]


class StudySerializer(serializers.ModelSerializer):
    categories = CategorySerializer(many=True, read_only=True)
    scenarios = ScenarioSerializer(many=True, read_only=True)

    class Meta:
        model = WisnStudy
        fields = ["id", "unit", "name", "year", "basis", "working_days", "public_holidays",
                  "annual_leave", "sick_leave", "other_leave", "hours_per_day",
                  "contract_hours", "deductions_percent", "note", "categories", "scenarios",
                  "updated_at"]


class StudyListSerializer(serializers.ModelSerializer):
    class Meta:
        model = WisnStudy
        fields = ["id", "unit", "name", "year", "updated_at"]
