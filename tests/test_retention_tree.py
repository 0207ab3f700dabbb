"""The tree table's counts from one vectorised pass (engine.retention_tree) against the
per-unit `period_indices` path they replaced (tests/retention_tree_reference.py), and the
work-list suppression against checking every group every round: the same cells, values,
relations and hidden cells."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pytest

from fagkraft.engine import disclosure as sdc
from fagkraft.engine import retention as engine
from fagkraft.engine.retention import INTERNAL_MOVE, LEFT_TRUST, RETIRED, Spell
from fagkraft.engine.retention_tree import UnitTree, period_counts
from fagkraft.retention import tree_table
from tests.retention_tree_reference import before_suppress, before_table

D = dt.date


def spell(who: str, path: str, start: dt.date, end: dt.date | None = None,
          cause: str | None = None, **facts: object) -> Spell:
    return Spell(who, start, end, cause, {"unit_path": path, "unit": path, **facts})


def test_period_counts_by_hand_count_persons_once_per_subtree() -> None:
    # Year 2025: the period (31.12.2024, 31.12.2025]. R has children A and B.
    spells = [
        # p1 moves from A to B on 01.03.2025 (tied dates): in R's subtree throughout.
        spell("p1", "/R/A/", D(2020, 1, 1), D(2025, 3, 1), INTERNAL_MOVE),
        spell("p1", "/R/B/", D(2025, 3, 1)),
        spell("p2", "/R/A/", D(2024, 6, 1), D(2025, 6, 30), LEFT_TRUST),
        spell("p3", "/R/B/", D(2025, 2, 1), D(2025, 10, 1), RETIRED),
        spell("p4", "/R/", D(2019, 1, 1)),
        # p5 holds a position in A and one in B at once.
        spell("p5", "/R/A/", D(2024, 1, 1)),
        spell("p5", "/R/B/", D(2024, 1, 1)),
    ]
    tree = UnitTree.of(["/R/", "/R/B/", "/R/A/"])
    assert tree.paths == ("/R/A/", "/R/B/", "/R/")
    unit = tree.index([str(s.facts["unit_path"]) for s in spells])
    counts = period_counts(tree, engine.SpellTable.of(spells), unit, [D(2025, 12, 31)])
    # On 31.12.2024: A p1 p2 p5, B p5, R p1 p2 p4 p5 (p5 once, though in A and B).
    assert counts.headcount_start[:, 0].tolist() == [3, 1, 4]
    # On 31.12.2025: A p5, B p1 p5, R p1 p4 p5.
    assert counts.headcount_end[:, 0].tolist() == [1, 2, 3]
    # A: p2 left (p1's last ending in A is a move, not leaving); B: p3 retired;
    # R: p2 and p3 (p1 still employed in R's subtree).
    assert counts.leavers[:, 0].tolist() == [1, 1, 2]
    assert counts.left_of_start[:, 0].tolist() == [1, 0, 1]  # p2; p3 came after the start
    assert counts.stayed[:, 0].tolist() == [2, 1, 3]
    # R's persons are not the sum of its units' plus its own: 3 + 1 + 1 != 4.
    for name in ("headcount_start", "headcount_end", "leavers"):
        array = getattr(counts, name)[:, 0]
        indices = engine.period_indices(spells, D(2025, 12, 31))
        assert array[2] == {"headcount_start": indices.headcount_start,
                            "headcount_end": indices.headcount_end,
                            "leavers": indices.leavers}[name]


PROFESSIONS = ("psychologist", "doctor", "nurse")
KINDS = ("permanent", "temporary", "education")
AS_OF = D(2026, 6, 30)


def random_tree(rng: random.Random) -> list[str]:
    paths = ["/R/"]
    frontier = ["/R/"]
    for depth in range(rng.randint(1, 4)):
        grown = []
        for parent in frontier:
            for n in range(rng.randint(0, 4 if depth < 2 else 3)):
                grown.append(f"{parent}{parent.count('/')}{n}/")
        paths += grown
        frontier = grown or frontier
    return paths


def random_spells(rng: random.Random, paths: list[str]) -> list[Spell]:
    # A few dates only, so starts and ends tie; persons repeat, move and hold two posts.
    days = [D(2014, 1, 1) + dt.timedelta(days=rng.choice((0, 1, 30, 365)) * k)
            for k in range(1, 14)]
    days += [D(2025, 12, 31), D(2024, 12, 31), D(2026, 6, 30), D(2026, 7, 1)]
    where = [*paths, "/R/elsewhere/", "/X/"]  # spells of units outside the tree too
    result = []
    for _ in range(rng.randint(0, 120)):
        who = f"p{rng.randint(1, 40)}"
        start = rng.choice(days)
        end = rng.choice([None, None, *[d for d in days if d > start]])
        cause = (rng.choice((LEFT_TRUST, INTERNAL_MOVE, RETIRED, None))
                 if end is not None else None)
        result.append(spell(who, rng.choice(where), start, end, cause,
                            profession=rng.choice(PROFESSIONS),
                            specialist=rng.choice((True, False)),
                            position_type=rng.choice(KINDS),
                            birth_year=rng.choice((1960, 1975, 1990, None))))
        if end is not None and end <= AS_OF and rng.random() < 0.4:  # a move on the day
            result.append(spell(who, rng.choice(where), end, rng.choice((None, D(2026, 1, 1))),
                                None, profession=result[-1].facts["profession"],
                                specialist=result[-1].facts["specialist"],
                                position_type="permanent", birth_year=1980))
    rng.shuffle(result)
    return result


def check_same(paths: list[str], filters: tree_table.Constraints,
               spells: list[Spell]) -> tree_table.TreeTable:
    new = tree_table.table_of_paths(paths, filters, AS_OF, spells)
    old = before_table(paths, filters, AS_OF, spells)
    assert list(new.values.items()) == list(old.values.items())  # values and their order
    assert all(type(value) is int for value in new.values.values())
    assert new.groups == old.groups
    assert new.years == old.years
    return new


@pytest.mark.parametrize("seed", range(60))
def test_tree_table_equals_the_per_unit_period_indices_path(seed: int) -> None:
    rng = random.Random(seed)
    paths = random_tree(rng)
    spells = random_spells(rng, paths)
    check_same(paths, (), spells)
    check_same(paths, (("profession", "psychologist"),), spells)
    check_same(paths, (("profession", "doctor"), ("specialist", True)), spells)


def test_tree_table_of_no_spells_and_of_one_unit() -> None:
    check_same(["/R/", "/R/A/"], (), [])
    check_same(["/R/"], (), [spell("p1", "/R/", D(2020, 5, 5), D(2025, 5, 5), LEFT_TRUST,
                                   profession="nurse")])


@pytest.mark.parametrize("seed", range(40))
def test_work_list_suppression_hides_what_every_group_every_round_hid(seed: int) -> None:
    rng = random.Random(1000 + seed)
    paths = random_tree(rng)
    table = tree_table.table_of_paths(paths, (), AS_OF, random_spells(rng, paths))
    cells = list(table.values)
    threshold = rng.choice((3, 5, 10))
    hidden_already = set(rng.sample(cells, min(len(cells), rng.randint(0, 5))))
    locked = set(rng.sample(cells, min(len(cells), rng.randint(0, 5)))) - hidden_already
    groups = list(table.groups)
    rng.shuffle(groups)  # any order of the relations
    new = sdc.suppress(table.values, groups, threshold, hidden_already=hidden_already,
                       locked=locked)
    old = before_suppress(table.values, groups, threshold, hidden_already=hidden_already,
                          locked=locked)
    assert (new.primary, new.secondary, new.rounds) == (old.primary, old.secondary,
                                                        old.rounds)
    assert (sdc.problems(table.values, groups, new.hidden, threshold)
            == [problem for group in groups
                if (problem := sdc.group_problem(group, table.values, new.hidden,
                                                 threshold)) is not None])


def test_suppression_still_names_a_missing_cell() -> None:
    with pytest.raises(KeyError, match="without a value"):
        sdc.suppress({"a": 1}, [sdc.Group("a", ("b",))], 5)


def test_subtree_sums_and_rest() -> None:
    tree = UnitTree.of(["/R/", "/R/A/", "/R/A/x/", "/R/B/"])
    assert tree.paths == ("/R/A/x/", "/R/A/", "/R/B/", "/R/")
    own = np.array([[1], [2], [4], [8]])
    assert tree.subtree_sums(own)[:, 0].tolist() == [1, 3, 4, 15]
    assert tree.rest(np.array([1, 5, 4, 7]))[:, ].tolist() == [1, 4, 4, -2]
