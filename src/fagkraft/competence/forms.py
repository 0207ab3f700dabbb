"""Forms of the competence pages. They validate input; the views check who may submit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fagkraft.competence import certificates
from fagkraft.competence.models import Competence, Plan, PlanActivity
from fagkraft.core.datefield import DateField
from fagkraft.core.personfield import PersonChoiceField
from fagkraft.core.unitfield import UnitChoiceField
from fagkraft.workforce.models import Employee, Unit


def active_competences() -> QuerySet[Competence]:
    return Competence.objects.filter(active=True).order_by("name")


class CompletionForm(forms.Form):
    """A completion of the person the page is about (an employee's own report)."""

    competence = forms.ModelChoiceField(label=_("Competence"), queryset=Competence.objects.none())
    completed_on = DateField(label=_("Completed on"))
    hours = forms.DecimalField(label=_("Hours"), required=False, min_value=Decimal(0),
                               max_digits=7, decimal_places=2, localize=True)
    note = forms.CharField(label=_("Note"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    certificate = forms.FileField(
        label=_("Course certificate (PDF, JPEG or PNG)"), required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competence"].queryset = active_competences()

    def clean_certificate(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("certificate")
        if upload:
            certificates.check(upload)
        return upload or None

    def clean_completed_on(self) -> dt.date:
        day = self.cleaned_data["completed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The completion date is in the future."))
        return day


class LeaderCompletionForm(CompletionForm):
    """A leader registers a completion for one of their people (approved at once)."""

    employee = PersonChoiceField(label=_("Employee"), queryset=Employee.objects.none())
    field_order = ["employee", "competence", "completed_on", "hours", "note", "certificate"]

    def __init__(self, *args: Any, people: QuerySet[Employee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = people.order_by("last_name", "first_name")


class PlanActivityForm(forms.Form):
    """An activity in the person's competence or development plan for a year."""

    kind = forms.ChoiceField(label=_("Plan"), choices=Plan.Kind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    competence = forms.ModelChoiceField(label=_("Competence"), required=False,
                                        queryset=Competence.objects.none())
    title = forms.CharField(label=_("Title"), required=False, max_length=200)
    target_date = DateField(label=_("Target date"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=PlanActivity.Status.choices,
                               initial=PlanActivity.Status.PLANNED)
    notes = forms.CharField(label=_("Notes"), required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("year", timezone.localdate().year)
        super().__init__(*args, **kwargs)
        self.fields["competence"].queryset = active_competences()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("competence") and not (data.get("title") or "").strip():
            raise forms.ValidationError(_("Choose a competence or write a title."))
        return data


class ActivityStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PlanActivity.Status.choices)


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)


class OverviewForm(forms.Form):
    """Who holds a competence, optionally within one unit."""

    competence = forms.ModelChoiceField(label=_("Competence"), required=False,
                                        queryset=Competence.objects.none())
    unit = UnitChoiceField(label=_("Unit"), required=False, queryset=Unit.objects.none())

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competence"].queryset = Competence.objects.order_by("name")
        self.fields["unit"].queryset = units.order_by("path")
