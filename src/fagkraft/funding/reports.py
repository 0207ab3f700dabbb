"""Figures of the funding programme: allocation against budget by year, sub-goal and
trust, the indicators projects aim to move (before and after), the close-out report.

Allocated = the amounts of approved decisions. By sub-goal, an approval anchored in
several sub-goals is split evenly between them (the remainder of the division to the
first), so the column adds up to the total; by trust, the money counts for the lead trust,
which receives it. Indicators come from the unit figures the register already computes
(workforce unit summary: turnover, specialist share; competence compliance); a figure of
a unit with fewer people than the suppression threshold is not shown (None).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Sum
from django.utils.translation import gettext as _

from fagkraft import access
from fagkraft.competence import reports as competence_reports
from fagkraft.core import cells, xlsx
from fagkraft.education.models import Candidate
from fagkraft.funding import services
from fagkraft.funding.models import (
    Application,
    Decision,
    DecisionAmount,
    Programme,
    TargetIndicator,
)
from fagkraft.workforce import reports as workforce_reports


@dataclass
class BudgetRow:
    label: str
    budget: int | None
    allocated: int

    @property
    def remaining(self) -> int | None:
        return None if self.budget is None else self.budget - self.allocated


@dataclass
class Allocation:
    by_year: list[BudgetRow]
    by_sub_goal: list[BudgetRow]
    by_trust: list[BudgetRow]
    total: BudgetRow
    chart: dict[str, Any] = field(default_factory=dict)


def allocation(programme: Programme) -> Allocation:
    amounts = services.approved_amounts(programme)
    by_year = {r["year"]: r["t"] for r in amounts.values("year").annotate(t=Sum("amount"))}
    year_rows = [BudgetRow(str(b.year), b.budget, by_year.get(b.year, 0))
                 for b in programme.budgets.all()]
    per_application = {r["decision__application"]: r["t"] for r in
                       amounts.values("decision__application").annotate(t=Sum("amount"))}
    applications = Application.objects.filter(pk__in=per_application).select_related(
        "lead_trust").prefetch_related("sub_goals")
    goals: dict[int, int] = defaultdict(int)
    trusts: dict[str, int] = defaultdict(int)
    for application in applications:
        money = per_application[application.pk]
        trusts[application.lead_trust.name] += money
        ids = sorted(g.pk for g in application.sub_goals.all())
        if ids:
            share, rest = divmod(money, len(ids))
            for index, goal_id in enumerate(ids):
                goals[goal_id] += share + (rest if index == 0 else 0)
    total = sum(per_application.values())
    result = Allocation(
        by_year=year_rows,
        by_sub_goal=[BudgetRow(str(goal), None, goals.get(goal.pk, 0))
                     for goal in programme.sub_goals.all()],
        by_trust=[BudgetRow(name, None, money) for name, money in sorted(trusts.items())],
        total=BudgetRow(_("Whole period"), programme.total_budget, total),
    )
    result.chart = {
        "title": _("Allocated against budget by year"),
        "years": [row.label for row in year_rows],
        "budget": [row.budget for row in year_rows],
        "allocated": [row.allocated for row in year_rows],
        "budget_label": _("Budget"), "allocated_label": _("Allocated"),
    }
    return result


# --- Indicators before and after ----------------------------------------------------


@dataclass
class IndicatorRow:
    indicator: TargetIndicator
    before: float | None
    after: float | None
    before_label: str
    after_label: str


def _unit_figure(indicator: TargetIndicator, day: dt.date) -> float | None:
    unit = indicator.unit
    kind = TargetIndicator.Indicator
    if indicator.indicator == kind.COMPLIANCE:
        people = competence_reports.people_in(unit)
        if people.count() < access.suppression_threshold():
            return None
        share = competence_reports.unit_compliance(unit, people, [], day).share_compliant
        return None if share is None else round(share * 100, 1)
    if indicator.indicator == kind.CANDIDATES:
        return float(Candidate.objects.filter(unit__path__startswith=unit.path,
                                              start_date__lte=day).count())
    # The register's unit figures, computed as the unit page does (no user: the reader's
    # right to see the project decides, and only shares of big enough units are shown).
    summary = workforce_reports._compute_summary(
        unit, day, with_turnover=indicator.indicator == kind.TURNOVER)
    if (summary.headcount or 0) < access.suppression_threshold():
        return None
    if indicator.indicator == kind.SPECIALIST_SHARE:
        share = summary.specialist_share
        return None if share is None else round(share * 100, 1)
    rows = [row for row in summary.turnover if row["year"] == day.year]
    rate = rows[0]["rate"] if rows else None
    return None if rate is None else round(float(rate) * 100, 1)


def indicator_rows(application: Application, today: dt.date) -> list[IndicatorRow]:
    rows = []
    for indicator in application.indicators.select_related("unit"):
        before_day = dt.date(indicator.baseline_year, 12, 31)
        rows.append(IndicatorRow(
            indicator, _unit_figure(indicator, min(before_day, today)),
            _unit_figure(indicator, today),
            before_day.strftime("%d.%m.%Y"), today.strftime("%d.%m.%Y")))
    return rows


# --- Close-out report -----------------------------------------------------------------


def closeout_rows(programme: Programme) -> list[list[Any]]:
    """One row per application of the programme that reached a decision or was moved."""
    rows = []
    applications = Application.objects.filter(call__programme=programme).exclude(
        state__in=services.OPEN_STATES[:1]).select_related("call", "lead_trust").order_by(
        "call__number", "pk")
    years = programme.years
    for application in applications:
        allocated = services.allocated(application)
        spent = application.reports.order_by("-period_end").values_list(
            "spent", flat=True).first()
        partners = ", ".join(p.trust.name for p in application.partners.select_related("trust"))
        final = application.reports.filter(kind="final").exists()
        rows.append([application.call.number, application.title, application.lead_trust.name,
                     partners, application.get_state_display(),
                     *[allocated.get(year, 0) for year in years], sum(allocated.values()),
                     spent, _("Yes") if final else _("No")])
    return rows


def closeout_columns(programme: Programme) -> list[xlsx.Column]:
    money = cells.MONEY
    return [xlsx.Column(_("Round"), cells.ID), xlsx.Column(_("Project"), width=40),
            xlsx.Column(_("Lead trust")), xlsx.Column(_("Partner trusts"), width=30),
            xlsx.Column(_("State")), *[xlsx.Column(year, money) for year in programme.years],
            xlsx.Column(_("Allocated in all"), money),
            xlsx.Column(_("Spent (last report)"), money), xlsx.Column(_("Final report"))]


def closeout_workbook(programme: Programme) -> bytes:
    return xlsx.report_workbook(_("Close-out"), closeout_columns(programme),
                                closeout_rows(programme))


def decided_total(programme: Programme) -> int:
    return DecisionAmount.objects.filter(
        decision__outcome=Decision.Outcome.APPROVED,
        decision__call__programme=programme).aggregate(t=Sum("amount"))["t"] or 0
