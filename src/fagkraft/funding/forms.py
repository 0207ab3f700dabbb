"""Forms of the funding pages. They only parse input; rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fagkraft.core.datefield import DateField
from fagkraft.funding.models import (
    Application,
    BudgetLine,
    Call,
    Decision,
    ProgrammeMember,
    ProgressReport,
    Review,
    TargetIndicator,
)
from fagkraft.workforce.models import Unit


class ApplicationCreateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    lead_trust = forms.ModelChoiceField(label=_("Lead health trust"),
                                        queryset=Unit.objects.none())

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_trust"].queryset = _trusts_of(call)  # type: ignore[attr-defined]


def _trusts_of(call: Call) -> Any:
    return Unit.objects.filter(region=call.programme.owner,
                               level=Unit.Level.TRUST).order_by("name")


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["title", "summary", "sub_goals", "priority_groups", "activities",
                  "employee_representatives", "user_representatives"]
        widgets = {"sub_goals": forms.CheckboxSelectMultiple,
                   "priority_groups": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programme = self.instance.call.programme
        self.fields["sub_goals"].queryset = programme.sub_goals.all()  # type: ignore[attr-defined]
        self.fields["priority_groups"].queryset = (  # type: ignore[attr-defined]
            programme.priority_groups.all())


class BudgetForm(forms.Form):
    """One whole-kroner field per year and cost type."""

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = {(b.year, b.cost_type): b.amount for b in application.budget_lines.all()}
        self.grid: list[tuple[str, list[str]]] = []
        for cost_type, label in BudgetLine.CostType.choices:
            names = []
            for year in application.call.programme.years:
                name = f"b_{year}_{cost_type}"
                self.fields[name] = forms.IntegerField(
                    label=f"{label} {year}", min_value=0, required=False,
                    initial=current.get((year, cost_type)))
                names.append(name)
            self.grid.append((str(label), names))
        self.years = application.call.programme.years

    def lines(self) -> list[tuple[int, str, int]]:
        result = []
        for name, value in self.cleaned_data.items():
            _prefix, year, cost_type = name.split("_", 2)
            result.append((int(year), cost_type, value or 0))
        return result


class PartnerForm(forms.Form):
    trust = forms.ModelChoiceField(label=_("Partner health trust"), queryset=Unit.objects.none())
    contact = forms.CharField(label=_("Contact (user name)"), max_length=150, required=False)

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["trust"].queryset = _trusts_of(application.call).exclude(  # type: ignore[attr-defined]
            pk=application.lead_trust_id)


class MilestoneForm(forms.Form):
    name = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = DateField(label=_("Due"))


class IndicatorForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"), choices=TargetIndicator.Indicator.choices)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    baseline_year = forms.IntegerField(label=_("Baseline year"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        trusts = [application.lead_trust_id,
                  *application.partners.values_list("trust_id", flat=True)]
        self.fields["unit"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            trust_id__in=trusts).order_by("path")


class AssignForm(forms.Form):
    reviewer = forms.ModelChoiceField(label=_("Reviewer"), queryset=ProgrammeMember.objects.none())

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = ProgrammeMember.objects.filter(  # type: ignore[attr-defined]
            programme=application.call.programme, kind=ProgrammeMember.Kind.REVIEWER,
        ).exclude(assignments__application=application).select_related("user")


class ReviewForm(forms.Form):
    recommendation = forms.ChoiceField(label=_("Recommendation"),
                                       choices=Review.Recommendation.choices)
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}),
                              required=False)

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(call.criteria.all())
        for criterion in self.criteria:
            # Range and blank justification are the service's rules (one message each).
            self.fields[f"score_{criterion.key}"] = forms.IntegerField(
                label=_("%(criterion)s: score (0-5)") % {"criterion": criterion.name},
                required=False)
            self.fields[f"why_{criterion.key}"] = forms.CharField(
                label=_("%(criterion)s: justification") % {"criterion": criterion.name},
                widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def scores(self) -> dict[str, tuple[int | None, str]]:
        return {c.key: (self.cleaned_data.get(f"score_{c.key}"),
                        self.cleaned_data.get(f"why_{c.key}") or "") for c in self.criteria}


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=Decision.Outcome.choices)
    decided_on = DateField(label=_("Decided"))
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}),
                           required=False)

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = application.call.programme.years
        for year in self.years:
            self.fields[f"amount_{year}"] = forms.IntegerField(
                label=_("Amount %(year)s (NOK)") % {"year": year}, min_value=0,
                required=False)

    def amounts(self) -> dict[int, int]:
        return {year: self.cleaned_data.get(f"amount_{year}") or 0 for year in self.years}


class ReportForm(forms.ModelForm):
    period_end = DateField(label=_("Period ending"))

    class Meta:
        model = ProgressReport
        fields = ["kind", "period_end", "progress", "spent", "milestones", "risks",
                  "evaluation"]
