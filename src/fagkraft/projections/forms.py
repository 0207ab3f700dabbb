"""Forms of the projection pages. Bound forms keep what the planner typed, so a mistake
never loses work: errors are shown next to the input, in the user's language."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fagkraft.core.unitfield import UnitChoiceField
from fagkraft.engine import population as pop
from fagkraft.engine.projection import ALTERNATIVES
from fagkraft.projections import register
from fagkraft.projections.scenario_file import parse_band
from fagkraft.workforce.models import Unit

AREA_KINDS = [("country", _("Norway")), ("counties", _("Counties")),
              ("municipalities", _("Municipalities"))]
SERVICE_AREAS = [("", _("All service areas under the unit"))] + [
    (value, label) for value, label in Unit.ServiceArea.choices if value in ("phbu", "phv", "tsb")
]
# Hidden from those who see aggregates only (planners): the stock by single age.
HIDDEN_STOCK = "(skjult)"


def _years() -> tuple[int, int]:
    return pop.available_years(None)


class BuildForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=160)
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none(),
                                  help_text=_("A trust, a clinic or another unit: its staff "
                                              "today is the starting point."))
    service_area = forms.ChoiceField(label=_("Service area"), choices=SERVICE_AREAS,
                                     required=False)
    professions = forms.MultipleChoiceField(
        label=_("Professions"),
        widget=forms.CheckboxSelectMultiple(attrs={"style": "width:auto"}))
    base_year = forms.IntegerField(label=_("Base year"))
    end_year = forms.IntegerField(label=_("Last year"))
    area_kind = forms.ChoiceField(label=_("Population of"), choices=AREA_KINDS,
                                  initial="country")
    area_codes = forms.CharField(
        label=_("County or municipality numbers"), required=False,
        help_text=_("Separated by commas, e.g. 31 (Østfold) or 3101, 3103."))
    alternative = forms.ChoiceField(label=_("SSB alternative"),
                                    choices=[(alt, alt) for alt in ALTERNATIVES])
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(
        attrs={"rows": 3}))

    def __init__(self, *args: Any, units=None, today: dt.date | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        today = today or dt.date.today()
        first, last = _years()
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["professions"].choices = register.profession_choices()
        self.fields["base_year"].initial = min(max(today.year, first), last - 1)
        self.fields["end_year"].initial = min(2040, last)
        self.fields["base_year"].validators.append(_between(first, last - 1))
        self.fields["end_year"].validators.append(_between(first + 1, last))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        base, end = data.get("base_year"), data.get("end_year")
        if base is not None and end is not None and end <= base:
            self.add_error("end_year", _("The last year must be after the base year."))
        kind = data.get("area_kind")
        codes = [code.strip() for code in (data.get("area_codes") or "").split(",")
                 if code.strip()]
        if kind in ("counties", "municipalities") and not codes:
            self.add_error("area_codes", _("Give at least one number."))
        data["area"] = {"country": "NO"} if kind == "country" else {kind: codes}
        return data


def _between(low: int, high: int):
    def check(value: int) -> None:
        if value is not None and not low <= value <= high:
            raise forms.ValidationError(
                _("Must be between %(low)s and %(high)s.") % {"low": low, "high": high})
    return check


def _float(label: Any, *, minimum: float | None = 0, maximum: float | None = None,
           required: bool = True, help_text: Any = "") -> forms.FloatField:
    return forms.FloatField(label=label, min_value=minimum, max_value=maximum,
                            required=required, help_text=help_text,
                            widget=forms.NumberInput(attrs={"step": "any"}))


class AssumptionsForm(forms.Form):
    """The assumptions of one profession in a scenario, turnover by age band included."""

    base_fte = _float(_("Base-year demand (FTE)"))
    adjustment_percent_per_year = _float(
        _("Adjustment per year (%)"), minimum=-99, maximum=100,
        help_text=_("Change in demand per year beyond population growth, e.g. task "
                    "sharing (negative) or higher prevalence (positive)."))
    single_turnover = forms.BooleanField(
        label=_("One turnover rate for all ages"), required=False,
        widget=forms.CheckboxInput(attrs={"style": "width:auto"}),
        help_text=_("Overrides the estimate by age band."))
    turnover_percent = _float(_("Turnover, all other ages (% per year)"), maximum=100)
    retirement_age = forms.IntegerField(label=_("Retirement age"), min_value=50, max_value=80)
    recruits_per_year = _float(_("Recruits per year (persons)"))
    recruit_age = _float(_("Age of recruits"), minimum=15, maximum=80)
    education_years = forms.IntegerField(label=_("Years an education position takes"),
                                         min_value=1, max_value=15)

    def __init__(self, *args: Any, profession: str, spec: dict[str, Any], **kwargs: Any):
        self.profession = profession
        # By age: PostgreSQL's jsonb does not keep the keys in the order they were written.
        self.band_keys = sorted(spec.get("supply", {}).get("turnover_percent_by_age") or {},
                                key=lambda key: (parse_band(key) or (999, None))[0])
        supply, demand = spec.get("supply", {}), spec.get("demand", {})
        initial = {
            "base_fte": demand.get("base_fte"),
            "adjustment_percent_per_year": demand.get("adjustment_percent_per_year", 0.0),
            "single_turnover": not self.band_keys,
            "turnover_percent": supply.get("turnover_percent", 0.0),
            "retirement_age": supply.get("retirement_age", 67),
            "recruits_per_year": supply.get("recruits_per_year", 0.0),
            "recruit_age": supply.get("recruit_age", 35.0),
            "education_years": supply.get("education_years", 5),
        }
        for key in self.band_keys:
            initial[self.band_field(key)] = supply["turnover_percent_by_age"][key]
        kwargs.setdefault("initial", initial)
        kwargs.setdefault("prefix", f"p-{profession}")
        super().__init__(*args, **kwargs)
        for key in self.band_keys:
            self.fields[self.band_field(key)] = _float(
                _("Turnover, ages %(band)s (%% per year)") % {"band": key}, maximum=100,
                required=False)

    def band_field(self, key: str) -> str:
        return f"turnover_band_{self.band_keys.index(key)}"

    def band_fields(self) -> list[forms.BoundField]:
        return [self[self.band_field(key)] for key in self.band_keys]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("single_turnover"):
            for key in self.band_keys:
                if data.get(self.band_field(key)) is None and \
                        self.band_field(key) not in self.errors:
                    self.add_error(self.band_field(key), _("Give a rate or tick 'one "
                                                           "turnover rate for all ages'."))
        return data

    def values(self) -> dict[str, Any]:
        """The form as `services.set_assumptions` values."""
        data = self.cleaned_data
        values: dict[str, Any] = {
            "demand.base_fte": data["base_fte"],
            "demand.adjustment_percent_per_year": data["adjustment_percent_per_year"],
            "supply.turnover_percent": data["turnover_percent"],
            "supply.retirement_age": data["retirement_age"],
            "supply.recruits_per_year": data["recruits_per_year"],
            "supply.recruit_age": data["recruit_age"],
            "supply.education_years": data["education_years"],
        }
        if data.get("single_turnover"):
            values["supply.turnover_percent_by_age"] = None
        elif self.band_keys:
            values["supply.turnover_percent_by_age"] = {
                key: data[self.band_field(key)] for key in self.band_keys}
        return values


class DocumentForm(forms.Form):
    """The whole scenario document as JSON, for everything the forms do not cover."""

    document = forms.CharField(label=_("Scenario (JSON)"), widget=forms.Textarea(
        attrs={"rows": 24, "spellcheck": "false", "class": "code"}))

    def clean_document(self) -> dict[str, Any]:
        text = self.cleaned_data["document"]
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                _("Not valid JSON: %(error)s (line %(line)s, column %(column)s)")
                % {"error": error.msg, "line": error.lineno, "column": error.colno}) from None
        if not isinstance(value, dict):
            raise forms.ValidationError(_("The scenario must be a JSON object ({...})."))
        return value


class CopyForm(forms.Form):
    name = forms.CharField(label=_("Name of the copy"), max_length=160)


class NotesForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=160)
    notes = forms.CharField(label=_("Notes"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))


# Figures of a document computed from register counts (disclosure control hides them
# with the counts, for the professions whose projection is hidden).
HIDDEN_SUPPLY_FIELDS = ("fte", "turnover_percent", "turnover_percent_by_age",
                        "recruits_per_year", "recruit_age", "pipeline")
HIDDEN_DEMAND_FIELDS = ("base_fte",)


def hide_stock(document: dict[str, Any], professions: Iterable[str] = ()) -> dict[str, Any]:
    """The document with every stock by age replaced by HIDDEN_STOCK (for planners), and,
    for `professions`, every figure computed from the register's counts too."""
    shown = json.loads(json.dumps(document))
    hidden = set(professions)
    for key, spec in shown.get("professions", {}).items():
        supply = spec.get("supply", {}) if isinstance(spec, dict) else {}
        if isinstance(supply, dict) and "stock" in supply:
            supply["stock"] = HIDDEN_STOCK
        if key not in hidden or not isinstance(spec, dict):
            continue
        demand = spec.get("demand", {})
        for part, names in ((supply, HIDDEN_SUPPLY_FIELDS), (demand, HIDDEN_DEMAND_FIELDS)):
            if isinstance(part, dict):
                for name in names:
                    if name in part:
                        part[name] = HIDDEN_STOCK
    return shown


def restore_stock(edited: dict[str, Any], original: dict[str, Any]) -> dict[str, Any]:
    """Put the original figures back where the edited document still says HIDDEN_STOCK."""
    for name, spec in (edited.get("professions") or {}).items():
        if not isinstance(spec, dict):
            continue
        for part_name in ("supply", "demand"):
            part = spec.get(part_name)
            if not isinstance(part, dict):
                continue
            before = original.get("professions", {}).get(name, {}).get(part_name, {})
            for field, value in list(part.items()):
                if value != HIDDEN_STOCK:
                    continue
                if field in before:
                    part[field] = before[field]
                else:
                    part.pop(field)
    return edited
