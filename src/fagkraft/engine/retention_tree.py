"""Retention counts for every unit of a tree at once (the planner's protected table,
`retention.tree_table`; docs/metrics.md, "Retention").

A unit's count is over its subtree: the spells of the unit and of every unit below it.
The tree is given by the units' paths ("/R/T1/C1/"): a unit's parent is its path without
the last code, when that path is in the tree.

- Spell counts (group sizes) add up the tree: a unit's count is its own spells plus its
  child units' counts.
- Period counts are `engine.retention.period_indices`, per unit (over its subtree's
  spells) and period, all from one pass: every spell is paired with each unit it counts
  in (its own unit and that unit's ancestors), and each (unit, person) pair is one person
  of that unit, so a person with spells in two units of one subtree counts once there,
  as `period_indices` on the subtree's spells counts them:
  headcount on a day = persons with a spell with start <= day < end;
  leavers = persons whose last ending in the period (of equal dates, the later spell)
  had a counted cause and who are not employed on its last day;
  left of the start = leavers among those employed on its first day (so the stability
  index is 1 − left of the start ÷ headcount at the start).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from fagkraft.engine.retention import LEAVING_THE_TRUST, SpellTable, _years_before


def parent_path(path: str) -> str:
    """The path without its last code: "/R/T1/" for "/R/T1/C1/" ("/" for "/R/")."""
    return path[:path.rstrip("/").rfind("/") + 1]


@dataclass(frozen=True)
class UnitTree:
    """Units deepest first (then by path), each with its parent's index (-1: none)."""

    paths: tuple[str, ...]
    parent: np.ndarray  # int64, index into paths; -1 for a unit whose parent is not here
    children: tuple[tuple[int, ...], ...]  # each unit's child units, by path

    @classmethod
    def of(cls, paths: Iterable[str]) -> UnitTree:
        ordered = sorted(set(paths), key=lambda path: (-path.count("/"), path))
        number = {path: index for index, path in enumerate(ordered)}
        parent = np.full(len(ordered), -1, dtype=np.int64)
        children: list[list[int]] = [[] for _ in ordered]
        for index, path in enumerate(ordered):
            above = number.get(parent_path(path), -1)
            if above >= 0 and above != index:
                parent[index] = above
                children[above].append(index)  # deepest first, then by path: sorted
        return cls(tuple(ordered), parent, tuple(tuple(c) for c in children))

    def index(self, paths: Sequence[str | None]) -> np.ndarray:
        """Each path's unit index; -1 for a path not in the tree."""
        number = {path: index for index, path in enumerate(self.paths)}
        return np.array([number.get(path, -1) if path is not None else -1
                         for path in paths], dtype=np.int64)

    def ancestors(self) -> tuple[np.ndarray, np.ndarray]:
        """(offsets, flat): unit i counts in units flat[offsets[i]:offsets[i + 1]], itself
        first, then its parent, ... up to the top of its tree."""
        chains: list[list[int]] = [[] for _ in self.paths]
        parent = self.parent.tolist()
        for index in range(len(self.paths) - 1, -1, -1):  # parents come after children
            above = parent[index]
            chains[index] = [index, *(chains[above] if above >= 0 else ())]
        lengths = np.array([len(chain) for chain in chains], dtype=np.int64)
        offsets = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
        flat = np.array([i for chain in chains for i in chain], dtype=np.int64)
        return offsets, flat

    def subtree_sums(self, own: np.ndarray) -> np.ndarray:
        """Per unit (rows of `own`, in this tree's order): its own plus every unit below."""
        total = np.array(own, copy=True)
        parent = self.parent.tolist()
        for index, above in enumerate(parent):  # deepest first: children are complete
            if above >= 0:
                total[above] += total[index]
        return total

    def rest(self, counts: np.ndarray) -> np.ndarray:
        """Per unit: its count minus the sum of its child units' counts."""
        below = np.zeros_like(counts)
        has_parent = self.parent >= 0
        np.add.at(below, self.parent[has_parent], counts[has_parent])
        rest: np.ndarray = counts - below
        return rest


