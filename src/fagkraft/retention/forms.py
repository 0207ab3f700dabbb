"""The retention page's selection: filters and breakdown, read from the query string."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fagkraft.core.datefield import DateField
from fagkraft.retention.reports import BREAKDOWNS, Selection, breakdown_labels
from fagkraft.workforce.models import PositionKind, Profession

SPECIALIST_CHOICES = (("", _("All")), ("yes", _("Specialists")), ("no", _("Not specialists")))


class SelectionForm(forms.Form):
    profession = forms.ChoiceField(label=_("Profession"), required=False)
    specialist = forms.ChoiceField(label=_("Specialist"), required=False,
                                   choices=SPECIALIST_CHOICES)
    position_type = forms.ChoiceField(label=_("Position type"), required=False)
    by = forms.ChoiceField(label=_("Breakdown"), required=False)
    observed_from = DateField(
        label=_("Register covers from"), required=False,
        help_text=_("The first day the register holds every leaver (default: the earliest "
                    "start date). People hired before it enter the curve at their tenure "
                    "on that day."))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["profession"].choices = [("", _("All")), *Profession.objects.order_by(
            "name").values_list("code", "name")]
        self.fields["position_type"].choices = [("", _("All")), *PositionKind.choices]
        labels = breakdown_labels()
        self.fields["by"].choices = [(name, labels[name]) for name in BREAKDOWNS]

    def selection(self) -> Selection:
        """What was asked for; an invalid value counts as "all" (a query string typed by
        hand should not fail the page)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        specialist = {"yes": True, "no": False}.get(data.get("specialist") or "")
        return Selection(profession=data.get("profession") or "", specialist=specialist,
                         position_type=data.get("position_type") or "",
                         by=data.get("by") or "", observed_from=data.get("observed_from"))
