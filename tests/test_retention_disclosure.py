"""Retention figures across the unit tree (issue 13): the planner as an attacker.

The personas' world (tests/personas.py) with section A's five psychologist specialists
of tests/test_retention_pages.py, so the spells (positions) are:

  region TST 9 = Nordvik HF 8 + Solstad HF 1 (Tor)
  Nordvik HF 8 = BUP department 8 = section A 7 (Erik, Kari, A-E) + section B 1 (Siri)
  professions of the region: psychologist 6, doctor 1, nurse 1, social worker 1

Two attacks, each by hand:

1. Parent minus siblings: the department's page by unit shows 8 and hides B's 1 (and A's
   7 with it, else 8 - 7 = 1). Protected page by page, section A's own page showed its 7
   (nothing on that page is small): 8 - 7 gives Siri's 1 back.
2. Total minus shown groups: the region's page by profession shows 9 and hides the three
   1s (and the psychologists' 6, else 9 - 6 = 3). Page by page, the region's page
   filtered to psychologists showed its 6: 9 - 6 = 3 is the three small groups together.

The attacker (tests/test_disclosure_attacks.py) writes what the planner gets from the API
and the relations between pages, and solves. Protected page by page (the old way,
rebuilt here with the engine), both attacks work; across the tree they do not.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from fagkraft.core import dates
from fagkraft.engine.disclosure import Group, suppress
from tests.personas import World
from tests.retention_support import TODAY, build_retention_world
from tests.shared_data import fresh, module_data
from tests.test_disclosure_attacks import Attacker

PROFESSIONS = ("psychologist", "doctor", "nurse", "social-worker")


shared_world = module_data(build_retention_world, name="shared_world")


@pytest.fixture
def world(shared_world: World, db) -> World:
    return fresh(shared_world)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)


def _get(client, world, persona, unit, **query):
    client.force_login(world.users[persona])
    return client.get(reverse("retention-unit", args=[unit.pk]), query).json()


def _pages(client, world, persona):
    """What the attacker reads: the department by unit, both sections, the region by
    profession and the region filtered to each profession."""
    pages = {"department": _get(client, world, persona, world.department, by="unit"),
             "A": _get(client, world, persona, world.section_a),
             "B": _get(client, world, persona, world.section_b),
             "region": _get(client, world, persona, world.region, by="profession")}
    for code in PROFESSIONS:
        pages[code] = _get(client, world, persona, world.region, profession=code)
    return pages


def _read(attacker: Attacker, pages: dict, world: World) -> None:
    department = pages["department"]
    attacker.see("dept", department["total"]["size"])
    groups = {group["key"]: group["size"] for group in department["groups"]}
    for name, unit in (("A", world.section_a), ("B", world.section_b)):
        attacker.see(name, groups.get(unit.path, 0))  # a unit without spells is no group
        attacker.see(name, pages[name]["total"]["size"])  # the same count on its own page
    attacker.see("dept-direct", groups.get("", 0))
    attacker.relation("dept", ["A", "B", "dept-direct"])
    region = pages["region"]
    attacker.see("region", region["total"]["size"])
    shown = {group["key"]: group["size"] for group in region["groups"]}
    for code in PROFESSIONS:
        attacker.see(code, shown.get(code, 0))
        attacker.see(code, pages[code]["total"]["size"])  # the filtered page's total
    attacker.relation("region", list(PROFESSIONS))


TRUTH = {"dept": 8, "A": 7, "B": 1, "dept-direct": 0, "region": 9, "psychologist": 6,
         "doctor": 1, "nurse": 1, "social-worker": 1}


def test_the_truth_is_as_worked_by_hand(client, world):
    pages = _pages(client, world, "admin_ada")  # the administrator: nothing hidden
    truth = Attacker()
    _read(truth, pages, world)
    assert truth.seen == TRUTH


def test_page_by_page_protection_gives_both_small_counts_away():
    """The attack on the figures as page-by-page protection published them: each page's
    own table suppressed on its own (the engine, threshold 5)."""
    def published(values, groups):
        hidden = suppress(values, groups, 5).hidden
        return {cell: (None if cell in hidden else value) for cell, value in values.items()}

    department = published({"dept": 8, "A": 7, "B": 1, "dept-direct": 0},
                           [Group("dept", ("A", "B", "dept-direct"))])
    region = published({key: TRUTH[key] for key in ("region", *PROFESSIONS)},
                       [Group("region", PROFESSIONS)])
    attacker = Attacker()
    for key, value in {**department, **region}.items():
        attacker.see(key, value)
    attacker.see("A", 7)  # section A's own page: one cell of 7, nothing to hide
    for code in PROFESSIONS:  # a filtered page: its total alone, hidden only if small
        attacker.see(code, None if 0 < TRUTH[code] < 5 else TRUTH[code])
    attacker.relation("dept", ["A", "B", "dept-direct"])
    attacker.relation("region", list(PROFESSIONS))
    leaks = attacker.attack(TRUTH)
    assert "B = 1 recovered" in leaks
    assert "['doctor', 'nurse', 'social-worker'] add up to 3 (from region)" in leaks


def test_across_the_tree_the_planner_recovers_nothing(client, world):
    pages = _pages(client, world, "planner_pia")
    attacker = Attacker()
    _read(attacker, pages, world)
    # What the planner sees, by hand: the region's 9. Solstad's 1 is hidden, so Nordvik's
    # 8 is (9 - 8 = 1), and so its clinic's and department's 8, the same count (Nordvik =
    # its clinic + 0 = its department + 0); B's 1 and A's 7 hidden on the department's
    # page and on their own; the psychologists' 6 hidden on the region's page and on the
    # filtered one.
    assert {key: attacker.seen.get(key) for key in TRUTH} == {
        "dept": None, "A": None, "B": None, "dept-direct": 0, "region": 9,
        "psychologist": None, "doctor": None, "nurse": None, "social-worker": None}
    assert attacker.attack(TRUTH) == []


def test_a_breakdown_by_an_earlier_filter_field_is_not_offered(client, world):
    # Specialists by profession would put "psychologist specialists" in a second table
    # (the first: psychologists by specialist): under disclosure control it is dropped,
    # with a note, and the observed-from date too; the leader gets both.
    planner = _get(client, world, "planner_pia", world.region, specialist="yes",
                   by="profession", observed_from="01.01.2020")
    assert planner["groups"] == [] and planner["observed_from"] == "2015-01-01"
    leader = _get(client, world, "leader_lise", world.section_a, specialist="yes",
                  by="profession", observed_from="01.01.2020")
    assert leader["groups"] and leader["observed_from"] == "2020-01-01"
    client.force_login(world.users["planner_pia"])
    page = client.get(reverse("retention:unit", args=[world.region.pk]),
                      {"specialist": "yes", "by": "profession"})
    assert 'id="restricted-note"' in page.content.decode()


def _backtest(client, world, persona, unit) -> dict[int, int | None]:
    client.force_login(world.users[persona])
    data = client.get(reverse("retention-backtest", args=[unit.pk]),
                      {"base_year": "2021"}).json()
    return {row["year"]: row["actual"] for row in data["rows"]}


def test_the_backtest_gives_no_small_year_end_back(client, world):
    """The backtest shows year-end headcounts. At the end of 2021 the region's 7 is
    Nordvik HF's 6 + Solstad HF's 1 (Tor), and Nordvik's 6 is its BUP department's
    (nobody is placed above it), which is section A's 5 + section B's 1 (Siri) + 0 in the
    department itself. Page by page, the region's 7, the department's 6 and A's 5 would
    be shown (none is small): 6 - 5 gives Siri's 1 back and 7 - 6 Tor's. The backtest now
    shows the tree table's decisions (as the retention page): the region's 7, nothing
    else. Every year 2021-2025 is checked, with the zeros the attacker knows."""
    units = {"region": world.region, "trust": world.trust, "other": world.other_trust,
             "dept": world.department, "A": world.section_a, "B": world.section_b}
    truth = {(name, year): actual for name, unit in units.items()
             for year, actual in _backtest(client, world, "admin_ada", unit).items()}
    assert [truth[(name, 2021)] for name in units] == [7, 6, 1, 6, 5, 1]
    attacker = Attacker()
    for name, unit in units.items():
        for year, actual in _backtest(client, world, "planner_pia", unit).items():
            attacker.see((name, year), actual)
    for year in range(2021, 2026):
        attacker.see(("zero", year), 0)
        truth[("zero", year)] = 0
        attacker.relation(("region", year), [("trust", year), ("other", year)])
        attacker.relation(("trust", year), [("dept", year), ("zero", year)])
        attacker.relation(("dept", year), [("A", year), ("B", year), ("zero", year)])
    assert {name: attacker.seen.get((name, 2021)) for name in units} == {
        "region": 7, "trust": None, "other": None, "dept": None, "A": None, "B": None}
    assert attacker.attack(truth) == []
    # Protected page by page, as the backtest was: each page hid its own small years only.
    old = Attacker()
    for key, value in truth.items():
        old.see(key, None if 0 < value < 5 else value)
    old.relations = attacker.relations
    assert "('B', 2021) = 1 recovered" in old.attack(truth)


def test_a_cold_page_reads_the_tree_once_and_shows_what_a_warm_one_shows(world, monkeypatch):
    """With the tree's table not yet built, the page reads the spells of the whole tree
    (the table needs them) and picks section A's out of them; with the table cached it
    reads section A's own. Both give the same report."""
    from django.core.cache import cache

    from fagkraft.retention import reports

    read: list[str] = []
    real = reports.spells_for_unit
    monkeypatch.setattr(reports, "spells_for_unit",
                        lambda unit: read.append(unit.code) or real(unit))
    selection = reports.Selection(by="profession")
    cache.clear()
    cold = reports.retention_report(world.section_a, selection, TODAY, protected=True)
    warm = reports.retention_report(world.section_a, selection, TODAY, protected=True)
    assert read == [world.region.code, world.section_a.code]
    assert cold == warm
    assert cold.total.size is None  # A's 7, hidden across the tree (see above)
