"""The unit summary: the numbers behind the unit page and the API's unit summary.

Everything is for the unit's subtree on one day (`today`). Counts and sums are database
aggregates; only turnover and the age profile read rows, through `fagkraft.adapter`, into
the engine. Where the counts pass disclosure control (the regional planner), the figures
of the whole unit tree form one table that `access.disclosure` protects: every count under
the threshold and every complementary cell becomes None (shown as "x"), and so does any
figure derived from it (the FTE of that group, a share or rate computed from it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import pandas as pd
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from fagkraft import access
from fagkraft.access import disclosure
from fagkraft.adapter import workforce as adapter
from fagkraft.audit.services import data_version
from fagkraft.engine import staffing
from fagkraft.engine.ages import age_profile, ages_on
from fagkraft.engine.disclosure import Cell, Group, Suppression
from fagkraft.engine.turnover import PERMANENT
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
    """Passes counts through: the figures are computed in full, then protected as one
    table (`_protect`), never cell by cell."""

    def __init__(self, user: access.User | None = None) -> None:
        self.user = user

    def count(self, value: int | None) -> int | None:
        return value


def unit_summary(unit: Unit, user: access.User, today: dt.date | None = None) -> UnitSummary:
    """The unit page's figures, cached until the data changes.

    A trust's summary reads tens of thousands of positions; the figures only change when
    data does, so they are kept in the cache under the data version (the newest audited
    write) and today's date. Suppression differs between roles, so it is in the key too.
    """
    if not access.units_for(user).filter(pk=unit.pk).exists():
        raise PermissionDenied
    today = today or dt.date.today()
    suppressed = disclosure.controls(user, unit)
    key = f"unit-summary:{unit.pk}:{int(suppressed)}:{today.isoformat()}:{data_version()}"
    summary = cache.get(key)
    if summary is None:
        summary = _compute_summary(unit, today)
        if suppressed:
            summary = _protect(summary, workforce_table(unit, today))
        cache.set(key, summary, timeout=SUMMARY_CACHE_SECONDS)
    return summary


def _compute_summary(unit: Unit, today: dt.date, *, with_turnover: bool = True) -> UnitSummary:
    domain = settings.FAGKRAFT
    hide = _Suppressor()
    subtree = list(Unit.objects.filter(Unit.subtree_q(unit.path)).values_list("id", "path"))
    unit_ids = [unit_id for unit_id, _ in subtree]
    professions = _professions()
    children = list(unit.children.order_by("path").values_list("id", "code", "name", "level",
                                                                  "path"))
    # One read of today's positions and one pass over them (engine.staffing.current_staff)
    # give the headcount, FTE, professions, child units, specialist track and births.
    staff = staffing.current_staff(
        adapter.current_rows(unit_ids, today, unit.path), _branch_of(children, subtree),
        {pk for pk, (_code, _name, on_track) in professions.items() if on_track},
        PERMANENT)
    headcount = hide.count(staff.people)
    fte = staff.fte if headcount is not None else None
    specialists, eligible, share = _specialist_figures(staff.eligible, unit, today, hide)
    profile = age_profile(ages_on(staff.birth_years, staff.birth_dates, today),
                          domain["SENIOR_AGE"])
    senior_count = hide.count(profile.senior_count)
    turnover = [
        adapter.turnover_to_dict(year)
        for year in adapter.turnover_by_year(
            unit_ids, today, domain["TURNOVER_YEARS"], domain["INTERNAL_MOVE_GRACE_DAYS"],
            unit.path, whole_trusts=unit.level in (Unit.Level.REGION, Unit.Level.TRUST),
            kept=(unit.pk, staff.permanent_people),
        )
    ] if with_turnover else []
    return UnitSummary(
        unit_id=unit.pk,
        unit_code=unit.code,
        unit_name=unit.name,
        level=unit.level,
        as_of=today,
        suppressed=False,
        headcount=headcount,
        fte=fte,
        fte_by_profession=_by_profession(staff, professions, hide),
        specialists=specialists,
        specialist_eligible=eligible,
        specialist_share=share,
        vacancies=_open_vacancies(unit_ids, today),
        age_bands=[{"label": band.label, "count": band.count} for band in profile.bands],
        senior_age=profile.senior_age,
        senior_count=senior_count,
        senior_share=profile.senior_share if senior_count is not None else None,
        turnover=turnover,
        children=_children(children, staff, hide),
    )


Professions = dict[int, tuple[str, str, bool]]  # pk -> (code, name, specialist_track)
Children = list[tuple[int, str, str, str, str]]  # (id, code, name, level, path) by path


def _professions() -> Professions:
    return {
        pk: (code, name, track)
        for pk, code, name, track in Profession.objects.values_list(
            "pk", "code", "name", "specialist_track")
    }


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
    return _specialist_figures(eligible, unit, today, hide)


def _specialist_figures(
    eligible: Collection[int], unit: Unit, today: dt.date, hide: _Suppressor,
) -> tuple[int | None, int | None, float | None]:
    """(approved, eligible, share) of the persons on a specialist track."""
    in_force = SpecialistApproval.objects.filter(SpecialistApproval.active_on_q(today))
    if len(eligible) <= APPROVAL_LOOKUP_MAX_PEOPLE:
        in_force = in_force.filter(employee_id__in=list(eligible))
    elif unit.trust_id is not None:
        in_force = in_force.filter(employee__trust_id=unit.trust_id)
    else:
        in_force = in_force.filter(employee__trust__region_id=unit.pk)
    approved = len(set(eligible) & set(in_force.values_list("employee_id", flat=True)))
    specialists, eligible_count = hide.count(approved), hide.count(len(eligible))
    if specialists is None or eligible_count is None or not eligible_count:
        return specialists, eligible_count, None
    return specialists, eligible_count, specialists / eligible_count


def specialist_share_on(unit: Unit, day: dt.date) -> tuple[int, int]:
    """(specialists, eligible) in the unit's subtree on `day`, as the unit page counts
    them (no access check, no suppression: callers protect the figures)."""
    subtree = list(Unit.objects.filter(Unit.subtree_q(unit.path)).values_list("id", flat=True))
    current = adapter.current_positions(subtree, day, unit.path)
    specialists, eligible, _share = _specialist_share(current, unit, _professions(), day,
                                                      _Suppressor())
    return specialists or 0, eligible or 0


def _by_profession(
    staff: staffing.CurrentStaff, professions: Professions, hide: _Suppressor
) -> list[GroupFigures]:
    figures = []
    for key, people, fte in staff.by_profession:
        code, name, _track = professions[key]
        headcount = hide.count(people)
        figures.append(GroupFigures(key=code, label=name, headcount=headcount,
                                    fte=fte if headcount is not None else None))
    return figures


def _branch_of(children: Children, subtree: list[tuple[int, str]]) -> dict[int, int]:
    """Every unit of the subtree -> the child unit it sits under."""
    return {
        unit_id: child_id
        for child_id, _code, _name, _level, path in children
        for unit_id, unit_path in subtree if unit_path.startswith(path)
    }


def _children(
    children: Children, staff: staffing.CurrentStaff, hide: _Suppressor
) -> list[GroupFigures]:
    """Each child unit with its subtree's headcount and FTE."""
    figures = []
    for child_id, code, name, level, _path in children:
        people, fte = staff.by_branch.get(child_id, (0, 0.0))
        headcount = hide.count(people)
        figures.append(GroupFigures(key=code, label=name, headcount=headcount,
                                    fte=fte if headcount is not None else None,
                                    unit_id=child_id, level=level))
    return figures


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


