"""The planner's cold retention path: the whole tree's protected table (issue 13;
`retention.tree_table`), on a generated register, no database.

    PYTHONPATH=src .venv/bin/python benchmarks/retention_tree.py [--spells 100000]
        [--repeat 5] [--before] [--profile]

A unit tree of the demo's shape is generated with a seeded numpy RNG (invented codes):
a region, 4 trusts, 6 clinics per trust, 8 departments per clinic and 6-11 sections per
department (1,949 units). About --spells spells (default 100,000) are placed in it: 85 %
in sections, 10 % in departments, 4 % in clinics, 1 % in the trusts themselves, units
of uneven size (lognormal weights); hires uniform over the 20 years before 30.06.2026
(a tenth on the 1st of a month, so dates tie), tenure exponential (mean 10 years; a
spell still running on the day is open), 8 professions, specialists 40 %, position types
permanent / temporary / education 80 / 15 / 5 %, causes left the trust / internal move /
retired 70 / 20 / 10 %. One person in ten has a second spell: after an internal move
(starting on the day the first ended: tied dates) into another section of the same
department half the time, elsewhere in the region otherwise, so a person is counted in
two units of one subtree.

Timed, cold (nothing cached), median and p95 (nearest rank) of --repeat runs, for the
region as the tree's root (every planner page of the region builds this table) and for
the first trust as a root (a trust with no region above it), with no filter (the
"by profession" page):

- build: `tree_table.table_of_paths` (the cells and relations from the spells and the
  units' paths; `build_table` reads the paths from the database and calls it);
- protect: `tree_table.protect` (primary and secondary suppression of the table, and the
  check that nothing is given away), what `_all_hidden` runs on a cold cache.

--before also times the code as it was before the vectorised build (kept in this file:
`tests/retention_tree_reference.py`) and checks that both give the same cells, relations
and hidden cells. --profile prints a cProfile of one cold region build + protect.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import pstats
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagkraft.settings")
os.environ.setdefault("FAGKRAFT_DEV_MODE", "true")  # a local run: development key
import django  # noqa: E402

django.setup()

from timing import timed  # noqa: E402

from fagkraft.engine import disclosure as sdc  # noqa: E402
from fagkraft.engine import retention as engine  # noqa: E402
from fagkraft.engine.disclosure import Cell  # noqa: E402
from fagkraft.retention import tree_table  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.retention_tree_reference import before_suppress, before_table  # noqa: E402

TODAY = dt.date(2026, 6, 30)
THRESHOLD = 5
PROFESSIONS = ("psychologist", "doctor", "nurse", "social_worker", "specialist_nurse",
               "child_welfare", "occupational_therapist", "other")
PROFESSION_SHARES = (0.15, 0.12, 0.30, 0.10, 0.10, 0.08, 0.05, 0.10)
KINDS = ("permanent", "temporary", "education")
KIND_SHARES = (0.8, 0.15, 0.05)
CAUSE_SHARES = (0.7, 0.2, 0.1)  # engine.CAUSES
MEAN_TENURE_DAYS = 10 * 365


def unit_tree(seed: int = 2026) -> list[str]:
    """Paths of region -> 4 trusts -> 6 clinics -> 8 departments -> 6-11 sections."""
    rng = np.random.default_rng(seed)
    paths = ["/R/"]
    for t in range(1, 5):
        trust = f"/R/T{t}/"
        paths.append(trust)
        for c in range(1, 7):
            clinic = f"{trust}T{t}C{c}/"
            paths.append(clinic)
            for d in range(1, 9):
                department = f"{clinic}T{t}C{c}D{d}/"
                paths.append(department)
                for s in range(1, int(rng.integers(6, 13)) + 1):
                    paths.append(f"{department}T{t}C{c}D{d}S{s}/")
    return paths


def register(paths: Sequence[str], spells: int, seed: int = 2026) -> list[engine.Spell]:
    rng = np.random.default_rng(seed)
    depth = np.array([p.count("/") - 1 for p in paths])
    # Where spells are placed: 85 % sections (depth 5), 10 % departments, 4 % clinics,
    # 1 % trusts; within a level by lognormal weights.
    level_share = {5: 0.85, 4: 0.10, 3: 0.04, 2: 0.01}
    weight = rng.lognormal(0.0, 0.6, size=len(paths))
    p = np.zeros(len(paths))
    for level, share in level_share.items():
        at = depth == level
        p[at] = share * weight[at] / weight[at].sum()
    people = round(spells / 1.058)
    first = TODAY - dt.timedelta(days=20 * 365)
    hired = rng.integers(0, 20 * 365, size=people)
    hired = np.where(rng.random(people) < 0.1, hired - hired % 30, hired)  # ties
    tenure = rng.exponential(MEAN_TENURE_DAYS, size=people).astype(int) + 1
    unit = rng.choice(len(paths), size=people, p=p)
    profession = rng.choice(len(PROFESSIONS), size=people, p=PROFESSION_SHARES)
    specialist = rng.random(people) < 0.4
    kind = rng.choice(len(KINDS), size=people, p=KIND_SHARES)
    cause = rng.choice(len(engine.CAUSES), size=people, p=CAUSE_SHARES)
    born = rng.integers(1955, 2000, size=people)
    second = rng.random(people) < 0.1
    nearby = rng.random(people) < 0.5
    second_tenure = rng.exponential(MEAN_TENURE_DAYS, size=people).astype(int) + 1
    second_cause = rng.choice(len(engine.CAUSES), size=people, p=CAUSE_SHARES)
    other_unit = rng.choice(len(paths), size=people, p=p)
    sections: dict[str, list[int]] = defaultdict(list)
    for index, path in enumerate(paths):
        if depth[index] == 5:
            sections[path[:path.rstrip("/").rfind("/") + 1]].append(index)
    codes = [path.rstrip("/").rsplit("/", 1)[-1] for path in paths]
    result: list[engine.Spell] = []

    def spell(i: int, where: int, start: dt.date, days: int, code: int) -> dt.date:
        end = start + dt.timedelta(days=days)
        ended = end <= TODAY
        result.append(engine.Spell(
            f"E{i}", start, end if ended else None,
            engine.CAUSES[code] if ended else None,
            {"profession": PROFESSIONS[int(profession[i])],
             "specialist": bool(specialist[i]), "unit": codes[where],
             "unit_path": paths[where], "position_type": KINDS[int(kind[i])],
             "birth_year": int(born[i])}))
        return end

    for i in range(people):
        where = int(unit[i])
        moves = bool(second[i])
        end = spell(i, where, first + dt.timedelta(days=int(hired[i])), int(tenure[i]),
                    engine.CAUSES.index(engine.INTERNAL_MOVE) if moves else int(cause[i]))
        if moves and end <= TODAY:
            path = paths[where]
            siblings = sections.get(path[:path.rstrip("/").rfind("/") + 1], [])
            there = (int(rng.choice(siblings)) if nearby[i] and len(siblings) > 1
                     else int(other_unit[i]))
            spell(i, there, end, int(second_tenure[i]), int(second_cause[i]))
    return result


def before_protect(table: tree_table.TreeTable) -> set[Cell]:
    result = before_suppress(table.values, table.groups, THRESHOLD)
    hidden = set(result.hidden)
    if any(sdc.group_problem(group, table.values, hidden, THRESHOLD) is not None
           for group in table.groups):  # sdc.problems as it was
        hidden |= set(table.values)
    return hidden


# --- Timing --------------------------------------------------------------------------


def loadavg() -> str:
    with open("/proc/loadavg") as handle:
        return handle.read().strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spells", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--before", action="store_true")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    paths = unit_tree()
    spells = register(paths, args.spells)
    trust = [s for s in spells if str(s.facts["unit_path"]).startswith("/R/T1/")]
    trust_paths = [p for p in paths if p.startswith("/R/T1/")]
    print(f"tree: {len(paths):,} units ({len(trust_paths):,} in trust T1); "
          f"{len(spells):,} spells of {len({s.employee for s in spells}):,} people "
          f"({len(trust):,} spells in T1; {sum(s.end is None for s in spells):,} open)")
    cases = (("region", paths, spells), ("trust T1", trust_paths, trust))
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        new_path(paths, spells)
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        return
    for name, units, chosen in cases:
        if args.before:
            old = before_table(units, (), TODAY, chosen)
            new = tree_table.table_of_paths(units, (), TODAY, chosen)
            assert list(old.values.items()) == list(new.values.items()), name
            assert old.groups == new.groups and old.years == new.years, name
            assert before_protect(old) == tree_table.protect(new, THRESHOLD), name
            print(f"{name}: {len(new.values):,} cells, {len(new.groups):,} relations, "
                  "the same before and after (cells, relations, hidden cells)")
        built = tree_table.table_of_paths(units, (), TODAY, chosen)
        runs: list[tuple[str, Callable[[], object]]] = [
                ("after", lambda u=units, c=chosen: new_path(u, c)),
                ("after, build only", lambda u=units, c=chosen: tree_table.table_of_paths(
                    u, (), TODAY, c)),
                ("after, protect only", lambda t=built: tree_table.protect(t, THRESHOLD))]
        if args.before:
            runs.insert(0, ("before", lambda u=units, c=chosen: before_protect(
                before_table(u, (), TODAY, c))))
        for label, work in runs:
            print(f"  load {loadavg()}")
            median, p95 = timed(args.repeat, work)
            print(f"{name}, {label}: median {median:.2f} s, "
                  f"p95 {p95:.2f} s ({args.repeat} runs)")
    print(f"load {loadavg()}")


def new_path(units: list[str], chosen: list[engine.Spell]) -> set[Cell]:
    return tree_table.protect(tree_table.table_of_paths(units, (), TODAY, chosen), THRESHOLD)


if __name__ == "__main__":
    main()