def direct_counts(tree: UnitTree, unit: np.ndarray, column: np.ndarray,
                  columns: int) -> np.ndarray:
    """Spells placed directly in each unit, per column: a (units, columns) int64 array
    (`tree.subtree_sums` of it counts each unit's subtree).

    `unit` is each spell's unit index (-1: outside the tree, not counted); `column` the
    spell's column (0 .. columns-1); a spell may be given more than once (one row per
    column it counts in)."""
    inside = unit >= 0
    cells = unit[inside] * columns + column[inside]
    own = np.bincount(cells, minlength=len(tree.paths) * columns)
    return own.astype(np.int64).reshape(len(tree.paths), columns)


@dataclass(frozen=True)
class PeriodCounts:
    """Per unit (rows, the tree's order) and period (columns): counts of persons."""

    headcount_start: np.ndarray
    headcount_end: np.ndarray
    leavers: np.ndarray
    left_of_start: np.ndarray  # leavers employed on the period's first day

    @property
    def stayed(self) -> np.ndarray:
        stayed: np.ndarray = self.headcount_start - self.left_of_start
        return stayed


def period_counts(tree: UnitTree, table: SpellTable, unit: np.ndarray,
                  ends: Sequence[dt.date], counted: Collection[str] = LEAVING_THE_TRUST,
                  years: int = 1) -> PeriodCounts:
    """`period_indices` over each unit's subtree for the periods of `years` ending on each
    of `ends`, as counts (see the module's docstring)."""
    units, periods = len(tree.paths), len(ends)
    shape = (units, periods)
    result = [np.zeros(shape, dtype=np.int64) for _ in range(4)]
    inside = np.flatnonzero(unit >= 0)
    if not len(inside) or not periods:
        return PeriodCounts(*result)
    # Every (unit counted in, spell) pair.
    offsets, flat = tree.ancestors()
    own = unit[inside]
    lengths = (offsets[1:] - offsets[:-1])[own]
    spell = np.repeat(inside, lengths)
    step = np.arange(len(spell)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    counted_in = flat[np.repeat(offsets[:-1][own], lengths) + step]
    # Sorted by (unit, person), then end, then the spell's place: a person's last ending
    # is the last of their pairs that ends in the period.
    key = counted_in * max(table.people, 1) + table.person[spell]
    order = np.lexsort((spell, table.end[spell], key))
    spell, key, counted_in = spell[order], key[order], counted_in[order]
    first_of = np.r_[True, key[1:] != key[:-1]]
    pair = np.cumsum(first_of) - 1  # the (unit, person) of each row
    pair_unit = counted_in[first_of]
    pairs = len(pair_unit)
    start, end = table.start[spell], table.end[spell]
    counted_cause = np.array([cause in counted for cause in table.cause_names], dtype=bool)
    leaving_row = counted_cause[table.cause[spell]] if len(counted_cause) else (
        np.zeros(len(spell), dtype=bool))

    def per_unit(flags: np.ndarray) -> np.ndarray:
        return np.bincount(pair_unit[flags], minlength=units)

    def employed(day: int) -> np.ndarray:
        flags = np.zeros(pairs, dtype=bool)
        flags[pair[(start <= day) & (end > day)]] = True
        return flags

    for column, last_day in enumerate(ends):
        day_start, day_end = _years_before(last_day, years).toordinal(), last_day.toordinal()
        at_start, at_end = employed(day_start), employed(day_end)
        rows = np.flatnonzero((end > day_start) & (end <= day_end))
        leavers = np.zeros(pairs, dtype=bool)
        if len(rows):
            of_pair = pair[rows]
            last = rows[np.r_[of_pair[1:] != of_pair[:-1], True]]
            leavers[pair[last[leaving_row[last]]]] = True
            leavers &= ~at_end
        for array, flags in zip(result, (at_start, at_end, leavers, leavers & at_start),
                                strict=True):
            array[:, column] = per_unit(flags)
    return PeriodCounts(*result)
