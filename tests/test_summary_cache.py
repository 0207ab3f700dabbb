"""Unit summaries are cached, but never outlive a change to the data."""

import datetime as dt

from django.core.cache import cache

from fagkraft.audit.services import data_version
from fagkraft.workforce import services
from fagkraft.workforce.reports import unit_summary


def test_a_write_moves_the_data_version_and_a_read_does_not(world):
    before = data_version()
    services.add_position(None, world.siri, unit=world.section_a, fte_percent=20,
                          kind="temporary", start_date=dt.date(2024, 1, 1))
    after_write = data_version()
    assert after_write > before
    from fagkraft.audit import services as audit
    audit.record(world.users["adviser_arne"], "read", world.siri)
    assert data_version() == after_write


def test_summary_reflects_a_new_employee_at_once(world):
    """Section NV-BUP-A has Erik and Kari (2 people, 2.0 FTE); hiring Nils at 50 %
    makes it 3 people and 2.5 FTE on the next request, though the first was cached."""
    cache.clear()
    adviser = world.users["adviser_arne"]
    today = dt.date(2026, 6, 1)
    first = unit_summary(world.section_a, adviser, today)
    assert (first.headcount, first.fte) == (2, 2.0)
    assert unit_summary(world.section_a, adviser, today) == first  # served from the cache

    nils = services.create_employee(None, trust=world.trust, employee_number="1009",
                                    first_name="Nils", last_name="Ny", birth_year=1990,
                                    profession=world.nurse)
    services.add_position(None, nils, unit=world.section_a, fte_percent=50,
                          kind="permanent", start_date=dt.date(2026, 5, 1))
    second = unit_summary(world.section_a, adviser, today)
    assert (second.headcount, second.fte) == (3, 2.5)


def test_planner_and_adviser_do_not_share_a_cached_summary(world):
    cache.clear()
    today = dt.date(2026, 6, 1)
    assert unit_summary(world.section_a, world.users["adviser_arne"], today).headcount == 2
    assert unit_summary(world.section_a, world.users["planner_pia"], today).headcount is None