# --- Disclosure control (docs/access.md, "Disclosure control") ------------------------
# The headcounts of every unit of the tree, by profession, age band and specialist
# status, form one table; it is protected once for the whole tree, so a figure hidden on
# one unit's page cannot be worked out from its parent's or its children's pages.

Table = tuple[dict[Cell, int], list[Group]]


def workforce_table(unit: Unit, today: dt.date) -> Suppression:
    """The protected table of the tree `unit` is in, cached until the data changes."""
    root = disclosure.root_of(unit)
    key = (f"disclosure-workforce:{root.pk}:{disclosure.threshold()}:"
           f"{today.isoformat()}:{data_version()}")
    result = cache.get(key)
    if result is None:
        values, groups = build_workforce_table(root, today)
        result = disclosure.protect(values, groups)
        cache.set(key, result, timeout=SUMMARY_CACHE_SECONDS)
    return result


def build_workforce_table(root: Unit, today: dt.date) -> Table:
    """Cells and groups: per unit, headcount = its age bands = its professions (+ rest);
    eligible = specialists + not yet = its specialist-track professions (+ rest); per
    parent, each of these = the same figure of its child units (+ people in the parent
    itself). Residuals ("+ rest") are not printed but can be worked out, so they are cells.

    One read of the tree's positions: each position counts in its unit and every unit
    above it, and each figure counts distinct persons, exactly as `_compute_summary` does.
    """
    units = list(Unit.objects.filter(Unit.subtree_q(root.path)).order_by("path")
                 .values_list("id", "path", "parent_id"))
    current = adapter.current_positions([uid for uid, _, _ in units], today, root.path)
    above = {uid: [other for other, other_path, _ in units if path.startswith(other_path)]
             for uid, path, _ in units}
    professions = dict(Profession.objects.values_list("pk", "code"))
    track = set(Profession.objects.filter(specialist_track=True).values_list("pk", flat=True))
    people = current.drop_duplicates("employee_id")
    ages = dict(zip(people["employee_id"], ages_on(people["birth_year"], people["birth_date"],
                                                     today), strict=True))
    exploded = current.assign(unit=current["unit_id"].map(above)).explode("unit")
    members = exploded.groupby("unit")["employee_id"].unique().to_dict()
    by_profession = (exploded.dropna(subset=["profession_id"])
                     .groupby(["unit", "profession_id"])["employee_id"].nunique().to_dict())
    eligible_of = (exploded[exploded["profession_id"].isin(track)]
                   .groupby("unit")["employee_id"].unique().to_dict())
    approved = set(SpecialistApproval.objects.filter(
        SpecialistApproval.active_on_q(today),
        employee_id__in=[int(pk) for pk in people["employee_id"]]).values_list(
        "employee_id", flat=True))
    codes = sorted({professions[int(pk)] for _, pk in by_profession})
    senior_age = settings.FAGKRAFT["SENIOR_AGE"]
    values: dict[Cell, int] = {}
    bands: list[str] = []
    for uid, _path, _parent in units:
        persons = members.get(uid, [])
        profile = age_profile([ages[pk] for pk in persons], senior_age)
        bands = [band.label for band in profile.bands]
        eligible = set(eligible_of.get(uid, []))
        values[("hc", uid)] = len(persons)
        values.update({("age", uid, band.label): band.count for band in profile.bands})
        values.update({("prof", uid, code): 0 for code in codes})
        values[("elig", uid)] = len(eligible)
        values[("spec", uid)] = len(eligible & approved)
        values[("notspec", uid)] = len(eligible - approved)
    for (uid, pk), count in by_profession.items():
        values[("prof", uid, professions[int(pk)])] = int(count)
    track_codes = [code for pk, code in professions.items() if pk in track and code in codes]
    groups: list[Group] = []
    for uid, _path, _parent in units:
        groups.append(Group(("hc", uid), tuple(("age", uid, band) for band in bands)))
        groups.append(disclosure.additive_group(
            ("hc", uid), [("prof", uid, code) for code in codes], values,
            residual=("prof-rest", uid)))
        groups.append(Group(("elig", uid), (("spec", uid), ("notspec", uid))))
        groups.append(disclosure.additive_group(
            ("elig", uid), [("prof", uid, code) for code in track_codes], values,
            residual=("elig-rest", uid)))
        children = [child for child, _, parent in units if parent == uid]
        if not children:
            continue
        kinds: list[tuple[Any, ...]] = [("hc",), ("elig",), ("spec",), ("notspec",)]
        kinds += [("prof", code) for code in codes] + [("age", band) for band in bands]
        for kind in kinds:
            total = (kind[0], uid, *kind[1:])
            parts = [(kind[0], child, *kind[1:]) for child in children]
            groups.append(disclosure.additive_group(
                total, parts, values, residual=("direct", *total)))
    return values, groups


