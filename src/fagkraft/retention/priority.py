"""The priority-rule page's figures (docs/metrics.md, "Priority rule").

Three sources, each judged by `engine.priority_rule`:
- the register: FTE by service area on 31 December, for the trust, or for the region
  and each of its trusts (adapter.priority_rule);
- a file the user uploads (the documented CSV, or an SSB table as JSON-stat 2.0); it is
  read for this page and export only, never stored;
- the published reference figures shipped with Fagkraft, with source and year.

Disclosure: where the unit's counts pass disclosure control (the planner), the persons
behind each register cell (area, service area, year) form one table over the region and
its trusts (the region's cell = its trusts' cells), protected by access.disclosure; a
hidden cell's FTE is not shown and gives no growth or verdict.

The page's summary (`PrioritySummary`: per service, indicators held and not held in the
latest year) and its chart (`priority_chart`: growth per service and year against
somatic care) are read off the same `Verdict`s as the verdict table and the export, so
the three cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fagkraft.access import disclosure
from fagkraft.adapter import priority_rule as adapter
from fagkraft.engine import priority_rule as rule
from fagkraft.engine import priority_rule_files as files
from fagkraft.engine.disclosure import Group
from fagkraft.workforce.models import Unit

REGISTER_YEARS = 8


def service_labels() -> dict[str, str]:
    return {rule.PH: _("Mental health care (PHBU and PHV)"),
            rule.PHBU: _("Mental health care for children and adolescents (PHBU)"),
            rule.PHV: _("Adult mental health care (PHV)"),
            rule.TSB: _("Substance use treatment (TSB)"), rule.SOMATIC: _("Somatic care")}


def indicator_labels() -> dict[str, str]:
    return {rule.COSTS: _("Costs (fixed prices)"), rule.FTE: _("Full-time equivalents"),
            rule.CONSULTATIONS: _("Outpatient consultations"),
            rule.WAITING_TIME: _("Average waiting time (lower is better)")}


def held_text(held: bool | None) -> str:
    return {True: _("Held"), False: _("Did not hold")}.get(held, _("No verdict"))


@dataclass
class FteRow:
    area: str
    year: int
    fte: dict[str, float | None]  # by service area; None where hidden


# The services the summary and chart set against somatic care (PH is their sum).
SUMMARY_SERVICES: tuple[str, ...] = (rule.PHBU, rule.PHV, rule.TSB)


@dataclass(frozen=True)
class ServiceSummary:
    service: str
    held: int  # indicators on which the service grew more than somatic care
    not_held: int
    no_verdict: int  # a growth without somatic care's, or a hidden cell

    @property
    def judged(self) -> int:
        return self.held + self.not_held


@dataclass(frozen=True)
class PrioritySummary:
    """The latest year's verdicts of the page's own area (the trust, or the region),
    from the register and an uploaded file, counted per service."""

    area: str
    year: int | None  # None: no verdict at all yet
    services: tuple[ServiceSummary, ...]
    verdicts: tuple[rule.Verdict, ...]  # the verdicts counted (for tests and the export)

    def sentence(self) -> str:
        if self.year is None:
            return _("%(area)s: no year has verdicts yet.") % {"area": self.area}
        parts = []
        for item in self.services:
            if not item.judged and not item.no_verdict:
                parts.append(_("%(service)s has no figures") % {
                    "service": item.service.upper()})
                continue
            text = ngettext(
                "%(service)s held on %(held)s of %(judged)s indicator",
                "%(service)s held on %(held)s of %(judged)s indicators", item.judged) % {
                "service": item.service.upper(), "held": item.held, "judged": item.judged}
            if item.no_verdict:
                text += " " + ngettext("(%(count)s more without a verdict)",
                                       "(%(count)s more without a verdict)",
                                       item.no_verdict) % {"count": item.no_verdict}
            parts.append(text)
        return _("%(year)s, %(area)s, against somatic care: %(parts)s.") % {
            "year": self.year, "area": self.area, "parts": "; ".join(parts)}


def summary_of(area: str, verdicts: list[rule.Verdict]) -> PrioritySummary:
    """Count, per service, the indicators held and not held in the area's latest year
    with a verdict."""
    own = [v for v in verdicts if v.area == area and v.service in SUMMARY_SERVICES]
    years = [v.year for v in own if v.held is not None]
    if not years:
        return PrioritySummary(area, None, tuple(
            ServiceSummary(service, 0, 0, 0) for service in SUMMARY_SERVICES), ())
    year = max(years)
    latest = tuple(v for v in own if v.year == year)
    return PrioritySummary(area, year, tuple(ServiceSummary(
        service,
        sum(1 for v in latest if v.service == service and v.held is True),
        sum(1 for v in latest if v.service == service and v.held is False),
        sum(1 for v in latest if v.service == service and v.held is None))
        for service in SUMMARY_SERVICES), latest)


@dataclass
class PriorityReport:
    unit: Unit
    areas: list[Unit]
    protected: bool
    register: list[rule.Verdict]
    fte_rows: list[FteRow]
    reference: list[rule.Verdict]
    uploaded: list[rule.Verdict] = field(default_factory=list)
    upload_name: str = ""

    @property
    def area(self) -> str:
        """The page's own area: the trust, or the region."""
        return self.areas[0].name

    @property
    def summary(self) -> PrioritySummary:
        return summary_of(self.area, [*self.register, *self.uploaded])


