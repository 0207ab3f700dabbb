"""Serializers of the projections API. Documents and register figures are shown as the
user may see them: planners get the stock by age hidden and small counts suppressed."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from fagkraft import access
from fagkraft.access import disclosure
from fagkraft.engine.projection import ALTERNATIVES
from fagkraft.projections import reports
from fagkraft.projections.forms import SERVICE_AREAS, hide_stock
from fagkraft.projections.models import Scenario


class ScenarioSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    owner = serializers.CharField(source="owner.username", read_only=True, default=None)
    may_edit = serializers.SerializerMethodField()

    class Meta:
        model = Scenario
        fields = ["id", "name", "unit", "unit_name", "service_area", "owner", "notes",
                  "document", "register_basis", "created_at", "updated_at", "may_edit"]
        read_only_fields = ["unit", "service_area", "register_basis", "created_at",
                            "updated_at"]

    def get_may_edit(self, scenario: Scenario) -> bool:
        return access.may_edit_scenario(self.context["request"].user, scenario)

    def to_representation(self, scenario: Scenario) -> dict[str, Any]:
        data = super().to_representation(scenario)
        user = self.context["request"].user
        if disclosure.controls(user, scenario.unit):
            data["document"] = hide_stock(scenario.document,
                                          reports.hidden_projections(scenario, user))
        basis = dict(scenario.register_basis or {})
        if basis.get("professions"):
            basis["professions"] = {key: reports.shown_basis(value, user, scenario, key)
                                    for key, value in basis["professions"].items()}
        data["register_basis"] = basis
        return data


class BuildSerializer(serializers.Serializer):
    """Build a scenario from the register (the same as the "new scenario" page)."""

    name = serializers.CharField(max_length=160)
    unit = serializers.IntegerField(help_text=_("Id of the unit whose staff is the start."))
    service_area = serializers.ChoiceField(choices=SERVICE_AREAS, required=False, default="")
    professions = serializers.ListField(child=serializers.CharField(), min_length=1)
    base_year = serializers.IntegerField()
    end_year = serializers.IntegerField()
    area = serializers.DictField(required=False, help_text=_(
        'Population area as in the scenario file, e.g. {"counties": ["31"]}.'))
    alternative = serializers.ChoiceField(choices=ALTERNATIVES, default="MMMM")
    notes = serializers.CharField(required=False, default="", allow_blank=True)


class AssumptionsSerializer(serializers.Serializer):
    profession = serializers.CharField()
    values = serializers.DictField(help_text=_(
        'Fields to set, e.g. {"supply.turnover_percent": 12.5}; null removes a field.'))
