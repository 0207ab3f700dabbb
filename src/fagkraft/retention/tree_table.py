"""Disclosure control of the retention figures across the whole unit tree (docs/access.md,
"Whole trees"; docs/metrics.md, "Retention").

What a reader who may not see the persons (the planner) could otherwise subtract:

- a hidden group from the selection's total minus the shown groups (by profession,
  specialist, position type, age band at hire, hiring cohort);
- a hidden child unit from its parent minus its siblings: the "unit (subtree)"
  breakdown of a department is its sections' totals, each also on the section's own
  page, and every group of the department is its sections' same group plus the people
  placed in the department itself;
- a hidden figure on one page from the same figure shown on another: a filtered page's
  total ("psychologists") is the psychologist group of the unfiltered page, and the
  hires of a year in the per-year table are that hiring cohort's group.

So a *selection* (the filters, profession < specialist < position type in this order)
has one table over the whole tree its unit is in (`access.disclosure.root_of`): for every
unit, the number of spells of the selection, of each group of every breakdown the
selection may show, and the per-year counts (headcount at the start and end, leavers,
stayers and leavers of the year's starters), with the relations

    unit: selection total = its groups, for each breakdown;
          headcount at the start = stayers + leavers of the starters;
    tree: each count of a parent = its child units' same count + the rest (people in the
          parent itself; for headcounts, which count persons, the rest may be negative).

Every cell has one canonical key, ("size", unit path, constraints) with the constraints
in the fixed order above, so the same count is the same cell wherever it shows. A
filtered selection's totals are the groups of the selection with its last filter taken
off (that table is protected first, and its decision is kept: the cells it hid start
hidden, those it showed are locked); a breakdown by a filter field that comes before one
of the selection's filters (specialists by profession among specialists, when the
profession comes first) would be a second table for the same cells, so it is not offered
under disclosure control (`allowed_breakdown`). The register's first day is the earliest
start (a chosen later day would make two tables of nearly the same spells, whose
difference is the spells that ended in between).

Each table is built from the spells of the whole tree and cached until the data changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from django.core.cache import cache

from fagkraft.access import disclosure
from fagkraft.adapter.retention import spells_for_unit
from fagkraft.engine import disclosure as sdc
from fagkraft.engine import retention as engine
from fagkraft.engine import retention_tree
from fagkraft.engine.disclosure import Cell, Group
from fagkraft.engine.retention_tree import UnitTree
from fagkraft.workforce.models import Unit

FILTERS: tuple[str, ...] = ("profession", "specialist", "position_type")
# Breakdowns that are no filter: any selection may show them.
OTHER_BREAKDOWNS: tuple[str, ...] = ("age_band", "cohort")
YEAR_COUNTS: tuple[str, ...] = ("hc_start", "hc_end", "leavers", "stayed", "left_of_start")
CACHE_SECONDS = 24 * 3600

Constraint = tuple[str, Hashable]
Constraints = tuple[Constraint, ...]


def constraints_of(profession: str, specialist: bool | None,
                   position_type: str) -> Constraints:
    """A selection's filters as canonical constraints, in FILTERS order."""
    found: list[Constraint] = []
    if profession:
        found.append(("profession", profession))
    if specialist is not None:
        found.append(("specialist", specialist))
    if position_type:
        found.append(("position_type", position_type))
    return tuple(found)


def breakdowns_for(filters: Constraints) -> tuple[str, ...]:
    """The breakdowns a selection's table holds: filter fields after the last filter set,
    and the others."""
    last = max((FILTERS.index(name) for name, _ in filters), default=-1)
    return (*FILTERS[last + 1:], *OTHER_BREAKDOWNS)


def allowed_breakdown(filters: Constraints, by: str) -> bool:
    return by in ("", "unit") or by in breakdowns_for(filters)


def size_key(path: str, constraints: Constraints) -> Cell:
    return ("size", path, constraints)


def direct_key(path: str, constraints: Constraints) -> Cell:
    """The rest of a parent's count: spells of units placed in the parent itself."""
    return ("direct", path, constraints)


def year_key(name: str, path: str, filters: Constraints, year: int) -> Cell:
    if name == "hired":  # the year's hires are its hiring cohort's group
        return size_key(path, (*filters, ("cohort", year)))
    return (name, path, filters, year)


def _order(value: Hashable) -> tuple[int, str]:
    return (value is None, str(value))


@dataclass(frozen=True)
class TreeTable:
    values: dict[Cell, int]
    groups: list[Group]
    years: tuple[int, ...]


def build_table(root: Unit, filters: Constraints, as_of: dt.date,
                spells: Sequence[engine.Spell] | None = None) -> TreeTable:
    """Cells and relations of one selection over the tree under `root`."""
    units = list(Unit.objects.filter(Unit.subtree_q(root.path)).values_list("path", flat=True))
    every = spells_for_unit(root) if spells is None else spells
    return table_of_paths(units, filters, as_of, every)


