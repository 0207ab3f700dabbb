"""Turnover through the database: data written by the services, read by unit_summary.

Section NV-BUP-C (new, under BUP-avdelingen of Nordvik HF). "Today" is 10.03.2025 and
TURNOVER_YEARS is 1, so the summary covers 2024 and 2025 to date.

  Anna     permanent 100 % from 01.01.2020, still there
  Bjørn    permanent 100 % from 01.01.2020, resigned 30.04.2024      -> left the trust
  Cecilie  permanent 100 % from 01.01.2021, moved to BUP Sør 01.08.2024
                                                                    -> internal move
  Dag      temporary  50 % from 01.01.2024                           (not permanent)
  Eva      permanent  80 % from 01.06.2024                           (joiner)

2024 month-end headcounts of permanent staff in NV-BUP-C:
  Jan-Apr: Anna, Bjørn, Cecilie = 3 (x4 = 12)   May: Anna, Cecilie = 2
  Jun, Jul: Anna, Cecilie, Eva = 3 (x2 = 6)      Aug-Dec: Anna, Eva = 2 (x5 = 10)
  Sum 30, average 30/12 = 2.5.
Leavers 2024: Bjørn (left the trust), Cecilie (internal move): 1/2.5 = 0.4 each, 0.8 in all.
2025 to 10.03: samples 31.01, 28.02, 10.03 with Anna and Eva = 2 each; no leavers.
Now: Anna, Dag, Eva = 3 persons, 100 + 50 + 80 = 230 % = 2.3 FTE.
"""

from __future__ import annotations

import datetime as dt

import pytest

from fagkraft.adapter import workforce as adapter
from fagkraft.workforce import services, unit_months
from fagkraft.workforce.models import Position, Unit
from fagkraft.workforce.reports import unit_summary
from tests.personas import World

TODAY = dt.date(2025, 3, 10)


def hire(world: World, section: Unit, number: str, first: str, kind: str, fte: int,
         start: dt.date) -> Position:
    employee = services.create_employee(
        None, trust=world.trust, employee_number=number, first_name=first,
        last_name="Testesen", birth_year=1985, profession=world.nurse)
    return services.add_position(None, employee, unit=section, fte_percent=fte, kind=kind,
                                 start_date=start)


@pytest.fixture(params=["positions", "kept"])
def section_c(world: World, settings, request, monkeypatch) -> Unit:
    """Run twice: figures from positions (no kept counts), and from the kept monthly counts
    that the services keep up to date after a rebuild (reading positions then fails)."""
    settings.FAGKRAFT = {**settings.FAGKRAFT, "TURNOVER_YEARS": 1}
    if request.param == "kept":
        unit_months.rebuild(TODAY)

        def no_positions(*args, **kwargs):
            raise AssertionError("turnover read from positions")

        monkeypatch.setattr(adapter, "turnover_from_positions", no_positions)
    section = services.create_unit(None, code="NV-BUP-C", name="BUP Vest",
                                   level=Unit.Level.SECTION, parent=world.department)
    hire(world, section, "3001", "Anna", "permanent", 100, dt.date(2020, 1, 1))
    bjorn = hire(world, section, "3002", "Bjørn", "permanent", 100, dt.date(2020, 1, 1))
    services.end_position(None, bjorn, end_date=dt.date(2024, 4, 30),
                          reason=Position.LeavingReason.RESIGNED)
    cecilie = hire(world, section, "3003", "Cecilie", "permanent", 100, dt.date(2021, 1, 1))
    services.move_employee(None, cecilie, to_unit=world.section_b, on=dt.date(2024, 8, 1))
    hire(world, section, "3004", "Dag", "temporary", 50, dt.date(2024, 1, 1))
    hire(world, section, "3005", "Eva", "permanent", 80, dt.date(2024, 6, 1))
    return section


def test_turnover_matches_the_hand_calculation(world: World, section_c: Unit) -> None:
    summary = unit_summary(section_c, world.users["admin_ada"], today=TODAY)
    last_year, this_year = summary.turnover
    assert last_year["year"] == 2024
    assert last_year["average_headcount"] == 2.5
    assert (last_year["left_trust"], last_year["internal_moves"], last_year["leavers"]) == (1, 1, 2)
    assert last_year["left_trust_rate"] == pytest.approx(0.4)
    assert last_year["internal_move_rate"] == pytest.approx(0.4)
    assert last_year["rate"] == pytest.approx(0.8)
    assert this_year["period_end"] == "2025-03-10"
    assert this_year["average_headcount"] == 2 and this_year["leavers"] == 0
    assert this_year["rate"] == 0
    # Both meanings, labelled apart: the section's leavers (internal moves included) and
    # those who left the trust.
    assert (last_year["left_unit"], last_year["left_unit_rate"]) == (2, pytest.approx(0.8))


def test_current_headcount_and_fte(world: World, section_c: Unit) -> None:
    summary = unit_summary(section_c, world.users["admin_ada"], today=TODAY)
    assert summary.headcount == 3
    assert summary.fte == pytest.approx(2.3)
    assert [(g.key, g.headcount, g.fte) for g in summary.fte_by_profession] == [
        ("nurse", 3, 2.3)]


def test_the_department_sees_the_move_as_no_leaving(world: World, section_c: Unit) -> None:
    # BUP-avdelingen holds both BUP Vest and BUP Sør: Cecilie's move stays inside it,
    # so 2024 has one leaver there, Bjørn, who left the trust.
    summary = unit_summary(world.department, world.users["admin_ada"], today=TODAY)
    last_year = summary.turnover[0]
    assert (last_year["left_trust"], last_year["internal_moves"]) == (1, 0)


def test_summary_as_dict_is_json_safe(world: World, section_c: Unit) -> None:
    import json

    data = unit_summary(section_c, world.users["admin_ada"], today=TODAY).as_dict()
    decoded = json.loads(json.dumps(data))
    assert decoded["headcount"] == 3
    assert decoded["as_of"] == "2025-03-10"
    assert decoded["turnover"][0]["left_trust"] == 1


@pytest.mark.parametrize("level", ["section", "department", "trust", "region"])
def test_every_unit_page_labels_both_meanings_and_defines_them(world: World, section_c: Unit,
                                                                login, level) -> None:
    unit = {"section": section_c, "department": world.department, "trust": world.trust,
            "region": world.trust.region}[level]
    page = login("admin_ada").get(f"/units/{unit.pk}/").content.decode()
    assert "Sluttet i enheten (interne flyttinger medregnet)" in page
    assert "Sluttet i helseforetaket" in page
    assert 'id="turnover-definition"' in page
    assert "ikke har noen stilling noe sted i helseforetaket innen 31 dager" in page