def priority_chart(report: PriorityReport) -> dict[str, object]:
    """Chart data: the register's growth in FTE per service and year for the page's own
    area, somatic care as the reference line; None where there is no growth (a hidden
    cell, an empty service). Read off the register's verdicts, as the table is."""
    own = [v for v in report.register if v.area == report.area and v.indicator == rule.FTE]
    years = sorted({v.year for v in own})
    growth = {(v.service, v.year): v.growth.percent for v in own}
    somatic = {v.year: v.somatic.percent for v in own}
    labels = service_labels()
    return {
        "title": _("Growth in full-time equivalents, %(area)s (%% on the year before)") % {
            "area": report.area},
        "years": years,
        "services": [{"service": service, "name": service.upper(),
                      "growth": [growth.get((service, year)) for year in years]}
                     for service in SUMMARY_SERVICES],
        "somatic": {"name": labels[rule.SOMATIC],
                    "growth": [somatic.get(year) for year in years]},
    }


def areas_of(unit: Unit) -> list[Unit]:
    """The unit's trust, or the region and its trusts (the rule is set per region and
    followed per trust)."""
    top = unit if unit.level == Unit.Level.REGION else (unit.trust or unit)
    if top.level == Unit.Level.REGION:
        return [top, *top.children.filter(level=Unit.Level.TRUST).order_by("code")]
    return [top]


def priority_report(unit: Unit, today: dt.date, *, protected: bool,
                    uploaded: list[rule.Figure] | None = None,
                    upload_name: str = "") -> PriorityReport:
    areas = areas_of(unit)
    last = today.year - 1
    first_known = adapter.first_register_year(areas)
    first = max(first_known or last, last - REGISTER_YEARS)
    hidden: set[tuple[int, str, int]] = set()
    if protected:
        root = disclosure.root_of(unit)
        table_areas = [root, *root.children.filter(level=Unit.Level.TRUST).order_by("code")]
        table = adapter.register_cells(table_areas, first, last)
        hidden = _hidden(root, table_areas, table)
        cells = [cell for cell in table if cell.area.pk in {a.pk for a in areas}]
    else:
        cells = adapter.register_cells(areas, first, last)
    figures = adapter.figures_of(cells, hidden)
    index = adapter.by_key(cells)
    fte_rows = [FteRow(area.name, year, {
        service: (None if (area.pk, service, year) in hidden
                  else index[(area.pk, service, year)].fte)
        for service in adapter.SERVICE_AREAS}) for area in areas
        for year in range(first, last + 1)]
    return PriorityReport(
        unit, areas, protected,
        [v for v in rule.monitor(figures) if v.year > first], fte_rows,
        rule.monitor(files.reference_figures()),
        rule.monitor(uploaded) if uploaded else [], upload_name)


def _hidden(root: Unit, areas: list[Unit], cells: list[adapter.RegisterCell]
            ) -> set[tuple[int, str, int]]:
    values = {(c.area.pk, c.service, c.year): c.persons for c in cells}
    trusts = [a for a in areas if a.pk != root.pk]
    groups = [Group((root.pk, service, year), tuple((t.pk, service, year) for t in trusts))
              for service in adapter.SERVICE_AREAS
              for year in {c.year for c in cells}] if trusts else []
    return set(disclosure.protect(values, groups).hidden)
