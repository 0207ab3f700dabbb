"""What the education pages show, assembled from the adapter's engine results: rules in
words, candidate rows, the pipeline table and the supervision capacity table."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fagkraft.access import disclosure
from fagkraft.adapter import education as adapter
from fagkraft.audit.services import data_version
from fagkraft.core import recent
from fagkraft.core.conf import setting
from fagkraft.education.models import Candidate, PathwayPart, PathwayTemplate
from fagkraft.engine import pathways as engine
from fagkraft.engine.supervision_capacity import month_starts
from fagkraft.workforce.models import Position, PositionKind, Profession, Specialty, Unit

T = TypeVar("T")
CACHE_SECONDS = 6 * 3600

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
    part_names: dict[str, str] = field(default_factory=dict, repr=False)

    @cached_property
    def checks(self) -> list[CheckRow]:
        # In words only when shown: a trust's page lists a thousand candidates, ten
        # rules each, and shows fifty (0.3 s of gettext and number formatting per view).
        minutes = self.candidate.template.supervision_minutes_per_hour
        return [CheckRow(describe(check, self.part_names, minutes), check.met, check.share)
                for check in self.status.progress.checks]

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

    @property
    def grace_label(self) -> str:
        """Words for a forecast after the planned end but within the grace (issue 12)."""
        return grace_label()


def grace_label() -> str:
    """ "After the planned end, within the 90-day grace", with the configured days."""
    days = int(setting("EDUCATION_BEHIND_GRACE_DAYS"))
    return ngettext("After the planned end, within the %(days)s-day grace",
                    "After the planned end, within the %(days)s-day grace", days
                    ) % {"days": number_format(days)}


def part_names(template_ids: Sequence[int]) -> dict[int, dict[str, str]]:
    names: dict[int, dict[str, str]] = {}
    for template_id, code, name in PathwayPart.objects.filter(
            template_id__in=list(template_ids)).values_list("template_id", "code", "name"):
        names.setdefault(template_id, {})[code] = name
    return names


def pathway_statuses(candidates: Sequence[Candidate], today: dt.date
                     ) -> dict[int, adapter.PathwayStatus]:
    """`adapter.pathway_statuses`, cached for this set of candidates (a trust's unit page
    lists a thousand: 0.7 s of forecasts on every view)."""
    ids = sorted(candidate.pk for candidate in candidates)
    digest = hashlib.sha256(repr(ids).encode()).hexdigest()[:32]
    return _kept_for_the_data(f"education-statuses:{digest}:{today.isoformat()}",
                              lambda: adapter.pathway_statuses(candidates, today))


def candidate_views(candidates: Sequence[Candidate], today: dt.date) -> list[CandidateView]:
    candidates = list(candidates)
    statuses = pathway_statuses(candidates, today)
    names = part_names({c.template_id for c in candidates})
    return [CandidateView(candidate, statuses[candidate.pk], names.get(candidate.template_id, {}))
            for candidate in candidates]


def scoped_candidates(candidates: QuerySet[Candidate]) -> QuerySet[Candidate]:
    return candidates.select_related("employee", "template", "unit", "permanent_unit")


# --- Pipeline -----------------------------------------------------------------------


@dataclass(frozen=True)
class PipelineRow:
    profession: str
    specialty: str
    counts: list[int | None]  # per year; None: hidden by disclosure control
    key: str = ""  # profession/specialty codes


@dataclass(frozen=True)
class Pipeline:
    years: list[int]
    rows: list[PipelineRow]
    posts_with: list[int | None]
    posts_without: list[int | None]


def pipeline(unit: Unit, today: dt.date, hide: Hide | None = None,
             years: int = PIPELINE_YEARS, *, protected: bool = False) -> Pipeline:
    """Expected completions per profession and specialty, and education posts ending.

    With `protected` (the user's counts pass disclosure control) the figures of every
    unit of the tree are protected as one table (`pipeline_suppression`), so the region's
    pipeline minus its trusts' shown figures gives nothing away.
    """
    raw = _pipeline_raw(unit, today, years)
    if not protected:
        return raw if hide is None else _hidden_each(raw, hide)
    hidden = pipeline_suppression(unit, today, years).hidden
    uid = unit.pk
    return Pipeline(
        raw.years,
        [PipelineRow(row.profession, row.specialty, [
            None if ("done", uid, row.key, year) in hidden else count
            for year, count in zip(raw.years, row.counts, strict=True)], row.key)
         for row in raw.rows],
        [None if ("with", uid, year) in hidden else count
         for year, count in zip(raw.years, raw.posts_with, strict=True)],
        [None if ("without", uid, year) in hidden else count
         for year, count in zip(raw.years, raw.posts_without, strict=True)])


def _hidden_each(raw: Pipeline, hide: Hide) -> Pipeline:
    return Pipeline(raw.years, [PipelineRow(row.profession, row.specialty,
                                            [hide(count) for count in row.counts], row.key)
                                for row in raw.rows],
                    [hide(count) for count in raw.posts_with],
                    [hide(count) for count in raw.posts_without])


def _kept_for_the_data(key: str, compute: Callable[[], T]) -> T:
    """`compute()`, cached under `key` and the data version: the forecasts behind the
    pipeline and the capacity report take a region's every active candidate (about a
    second and a half at 150,000 employees) and change only with the data or the day."""
    return recent.get_or_compute(f"{key}:{data_version()}", compute, CACHE_SECONDS)


def _pipeline_raw(unit: Unit, today: dt.date, years: int) -> Pipeline:
    return _kept_for_the_data(f"education-pipeline-raw:{unit.pk}:{years}:{today.isoformat()}",
                              lambda: _pipeline_raw_of(unit, today, years))


def _pipeline_raw_of(unit: Unit, today: dt.date, years: int) -> Pipeline:
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
                                [round(by_year.get(year, 0)) for year in span],
                                f"{profession}/{specialty}"))
    ending = adapter.education_posts_ending(unit_ids, first, last)
    return Pipeline(span, rows, [ending[year][0] for year in span],
                    [ending[year][1] for year in span])


def pipeline_suppression(unit: Unit, today: dt.date, years: int = PIPELINE_YEARS):
    """The pipelines of every unit of the tree `unit` is in, protected as one table.

    Groups: per parent unit, each completion count (profession/specialty and year) and
    each count of posts ending = the child units' (+ candidates placed in the parent).
    The page shows no row or column totals, so those are the only relations.
    """
    root = disclosure.root_of(unit)
    key = (f"disclosure-pipeline:{root.pk}:{years}:{disclosure.threshold()}:"
           f"{today.isoformat()}:{data_version()}")
    result = cache.get(key)
    if result is not None:
        return result
    units = list(root.subtree().order_by("path"))
    span = list(range(today.year, today.year + years))
    # Expected completions and posts add up over units: each unit's own figures (all read
    # at once, grouped by unit), summed up the tree (rounded as the page rounds a
    # subtree's sum).
    with_pipeline = _units_with_pipeline([u.pk for u in units])
    completions = adapter.pipeline_completions_by_unit(list(with_pipeline), span[0], span[-1],
                                                       today=today)
    ending = adapter.education_posts_ending_by_unit(list(with_pipeline), span[0], span[-1])
    own: dict[int, dict[tuple[str, int], float]] = {}
    for uid in with_pipeline:
        figures = {(f"{profession}/{specialty}", int(year)): float(count)
                   for profession, specialty, year, count in completions.get(uid, [])}
        for year, (with_post, without) in ending[uid].items():
            figures[("with", year)], figures[("without", year)] = with_post, without
        own[uid] = figures
    keys = sorted({name for figures in own.values() for name, _ in figures
                   if name not in ("with", "without")})
    # Each unit's figures go to it and to every unit above it (a unit's subtree is the
    # units whose path starts with its path), added in the same order as before.
    by_path = {u.path: u.pk for u in units}
    path_of = {u.pk: u.path for u in units}
    sums: dict[int, dict[tuple[str, int], float]] = {u.pk: {} for u in units}
    for uid, figures in own.items():
        parts = path_of[uid].strip("/").split("/")
        above = [by_path[p] for p in ("/" + "/".join(parts[:n]) + "/"
                                      for n in range(1, len(parts) + 1)) if p in by_path]
        for pk in above:
            total = sums[pk]
            for cell, value in figures.items():
                total[cell] = total.get(cell, 0) + value
    values: dict = {}
    for unit in units:
        total = sums[unit.pk]
        for year in span:
            for name in keys:
                values[("done", unit.pk, name, year)] = round(total.get((name, year), 0))
            for kind in ("with", "without"):
                values[(kind, unit.pk, year)] = int(total.get((kind, year), 0))
    children_of: dict[int, list[int]] = {}
    for child in units:
        if child.parent_id is not None:
            children_of.setdefault(child.parent_id, []).append(child.pk)
    groups = []
    kinds = [("done", name) for name in keys] + [("with",), ("without",)]
    for parent in units:
        children = children_of.get(parent.pk)
        if not children:
            continue
        for kind in kinds:
            for year in span:
                total_cell = (kind[0], parent.pk, *kind[1:], year)
                groups.append(disclosure.additive_group(
                    total_cell, [(kind[0], child, *kind[1:], year) for child in children],
                    values, residual=("direct", *total_cell)))
    result = disclosure.protect(values, groups)
    cache.set(key, result, timeout=CACHE_SECONDS)
    return result


def _units_with_pipeline(unit_ids: list[int]) -> set[int]:
    candidates = adapter._pipeline_candidates(unit_ids).values_list("unit_id", flat=True)
    posts = Position.objects.filter(kind=PositionKind.EDUCATION, unit_id__in=unit_ids)
    return set(candidates) | set(posts.values_list("unit_id", flat=True))


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


def capacity(unit: Unit, today: dt.date, hide: Hide, months: int = CAPACITY_MONTHS,
             statuses: Mapping[int, adapter.PathwayStatus] | None = None,
             ) -> tuple[list[dt.date], list[CapacityRow]]:
    """Per unit in the subtree with any need or supply, the next months.

    `statuses`: forecasts the caller has already computed on `today` (by candidate id);
    only the other candidates' are computed.

    Where fewer candidates or supervisors than the threshold are counted (planners), the
    hours are hidden too: with a handful of people behind them they describe persons.
    """
    units = {u.pk: u for u in unit.subtree()}
    starts = month_starts(today, months)
    if not statuses:
        # The forecasts of the subtree's active candidates, shared with the other months'
        # reports and the goals' "behind schedule" (cached for this set of candidates).
        statuses = pathway_statuses(list(Candidate.objects.filter(
            unit_id__in=list(units), status=Candidate.Status.ACTIVE
        ).select_related("template")), today)
    # Not the user's: what they may see is decided below, so the raw months are shared.
    result = _kept_for_the_data(
        f"education-capacity-raw:{unit.pk}:{months}:{today.isoformat()}",
        lambda: adapter.supervision_capacity(list(units), starts, today, statuses))
    by_unit: dict[int, list[CapacityCell]] = {}
    for month in result:
        # Need describes the candidates and supply the supervisors: both counts must be
        # safe to show (zero, or at the threshold or above) before the hours are.
        shown = all(count == 0 or hide(count) is not None
                    for count in (month.candidates, month.supervisors))
        by_unit.setdefault(month.unit_id, []).append(
            CapacityCell(month.needed, month.available, month.short) if shown
            else CapacityCell(None, None, None))
    rows = [CapacityRow(units[unit_id], cells) for unit_id, cells in by_unit.items()]
    rows.sort(key=lambda row: row.unit.path)
    return starts, rows


def templates_in_use() -> QuerySet[PathwayTemplate]:
    return PathwayTemplate.objects.filter(active=True).select_related("profession", "specialty")
