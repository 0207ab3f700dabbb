"""Forms of the WISN pages. Numbers are localised (decimal comma in bokmål)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fagkraft.workload.models import (
    CategoryAllowance,
    IndividualAllowance,
    Scenario,
    StaffCategory,
    WisnStudy,
    WorkloadActivity,
)


class StudyCreateForm(forms.ModelForm):
    standard_categories = forms.BooleanField(
        label=_("Start with psychologists, doctors and nurses"), required=False, initial=True,
        help_text=_("Existing staff for each comes from the register."))

    class Meta:
        model = WisnStudy
        fields = ["name", "year"]
        # A year is not a quantity: "2026", never "2 026".
        localized_fields = ["name"]


class StudyFileForm(forms.Form):
    """A whole study (categories, activities, allowances, scenarios) from a study file."""

    study_file = forms.FileField(
        label=_("Study file (JSON)"),
        help_text=_("The format of `fagkraft wisn`, described in docs/wisn.md. Existing "
                    "staff that the file leaves out comes from the register."))


class DeductionsField(forms.CharField):
    """Percent deductions written one per line as "name: percent"."""

    def prepare_value(self, value: Any) -> str:
        if isinstance(value, dict):
            return "\n".join(f"{name}: {str(percent).replace('.', ',')}"
                             for name, percent in value.items())
        return value or ""

    def to_python(self, value: Any) -> dict[str, float]:
        text = super().to_python(value)
        deductions: dict[str, float] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            name, _colon, figure = line.rpartition(":")
            try:
                percent = Decimal(figure.strip().removesuffix("%").replace(",", "."))
            except InvalidOperation:
                raise forms.ValidationError(
                    _("Line %(line)s: write \"name: percent\", e.g. \"holiday: 10,6\".")
                    % {"line": number}) from None
            if not name.strip() or percent < 0:
                raise forms.ValidationError(
                    _("Line %(line)s: write \"name: percent\", e.g. \"holiday: 10,6\".")
                    % {"line": number})
            deductions[name.strip()] = float(percent)
        return deductions


class StudyForm(forms.ModelForm):
    deductions_percent = DeductionsField(
        label=_("Deductions (%)"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only for the percentage basis: one per line, e.g. \"holiday: 10,6\"."))

    class Meta:
        model = WisnStudy
        fields = ["name", "year", "basis", "working_days", "public_holidays", "annual_leave",
                  "sick_leave", "other_leave", "hours_per_day", "contract_hours",
                  "deductions_percent", "note"]
        localized_fields = [name for name in fields if name != "year"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class CategoryForm(forms.ModelForm):
    class Meta:
        model = StaffCategory
        fields = ["name", "profession_group", "existing_staff_override"]
        localized_fields = "__all__"


class ActivityForm(forms.ModelForm):
    class Meta:
        model = WorkloadActivity
        fields = ["name", "annual_workload", "minutes_per_unit", "source"]
        localized_fields = "__all__"


class ActivityStandardForm(forms.ModelForm):
    """The two figures a leader changes most: the workload and the time per unit.

    The inputs sit in table cells and belong to a form elsewhere in the row (`form_id`).
    """

    class Meta:
        model = WorkloadActivity
        fields = ["annual_workload", "minutes_per_unit"]
        localized_fields = "__all__"

    def __init__(self, *args: Any, form_id: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.update({"class": "compact"})
            if form_id:
                field.widget.attrs["form"] = form_id


class CategoryAllowanceForm(forms.ModelForm):
    class Meta:
        model = CategoryAllowance
        fields = ["name", "percent", "hours", "per"]
        localized_fields = "__all__"


class IndividualAllowanceForm(forms.ModelForm):
    class Meta:
        model = IndividualAllowance
        fields = ["name", "staff", "hours_per_year"]
        localized_fields = "__all__"


class ScenarioForm(forms.ModelForm):
    class Meta:
        model = Scenario
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class MoveForm(forms.Form):
    activity = forms.ModelChoiceField(queryset=WorkloadActivity.objects.none(),
                                      label=_("Activity"))
    to_category = forms.ModelChoiceField(queryset=StaffCategory.objects.none(),
                                         label=_("To category"))
    share_percent = forms.DecimalField(label=_("Share moved (%)"), min_value=0, max_value=100,
                                       localize=True)
    minutes_per_unit = forms.DecimalField(
        label=_("Minutes per unit in the receiving category"), required=False,
        min_value=Decimal("0.01"), localize=True,
        help_text=_("Leave empty if the receiving profession takes the same time."))

    def __init__(self, *args: Any, study: WisnStudy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        activities = WorkloadActivity.objects.filter(category__study=study).select_related(
            "category").order_by("category__order", "category__pk", "order", "pk")
        self.fields["activity"].queryset = activities
        self.fields["activity"].label_from_instance = lambda a: f"{a.category.name}: {a.name}"
        self.fields["to_category"].queryset = study.categories.all()


class WorkloadImportForm(forms.Form):
    file = forms.FileField(label=_("File (.xlsx or CSV)"))
    dry_run = forms.BooleanField(label=_("Only check the file (write nothing)"),
                                 required=False)
