"""The retention page's figures for a unit's subtree (docs/metrics.md, "Retention").

The register's positions become spells (adapter.retention), filtered by profession,
specialist and position type, and the engine draws a Kaplan-Meier curve for the
selection and for each group of the chosen breakdown, the competing causes as cumulative
incidence, and a table per calendar year: leaver rate and stability index of the year,
and the share of that year's hires still employed 1, 2 and 5 years later.

Disclosure: no curve (nor its median, shares or cause split) of fewer than
`engine.retention.MIN_GROUP_SIZE` spells is drawn for anyone: a curve of three people
is a statement about those people. Where the unit's counts pass disclosure control (the
regional planner, `access.disclosure.controls`), the counts are cells of one table over
the whole unit tree for the selection (`retention.tree_table`: group sizes with their
total, each parent's counts with its child units', each year's headcounts, leavers and
hires with the stayers and leavers of the year's starters, a filtered selection's
totals kept as the unfiltered table has them), the rates and curves made from a hidden
count are hidden too, the curve shows no at-risk or event counts, and a curve needs at
least the threshold. Under disclosure control the register's first day is the earliest
start and a breakdown the tree table does not hold is not shown (`Selection.restricted`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from fagkraft.access import disclosure
from fagkraft.adapter.retention import spells_for_unit
from fagkraft.audit.services import data_version
from fagkraft.engine import retention as engine
from fagkraft.engine.disclosure import Cell
from fagkraft.retention import tree_table
from fagkraft.workforce.models import PositionKind, Profession, Unit

BREAKDOWNS = ("", "profession", "specialist", "unit", "position_type", "age_band", "cohort")
YEARS_SHOWN = 10


def breakdown_labels() -> dict[str, str]:
    return {"": _("No breakdown"), "profession": _("Profession"),
            "specialist": _("Specialist yes/no"), "unit": _("Unit (subtree)"),
            "position_type": _("Position type"), "age_band": _("Age band at hire"),
            "cohort": _("Hiring cohort")}


def cause_labels() -> dict[str, str]:
    return {engine.LEFT_TRUST: _("Left the trust"), engine.INTERNAL_MOVE: _("Internal move"),
            engine.RETIRED: _("Retired")}


@dataclass(frozen=True)
class Selection:
    """Which spells: filters (empty = all) and the breakdown into groups."""

    profession: str = ""
    specialist: bool | None = None
    position_type: str = ""
    by: str = ""
    observed_from: dt.date | None = None  # the register's first day; None: earliest start

    @property
    def constraints(self) -> tree_table.Constraints:
        return tree_table.constraints_of(self.profession, self.specialist,
                                         self.position_type)

    def restricted(self) -> tuple[Selection, bool]:
        """The selection as shown under disclosure control, and whether it changed: no
        chosen first day of the register, no breakdown the tree table does not hold."""
        allowed = tree_table.allowed_breakdown(self.constraints, self.by)
        changed = self.observed_from is not None or not allowed
        return replace(self, observed_from=None, by=self.by if allowed else ""), changed

    def keeps(self, spell: engine.Spell) -> bool:
        facts = spell.facts
        return ((not self.profession or facts.get("profession") == self.profession)
                and (self.specialist is None or facts.get("specialist") is self.specialist)
                and (not self.position_type or facts.get("position_type") == self.position_type))


@dataclass
class GroupCurve:
    key: str
    label: str
    size: int | None  # spells in the analysis; None where hidden
    curve: engine.RetentionCurve | None  # None: too small or hidden
    after_years: dict[int, float | None] = field(default_factory=dict)

    @property
    def median_days(self) -> int | None:
        return self.curve.median_days if self.curve is not None else None


@dataclass
class YearRow:
    year: int
    period_start: dt.date
    period_end: dt.date
    headcount_start: int | None
    headcount_end: int | None
    leavers: int | None
    leaver_rate: float | None
    stability_index: float | None
    hired: int | None
    still_employed: dict[int, float | None]  # of the year's hires, 1, 2 and 5 years later


@dataclass
class RetentionReport:
    unit: Unit
    as_of: dt.date
    observed_from: dt.date
    selection: Selection
    protected: bool
    min_size: int
    total: GroupCurve
    groups: list[GroupCurve]
    incidence: dict[str, tuple[engine.IncidencePoint, ...]] | None
    years: list[YearRow]
    restricted: bool = False  # disclosure control dropped part of the selection


def retention_report(unit: Unit, selection: Selection, as_of: dt.date, *,
                     protected: bool,
                     spells: Sequence[engine.Spell] | None = None) -> RetentionReport:
    """The page's figures. `spells`: the unit's spells already read (else they are read
    with adapter.retention.spells_for_unit)."""
    restricted = False
    if protected:
        selection, restricted = selection.restricted()
    version = str(data_version())
    tree_spells: Sequence[engine.Spell] | None = None
    if protected and spells is None and not tree_table.is_built(
            unit, selection.constraints, as_of, version):
        # A cold tree table reads every spell of the tree; the unit's are among them, so
        # they are picked out of that one read instead of read again (a path ends in "/",
        # so a prefix is exactly the subtree, as Unit.subtree_q reads it).
        root = disclosure.root_of(unit)
        tree_spells = spells_for_unit(root)
        spells = tree_spells if root.pk == unit.pk else [
            spell for spell in tree_spells if str(spell.facts["unit_path"]).startswith(unit.path)]
    every = spells_for_unit(unit) if spells is None else spells
    spells = [s for s in every if s.start <= as_of and selection.keeps(s)]
    observed_from = selection.observed_from or min((s.start for s in spells), default=as_of)
    threshold = disclosure.threshold() if protected else 1
    min_size = max(engine.MIN_GROUP_SIZE, threshold)
    # One conversion of the spells to arrays, shared by every engine call below.
    table = engine.SpellTable.of(spells)
    observation = table.observe(as_of, observed_from)
    total_curve = engine.kaplan_meier(observation)
    groups = _groups(unit, spells, selection.by, as_of, observed_from, table)
    years = _years(spells, as_of, observed_from, table)

    filters = selection.constraints
    has_children = selection.by == "unit" and unit.children.exists()
    hidden: frozenset[Cell] = frozenset()
    if protected:
        # This unit's cells, and for the breakdown by unit its child units' totals.
        paths = [unit.path, *(group for group in groups if isinstance(group, str))] if (
            selection.by == "unit") else [unit.path]
        hidden = tree_table.hidden_cells(unit, filters, as_of, version, paths,
                                         spells=tree_spells)

    def key_of(cell: Cell) -> Cell:
        """The page's cell, ("size", group) or (count, year), as the tree table names it."""
        name, key = cell
        if name == "total":
            return tree_table.size_key(unit.path, filters)
        if name != "size":
            return tree_table.year_key(name, unit.path, filters, key)
        if selection.by == "unit":  # a child unit's total, or the rest of the parent
            if key is not None:
                return tree_table.size_key(str(key), filters)
            # A unit without child units has one group: all of it, its own total.
            return (tree_table.direct_key(unit.path, filters) if has_children
                    else tree_table.size_key(unit.path, filters))
        return tree_table.size_key(unit.path, (*filters, (selection.by, key)))

    counts: dict[Cell, int] = {("total", None): total_curve.size}
    counts.update({("size", key): curve.size for key, (_label, curve) in groups.items()})
    for row in years:
        counts.update({(name, row.year): row.counts[name]
                       for name in ("hc_start", "hc_end", "leavers", "hired", "stayed")})

    def shown(cell: Cell) -> int | None:
        return None if protected and key_of(cell) in hidden else counts[cell]

    def group_curve(cell: Cell, label: str, curve: engine.RetentionCurve) -> GroupCurve:
        key = cell[1]
        size = shown(cell)
        drawn = curve if size is not None and size >= min_size else None
        if drawn is not None and protected:
            drawn = _without_counts(drawn)
        return GroupCurve("" if key is None else str(key), label, size, drawn,
                          drawn.after_years() if drawn is not None else {})

    total = group_curve(("total", None), _("All"), total_curve)
    shown_groups = [group_curve(("size", key), label, curve)
                    for key, (label, curve) in groups.items()]
    incidence = (engine.cumulative_incidence(observation)
                 if total.curve is not None else None)
    return RetentionReport(unit, as_of, observed_from, selection, protected, min_size,
                           total, shown_groups, incidence,
                           [row.shown(shown, min_size) for row in years], restricted)


