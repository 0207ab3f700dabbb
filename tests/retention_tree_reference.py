"""The retention tree table as it was computed before the vectorised build (issue 13):
the reference the new code is tested against (tests/test_retention_tree.py) and timed
against (benchmarks/retention_tree.py --before). Kept as it was; do not optimise."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence

import numpy as np

from fagkraft.engine import disclosure as sdc
from fagkraft.engine import retention as engine
from fagkraft.engine.disclosure import Cell, Group
from fagkraft.retention import tree_table


def before_table(units: list[str], filters: tree_table.Constraints, as_of: dt.date,
                 every: Sequence[engine.Spell]) -> tree_table.TreeTable:
    """`tree_table.build_table` before the vectorised build, the database read of the
    paths taken out."""
    units = list(units)
    units.sort(key=lambda path: (-path.count("/"), path))  # deepest first
    paths = set(units)
    children: dict[str, list[str]] = defaultdict(list)
    for path in units:
        parent = path[:path.rstrip("/").rfind("/") + 1]
        if parent in paths and parent != path:
            children[parent].append(path)
    wanted = dict(filters)
    chosen = [s for s in every if s.start <= as_of
              and all(s.facts.get(name) == value for name, value in wanted.items())]
    breakdowns = tree_table.breakdowns_for(filters)
    keys = {by: engine.GROUP_KEYS[by] for by in breakdowns}
    direct: dict[tuple[str, tree_table.Constraints], int] = defaultdict(int)
    seen: dict[str, set[Hashable]] = {by: set() for by in breakdowns}
    for spell in chosen:
        path = str(spell.facts.get("unit_path"))
        direct[(path, filters)] += 1
        for by, key in keys.items():
            value = key(spell)
            seen[by].add(value)
            direct[(path, (*filters, (by, value)))] += 1
    size_key, direct_key = tree_table.size_key, tree_table.direct_key
    order = tree_table._order
    sets: list[tree_table.Constraints] = [filters] + [
        (*filters, (by, value)) for by in breakdowns
        for value in sorted(seen[by], key=order)]
    values: dict[Cell, int] = {}
    groups: list[Group] = []
    for path in units:
        for constraints in sets:
            own = direct.get((path, constraints), 0)
            below = [size_key(child, constraints) for child in sorted(children[path])]
            values[size_key(path, constraints)] = own + sum(values[c] for c in below)
            if below:
                values[direct_key(path, constraints)] = own
                groups.append(Group(size_key(path, constraints),
                                    (*below, direct_key(path, constraints))))
        for by in breakdowns:
            groups.append(Group(size_key(path, filters), tuple(
                size_key(path, (*filters, (by, value)))
                for value in sorted(seen[by], key=order))))
    years = _before_year_cells(units, children, chosen, filters, as_of, values, groups)
    return tree_table.TreeTable(values, groups, years)


def _before_year_cells(units: list[str], children: dict[str, list[str]],
                       chosen: Sequence[engine.Spell], filters: tree_table.Constraints,
                       as_of: dt.date, values: dict[Cell, int],
                       groups: list[Group]) -> tuple[int, ...]:
    if not chosen:
        return ()
    year_key = tree_table.year_key
    first_day = min(s.start for s in chosen)
    first = first_day.year + (0 if first_day == dt.date(first_day.year, 1, 1) else 1)
    first = max(first, as_of.year - 10 + 1)
    years = tuple(range(first, as_of.year + 1))
    table = engine.SpellTable.of(chosen)
    number = {path: index for index, path in enumerate(units)}
    unit_of = np.array([number.get(str(s.facts.get("unit_path")), -1) for s in chosen],
                       dtype=np.int64)
    subtree: dict[str, list[int]] = {}
    for path in units:
        subtree[path] = [number[path], *(i for child in children[path]
                                         for i in subtree[child])]
    for path in units:
        inside = np.flatnonzero(np.isin(unit_of, subtree[path]))
        sub = engine.SpellTable(table.person[inside], table.people, table.start[inside],
                                table.end[inside], table.cause[inside], table.cause_names)
        below = sorted(children[path])
        for year in years:
            indices = engine.period_indices(sub, min(dt.date(year, 12, 31), as_of))
            left = (round(indices.headcount_start * (1 - indices.stability_index))
                    if indices.stability_index is not None else 0)
            counts = {"hc_start": indices.headcount_start, "hc_end": indices.headcount_end,
                      "leavers": indices.leavers, "stayed": indices.headcount_start - left,
                      "left_of_start": left}
            for name, count in counts.items():
                values[year_key(name, path, filters, year)] = count
            groups.append(Group(year_key("hc_start", path, filters, year), (
                year_key("stayed", path, filters, year),
                year_key("left_of_start", path, filters, year))))
            if below:
                for name in ("hc_start", "hc_end", "leavers"):
                    groups.append(sdc.additive_group(
                        year_key(name, path, filters, year),
                        [year_key(name, child, filters, year) for child in below], values,
                        ("rest", name, path, filters, year)))
    return years


def before_suppress(values: dict[Cell, int], groups: Sequence[Group], threshold: int, *,
                    hidden_already: Iterable[Cell] = (),
                    locked: Iterable[Cell] = ()) -> sdc.Suppression:
    """`engine.disclosure.suppress` before the work list (every group every round)."""
    for group in groups:
        missing = [cell for cell in group.cells if cell not in values]
        if missing:
            raise KeyError(f"group refers to cells without a value: {missing!r}")
    order = {cell: index for index, cell in enumerate(values)}
    locked_cells = frozenset(locked)
    primary = sdc.primary_cells(values, threshold) - locked_cells
    hidden: set[Cell] = set(primary) | (set(hidden_already) - locked_cells)
    rounds = 0
    changed = True
    while changed:
        changed = False
        rounds += 1
        for group in groups:
            while sdc.group_problem(group, values, hidden, threshold) is not None:
                cell = sdc._complement(group, values, hidden, order, locked_cells)
                if cell is None:
                    break
                hidden.add(cell)
                changed = True
    return sdc.Suppression(primary, frozenset(hidden - primary), threshold, rounds)
