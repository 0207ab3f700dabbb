"""The unit summary: the numbers behind the unit page and the API's unit summary.

Everything is for the unit's subtree on one day (`today`). Counts and sums are database
aggregates; only turnover and the age profile read rows, through `fagkraft.adapter`, into
the engine. For the regional planner every person count under the suppression threshold
becomes None (shown as "<5"), and so does any figure that would reveal it (the FTE of
that group, a share or rate computed from it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from fagkraft import access
from fagkraft.adapter import workforce as adapter
from fagkraft.audit.services import data_version
from fagkraft.engine import staffing
from fagkraft.workforce.models import Profession, SpecialistApproval, Unit, Vacancy

# The key holds the data version and the date, so entries never go stale; the timeout only
# keeps the cache from holding summaries nobody asks for any more.
SUMMARY_CACHE_SECONDS = 6 * 3600


@dataclass
class GroupFigures:
    """Headcount and FTE of a group of people (a profession, a child unit)."""

    key: str
    label: str
    headcount: int | None
    fte: float | None
    unit_id: int | None = None
    level: str = ""


@dataclass
class VacancyRow:
    id: int
    unit_id: int
    unit_code: str
    unit_name: str
    profession: str
    fte_percent: float
    kind: str
    opened_on: dt.date
    days_open: int


@dataclass
class UnitSummary:
    unit_id: int
    unit_code: str
    unit_name: str
    level: str
    as_of: dt.date
    suppressed: bool  # whether small counts are hidden for this user
    headcount: int | None
    fte: float | None
    fte_by_profession: list[GroupFigures]
    specialists: int | None
    specialist_eligible: int | None
    specialist_share: float | None
    vacancies: list[VacancyRow]
    age_bands: list[dict[str, Any]]
    senior_age: int
    senior_count: int | None
    senior_share: float | None
    turnover: list[dict[str, Any]]  # oldest year first; the last is this year to date
    children: list[GroupFigures] = field(default_factory=list)

    @property
    def open_vacancies(self) -> int:
        return len(self.vacancies)

    @property
    def turnover_this_year(self) -> dict[str, Any] | None:
        return self.turnover[-1] if self.turnover else None

    def as_dict(self) -> dict[str, Any]:
        """JSON-safe: dates as ISO strings, numbers as int/float, None where suppressed."""
        data = asdict(self)
        data["as_of"] = self.as_of.isoformat()
        data["open_vacancies"] = self.open_vacancies
        for row in data["vacancies"]:
            row["opened_on"] = row["opened_on"].isoformat()
        return data


class _Suppressor:
    def __init__(self, user: access.User) -> None:
        self.user = user

    def count(self, value: int | None) -> int | None:
        return access.suppress(value, self.user)

    @staticmethod
    def complement(shown: list[int | None], raw: list[int]) -> list[int | None]:
        """Secondary suppression for cells that add up to a shown total.

        With a single hidden cell, the total minus the others would reveal it, so the
        smallest other non-zero cell is hidden too.
        """
        hidden = [value is None for value in shown]
        if sum(hidden) != 1:
            return shown
        candidates = [(raw[i], i) for i, value in enumerate(shown) if value]
        if not candidates:
            return shown
        _, index = min(candidates)
        return [None if i == index else value for i, value in enumerate(shown)]


def unit_summary(unit: Unit, user: access.User, today: dt.date | None = None) -> UnitSummary:
    """The unit page's figures, cached until the data changes.

    A trust's summary reads tens of thousands of positions; the figures only change when
    data does, so they are kept in the cache under the data version (the newest audited
    write) and today's date. Suppression differs between roles, so it is in the key too.
    """
    if not access.units_for(user).filter(pk=unit.pk).exists():
        raise PermissionDenied
    today = today or dt.date.today()
    suppressed = access.scope_of(user).suppresses_small_counts
    key = f"unit-summary:{unit.pk}:{int(suppressed)}:{today.isoformat()}:{data_version()}"
    summary = cache.get(key)
    if summary is None:
        summary = _compute_summary(unit, user, today)
        cache.set(key, summary, timeout=SUMMARY_CACHE_SECONDS)
    return summary


def _compute_summary(unit: Unit, user: access.User, today: dt.date) -> UnitSummary:
    domain = settings.FAGKRAFT
    hide = _Suppressor(user)
    subtree = list(Unit.objects.filter(Unit.subtree_q(unit.path)).values_list("id", "path"))
    unit_ids = [unit_id for unit_id, _ in subtree]
    current = adapter.current_positions(unit_ids, today, unit.path)
    professions = {
        pk: (code, name, track)
        for pk, code, name, track in Profession.objects.values_list(
            "pk", "code", "name", "specialist_track")
    }

    people, total_fte = staffing.totals(current)
    headcount = hide.count(people)
    fte = total_fte if headcount is not None else None
    specialists, eligible, share = _specialist_share(current, unit, professions, today, hide)
    profile = adapter.age_profile_of(current, today, domain["SENIOR_AGE"])
    senior_count = hide.count(profile.senior_count)
    turnover = [
        _suppress_turnover(adapter.turnover_to_dict(year), hide)
        for year in adapter.turnover_by_year(
            unit_ids, today, domain["TURNOVER_YEARS"], domain["INTERNAL_MOVE_GRACE_DAYS"],
            unit.path, whole_trusts=unit.level in (Unit.Level.REGION, Unit.Level.TRUST),
        )
    ]
    return UnitSummary(
        unit_id=unit.pk,
        unit_code=unit.code,
        unit_name=unit.name,
        level=unit.level,
        as_of=today,
        suppressed=access.scope_of(user).suppresses_small_counts,
        headcount=headcount,
        fte=fte,
        fte_by_profession=_by_profession(current, professions, hide),
        specialists=specialists,
        specialist_eligible=eligible,
        specialist_share=share,
        vacancies=_open_vacancies(unit_ids, today),
        age_bands=[
            {"label": band.label, "count": count}
            for band, count in zip(profile.bands, hide.complement(
                [hide.count(band.count) for band in profile.bands],
                [band.count for band in profile.bands]), strict=True)
        ],
        senior_age=profile.senior_age,
        senior_count=senior_count,
        senior_share=profile.senior_share if senior_count is not None else None,
        turnover=turnover,
        children=_children(unit, subtree, current, hide),
    )


Professions = dict[int, tuple[str, str, bool]]  # pk -> (code, name, specialist_track)


# Up to this many people, approvals are looked up by person; above it, all approvals in
# force in the trust (or region) are read once and matched in memory, which is faster
# than letting the database join approvals to positions across a whole trust.
APPROVAL_LOOKUP_MAX_PEOPLE = 2000


def _specialist_share(
    current: pd.DataFrame, unit: Unit, professions: Professions, today: dt.date,
    hide: _Suppressor,
) -> tuple[int | None, int | None, float | None]:
    """Current staff in specialist-track professions, and how many hold an active approval."""
    track = {pk for pk, (_code, _name, on_track) in professions.items() if on_track}
    eligible = set(current.loc[current["profession_id"].isin(track), "employee_id"].unique())
    in_force = SpecialistApproval.objects.filter(SpecialistApproval.active_on_q(today))
    if len(eligible) <= APPROVAL_LOOKUP_MAX_PEOPLE:
        in_force = in_force.filter(employee_id__in=list(eligible))
    elif unit.trust_id is not None:
        in_force = in_force.filter(employee__trust_id=unit.trust_id)
    else:
        in_force = in_force.filter(employee__trust__region_id=unit.pk)
    approved = len(eligible & set(in_force.values_list("employee_id", flat=True)))
    specialists, eligible_count = hide.count(approved), hide.count(len(eligible))
    if specialists is None or eligible_count is None or not eligible_count:
        return specialists, eligible_count, None
    return specialists, eligible_count, specialists / eligible_count


def _by_profession(
    current: pd.DataFrame, professions: Professions, hide: _Suppressor
) -> list[GroupFigures]:
    rows = staffing.by_group(current, "profession_id")
    figures = []
    for key, people, fte in rows.itertuples(index=False):
        code, name, _track = professions[int(key)]
        headcount = hide.count(int(people))
        figures.append(GroupFigures(key=code, label=name, headcount=headcount,
                                    fte=float(fte) if headcount is not None else None))
    return _complement_groups(figures, [int(people) for people in rows["headcount"]])


def _complement_groups(figures: list[GroupFigures], raw: list[int]) -> list[GroupFigures]:
    shown = _Suppressor.complement([figure.headcount for figure in figures], raw)
    for figure, headcount in zip(figures, shown, strict=True):
        if headcount is None:
            figure.headcount = figure.fte = None
    return figures


def _children(
    unit: Unit, subtree: list[tuple[int, str]], current: pd.DataFrame, hide: _Suppressor
) -> list[GroupFigures]:
    """Each child unit with its subtree's headcount and FTE."""
    children = list(unit.children.order_by("path").values_list("id", "code", "name", "level",
                                                                  "path"))
    if not children:
        return []
    # Map every unit of the subtree to the child it sits under.
    branch_of = {
        unit_id: child_id
        for child_id, _code, _name, _level, path in children
        for unit_id, unit_path in subtree if unit_path.startswith(path)
    }
    rows = staffing.by_group(current.assign(branch=current["unit_id"].map(branch_of)), "branch")
    by_branch = {int(key): (int(people), float(fte)) for key, people, fte in
                 rows.itertuples(index=False)}
    figures, raw = [], []
    for child_id, code, name, level, _path in children:
        people, fte = by_branch.get(child_id, (0, 0.0))
        headcount = hide.count(people)
        raw.append(people)
        figures.append(GroupFigures(key=code, label=name, headcount=headcount,
                                    fte=fte if headcount is not None else None,
                                    unit_id=child_id, level=level))
    return _complement_groups(figures, raw)


