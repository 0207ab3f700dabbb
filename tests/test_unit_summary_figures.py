"""The unit summary's current-staff figures, worked out by hand.

The personas' world on 30 June 2026 (T): Erik (psychologist, born 1.5.1980, specialist
approval in force) and Kari (doctor, born 3.2.1960) in BUP Nord (section A), Siri
(nurse, born 9.9.1990) in BUP Sør (section B), all 100 % permanent. Added:

  Ola  nurse, birth year 1996 only          A 100 % permanent            30 (2026 - 1996)
  Pia  nurse, born 30.6.1996 (birthday T)   A 60 % temporary + 40 % perm  30
  Per  doctor, born 1.7.1996 (birthday T+1) A 50 % perm + B 50 % perm     29
  Una  nurse, born 1.1.1990                 A 100 %, from T+1             not yet staff
  Eli  nurse, born 1.1.1990                 A 100 %, ended T-1            no longer staff

Section A: Erik, Kari, Ola, Pia, Per = 5 persons, FTE 1 + 1 + 1 + (0.6 + 0.4) + 0.5 =
4.5; ages <30: Per; 30-39: Ola, Pia; 40-49: Erik; 62+: Kari. Professions by FTE: nurse
2 persons 2.0, doctor (Kari, Per) 2 persons 1.5, psychologist 1 person 1.0. Specialist
track (psychologist, doctor): Erik, Kari, Per eligible, Erik approved: 1 of 3.
Department: those and Siri = 6 persons (Per once), FTE 4.5 + 1 + 0.5 = 6.0; children:
A 5 persons 4.5 FTE, B (Siri, Per) 2 persons 1.5 FTE.
"""

from __future__ import annotations

import datetime as dt

import pytest

from fagkraft.workforce import reports, services
from fagkraft.workforce.models import Unit

T = dt.date(2026, 6, 30)


@pytest.fixture
def staffed(world):
    def hire(first: str, profession, *, year=None, born=None):
        fields = {"birth_date": born} if born else {"birth_year": year}
        return services.create_employee(
            None, trust=world.trust, employee_number=f"9{len(first)}{first}", first_name=first,
            last_name="Test", profession=profession, **fields)

    a, b = world.section_a, world.section_b
    ola = hire("Ola", world.nurse, year=1996)
    services.add_position(None, ola, unit=a, fte_percent=100, kind="permanent",
                          start_date=dt.date(2020, 1, 1))
    pia = hire("Pia", world.nurse, born=dt.date(1996, 6, 30))
    services.add_position(None, pia, unit=a, fte_percent=60, kind="temporary",
                          start_date=dt.date(2025, 1, 1))
    services.add_position(None, pia, unit=a, fte_percent=40, kind="permanent",
                          start_date=dt.date(2025, 1, 1))
    per = hire("Per", world.doctor, born=dt.date(1996, 7, 1))
    for unit in (a, b):
        services.add_position(None, per, unit=unit, fte_percent=50, kind="permanent",
                              start_date=dt.date(2024, 1, 1))
    una = hire("Una", world.nurse, born=dt.date(1990, 1, 1))
    services.add_position(None, una, unit=a, fte_percent=100, kind="permanent",
                          start_date=T + dt.timedelta(days=1))
    eli = hire("Eli", world.nurse, born=dt.date(1990, 1, 1))
    services.add_position(None, eli, unit=a, fte_percent=100, kind="permanent",
                          start_date=dt.date(2020, 1, 1), end_date=T - dt.timedelta(days=1),
                          leaving_reason="resigned")
    return world


def test_a_section_counts_each_person_once_with_their_age_on_the_day(staffed):
    summary = reports._compute_summary(staffed.section_a, T, with_turnover=False)
    assert (summary.headcount, summary.fte) == (5, 4.5)
    assert [(band["label"], band["count"]) for band in summary.age_bands] == [
        ("<30", 1), ("30–39", 2), ("40–49", 1), ("50–61", 0), ("62+", 1)]
    assert (summary.senior_count, summary.senior_share) == (1, 0.2)
    assert [(g.key, g.headcount, g.fte) for g in summary.fte_by_profession] == [
        ("nurse", 2, 2.0), ("doctor", 2, 1.5), ("psychologist", 1, 1.0)]
    assert (summary.specialists, summary.specialist_eligible) == (1, 3)
    assert summary.specialist_share == pytest.approx(1 / 3)
    assert summary.children == []


def test_a_department_counts_a_person_in_two_sections_once(staffed):
    summary = reports._compute_summary(staffed.department, T, with_turnover=False)
    assert (summary.headcount, summary.fte) == (6, 6.0)
    assert [(c.key, c.headcount, c.fte) for c in summary.children] == [
        ("NV-BUP-A", 5, 4.5), ("NV-BUP-B", 2, 1.5)]
    trust = reports._compute_summary(staffed.trust, T, with_turnover=False)
    assert [(c.key, c.headcount, c.fte) for c in trust.children] == [("NV-PHBU", 6, 6.0)]


@pytest.mark.parametrize("day", [T - dt.timedelta(days=1), T, T + dt.timedelta(days=1)])
def test_every_unit_shows_the_same_figures_as_the_frame_based_summary(staffed, day):
    """Issue 16: the one-pass tally (`engine.staffing.current_staff`) gives exactly the
    figures the DataFrame-based summary gave (tests/unit_summary_reference.py), for every
    unit of the personas' world, on the day before T (Eli still staff), T, and T+1 (Una
    starts, Per turns 30), raw and as the planner sees them after disclosure control."""
    from tests.unit_summary_reference import compute_summary

    for unit in Unit.objects.order_by("path"):
        summary = reports._compute_summary(unit, day)
        assert summary == compute_summary(unit, day), unit.code
        table = reports.workforce_table(unit, day)
        assert reports._protect(summary, table) == reports._protect(
            compute_summary(unit, day), table), unit.code
    department = reports._compute_summary(staffed.department, day)
    # Hand-worked above for T: 6 persons; on T-1 Eli too, on T+1 Una too.
    assert department.headcount == {T: 6}.get(day, 7)