def table_of_paths(units: Sequence[str], filters: Constraints, as_of: dt.date,
                   every: Sequence[engine.Spell]) -> TreeTable:
    """`build_table` on plain data: the tree's unit paths and the spells.

    The counts come from `engine.retention_tree` in one pass over the spells (group
    sizes summed up the tree, per-year counts over (unit, person) pairs); here they are
    laid out as cells and relations, units deepest first, so a cell's place (which
    breaks ties in the suppression) is the same whatever computed it."""
    tree = UnitTree.of(units)
    wanted = dict(filters)
    chosen = [s for s in every if s.start <= as_of
              and all(s.facts.get(name) == value for name, value in wanted.items())]
    breakdowns = breakdowns_for(filters)
    unit_of = tree.index([str(spell.facts.get("unit_path")) for spell in chosen])
    # Column 0: the selection; then each value of each breakdown, in the order shown.
    sets: list[Constraints] = [filters]
    columns = [np.zeros(len(chosen), dtype=np.int64)]
    value_columns: dict[str, list[Constraints]] = {}
    for by in breakdowns:
        key = engine.GROUP_KEYS[by]
        found = [key(spell) for spell in chosen]
        ordered = sorted(set(found), key=_order)
        number = {value: len(sets) + index for index, value in enumerate(ordered)}
        value_columns[by] = [(*filters, (by, value)) for value in ordered]
        sets.extend(value_columns[by])
        columns.append(np.array([number[value] for value in found], dtype=np.int64))
    repeated = np.tile(unit_of, len(columns))
    column = np.concatenate(columns) if chosen else np.zeros(0, dtype=np.int64)
    own = retention_tree.direct_counts(tree, repeated, column, len(sets))
    sizes = tree.subtree_sums(own).tolist()
    own_counts = own.tolist()
    values: dict[Cell, int] = {}
    groups: list[Group] = []
    for index, path in enumerate(tree.paths):  # deepest first
        below = [tree.paths[child] for child in tree.children[index]]
        row, own_row = sizes[index], own_counts[index]
        for place, constraints in enumerate(sets):
            total = ("size", path, constraints)
            values[total] = row[place]
            if below:
                rest = ("direct", path, constraints)
                values[rest] = own_row[place]
                groups.append(Group(total, (*(("size", child, constraints)
                                              for child in below), rest)))
        whole = ("size", path, filters)
        for by in breakdowns:
            groups.append(Group(whole, tuple(("size", path, constraints)
                                             for constraints in value_columns[by])))
    years = _year_cells(tree, unit_of, chosen, filters, as_of, values, groups)
    return TreeTable(values, groups, years)


def _year_cells(tree: UnitTree, unit_of: np.ndarray, chosen: Sequence[engine.Spell],
                filters: Constraints, as_of: dt.date, values: dict[Cell, int],
                groups: list[Group]) -> tuple[int, ...]:
    """Per unit and calendar year (as reports._years; from the tree's earliest start):
    the headcounts, leavers and the year's starters who stayed or left."""
    if not chosen:
        return ()
    first_day = min(s.start for s in chosen)
    first = first_day.year + (0 if first_day == dt.date(first_day.year, 1, 1) else 1)
    first = max(first, as_of.year - 10 + 1)  # reports.YEARS_SHOWN
    years = tuple(range(first, as_of.year + 1))
    counts = retention_tree.period_counts(
        tree, engine.SpellTable.of(chosen), unit_of,
        [min(dt.date(year, 12, 31), as_of) for year in years])
    named = {"hc_start": counts.headcount_start, "hc_end": counts.headcount_end,
             "leavers": counts.leavers, "stayed": counts.stayed,
             "left_of_start": counts.left_of_start}
    additive = YEAR_COUNTS[:3]  # hc_start, hc_end, leavers: keys[number] below
    # The rest of a parent's count: the count minus its child units' (may be negative).
    rests = {name: tree.rest(named[name]).tolist() for name in additive}
    lists = {name: array.tolist() for name, array in named.items()}
    for index, path in enumerate(tree.paths):  # deepest first
        below = [tree.paths[child] for child in tree.children[index]]
        rows = [lists[name][index] for name in YEAR_COUNTS]
        rest_rows = [rests[name][index] for name in additive]
        for place, year in enumerate(years):
            keys = [(name, path, filters, year) for name in YEAR_COUNTS]
            for key, row in zip(keys, rows, strict=True):
                values[key] = row[place]
            groups.append(Group(keys[0], (keys[3], keys[4])))  # hc_start: stayed + left
            if not below:
                continue
            for number, name in enumerate(additive):
                rest = ("rest", name, path, filters, year)
                values[rest] = rest_rows[number][place]
                groups.append(Group(keys[number], (*[(name, child, filters, year)
                                                     for child in below], rest)))
    return years