def _open_vacancies(unit_ids: list[int], today: dt.date) -> list[VacancyRow]:
    rows = (
        Vacancy.objects.filter(Vacancy.open_on_q(today), unit_id__in=unit_ids)
        .order_by("opened_on", "pk")
        .values_list("pk", "unit_id", "unit__code", "unit__name", "profession__name",
                     "fte_percent", "kind", "opened_on")
    )
    return [
        VacancyRow(id=pk, unit_id=unit_id, unit_code=code, unit_name=name, profession=profession,
                   fte_percent=float(fte), kind=kind, opened_on=opened,
                   days_open=(today - opened).days)
        for pk, unit_id, code, name, profession, fte, kind, opened in rows
    ]


def _suppress_turnover(year: dict[str, Any], hide: _Suppressor) -> dict[str, Any]:
    """Hide leaver counts under the threshold, and any rate that would give them away."""
    if not hide.user or not access.scope_of(hide.user).suppresses_small_counts:
        return year
    shown = dict(year)
    average_hidden = hide.count(round(year["average_headcount"])) is None
    if average_hidden:
        shown["average_headcount"] = None
    shown["leavers"] = hide.count(year["leavers"])
    # The two kinds of leaving add up to the total: hiding one means hiding both.
    parts = [hide.count(year["left_trust"]), hide.count(year["internal_moves"])]
    if None in parts:
        parts = [None, None]
    shown["left_trust"], shown["internal_moves"] = parts
    for count_key, rate_key in (("leavers", "rate"), ("left_trust", "left_trust_rate"),
                                ("internal_moves", "internal_move_rate")):
        if shown[count_key] is None or average_hidden:
            shown[rate_key] = None
    return shown
