"""Serializers of the goals API: goals with their indicators, indicators with their series."""

from __future__ import annotations

from rest_framework import serializers

from fagkraft.goals.models import Goal, Indicator, ManualValue


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = ["id", "goal", "kind", "unit", "profession_group", "name", "baseline",
                  "baseline_on", "target", "direction"]


class GoalSerializer(serializers.ModelSerializer):
    indicators = IndicatorSerializer(many=True, read_only=True)
    owner = serializers.CharField(source="owner.username", read_only=True, default=None)

    class Meta:
        model = Goal
        fields = ["id", "unit", "owner", "text", "kind", "programme", "deadline", "indicators"]


class ManualValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = ManualValue
        fields = ["id", "indicator", "period_end", "value", "source"]


class PointSerializer(serializers.Serializer):
    on = serializers.DateField()
    value = serializers.FloatField(allow_null=True, help_text="null: hidden by disclosure control")


class IndicatorStatusSerializer(serializers.Serializer):
    indicator = serializers.IntegerField()
    label = serializers.CharField()
    status = serializers.CharField()
    expected = serializers.FloatField(allow_null=True)
    series = PointSerializer(many=True)


class GoalStatusSerializer(serializers.Serializer):
    goal = serializers.IntegerField()
    status = serializers.CharField()
    indicators = IndicatorStatusSerializer(many=True)