def _protect(summary: UnitSummary, table: Suppression) -> UnitSummary:
    """The summary with every hidden cell, and every figure derived from one, as None."""
    hidden = table.hidden
    uid = summary.unit_id
    shown = replace(summary, suppressed=True)
    if ("hc", uid) in hidden:
        shown.headcount = shown.fte = None
    shown.fte_by_profession = [
        replace(group, headcount=None, fte=None) if ("prof", uid, group.key) in hidden
        else group for group in summary.fte_by_profession]
    shown.age_bands = [
        {**band, "count": None if ("age", uid, band["label"]) in hidden else band["count"]}
        for band in summary.age_bands]
    senior_band = summary.age_bands[-1]["label"] if summary.age_bands else None
    if ("age", uid, senior_band) in hidden:
        shown.senior_count = None
    if shown.senior_count is None or shown.headcount is None:
        shown.senior_share = None
    if ("spec", uid) in hidden:
        shown.specialists = None
    if ("elig", uid) in hidden:
        shown.specialist_eligible = None
    if shown.specialists is None or shown.specialist_eligible is None:
        shown.specialist_share = None
    shown.children = [
        replace(child, headcount=None, fte=None) if ("hc", child.unit_id) in hidden
        else child for child in summary.children]
    shown.turnover = [_protect_turnover(year) for year in summary.turnover]
    return shown


def _protect_turnover(year: dict[str, Any]) -> dict[str, Any]:
    """Leavers = left the trust + moved within it, protected as a table of its own; a rate
    is hidden with its count, and all rates with the average headcount they divide by
    (rate x average headcount gives the count back)."""
    values: dict[Cell, int] = {"leavers": year["leavers"], "left_trust": year["left_trust"],
                               "internal_moves": year["internal_moves"],
                               "average": round(year["average_headcount"])}
    hidden = disclosure.protect(
        values, [Group("leavers", ("left_trust", "internal_moves"))]).hidden
    shown = dict(year)
    for key in ("leavers", "left_trust", "internal_moves"):
        if key in hidden:
            shown[key] = None
    if "average" in hidden:
        shown["average_headcount"] = None
    for count_key, rate_key in (("leavers", "rate"), ("left_trust", "left_trust_rate"),
                                ("internal_moves", "internal_move_rate")):
        if shown[count_key] is None or shown["average_headcount"] is None:
            shown[rate_key] = None
    shown["left_unit"], shown["left_unit_rate"] = shown["leavers"], shown["rate"]
    return shown
