"""What the education pages show, assembled from the adapter's engine results: rules in
words, candidate rows, the pipeline table and the supervision capacity table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from fagkraft.adapter import education as adapter
from fagkraft.education.models import Candidate, PathwayPart, PathwayTemplate
from fagkraft.engine import pathways as engine
from fagkraft.engine.supervision_capacity import month_starts
from fagkraft.workforce.models import Profession, Specialty, Unit

PIPELINE_YEARS = 10
CAPACITY_MONTHS = 12
PLAN_MONTHS = 6

Hide = Callable[[int | None], int | None]


def amount(value: float) -> str:
    """A number as people write it: whole numbers plain, others with one decimal."""
    if abs(value - round(value)) < 0.05:
        return number_format(round(value), use_l10n=True, force_grouping=True)
    return number_format(round(value, 1), decimal_pos=1, use_l10n=True)


def describe(check: engine.Check, part_names: dict[str, str], minutes_per_hour: int) -> str:
    """One rule in words, with what is done and what it needs."""
    values = {"part": part_names.get(check.part, check.part), "done": amount(check.done),
              "required": amount(check.required), "minutes": minutes_per_hour}
    if check.code == engine.PRACTICE:
        return _("Practice in %(part)s: %(done)s of %(required)s full-time years") % values
    if check.code == engine.SUPERVISION:
        return _("Supervision in %(part)s: %(done)s of %(required)s hours "
                 "(an hour is %(minutes)s minutes)") % values
    if check.code == engine.COURSES:
        return _("Courses in %(part)s: %(done)s of %(required)s hours") % values
    if check.code == engine.GOALS:
        return _("Learning goals approved: %(done)s of %(required)s") % values
    if check.code == engine.SUPERVISORS:
        return _("At least %(required)s supervisors: %(done)s so far") % values
    if check.code == engine.RELATIONSHIP:
        return _("One supervision relationship of at least %(required)s hours: the longest "
                 "has %(done)s") % values
    if check.code == engine.INDIVIDUAL:
        return _("At least %(required)s individual supervision hours in the mandatory and "
                 "optional parts: %(done)s so far") % values
    if check.code == engine.COURSES_IN_PRACTICE:
        return _("More than %(required)s %% of course hours while in practice with "
                 "supervision: %(done)s %% so far") % {
            "required": amount(check.required * 100), "done": amount(check.done * 100)}
    if check.code == engine.WRITTEN_WORK:
        return _("Written work approved") if check.met else _("Written work not yet approved")
    return check.code


@dataclass(frozen=True)
class CheckRow:
    text: str
    met: bool
    share: float


@dataclass
class CandidateView:
    """A candidate with their rule checks in words and the forecast."""

    candidate: Candidate
    status: adapter.PathwayStatus
    checks: list[CheckRow] = field(default_factory=list)

    @property
    def unmet(self) -> list[CheckRow]:
        return [row for row in self.checks if not row.met]

    @property
    def forecast(self) -> engine.Forecast:
        return self.status.forecast

    @property
    def share(self) -> float | None:
        if self.candidate.status == Candidate.Status.COMPLETED:
            return 1.0
        return self.status.progress.pace_share

    @property
    def next_rule(self) -> str:
        return self.unmet[0].text if self.unmet else ""


def part_names(template_ids: Sequence[int]) -> dict[int, dict[str, str]]:
    names: dict[int, dict[str, str]] = {}
    for template_id, code, name in PathwayPart.objects.filter(
            template_id__in=list(template_ids)).values_list("template_id", "code", "name"):
        names.setdefault(template_id, {})[code] = name
    return names


def candidate_views(candidates: Sequence[Candidate], today: dt.date) -> list[CandidateView]:
    candidates = list(candidates)
    statuses = adapter.pathway_statuses(candidates, today)
    names = part_names({c.template_id for c in candidates})
    views = []
    for candidate in candidates:
        status = statuses[candidate.pk]
        minutes = candidate.template.supervision_minutes_per_hour
        rows = [CheckRow(describe(check, names.get(candidate.template_id, {}), minutes),
                         check.met, check.share) for check in status.progress.checks]
        views.append(CandidateView(candidate, status, rows))
    return views


def scoped_candidates(candidates: QuerySet[Candidate]) -> QuerySet[Candidate]:
    return candidates.select_related("employee", "template", "unit", "permanent_unit")


# --- Pipeline -----------------------------------------------------------------------


@dataclass(frozen=True)
class PipelineRow:
    profession: str
    specialty: str
    counts: list[int | None]  # per year; None: hidden (fewer than the threshold)


@dataclass(frozen=True)
class Pipeline:
    years: list[int]
    rows: list[PipelineRow]
    posts_with: list[int | None]
    posts_without: list[int | None]


def pipeline(unit: Unit, today: dt.date, hide: Hide, years: int = PIPELINE_YEARS) -> Pipeline:
    """Expected completions per profession and specialty, and education posts ending."""
    unit_ids = list(unit.subtree().values_list("pk", flat=True))
    first, last = today.year, today.year + years - 1
    frame = adapter.pipeline_completions(unit_ids, first, last, today=today)
    professions = dict(Profession.objects.values_list("code", "name"))
    specialties = dict(Specialty.objects.values_list("code", "name"))
    span = list(range(first, last + 1))
    rows = []
    for (profession, specialty), group in frame.groupby(["profession", "specialty"]):
        by_year = dict(zip(group["year"], group["completions"], strict=True))
        rows.append(PipelineRow(professions.get(profession, profession),
                                specialties.get(specialty, specialty),
                                [hide(round(by_year.get(year, 0))) for year in span]))
    ending = adapter.education_posts_ending(unit_ids, first, last)
    return Pipeline(span, rows, [hide(ending[year][0]) for year in span],
                    [hide(ending[year][1]) for year in span])


# --- Supervision capacity -----------------------------------------------------------


@dataclass(frozen=True)
class CapacityCell:
    needed: float | None
    available: float | None
    short: float | None


@dataclass(frozen=True)
class CapacityRow:
    unit: Unit
    cells: list[CapacityCell]

    @property
    def short_months(self) -> int:
        return sum(1 for cell in self.cells if cell.short)


def capacity(unit: Unit, today: dt.date, hide: Hide, months: int = CAPACITY_MONTHS
             ) -> tuple[list[dt.date], list[CapacityRow]]:
    """Per unit in the subtree with any need or supply, the next months.

    Where fewer candidates than the threshold are counted (planners), the hours are
    hidden too: with a handful of candidates they describe persons.
    """
    units = {u.pk: u for u in unit.subtree()}
    starts = month_starts(today, months)
    result = adapter.supervision_capacity(list(units), starts, today)
    by_unit: dict[int, list[CapacityCell]] = {}
    for month in result:
        shown = month.candidates == 0 or hide(month.candidates) is not None
        by_unit.setdefault(month.unit_id, []).append(
            CapacityCell(month.needed, month.available, month.short) if shown
            else CapacityCell(None, None, None))
    rows = [CapacityRow(units[unit_id], cells) for unit_id, cells in by_unit.items()]
    rows.sort(key=lambda row: row.unit.path)
    return starts, rows


def templates_in_use() -> QuerySet[PathwayTemplate]:
    return PathwayTemplate.objects.filter(active=True).select_related("profession", "specialty")
