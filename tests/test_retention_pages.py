"""The retention page, its export and API (issue 13 point 1) on a hand-made history.

Section A of the personas' world (tests/personas.py) holds Erik (psychologist
specialist, hired 01.01.2015, still employed), Kari (doctor, same date) and five more
psychologist specialists added here:

  A hired 01.01.2020, resigned 01.01.2021 (366 days, left the trust)
  B hired 01.01.2020, retired 01.01.2022 (731 days)
  C hired 01.01.2020, moved within the trust 01.07.2020 (182 days; censored in the curve)
  D hired 01.01.2020, still employed;  E hired 01.01.2021, still employed

Today is 30.06.2026. Worked by hand, for psychologist specialists (6 spells, from
01.01.2015, so nobody enters late): at 366 days 5 are at risk (C left before), one
leaves: S = 4/5 = 0.8; at 731 days 4 are at risk (B, D, E, Erik), one leaves:
S = 0.8 · 3/4 = 0.6. The median is not reached. One year = 365 days: 1.0; two years
(730 days): 0.8; five years: 0.6.
All causes (Aalen-Johansen): 182 days internal move 1/6; 366 days left the trust
(5/6 · 1/5) = 1/6; 731 days retired (4/6 · 1/4) = 1/6; together 1/2 = 1 − S_all.
Year 2021 (31.12.2020 to 31.12.2021): employed at the start Erik, A, B, D (4); at the end
Erik, B, D, E (4); A left: leaver rate 1/4, stability index 3/4.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fagkraft.core import dates
from fagkraft.retention import views
from fagkraft.workforce import services
from tests.personas import World
from tests.retention_support import TODAY, build_retention_world
from tests.shared_data import fresh, module_data

PSYCHOLOGIST_SPECIALISTS = {"profession": "psychologist", "specialist": "yes"}


shared_world = module_data(build_retention_world, name="shared_world")


@pytest.fixture
def world(shared_world: World, db) -> World:
    return fresh(shared_world)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)


def _api(client, world: World, persona: str, **query: str):
    client.force_login(world.users[persona])
    return client.get(reverse("retention-unit", args=[world.section_a.pk]), query)


def test_the_leader_sees_the_curve_and_counts_worked_by_hand(client, world):
    data = _api(client, world, "leader_lise", **PSYCHOLOGIST_SPECIALISTS).json()
    total = data["total"]
    assert total["size"] == 6
    assert [(p["days"], p["at_risk"], p["events"]) for p in total["curve"]] == [
        (366, 5, 1), (731, 4, 1)]
    assert [p["retention"] for p in total["curve"]] == pytest.approx([0.8, 0.6])
    assert total["median_days"] is None
    assert total["still_employed_after_years"] == pytest.approx(
        {"1": 1.0, "2": 0.8, "5": 0.6})
    finals = {cause: points[-1]["incidence"]
              for cause, points in data["cumulative_incidence"].items()}
    assert finals == pytest.approx({"left_trust": 1 / 6, "internal_move": 1 / 6,
                                    "retired": 1 / 6})
    year = next(row for row in data["years"] if row["year"] == 2021)
    assert (year["headcount_start"], year["headcount_end"], year["leavers"]) == (4, 4, 1)
    assert year["leaver_rate"] == pytest.approx(0.25)
    assert year["stability_index"] == pytest.approx(0.75)


def test_the_planner_sees_section_a_hidden_across_the_tree(client, world):
    # Across the unit tree (retention.tree_table): the department's 8 spells are section
    # A's 7 + section B's 1 (Siri). B's 1 is hidden, so A's 7 must be too (8 - 7 = 1);
    # among the department's professions doctor 1 and nurse 1 are hidden, so psychologist
    # 6 is too (8 - 6 = 2), and then section A's 6 psychologists, the department's 6
    # minus nothing. Section A's psychologist specialists (6, the same count) with them.
    data = _api(client, world, "planner_pia", **PSYCHOLOGIST_SPECIALISTS).json()
    assert data["total"]["size"] is None and data["total"]["curve"] is None
    year = next(row for row in data["years"] if row["year"] == 2021)
    assert (year["headcount_start"], year["leavers"], year["leaver_rate"],
            year["stability_index"]) == (None, None, None, None)


def test_the_planner_sees_the_regions_curve_without_counts(client, world):
    # The region: Erik, Kari, Siri, Tor and A-E, 9 spells; the trusts' 8 and 1 are
    # hidden (1 is small, so 8 is too), the region's 9 is not.
    client.force_login(world.users["planner_pia"])
    data = client.get(reverse("retention-unit", args=[world.region.pk])).json()
    total = data["total"]
    assert total["size"] == 9 and total["curve"]
    # No at-risk or event counts for a planner: a step of one event is one person.
    assert {(p["at_risk"], p["events"]) for p in total["curve"]} == {(None, None)}
    by_unit = client.get(reverse("retention-unit", args=[world.region.pk]),
                         {"by": "unit"}).json()
    assert {group["key"]: group["size"] for group in by_unit["groups"]} == {
        world.trust.path: None, world.other_trust.path: None}


def test_no_curve_of_fewer_than_five(client, world):
    data = _api(client, world, "leader_lise", by="profession").json()
    groups = {group["key"]: group for group in data["groups"]}
    # Section A: Kari the only doctor; Erik and A-E the six psychologists.
    assert groups["doctor"]["size"] == 1
    assert groups["doctor"]["curve"] is None
    assert groups["psychologist"]["size"] == 6
    assert groups["psychologist"]["curve"] is not None
    planner = _api(client, world, "planner_pia", by="profession").json()
    assert {g["key"]: g["size"] for g in planner["groups"]}["doctor"] is None


def test_employees_may_not_and_other_units_are_not_found(client, world):
    assert _api(client, world, "employee_erik").status_code == 403
    assert _api(client, world, "leader_ola").status_code == 404
    client.force_login(world.users["leader_ola"])
    page = client.get(reverse("retention:unit", args=[world.section_a.pk]))
    assert page.status_code == 404


def test_the_page_and_export_for_the_planner(client, world):
    # Section A's psychologist specialists are hidden from the planner across the tree
    # (test_the_planner_sees_section_a_hidden_across_the_tree): no curve, counts "x".
    client.force_login(world.users["planner_pia"])
    url = reverse("retention:unit", args=[world.section_a.pk])
    page = client.get(url, PSYCHOLOGIST_SPECIALISTS)
    assert page.status_code == 200
    content = page.content.decode()
    assert 'id="retention-charts"' in content
    assert "80,0 %" not in content
    export = client.get(reverse("retention:unit_export", args=[world.section_a.pk]),
                        PSYCHOLOGIST_SPECIALISTS)
    sheets = load_workbook(io.BytesIO(export.content))
    per_year = {row[0]: row for row in sheets.worksheets[3].iter_rows(min_row=2,
                                                                       values_only=True)}
    assert per_year[2021][1:4] == ("x", "x", "x")
    assert list(sheets.worksheets[1].iter_rows(min_row=2, values_only=True)) == []
    # The leader sees the same page in full: two years after hire 80 %.
    client.force_login(world.users["leader_lise"])
    assert "80,0 %" in client.get(url, PSYCHOLOGIST_SPECIALISTS).content.decode()


def test_the_backtest_worked_by_hand(client, world):
    # Section A's headcount on 31.12: 2018-2019 2 (Erik, Kari); 2020 5 (+A, B, D); 2021 5
    # (A left, E came); 2022-2025 4 (B retired). From 2021, estimated on 2019-2021:
    # leaver rates 0, 0 (C's internal move is no leaving), 1/5 -> turnover 6.667 %;
    # hires 0, 4, 1 -> 5/3 a year. 2022: 5 · (1 − 0.0667) + 5/3 = 6.3333; actual 4.
    client.force_login(world.users["leader_lise"])
    url = reverse("retention:backtest", args=[world.section_a.pk])
    report = client.get(url, {"base_year": "2021"}).context["report"]
    assert report.turnover_percent == pytest.approx(20 / 3)
    assert report.recruits_per_year == pytest.approx(5 / 3)
    assert [(row.year, row.actual) for row in report.rows] == [
        (2021, 5), (2022, 4), (2023, 4), (2024, 4), (2025, 4)]
    assert report.rows[1].projected == pytest.approx(5 * (1 - 1 / 15) + 5 / 3)
    assert report.rows[1].error == pytest.approx(5 * (1 - 1 / 15) + 5 / 3 - 4)
    # The planner: four persons a year from 2022 are hidden, and the flows come from
    # years with two persons, so no projection is shown at all. 2021's 5 is hidden too:
    # the department's 6 at the end of 2021 is section A's 5 + section B's 1 (Siri), so
    # the tree's table hides A's 5 with B's 1 (else 6 - 5 = 1), and the backtest shows the
    # year-end headcounts as the retention page's table does.
    client.force_login(world.users["planner_pia"])
    planner = client.get(url, {"base_year": "2021"}).context["report"]
    assert [(row.year, row.actual, row.projected) for row in planner.rows][:2] == [
        (2021, None, None), (2022, None, None)]
    assert planner.turnover_percent is None
    retention = client.get(reverse("retention:unit", args=[world.section_a.pk])
                           ).context["report"]
    year_ends = {row.year: row.headcount_end for row in retention.years}
    assert all(row.actual == year_ends[row.year] for row in planner.rows)
    export = client.get(reverse("retention:backtest_export", args=[world.section_a.pk]),
                        {"base_year": "2021"})
    rows = list(load_workbook(io.BytesIO(export.content)).worksheets[0].iter_rows(
        min_row=2, values_only=True))
    assert rows[1] == (2022, "x", "x", "x", "x")


def test_the_register_start_makes_earlier_hires_enter_late(client, world):
    # Register from 01.01.2020: Erik (hired 2015) enters at 1826 days, after both events.
    # At 366 days A, B, D, E are at risk (C moved before): S = 3/4; at 731 B, D, E:
    # S = 3/4 · 2/3 = 1/2, so the half-life is 731 days.
    data = _api(client, world, "leader_lise", observed_from="01.01.2020",
                **PSYCHOLOGIST_SPECIALISTS).json()
    assert data["observed_from"] == "2020-01-01"
    curve = data["total"]["curve"]
    assert [(p["days"], p["at_risk"]) for p in curve] == [(366, 4), (731, 3)]
    assert [p["retention"] for p in curve] == pytest.approx([0.75, 0.5])
    assert data["total"]["median_days"] == 731


def test_the_backtest_api_gives_the_page_figures(client, world):
    # The same hand-worked figures as test_the_backtest_worked_by_hand, now as JSON, and
    # equal to the page's report field by field (leader: nothing hidden; planner: hidden).
    url = reverse("retention-backtest", args=[world.section_a.pk])
    page_url = reverse("retention:backtest", args=[world.section_a.pk])
    for persona in ("leader_lise", "planner_pia"):
        client.force_login(world.users[persona])
        data = client.get(url, {"base_year": "2021"}).json()
        page = client.get(page_url, {"base_year": "2021"}).context["report"]
        assert data["base_year"] == page.base_year == 2021
        assert data["turnover_percent"] == page.turnover_percent
        assert data["recruits_per_year"] == page.recruits_per_year
        assert data["rows"] == [
            {"year": r.year, "projected": r.projected, "actual": r.actual, "error": r.error,
             "error_percent": r.error_percent} for r in page.rows]
    leader = _api_backtest(client, world, "leader_lise", base_year="2021")
    assert leader["turnover_percent"] == pytest.approx(20 / 3)
    assert leader["rows"][1]["projected"] == pytest.approx(5 * (1 - 1 / 15) + 5 / 3)
    assert leader["estimation_years"] == [2019, 2020, 2021]
    planner = _api_backtest(client, world, "planner_pia", base_year="2021")
    assert planner["turnover_percent"] is None and planner["rows"][1]["actual"] is None
    # A filter narrows the spells as on the page: Kari (the doctor) only, one a year.
    doctor = _api_backtest(client, world, "leader_lise", base_year="2021",
                           profession="doctor")
    assert [row["actual"] for row in doctor["rows"]] == [1, 1, 1, 1, 1]


def _api_backtest(client, world: World, persona: str, **query: str) -> dict:
    client.force_login(world.users[persona])
    return client.get(reverse("retention-backtest", args=[world.section_a.pk]), query).json()


def test_the_backtest_api_refuses_employees_and_other_units(client, world):
    url = reverse("retention-backtest", args=[world.section_a.pk])
    client.force_login(world.users["employee_erik"])
    assert client.get(url).status_code == 403
    client.force_login(world.users["leader_ola"])
    assert client.get(url).status_code == 404


def test_a_repeated_view_is_cached_and_a_change_shows_at_once(client, world, monkeypatch):
    """The report is worked out once per data version (issue 15 point 7: a region's page
    reads every spell of the region). D (hired 01.01.2020) now resigns on 01.01.2023,
    after 1096 days: at risk then D, E and Erik (A, B, C gone), one leaves, so the curve
    falls from 0.6 to 0.6 · 2/3 = 0.4 there."""
    calls = []
    real = views.retention_report
    monkeypatch.setattr(views, "retention_report",
                        lambda *args, **kwargs: calls.append(1) or real(*args, **kwargs))
    client.force_login(world.users["leader_lise"])
    url = reverse("retention:unit", args=[world.section_a.pk])

    def points():
        curve = client.get(url, PSYCHOLOGIST_SPECIALISTS).context["report"].total.curve
        return [(p.days, round(p.retention, 6)) for p in curve.points]

    assert points() == [(366, 0.8), (731, 0.6)]
    assert points() == [(366, 0.8), (731, 0.6)]
    assert len(calls) == 1  # the second view came from the cache
    d = world.section_a.positions.get(employee__employee_number="3004")
    services.end_position(None, d, end_date=dt.date(2023, 1, 1), reason="resigned")
    assert points() == [(366, 0.8), (731, 0.6), (1096, 0.4)]
    assert len(calls) == 2
