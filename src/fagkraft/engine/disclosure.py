"""Disclosure control for tables of counts of persons: primary and secondary suppression.

The method of statistical offices (tau-Argus, sdcTable), with a simple greedy secondary
step:

- A *table* is a mapping from cell keys to counts of persons. Some cells are published,
  some (residuals such as "people directly in the unit, not in any child unit") are not
  printed but can be worked out from the others, so they are cells all the same.
- A *group* is one additive relation between cells that a reader can see:
  ``total = part_1 + ... + part_n`` (row and column margins, a parent unit and its child
  units, a headcount and its age bands, "eligible" and "specialists" + "not yet").
- *Primary suppression* hides every cell whose count is 1 .. threshold-1. A count of 0 is
  shown: "nobody" says nothing about any one person, and hiding zeros would only make the
  tables harder to read. A zero is never chosen as a complementary cell either, because
  hiding it adds nothing to what a reader must guess.
- *Secondary (complementary) suppression* then hides more cells until, in every group,
  (a) no group has exactly one hidden cell (the total minus the shown parts, or the sum of
  the parts, would give it back), and (b) when the total is shown, the hidden parts do not
  add up to 1 .. threshold-1 (their sum, the total minus the shown parts, is a count of
  persons too). The greedy step picks, in a group that fails, the shown part with the
  smallest non-zero count (the least information lost), or the total when no part is
  left. Groups overlap (a cell is a part of its parent unit and a total of its age bands),
  so the step repeats over all groups until nothing changes: a fixed point. Cells only
  ever become hidden, so it ends.

Values derived from counts (FTE, rates, shares, person-years, averages) are hidden with
the counts they come from: `hide_derived`.
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np

Cell = Hashable
T = TypeVar("T")


@dataclass(frozen=True)
class Group:
    """``total = sum(parts)``, a relation the reader of the table can see."""

    total: Cell
    parts: tuple[Cell, ...]

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (self.total, *self.parts)


@dataclass(frozen=True)
class Suppression:
    primary: frozenset[Cell]
    secondary: frozenset[Cell]
    threshold: int
    rounds: int = 0
    # Numbers of the groups that still give a hidden cell away (only a locked cell would
    # make them safe): what `problems` finds with these hidden cells, without the search.
    unresolved: tuple[int, ...] = ()

    @property
    def hidden(self) -> frozenset[Cell]:
        return self.primary | self.secondary

    def shown(self, values: Mapping[Cell, int]) -> dict[Cell, int | None]:
        """The table as published: None where a cell is hidden."""
        return {cell: (None if cell in self.hidden else value) for cell, value in values.items()}


@dataclass(frozen=True)
class Problem:
    """Why a group would give a hidden cell away (for tests and audits)."""

    group: Group
    reason: str
    hidden: tuple[Cell, ...] = field(default=())


def is_sensitive(count: int, threshold: int) -> bool:
    """A count of 1 .. threshold-1 persons (by size, so a negative residual counts too)."""
    return 0 < abs(count) < threshold


def primary_cells(values: Mapping[Cell, int], threshold: int) -> frozenset[Cell]:
    return frozenset(cell for cell, value in values.items() if is_sensitive(value, threshold))


def group_problem(
    group: Group, values: Mapping[Cell, int], hidden: frozenset[Cell] | set[Cell],
    threshold: int,
) -> Problem | None:
    """The reason `group` discloses a hidden cell, or None when it is safe."""
    hidden_cells = tuple(cell for cell in group.cells if cell in hidden)
    if not hidden_cells:
        return None
    if len(hidden_cells) == 1:
        return Problem(group, "single hidden cell", hidden_cells)
    # total - shown parts = the sum of the hidden parts, which the reader learns.
    if group.total not in hidden and is_sensitive(
            sum(values[cell] for cell in hidden_cells), threshold):
        return Problem(group, "hidden parts add up to a small count", hidden_cells)
    return None


def problems(
    values: Mapping[Cell, int], groups: Iterable[Group], hidden: frozenset[Cell] | set[Cell],
    threshold: int,
) -> list[Problem]:
    """Every group that would give something away with `hidden` suppressed."""
    found = []
    for group in groups:
        # The safe groups by group_problem's own tests, without building a Problem.
        inside = [cell for cell in group.cells if cell in hidden]
        if not inside or (len(inside) > 1 and (group.total in hidden or not is_sensitive(
                sum(values[cell] for cell in inside), threshold))):
            continue
        problem = group_problem(group, values, hidden, threshold)
        if problem is not None:
            found.append(problem)
    return found


def _complement(group: Group, values: Mapping[Cell, int], hidden: set[Cell],
                order: Mapping[Cell, int],
                locked: frozenset[Cell] | set[Cell] = frozenset()) -> Cell | None:
    """The cell to hide next in a failing group: the smallest non-zero shown part (never
    a locked cell)."""
    free = [cell for cell in group.parts if cell not in hidden and cell not in locked]
    candidates = [cell for cell in free if values[cell] != 0]
    if candidates:
        return min(candidates, key=lambda cell: (abs(values[cell]), order[cell]))
    if group.total not in hidden and group.total not in locked:
        return group.total
    # Only zeros are left to hide (the total is hidden already, or locked): hiding a zero
    # keeps the reader from subtracting to the one hidden cell.
    return min(free, key=lambda cell: order[cell]) if free else None


def suppress(
    values: Mapping[Cell, int], groups: Sequence[Group], threshold: int, *,
    hidden_already: Iterable[Cell] = (), locked: Iterable[Cell] = (),
) -> Suppression:
    """Primary suppression of small counts, then greedy secondary suppression to a fixed point.

    Linked tables: cells this table shares with a table protected before it keep that
    table's decision, so both tables publish the same figure the same way:
    `hidden_already` start hidden (as secondary cells) and `locked` are never hidden. A
    locked cell was shown by the other table, so it is not a small count; when a group
    can only be made safe by hiding a locked cell, it stays in `problems` and its number
    in `unresolved` (the caller must then hide more, e.g. every cell that is not locked).

    The greedy step goes over the groups in order, round after round, until a round
    changes nothing. Whether a group gives something away depends only on which of its
    cells are hidden, so a group none of whose cells was hidden since it was last made
    safe is safe still: each round looks only at the groups that have a cell hidden
    since (a work list in the groups' order; the first round looks at all of them).
    The cells hidden, and the number of rounds, are those of checking every group in
    every round. For the same reason a group's last check is its final state, so the
    groups whose last check found them failing are all that `problems` would find.
    """
    order = {cell: index for index, cell in enumerate(values)}
    cells_of = [group.cells for group in groups]
    try:
        numbers = [order[cell] for cells in cells_of for cell in cells]
    except KeyError:
        for cells in cells_of:
            missing = [cell for cell in cells if cell not in values]
            if missing:
                raise KeyError(f"group refers to cells without a value: {missing!r}") from None
        raise
    locked_cells = frozenset(locked)
    primary = primary_cells(values, threshold) - locked_cells
    hidden: set[Cell] = set(primary) | (set(hidden_already) - locked_cells)
    # The groups each cell is in: member[bounds[n]:bounds[n + 1]] for cell number n.
    group_of = np.repeat(np.arange(len(groups), dtype=np.int64),
                         np.array([len(cells) for cells in cells_of], dtype=np.int64))
    by_cell = np.argsort(np.array(numbers, dtype=np.int64), kind="stable")
    member = group_of[by_cell]
    bounds = np.concatenate(([0], np.cumsum(np.bincount(
        np.array(numbers, dtype=np.int64), minlength=len(order))))).tolist()

    def fails(index: int) -> bool:  # group_problem(groups[index], ...) is not None
        inside = [cell for cell in cells_of[index] if cell in hidden]
        if not inside:
            return False
        if len(inside) == 1:
            return True
        return groups[index].total not in hidden and is_sensitive(
            sum(values[cell] for cell in inside), threshold)

    rounds = 0
    stuck: set[int] = set()  # groups whose last check left them failing
    pending = list(range(len(groups)))  # ascending: a heap already
    changed = True
    while changed:
        changed = False
        rounds += 1
        queued = set(pending)
        later: set[int] = set()
        while pending:
            index = heapq.heappop(pending)
            group = groups[index]
            stuck.discard(index)
            while fails(index):
                cell = _complement(group, values, hidden, order, locked_cells)
                if cell is None:  # only locked cells are left to hide: nothing to add
                    stuck.add(index)
                    break
                hidden.add(cell)
                changed = True
                number = order[cell]
                for other in member[bounds[number]:bounds[number + 1]].tolist():
                    if other > index and other not in queued:  # still to come this round
                        queued.add(other)
                        heapq.heappush(pending, other)
                    elif other < index:  # passed already: the next round
                        later.add(other)
        pending = sorted(later)
    return Suppression(primary, frozenset(hidden - primary), threshold, rounds,
                       tuple(sorted(stuck)))


def hide_derived(
    derived: Mapping[T, float | int | None], sources: Mapping[T, Iterable[Cell]],
    hidden: frozenset[Cell] | set[Cell],
) -> dict[T, float | int | None]:
    """Derived values (FTE, rates, shares, ...) with None where any source count is hidden."""
    return {
        key: (None if any(cell in hidden for cell in sources.get(key, ())) else value)
        for key, value in derived.items()
    }


def additive_group(total: Cell, parts: Sequence[Cell], values: dict[Cell, int],
                   residual: Cell) -> Group:
    """A group whose parts need not add up to the total (people directly in a parent unit,
    people counted in two parts): the difference becomes a residual cell in `values`.

    The residual is never printed, but a reader can subtract, so it is protected like any
    other cell: a residual of 1 .. threshold-1 is hidden, which forces a part hidden too.
    """
    values[residual] = values[total] - sum(values[cell] for cell in parts)
    return Group(total, (*parts, residual))
