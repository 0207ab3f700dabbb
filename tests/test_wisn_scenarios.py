"""Task sharing: moving a share of an activity to another category, by hand and as
properties (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fagkraft.engine import wisn

AWT = wisn.DaysWorkingTime(260, 10, 25, 12, 5, 7.5)  # 1560 hours


def study(contacts: float = 9000, nurse_contacts: float = 4000,
          nurse_allowance: float = 10.0) -> wisn.Study:
    return wisn.Study("s", 2025, AWT, (
        wisn.Category("psychologist", (wisn.Activity("contact", contacts, 60),),
                      (wisn.CategoryAllowance("records", percent=10.0),), existing_staff=8),
        wisn.Category("nurse", (wisn.Activity("contact", nurse_contacts, 60),),
                      (wisn.CategoryAllowance("records", percent=nurse_allowance),),
                      existing_staff=4),
    ))


def test_move_with_its_own_time_by_hand() -> None:
    """25 % of 9000 psychologist contacts (2250) to nurses at 90 minutes.
    Before: psychologist 9000/1560 / 0.9 = 6.41026; nurse 4000/1560 / 0.9 = 2.84900.
    After: psychologist 6750/1560 / 0.9 = 4.80769; nurse (4000 + 2250 * 1.5)/1560 / 0.9
    = 7375/1404 = 5.25285."""
    scenario = wisn.Scenario("nurses follow up", (
        wisn.Move("contact", "psychologist", "nurse", 25.0, minutes_per_unit=90.0),))
    comparison = wisn.compare(study(), scenario)
    before = {row.category: row.required_before for row in comparison.rows}
    after = {row.category: row.required_after for row in comparison.rows}
    assert before == pytest.approx({"psychologist": 9000 / 1404, "nurse": 4000 / 1404})
    assert after == pytest.approx({"psychologist": 6750 / 1404, "nurse": 7375 / 1404})
    moved = comparison.after.category("nurse").activities[-1]
    assert (moved.annual_workload, moved.minutes_per_unit, moved.moved_from) == \
        (2250, 90, "psychologist")
    assert comparison.rows[0].ratio_after == pytest.approx(8 / (6750 / 1404))


def test_bad_moves_are_refused() -> None:
    with pytest.raises(ValueError):
        wisn.apply_move(study(), wisn.Move("contact", "psychologist", "doctor", 10))
    with pytest.raises(ValueError):
        wisn.apply_move(study(), wisn.Move("therapy", "psychologist", "nurse", 10))
    with pytest.raises(ValueError):
        wisn.apply_move(study(), wisn.Move("contact", "psychologist", "nurse", 120))
    with pytest.raises(ValueError):
        wisn.apply_move(study(), wisn.Move("contact", "nurse", "nurse", 10))


workloads = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)
shares = st.floats(min_value=0, max_value=100, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(base=workloads, extra=st.floats(min_value=0, max_value=1e6),
       minutes=st.floats(min_value=0.5, max_value=1000), allowance=st.floats(0, 60),
       individual=st.floats(0, 2000))
def test_more_workload_never_needs_fewer_staff(base, extra, minutes, allowance,
                                                individual) -> None:
    def required(workload: float) -> float:
        category = wisn.Category(
            "c", (wisn.Activity("a", workload, minutes),),
            (wisn.CategoryAllowance("x", percent=allowance),),
            (wisn.IndividualAllowance("y", 1, individual),) if individual else ())
        return wisn.calculate(wisn.Study("s", 2025, AWT, (category,))).required_staff

    assert required(base + extra) >= required(base) - 1e-9


@settings(max_examples=200, deadline=None)
@given(contacts=workloads, nurse_contacts=workloads, share=shares)
def test_moving_work_at_the_same_time_per_unit_keeps_the_total(contacts, nurse_contacts,
                                                                share) -> None:
    """Same time per unit, same working time and allowances: the total is unchanged,
    and so are the workload hours, whatever the share."""
    original = study(contacts, nurse_contacts, nurse_allowance=10.0)
    comparison = wisn.compare(original, wisn.Scenario("s", (
        wisn.Move("contact", "psychologist", "nurse", share),)))
    assert comparison.total_after == pytest.approx(comparison.total_before, rel=1e-9, abs=1e-9)
    hours = [sum(c.workload_hours for c in result.categories)
             for result in (comparison.before, comparison.after)]
    assert hours[1] == pytest.approx(hours[0], rel=1e-9, abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(contacts=workloads, share=shares, allowance=st.floats(0, 60))
def test_moving_to_a_category_with_other_allowances_changes_the_total_by_the_caf_gap(
        contacts, share, allowance) -> None:
    """Moved hours h count once with the giver's CAF and once with the receiver's:
    total after - total before = h / AWT * (CAF_nurse - CAF_psychologist)."""
    original = study(contacts, 0, nurse_allowance=allowance)
    comparison = wisn.compare(original, wisn.Scenario("s", (
        wisn.Move("contact", "psychologist", "nurse", share),)))
    moved_hours = contacts * share / 100
    expected = moved_hours / 1560 * (1 / (1 - allowance / 100) - 1 / 0.9)
    assert comparison.total_after - comparison.total_before == pytest.approx(
        expected, rel=1e-6, abs=1e-6)
