"""The indicator registry: what each kind of indicator measures (docs/metrics.md, "Goals").

Each definition computes a series of `engine.goals.Point`s for a unit's subtree, one per
year from `first` to this year (a year's value describes 31 December, this year's
today; `Query.only` narrows it to some of those years), from the register through the
existing report functions and adapters; the rules themselves live in the engine
(engine.goals, engine.retention, engine.compliance).
"Snapshot" kinds rest on data the register keeps only as it stands today (pathway
forecasts, supervision capacity, the further-education plan): they give today's value
only. Manual kinds take the values typed in per period.

`hide` is the disclosure control of the user looking (access.suppress for planners):
a value resting on a count it hides is None, shown as "x".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from fagkraft.adapter import competence as competence_adapter
from fagkraft.adapter import retention as retention_adapter
from fagkraft.audit.services import data_version
from fagkraft.competence import dashboard as competence_dashboard
from fagkraft.competence import reports as competence_reports
from fagkraft.competence.models import Plan
from fagkraft.education import reports as education_reports
from fagkraft.education.models import Candidate
from fagkraft.engine import compliance, retention
from fagkraft.engine import goals as engine
from fagkraft.engine.goals import Point
from fagkraft.workforce import reports as workforce_reports
from fagkraft.workforce.models import Employee, Position, PositionKind, Profession, Unit, Vacancy

Hide = Callable[[int], int | None]
LONG_OPEN_DAYS = 90
SPELLS_CACHE_SECONDS = 600


@dataclass(frozen=True)
class Query:
    unit: Unit
    group: str  # Profession.Group value, or "" when the kind takes none
    first: int  # first year of the series
    today: dt.date
    hide: Hide
    only: tuple[int, ...] | None = None  # these years of the series, not all of them

    @property
    def years(self) -> list[int]:
        years = engine.years_between(self.first, self.today)
        return years if self.only is None else [year for year in years if year in self.only]

    def day(self, year: int) -> dt.date:
        return engine.year_end(year, self.today)


Compute = Callable[[Query], list[Point]]


@dataclass(frozen=True)
class Definition:
    key: str
    label: Promise
    measure: Promise  # what a value is: per cent, persons, hours ...
    direction: str  # the usual direction, offered as the default
    compute: Compute | None  # None for manual indicators
    needs_group: bool = False
    snapshot: bool = False
    additive: bool = False  # counts that add up over units (secondary suppression)

    @property
    def manual(self) -> bool:
        return self.compute is None


def _shown(query: Query, *counts: int) -> bool:
    return all(count == 0 or query.hide(count) is not None for count in counts)


# --- Retention: leaver rate and stability of specialists ------------------------------


def _spells(unit: Unit) -> list[retention.Spell]:
    """The unit's spells, read once per data version: a goal's turnover, stability and
    hiring indicators over one unit all read the same positions."""
    key = f"goal-spells:{unit.pk}:{unit.path}:{data_version()}"
    spells = cache.get(key)
    if spells is None:
        spells = retention_adapter.spells_for_unit(unit)
        cache.set(key, spells, timeout=SPELLS_CACHE_SECONDS)
    return spells


def _specialist_spells(query: Query) -> list[retention.Spell]:
    codes = set(Profession.objects.filter(group=query.group).values_list("code", flat=True))
    return [spell for spell in _spells(query.unit)
            if spell.facts.get("specialist") and spell.facts.get("profession") in codes]


def _indices(query: Query, stability: bool) -> list[Point]:
    spells = _specialist_spells(query)
    points = []
    for year in query.years:
        day = query.day(year)
        indices = retention.period_indices(spells, day)
        rate = indices.stability_index if stability else indices.leaver_rate
        shown = _shown(query, indices.headcount_start, indices.headcount_end, indices.leavers)
        points.append(Point(day, 100 * rate if rate is not None and shown else None))
    return points


def leaver_rate(query: Query) -> list[Point]:
    return _indices(query, stability=False)


def stability(query: Query) -> list[Point]:
    return _indices(query, stability=True)


# --- Recruitment, specialist share, vacancies -----------------------------------------


def hires(query: Query) -> list[Point]:
    codes = set(Profession.objects.filter(group=query.group).values_list("code", flat=True))
    spells = _spells(query.unit)
    counts = engine.hires_by_year((spell.employee, spell.start) for spell in spells
                                  if spell.facts.get("profession") in codes)
    points = []
    for year in query.years:
        count = counts.get(year, 0)
        points.append(Point(query.day(year), float(count) if _shown(query, count) else None))
    return points


def specialist_share(query: Query) -> list[Point]:
    points = []
    for year in query.years:
        day = query.day(year)
        specialists, eligible = workforce_reports.specialist_share_on(query.unit, day)
        value = engine.share(specialists, eligible)
        shown = _shown(query, specialists, eligible - specialists)
        points.append(Point(day, value if shown else None))
    return points


def long_open_vacancies(query: Query) -> list[Point]:
    """Vacancies hold no personal data: no count is hidden."""
    unit_ids = list(query.unit.subtree().values_list("pk", flat=True))
    points = []
    for year in query.years:
        day = query.day(year)
        count = Vacancy.objects.filter(
            Vacancy.open_on_q(day), unit_id__in=unit_ids,
            opened_on__lte=day - dt.timedelta(days=LONG_OPEN_DAYS)).count()
        points.append(Point(day, float(count)))
    return points


# --- Education positions ending with a permanent post -----------------------------------


def education_to_permanent(query: Query) -> list[Point]:
    ends = list(Position.objects.filter(
        Unit.subtree_q(query.unit.path, "unit__"), kind=PositionKind.EDUCATION,
        end_date__isnull=False, end_date__year__gte=query.first,
        end_date__lte=query.today).values_list("employee_id", "end_date"))
    # A permanent post anywhere in the trust (a region: anywhere) follows the education.
    permanent = Position.objects.filter(kind=PositionKind.PERMANENT,
                                        employee_id__in={person for person, _ in ends})
    if query.unit.trust_id:
        permanent = permanent.filter(employee__trust_id=query.unit.trust_id)
    starts: dict[str, list[dt.date]] = {}
    for person, start in permanent.values_list("employee_id", "start_date"):
        starts.setdefault(str(person), []).append(start)
    by_year = engine.education_posts_ended(
        ((str(person), end) for person, end in ends), starts,
        settings.FAGKRAFT["INTERNAL_MOVE_GRACE_DAYS"])
    points = []
    for year in query.years:
        ended, with_post = by_year.get(year, (0, 0))
        shown = _shown(query, with_post, ended - with_post)
        points.append(Point(query.day(year),
                            engine.share(with_post, ended) if shown else None))
    return points


# --- Competence: mandatory requirements and plans -------------------------------------


def _people_on(unit: Unit, day: dt.date):  # type: ignore[no-untyped-def]
    current = Position.objects.filter(Position.active_on_q(day),
                                      Unit.subtree_q(unit.path, "unit__")).values("employee_id")
    return Employee.objects.filter(pk__in=current)


def requirement_compliance(query: Query) -> list[Point]:
    """Share of the mandatory requirements of the people in the unit that are met or
    not yet due (competence reports' tally: met of those fallen due)."""
    points = []
    for year in query.years:
        day = query.day(year)
        # Today's point from the kept statuses; past year-ends from the completions.
        figures = (competence_dashboard.unit_tally(query.unit, day) if day == query.today
                   else None)
        if figures is None:
            statuses = competence_adapter.compliance_statuses(_people_on(query.unit, day), day)
            figures = (compliance.tally(status.status for status in statuses),
                       len({status.employee_id for status in statuses}))
        tally, people = figures
        value = tally.share
        points.append(Point(day, 100 * value if value is not None and _shown(query, people)
                            else None))
    return points


def _plan_share(query: Query, kind: str) -> list[Point]:
    points = []
    for year in query.years:
        day = query.day(year)
        people = _people_on(query.unit, day)
        total = people.count()
        with_plan = Plan.objects.filter(employee__in=people, kind=kind,
                                        year=year).values("employee_id").distinct().count()
        shown = _shown(query, with_plan, total - with_plan)
        points.append(Point(day, engine.share(with_plan, total) if shown else None))
    return points


def competence_plans(query: Query) -> list[Point]:
    return _plan_share(query, Plan.Kind.COMPETENCE)


def development_plans(query: Query) -> list[Point]:
    return _plan_share(query, Plan.Kind.DEVELOPMENT)


def further_education_plans(query: Query) -> list[Point]:
    """Share of the sections (units without children) in the scope whose further-education
    plan (competence reports.education_plan) has every need planned for. Units, not
    persons: nothing is hidden."""
    sections = [unit for unit in query.unit.subtree().prefetch_related("children")
                if not unit.children.all()]
    day = query.today
    covered = sum(competence_reports.fully_planned_units(sections, day).values())
    return [Point(day, engine.share(covered, len(sections)))]


# --- Education: supervision and candidates ---------------------------------------------


def supervision_shortfall(query: Query) -> list[Point]:
    """Hours of supervision short this month in the scope (education reports.capacity),
    hidden where the candidates or supervisors behind them are."""
    _months, rows = education_reports.capacity(query.unit, query.today, query.hide, months=1)
    cells = [row.cells[0] for row in rows]
    if any(cell.short is None and cell.needed is None for cell in cells):
        return [Point(query.today, None)]
    return [Point(query.today, float(sum(cell.short or 0.0 for cell in cells)))]


def behind_schedule(query: Query) -> list[Point]:
    candidates = list(Candidate.objects.filter(
        Unit.subtree_q(query.unit.path, "unit__"), status=Candidate.Status.ACTIVE
    ).select_related("template"))
    # Cached for this set of candidates: the capacity report reads the same forecasts.
    statuses = education_reports.pathway_statuses(candidates, query.today)
    behind = sum(1 for status in statuses.values() if status.forecast.behind)
    shown = _shown(query, behind, len(candidates) - behind)
    return [Point(query.today, float(behind) if shown else None)]


PERCENT, PERSONS, COUNT, HOURS = _("per cent"), _("persons"), _("count"), _("hours")
HIGHER, LOWER = engine.Direction.HIGHER.value, engine.Direction.LOWER.value

REGISTRY: dict[str, Definition] = {d.key: d for d in (
    Definition("leaver_rate", _("Leaver rate of specialists"), PERCENT, LOWER, leaver_rate,
               needs_group=True),
    Definition("stability", _("Stability index of specialists"), PERCENT, HIGHER, stability,
               needs_group=True),
    Definition("hires", _("New hires"), PERSONS, HIGHER, hires, needs_group=True,
               additive=True),
    Definition("specialist_share", _("Specialist share"), PERCENT, HIGHER, specialist_share),
    Definition("long_vacancies", _("Vacancies open longer than 90 days"), COUNT, LOWER,
               long_open_vacancies),
    Definition("education_permanent",
               _("Education positions ended with a permanent post"), PERCENT, HIGHER,
               education_to_permanent),
    Definition("compliance", _("Compliance with mandatory requirements"), PERCENT, HIGHER,
               requirement_compliance),
    Definition("competence_plans", _("Employees with a competence plan"), PERCENT, HIGHER,
               competence_plans),
    Definition("development_plans", _("Employees with a development plan"), PERCENT, HIGHER,
               development_plans),
    Definition("further_education", _("Units with a further-education plan"), PERCENT,
               HIGHER, further_education_plans, snapshot=True),
    Definition("supervision_shortfall", _("Supervision capacity shortfall"), HOURS, LOWER,
               supervision_shortfall, snapshot=True),
    Definition("behind_schedule", _("Candidates behind schedule"), PERSONS, LOWER,
               behind_schedule, snapshot=True, additive=True),
    Definition("manual", _("Manual indicator"), COUNT, HIGHER, None),
)}


def choices() -> list[tuple[str, Promise]]:
    return [(key, definition.label) for key, definition in REGISTRY.items()]


def label_of(indicator: object) -> str:
    """The indicator's name: the kind's label, with the profession group, or the manual
    indicator's own name."""
    definition = REGISTRY.get(getattr(indicator, "kind", ""))
    name = getattr(indicator, "name", "")
    if definition is None:
        return name
    if definition.manual:
        return name or str(definition.label)
    group = getattr(indicator, "profession_group", "")
    if definition.needs_group and group:
        return f"{definition.label} ({Profession.Group(group).label.lower()})"
    return str(definition.label)
