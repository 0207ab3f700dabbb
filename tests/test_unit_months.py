"""The kept monthly counts (UnitMonth) always equal a full recomputation.

Property (hypothesis, on whichever database the run uses; CI runs both): after any
sequence of hires, moves, ends and HR-import writes through the services, every kept row
equals what `rebuild` computes from the positions, and every unit's turnover read from
the kept rows equals the turnover computed from positions (the page's old path).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fagkraft.adapter import workforce as adapter
from fagkraft.engine import unit_months as engine
from fagkraft.workforce import services, unit_months
from fagkraft.workforce.models import Employee, Position, Unit, UnitMonth

TODAY = dt.date(2026, 6, 17)
SPAN_FIRST = dt.date(2021, 1, 1)
D = dt.date


def kept_table() -> dict[tuple[int, dt.date], tuple[int, ...]]:
    return {
        (unit_id, month): tuple(values)
        for unit_id, month, *values in UnitMonth.objects.values_list("unit_id", "month",
                                                                      *engine.MEASURES)
        if any(values)
    }


def recomputed() -> dict[tuple[int, dt.date], tuple[int, ...]]:
    with transaction.atomic():
        span = unit_months.current_span()
        assert span is not None
        unit_months.rebuild(TODAY, span.first_month, span.last_month)
        table = kept_table()
        transaction.set_rollback(True)
    return table


class _Rollback(Exception):
    pass


def _sandbox():
    atomic = transaction.atomic()
    atomic._from_testcase = True  # services open durable blocks inside it, as in a test case
    return atomic


days = st.integers(min_value=0, max_value=(TODAY - SPAN_FIRST).days + 200)
operation = st.one_of(
    st.tuples(st.just("hire"), st.sampled_from(["a", "b"]), days,
              st.sampled_from(["permanent", "temporary"])),
    st.tuples(st.just("move"), st.integers(0, 20), st.integers(1, 400)),
    st.tuples(st.just("end"), st.integers(0, 20), st.integers(0, 400)),
    st.tuples(st.just("import"), st.sampled_from(["a", "b"]), days, st.integers(0, 20),
              st.integers(0, 300)),
)


def _open_positions(world) -> list[Position]:
    return list(Position.objects.filter(
        end_date__isnull=True, employee__trust=world.trust).select_related(
        "employee", "unit").order_by("pk"))


def _apply(world, step, counter: list[int]) -> None:
    section = {"a": world.section_a, "b": world.section_b}
    kind = step[0]
    if kind == "hire":
        _, where, offset, position_kind = step
        counter[0] += 1
        person = services.create_employee(
            None, trust=world.trust, employee_number=f"77{counter[0]}", first_name="Ny",
            last_name="Ansatt", birth_year=1980, profession=world.nurse)
        services.add_position(None, person, unit=section[where], fte_percent=100,
                              kind=position_kind, start_date=SPAN_FIRST + dt.timedelta(offset))
        return
    running = _open_positions(world)
    if kind == "import":
        _, where, offset, pick, length = step
        counter[0] += 1
        person = Employee(trust=world.trust, employee_number=f"88{counter[0]}",
                          first_name="Import", last_name="Ansatt", birth_year=1975,
                          profession=world.doctor)
        start = SPAN_FIRST + dt.timedelta(offset)
        new = [Position(employee=person, unit=section[where], fte_percent=Decimal(80),
                        kind="permanent", start_date=start)]
        changed = []
        if running:
            target = running[pick % len(running)]
            target.end_date = target.start_date + dt.timedelta(length)
            target.leaving_reason = "resigned"
            changed = [target]
        services.bulk_write_people(
            None, new_employees=[person], changed_employees=[], employee_fields=[],
            new_positions=new, changed_positions=changed,
            position_fields=["end_date", "leaving_reason"])
        return
    if not running:
        return
    _, pick, length = step
    position = running[pick % len(running)]
    on = position.start_date + dt.timedelta(length)
    if kind == "move":
        other = world.section_b if position.unit_id == world.section_a.pk else world.section_a
        if position.unit.level != Unit.Level.SECTION:
            other = world.section_a
        services.move_employee(None, position, to_unit=other, on=on)
    else:
        services.end_position(None, position, end_date=on, reason="resigned")


def _scoped_units(world) -> list[Unit]:
    return [world.section_a, world.section_b, world.department, world.clinic, world.trust,
            world.trust.region]


@pytest.fixture
def kept(world):
    unit_months.rebuild(TODAY)
    return world


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(operation, min_size=1, max_size=8))
def test_kept_counts_equal_a_recomputation(kept, steps) -> None:
    world = kept
    counter = [0]
    try:
        with _sandbox():
            for step in steps:
                _apply(world, step, counter)
            assert kept_table() == recomputed()
            domain = django_settings.FAGKRAFT
            for unit in _scoped_units(world):
                subtree = list(Unit.objects.filter(Unit.subtree_q(unit.path))
                               .values_list("pk", flat=True))
                current = adapter.current_positions(subtree, TODAY, unit.path)
                args = (subtree, TODAY, domain["TURNOVER_YEARS"],
                        domain["INTERNAL_MOVE_GRACE_DAYS"], unit.path)
                from_positions = adapter.turnover_from_positions(*args)
                from_kept = adapter.turnover_by_year(*args, kept=(unit.pk, current))
                assert from_kept == from_positions, unit.code
            raise _Rollback
    except _Rollback:
        pass


def test_rebuild_command_prints_what_it_kept(world, capsys) -> None:
    # The persona world: Erik, Kari (section A), Siri (section B) permanent since before
    # the span, Tor in the other trust; every scope has a row for every month.
    call_command("rebuild_unit_months", "--today", "2026-06-17")
    span = unit_months.current_span()
    assert (span.first_month, span.last_month) == (D(2021, 1, 1), D(2027, 12, 1))
    out = capsys.readouterr().out
    assert "01.2021" in out and "12.2027" in out
    # Section A on 31 May 2026: Erik and Kari.
    row = UnitMonth.objects.get(unit=world.section_a, month=D(2026, 5, 1))
    assert row.headcount == 2


def test_a_move_counts_as_leaving_the_section_not_the_trust(kept) -> None:
    """Hand-worked: Siri moves from section B to A on 1 March 2026. Section B: one leaver
    in February 2026 (left the unit, moved within the trust: left_trust 0); the
    department: nobody left; section A: one hire in March."""
    world = kept
    position = Position.objects.get(employee=world.siri, end_date__isnull=True)
    services.move_employee(None, position, to_unit=world.section_a, on=D(2026, 3, 1))
    february = UnitMonth.objects.get(unit=world.section_b, month=D(2026, 2, 1))
    assert (february.left_unit, february.left_trust) == (1, 0)
    assert not UnitMonth.objects.filter(unit=world.department, left_unit__gt=0).exists()
    assert UnitMonth.objects.get(unit=world.section_a, month=D(2026, 3, 1)).hires == 1