def _without_counts(curve: engine.RetentionCurve) -> engine.RetentionCurve:
    """The curve without its at-risk and event counts (a step of one event is a person)."""
    points = tuple(engine.CurvePoint(p.days, 0, 0, p.retention, p.lower, p.upper)
                   for p in curve.points)
    return engine.RetentionCurve(points, curve.median_days, curve.size, curve.last_day)


def _groups(unit: Unit, spells: Sequence[engine.Spell], by: str, as_of: dt.date,
            observed_from: dt.date, table: engine.SpellTable | None = None,
            ) -> dict[Hashable, tuple[str, engine.RetentionCurve]]:
    """Each group's curve (drawn for every size; disclosure decides what shows)."""
    if not by:
        return {}
    labels = _label_function(unit, by)
    if by == "unit":
        children = list(unit.children.order_by("code"))
        key = engine.by_subtree([child.path for child in children])
    else:
        key = engine.GROUP_KEYS[by]
    curves = engine.curves_by_group(spells, key, as_of, observed_from, min_group_size=1,
                                    table=table)
    ordered = sorted(curves, key=lambda value: (value is None, str(value)))
    return {value: (labels(value), curve) for value in ordered
            if (curve := curves[value]) is not None}


def _label_function(unit: Unit, by: str) -> Callable[[Hashable], str]:
    unknown = _("Unknown")
    if by == "profession":
        names = dict(Profession.objects.values_list("code", "name"))
        return lambda value: names.get(value, value) if value else unknown
    if by == "specialist":
        return lambda value: {True: _("Specialist"), False: _("Not specialist")}.get(
            value, unknown)
    if by == "position_type":
        kinds = dict(PositionKind.choices)
        return lambda value: str(kinds.get(value, value)) if value else unknown
    if by == "unit":
        names = {child.path: child.name for child in unit.children.all()}
        direct = _("Directly in %(unit)s") % {"unit": unit.name}
        return lambda value: names.get(value, value) if value else direct
    return lambda value: str(value) if value is not None else unknown


