"""Forms of the education pages. They validate input; the views check who may submit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fagkraft.core.datefield import DateField
from fagkraft.core.personfield import PersonChoiceField, person_label
from fagkraft.core.unitfield import UnitChoiceField
from fagkraft.education.models import (
    Candidate,
    CandidateSupervisor,
    LearningGoal,
    PathwayPart,
    PathwayTemplate,
)
from fagkraft.workforce.models import Employee, Unit


def _not_future(day: dt.date | None) -> dt.date | None:
    if day is not None and day > timezone.localdate():
        raise forms.ValidationError(_("The date is in the future."))
    return day


class _PartsForm(forms.Form):
    part = forms.ModelChoiceField(label=_("Part"), queryset=PathwayPart.objects.none())

    def __init__(self, *args: Any, candidate: Candidate, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["part"].queryset = candidate.template.parts.order_by("order", "pk")


class ActivityForm(forms.Form):
    goal = forms.ModelChoiceField(label=_("Learning goal"), queryset=LearningGoal.objects.none())
    title = forms.CharField(label=_("Activity"), max_length=200)
    done_on = DateField(label=_("Done on"))

    def __init__(self, *args: Any, goals: QuerySet[LearningGoal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals

    def clean_done_on(self) -> dt.date | None:
        return _not_future(self.cleaned_data["done_on"])


class SessionForm(_PartsForm):
    supervisor = forms.ModelChoiceField(label=_("Supervisor"), queryset=Employee.objects.none())
    held_on = DateField(label=_("Date"))
    minutes = forms.IntegerField(label=_("Minutes"), min_value=1, max_value=600)
    individual = forms.BooleanField(label=_("Individual (not group)"), required=False,
                                    initial=True)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
    field_order = ["supervisor", "part", "held_on", "minutes", "individual", "note"]

    def __init__(self, *args: Any, candidate: Candidate, supervisor: Employee | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, candidate=candidate, **kwargs)
        if supervisor is not None:
            # A supervisor logs their own sessions only.
            del self.fields["supervisor"]
        else:
            ids = candidate.supervisors.values("supervisor_id")
            field = self.fields["supervisor"]
            field.queryset = Employee.objects.filter(pk__in=ids).order_by("last_name")
            field.label_from_instance = person_label

    def clean_held_on(self) -> dt.date | None:
        return _not_future(self.cleaned_data["held_on"])


class CourseForm(_PartsForm):
    title = forms.CharField(label=_("Course"), max_length=200)
    held_on = DateField(label=_("Date"))
    hours = forms.DecimalField(label=_("Hours"), min_value=Decimal("0.25"), max_digits=7,
                               decimal_places=2, localize=True)

    def clean_held_on(self) -> dt.date | None:
        return _not_future(self.cleaned_data["held_on"])


class PeriodForm(_PartsForm):
    unit = UnitChoiceField(label=_("Place of practice"), queryset=Unit.objects.none(),
                                  required=False)
    place = forms.CharField(label=_("Place (outside the register)"), max_length=200,
                            required=False)
    start_date = DateField(label=_("From"))
    end_date = DateField(label=_("To"), required=False)
    fte_percent = forms.DecimalField(label=_("Share of full time (%)"), initial=100,
                                     min_value=Decimal("0.01"), max_value=Decimal(100),
                                     max_digits=5, decimal_places=2, localize=True)
    supervised = forms.BooleanField(label=_("Relevant practice with supervision"),
                                    required=False, initial=True)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("end_date") and data.get("start_date") and \
                data["end_date"] < data["start_date"]:
            raise forms.ValidationError(_("The end is before the start."))
        return data


class PlanItemForm(forms.Form):
    title = forms.CharField(label=_("What"), max_length=200)
    goal = forms.ModelChoiceField(label=_("Learning goal"), queryset=LearningGoal.objects.none(),
                                  required=False)
    target_date = DateField(label=_("Target date"))

    def __init__(self, *args: Any, goals: QuerySet[LearningGoal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals


class SupervisorForm(forms.Form):
    supervisor = PersonChoiceField(label=_("Supervisor"), queryset=Employee.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=CandidateSupervisor.Role.choices)
    start_date = DateField(label=_("From"))
    end_date = DateField(label=_("To"), required=False)

    def __init__(self, *args: Any, people: QuerySet[Employee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = people.order_by("last_name", "first_name")


class CandidateUpdateForm(forms.ModelForm):
    class Meta:
        model = Candidate
        fields = ["planned_end", "status", "completed_on", "written_work_approved_on",
                  "permanent_unit", "note"]
        field_classes = {"planned_end": DateField, "completed_on": DateField,
                         "written_work_approved_on": DateField}
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["permanent_unit"].queryset = units


class NewCandidateForm(forms.Form):
    employee = PersonChoiceField(label=_("Employee"), queryset=Employee.objects.none())
    template = forms.ModelChoiceField(label=_("Pathway"),
                                      queryset=PathwayTemplate.objects.none())
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    start_date = DateField(label=_("Start date"))
    planned_end = DateField(label=_("Planned end"), required=False,
                            help_text=_("Empty: the pathway's planned length."))
    permanent_unit = forms.ModelChoiceField(label=_("Permanent post lined up in"),
                                            queryset=Unit.objects.none(), required=False)

    def __init__(self, *args: Any, people: QuerySet[Employee], units: QuerySet[Unit],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = people.order_by("last_name", "first_name")
        self.fields["template"].queryset = PathwayTemplate.objects.filter(active=True)
        self.fields["unit"].queryset = units
        self.fields["permanent_unit"].queryset = units


class CapacityForm(forms.Form):
    employee = PersonChoiceField(label=_("Supervisor"), queryset=Employee.objects.none())
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    hours_per_month = forms.DecimalField(label=_("Hours a month"), min_value=Decimal("0.25"),
                                         max_digits=7, decimal_places=2, localize=True)
    start_date = DateField(label=_("From"))
    end_date = DateField(label=_("To"), required=False)

    def __init__(self, *args: Any, people: QuerySet[Employee], units: QuerySet[Unit],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = people.order_by("last_name", "first_name")
        self.fields["unit"].queryset = units


class TemplateForm(forms.ModelForm):
    class Meta:
        model = PathwayTemplate
        fields = ["name", "nominal_months", "uses_common_goals", "min_supervisors",
                  "min_relationship_hours", "min_individual_hours",
                  "supervision_minutes_per_hour", "course_share_in_practice",
                  "written_work_required", "supervision_hours_per_month", "description",
                  "active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class PartForm(forms.ModelForm):
    class Meta:
        model = PathwayPart
        fields = ["name", "practice_years", "supervision_hours", "course_hours",
                  "individual_hours_count"]


class GoalImportForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or .xlsx)"))
    dry_run = forms.BooleanField(label=_("Check only, write nothing"), required=False)