def protect(table: TreeTable, threshold: int, *, hidden_already: set[Cell] | None = None,
            locked: set[Cell] | None = None) -> set[Cell]:
    """The hidden cells of the table: primary and secondary suppression, keeping the
    decisions of a linked table (`hidden_already`, `locked`)."""
    locked = locked or set()
    result = sdc.suppress(table.values, table.groups, threshold,
                          hidden_already=hidden_already or (), locked=locked)
    hidden = set(result.hidden)
    if result.unresolved:
        # Only a locked cell would make it safe: hide everything this table adds.
        hidden |= {cell for cell in table.values if cell not in locked}
    return hidden


def _base_key(root: Unit, filters: Constraints, as_of: dt.date, version: str) -> str:
    digest = hashlib.sha256(repr(filters).encode()).hexdigest()[:24]
    return (f"retention-tree:{root.pk}:{disclosure.threshold()}:{as_of.isoformat()}:"
            f"{version}:{digest}")


def _path_key(base: str, path: str) -> str:
    return f"{base}:{hashlib.sha256(path.encode()).hexdigest()[:24]}"


def _all_hidden(root: Unit, filters: Constraints, as_of: dt.date, version: str,
                spells: Sequence[engine.Spell] | None) -> set[Cell]:
    """Every hidden cell of the selection's table over the tree (built, then cached as a
    whole for the tables linked to it, and per unit for the pages)."""
    base = _base_key(root, filters, as_of, version)
    found = cache.get(f"{base}:all")
    if found is not None:
        return set(found)
    if spells is None:
        spells = spells_for_unit(root)
    table = build_table(root, filters, as_of, spells)
    hidden_already: set[Cell] = set()
    locked: set[Cell] = set()
    if filters:
        # The totals are groups of the table with the last filter taken off: keep them
        # as that table has them.
        lower = _all_hidden(root, filters[:-1], as_of, version, spells)
        for cell in table.values:
            if cell[0] in ("size", "direct") and cell[2] == filters:
                (hidden_already if cell in lower else locked).add(cell)
    hidden = protect(table, disclosure.threshold(), hidden_already=hidden_already,
                     locked=locked)
    by_path: dict[str, set[Cell]] = defaultdict(set)
    for cell in hidden:
        by_path[str(cell[2] if cell[0] == "rest" else cell[1])].add(cell)
    cache.set_many({_path_key(base, path): cells for path, cells in by_path.items()},
                   timeout=CACHE_SECONDS)
    cache.set(f"{base}:all", hidden, timeout=CACHE_SECONDS)
    cache.set(f"{base}:years", table.years, timeout=CACHE_SECONDS)
    cache.set(f"{base}:done", True, timeout=CACHE_SECONDS)
    return hidden


def is_built(unit: Unit, filters: Constraints, as_of: dt.date, version: str) -> bool:
    """Whether the selection's table over `unit`'s tree is in the cache (else the next
    hidden_cells builds it from every spell of the tree)."""
    root = disclosure.root_of(unit)
    return cache.get(f"{_base_key(root, filters, as_of, version)}:done") is not None


def hidden_cells(unit: Unit, filters: Constraints, as_of: dt.date, version: str,
                 paths: Sequence[str] | None = None,
                 spells: Sequence[engine.Spell] | None = None) -> frozenset[Cell]:
    """The hidden cells of the selection's table over `unit`'s tree that belong to the
    units `paths` (default: the unit itself). Read from the cache per unit, so a page
    does not load the whole tree's decisions."""
    root = disclosure.root_of(unit)
    base = _base_key(root, filters, as_of, version)
    paths = [unit.path] if paths is None else list(paths)
    keys = {_path_key(base, path): path for path in paths}
    found = cache.get_many([*keys, f"{base}:done"])
    if f"{base}:done" not in found:
        everything = _all_hidden(root, filters, as_of, version, spells)
        return frozenset(cell for cell in everything
                         if (cell[2] if cell[0] == "rest" else cell[1]) in set(paths))
    return frozenset(cell for key in keys for cell in found.get(key, ()))


def table_years(unit: Unit, filters: Constraints, as_of: dt.date, version: str,
                spells: Sequence[engine.Spell] | None = None) -> tuple[int, ...]:
    """The calendar years the selection's table holds per-year counts for. A year outside
    them is protected nowhere, so a page under disclosure control does not show it."""
    root = disclosure.root_of(unit)
    years = cache.get(f"{_base_key(root, filters, as_of, version)}:years")
    if years is None:  # evicted from the cache: the table says
        years = build_table(root, filters, as_of, spells).years
    return tuple(years)
