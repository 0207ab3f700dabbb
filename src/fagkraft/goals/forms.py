"""Forms of the goal pages. Numbers are localised (decimal comma in bokmål), dates dd.mm.yyyy."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fagkraft.core.datefield import DateField
from fagkraft.goals.indicators import REGISTRY, choices
from fagkraft.goals.models import Goal, Indicator
from fagkraft.workforce.models import Profession, Unit


class GoalForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Trust or region"))
    text = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 3}),
                           max_length=2000)
    kind = forms.ChoiceField(choices=Goal.Kind.choices, label=_("Kind"))
    programme = forms.CharField(label=_("Programme"), max_length=200, required=False)
    deadline = DateField(label=_("Deadline"))

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")


class IndicatorForm(forms.Form):
    kind = forms.ChoiceField(label=_("Indicator"), choices=())
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Unit scope"))
    profession_group = forms.ChoiceField(
        label=_("Profession group"), required=False,
        choices=[("", "---"), (Profession.Group.DOCTOR, Profession.Group.DOCTOR.label),
                 (Profession.Group.PSYCHOLOGIST, Profession.Group.PSYCHOLOGIST.label)])
    name = forms.CharField(label=_("Name (manual indicators)"), max_length=200, required=False)
    baseline = forms.FloatField(label=_("Baseline"), localize=True)
    baseline_on = DateField(label=_("Baseline date"))
    target = forms.FloatField(label=_("Target"), localize=True)
    direction = forms.ChoiceField(choices=Indicator.Direction.choices, label=_("Direction"))

    def __init__(self, *args: Any, goal: Goal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = choices()
        self.fields["unit"].queryset = goal.unit.subtree().order_by("path")
        self.fields["unit"].initial = goal.unit.pk

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        definition = REGISTRY.get(data.get("kind", ""))
        if definition is not None and definition.needs_group and not data.get(
                "profession_group"):
            self.add_error("profession_group", _("Choose a profession group."))
        if definition is not None and definition.manual and not data.get("name"):
            self.add_error("name", _("Say what a manual indicator counts."))
        return data


class ManualValueForm(forms.Form):
    period_end = DateField(label=_("Period end"),
                           help_text=_("The last day of the period the value is for."))
    value = forms.FloatField(label=_("Value"), localize=True)
    source = forms.CharField(label=_("Source"), max_length=300)
