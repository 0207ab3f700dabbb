"""Specialist share: the same answer whichever way the approvals are looked up."""

import datetime as dt

import pytest

from fagkraft.workforce import reports

TODAY = dt.date(2026, 6, 1)


@pytest.mark.parametrize("lookup_max", [2000, 0])  # per person / whole trust or region
def test_specialist_share_by_hand(world, monkeypatch, lookup_max):
    """Doctors and psychologists count: Erik (psychologist, approved 2019, in force) and
    Kari (doctor, no approval) in NV-BUP-A; Siri is a nurse and Tor a social worker.
    Section NV-BUP-A: 1 of 2 = 50 %. Region: also 1 of 2, as only Erik and Kari count."""
    monkeypatch.setattr(reports, "APPROVAL_LOOKUP_MAX_PEOPLE", lookup_max)
    admin = world.users["admin_ada"]
    section = reports.unit_summary(world.section_a, admin, TODAY)
    region = reports.unit_summary(world.region, admin, TODAY)
    assert (section.specialists, section.specialist_eligible, section.specialist_share) == \
        (1, 2, 0.5)
    assert (region.specialists, region.specialist_eligible, region.specialist_share) == \
        (1, 2, 0.5)