@dataclass
class _YearCounts:
    year: int
    start: dt.date
    end: dt.date
    indices: engine.PeriodIndices
    cohort: engine.RetentionCurve | None
    counts: dict[str, int]

    def shown(self, shown: Callable[[Cell], int | None], min_size: int) -> YearRow:
        hc_start, hc_end = shown(("hc_start", self.year)), shown(("hc_end", self.year))
        leavers, hired = shown(("leavers", self.year)), shown(("hired", self.year))
        stayed = shown(("stayed", self.year))
        rate = self.indices.leaver_rate if None not in (hc_start, hc_end, leavers) else None
        stability = (self.indices.stability_index
                     if None not in (hc_start, stayed) else None)
        marks: dict[int, float | None] = {years: None for years in engine.YEAR_MARKS}
        if self.cohort is not None and hired is not None and hired >= min_size:
            marks = self.cohort.after_years()
        return YearRow(self.year, self.start, self.end, hc_start, hc_end, leavers, rate,
                       stability, hired, marks)


def _years(spells: Sequence[engine.Spell], as_of: dt.date, observed_from: dt.date,
           table: engine.SpellTable | None = None) -> list[_YearCounts]:
    """The calendar years the register covers in full (the current one up to `as_of`),
    newest last; at most YEARS_SHOWN."""
    first = observed_from.year + (0 if observed_from == dt.date(observed_from.year, 1, 1)
                                  else 1)
    first = max(first, as_of.year - YEARS_SHOWN + 1)
    if table is None:
        table = engine.SpellTable.of(spells)
    cohorts = engine.curves_by_group(spells, engine.hiring_cohort, as_of, observed_from,
                                     min_group_size=1, table=table)
    rows = []
    for year in range(first, as_of.year + 1):
        end = min(dt.date(year, 12, 31), as_of)
        indices = engine.period_indices(table, end)
        start = indices.start
        left_of_start = round(indices.headcount_start * (1 - indices.stability_index)) if (
            indices.stability_index is not None) else 0
        cohort = cohorts.get(year)
        counts = {"hc_start": indices.headcount_start, "hc_end": indices.headcount_end,
                  "leavers": indices.leavers, "hired": cohort.size if cohort else 0,
                  "stayed": indices.headcount_start - left_of_start,
                  "left_of_start": left_of_start}
        rows.append(_YearCounts(year, start, end, indices, cohort, counts))
    return rows
