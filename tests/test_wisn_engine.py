"""The WISN engine on cases worked out by hand and on published calculations.

Published sources recomputed here (to their rounding):
1. Burmen B, Owuor N, Mitei P. An assessment of staffing needs at a HIV clinic in a
   Western Kenya using the WHO workload indicators of staffing need WISN, 2011.
   Human Resources for Health 2017;15:9 (doi 10.1186/s12960-017-0186-3), Table 3
   "Computation of estimating staffing requirements using WISN".
2. Cross River State, Nigeria: Assessing the staffing needs for primary health care
   centers in Cross River State, Nigeria: a workload indicators of staffing needs study.
   Human Resources for Health 2021 (doi 10.1186/s12960-021-00648-2), abstract (Findings):
   existing vs required staff, WISN difference and ratio per cadre.
3. Percentage basis of available working time: Capacity management of nursing staff as a
   vehicle for organizational improvement. BMC Health Services Research 2007;7:196
   (doi 10.1186/1472-6963-7-196), Table 1 "Parameters and values of the model".
"""

from __future__ import annotations

import numpy as np
import pytest

from fagkraft.engine import wisn


def test_contract_functions_match_the_formula_by_hand() -> None:
    # [260 - (10 + 25 + 12 + 5)] * 7.5 = 208 * 7.5 = 1560 hours.
    assert wisn.available_hours_from_days(260, 10, 25, 12, 5, 7.5) == pytest.approx(1560.0)
    # 9000 contacts * 60 min / 60 = 9000 h; / 1560 h = 5.7692...; * CAF 1.25 = 7.2115...
    assert wisn.fte_for_activity(9000, 60, 1560) == pytest.approx(9000 / 1560)
    assert wisn.fte_for_activity(9000, 60, 1560, 1.25) == pytest.approx(9000 / 1560 * 1.25)
    assert isinstance(wisn.fte_for_activity(9000, 60, 1560), float)


def test_contract_functions_are_vectorised() -> None:
    # Projected contacts for three years; one array call gives each year's FTE.
    contacts = np.array([9000.0, 9900.0, 10800.0])
    fte = wisn.fte_for_activity(contacts, 60, 1560.0)
    assert isinstance(fte, np.ndarray)
    np.testing.assert_allclose(fte, [9000 / 1560, 9900 / 1560, 10800 / 1560])
    hours = wisn.available_hours_from_days(np.array([260, 261]), 10, 25, np.array([12, 0]),
                                           5, 7.5)
    np.testing.assert_allclose(hours, [208 * 7.5, 221 * 7.5])


def hand_study() -> wisn.Study:
    """A BUP category worked out by hand (see test_required_staff_by_hand)."""
    psychologist = wisn.Category(
        name="psychologist", existing_staff=12.0,
        activities=(wisn.Activity("contact", 9000, 60), wisn.Activity("assessment", 300, 600)),
        category_allowances=(wisn.CategoryAllowance("records", percent=10.0),
                             wisn.CategoryAllowance("team meeting", hours=1.5, per="week")),
        individual_allowances=(wisn.IndividualAllowance("supervisor", 2, 78),),
    )
    working_time = wisn.DaysWorkingTime(260, 10, 25, 12, 5, 7.5)
    return wisn.Study("hand", 2025, working_time, (psychologist,))


def test_required_staff_by_hand() -> None:
    """AWT = (260 - 52) * 7.5 = 1560 h = 208 days.
    SW contact = 1560 * 60 / 60 = 1560 contacts; staff = 9000 / 1560 = 5.76923.
    SW assessment = 1560 * 60 / 600 = 156; staff = 300 / 156 = 1.92308. Sum = 7.69231.
    CAS: 10 % + 1.5 h a week / (7.5 h * 5 days) = 4 % -> 14 %; CAF = 1 / 0.86 = 1.16279.
    IAS: 2 * 78 = 156 h; IAF = 156 / 1560 = 0.1.
    Required = 7.69231 * 1.16279 + 0.1 = 8.94454 + 0.1 = 9.04454.
    Difference = 12 - 9.04454 = 2.95546; ratio = 12 / 9.044544 = 1.32677."""
    result = wisn.calculate(hand_study()).category("psychologist")
    assert result.available.hours == pytest.approx(1560)
    assert result.available.days == pytest.approx(208)
    assert [a.standard_workload for a in result.activities] == pytest.approx([1560, 156])
    assert result.staff_for_activities == pytest.approx(9000 / 1560 + 300 / 156)
    assert [a.percent for a in result.category_allowances] == pytest.approx([10.0, 4.0])
    assert result.category_allowance_factor == pytest.approx(1 / 0.86)
    assert result.individual_allowance_factor == pytest.approx(0.1)
    assert round(result.required_staff, 5) == 9.04454
    assert round(result.wisn_difference, 5) == 2.95546
    assert round(result.wisn_ratio, 5) == 1.32677


def test_allowances_per_day_month_and_year_by_hand() -> None:
    """AWT 1560 h at 7.5 h a day: 0.5 h a day = 6.667 %; 13 h a month = 156 h a year =
    10 %; 78 h a year = 5 %."""
    assert wisn.allowance_percent(0.5, "day", 1560, 7.5) == pytest.approx(100 / 15)
    assert wisn.allowance_percent(13, "month", 1560, 7.5) == pytest.approx(10.0)
    assert wisn.allowance_percent(78, "year", 1560, 7.5) == pytest.approx(5.0)
    with pytest.raises(ValueError):
        wisn.allowance_percent(1, "fortnight", 1560, 7.5)


def test_percent_basis_by_hand() -> None:
    """1950 contractual hours less 10.6 % + 6.0 % = 16.6 %: 1950 * 0.834 = 1626.3 h;
    at 7.5 h a day that is 216.84 days."""
    available = wisn.available_time(
        wisn.PercentWorkingTime(1950, {"holiday": 10.6, "sick": 6.0}, 7.5))
    assert available.hours == pytest.approx(1626.3)
    assert available.days == pytest.approx(216.84)
    assert available.total_deduction_percent == pytest.approx(16.6)


def test_published_percent_basis_dutch_nursing_capacity_model() -> None:
    """BMC Health Serv Res 2007;7:196, Table 1: contractual 1872.0 h per FTE less holiday
    9 % (168.5 h), extra holiday over 45 0.2 % (3.7), official holidays 3.5 % (65.5),
    professional development 2 % (37.4), sick leave 4 % (74.9) = available 1521.9 h."""
    deductions = {"holiday": 9.0, "extra holiday >45": 0.2, "official holidays": 3.5,
                  "professional development": 2.0, "sick leave": 4.0}
    available = wisn.available_time(wisn.PercentWorkingTime(1872.0, deductions))
    assert round(available.hours, 1) == 1521.9
    assert [round(1872.0 * p / 100, 1) for p in deductions.values()] == \
        [168.5, 3.7, 65.5, 37.4, 74.9]


def test_published_kenya_hiv_clinic_table_3() -> None:
    """Burmen et al. 2017, Table 3: consultations of 15 min (0.25 h); 10,000 patients with
    10 appointments = 100,000 a year = 25,000 h = 3,125 days of 8 h. Available time:
    4.5 consulting days a week * 52 = 234 days, less 10 public holidays (224), 30 days of
    annual leave (194) and 15 of sick leave = 179 days. Baseline staff requirement =
    3125 / 179 = 17.46. Category allowance: 10 days of training in 179 days."""
    working_time = wisn.DaysWorkingTime(working_days=4.5 * 52, public_holidays=10,
                                        annual_leave=30, sick_leave=15, other_leave=0,
                                        hours_per_day=8)
    clinicians = wisn.Category("clinician", (wisn.Activity("consultation", 100_000, 15),))
    result = wisn.calculate(wisn.Study("JOOTRH", 2011, working_time, (clinicians,)))
    clinician = result.category("clinician")
    assert clinician.available.days == 179
    assert clinician.activities[0].hours == 25_000
    assert clinician.activities[0].hours / 8 == 3125
    assert round(clinician.staff_for_activities, 2) == 17.46
    assert round(clinician.required_staff, 2) == 17.46  # no allowances yet: CAF 1, IAF 0
    # Their category allowance: 10 training days of the 179 available = 5.59 %.
    training = wisn.allowance_percent(10 * 8, "year", clinician.available.hours, 8)
    assert round(training, 2) == 5.59


@pytest.mark.parametrize(("existing", "required", "difference", "ratio"), [
    (79, 209, -130, 0.4),     # nurses/midwives
    (808, 1258, -450, 0.6),   # CHOs/CHEWs
    (258, 203, 55, 1.3),      # JCHEWs
])
def test_published_cross_river_state_difference_and_ratio(existing, required, difference,
                                                          ratio) -> None:
    """Cross River State, Nigeria (HRH 2021, s12960-021-00648-2), abstract: per cadre the
    existing and required staff, the difference and the WISN ratio (one decimal).
    A category whose required staff comes out at exactly the published figure gives the
    published difference and ratio."""
    # Workload chosen so required = the published figure: staff-years of 1000 hours.
    working_time = wisn.DaysWorkingTime(125, 0, 0, 0, 0, 8)  # AWT = 1000 h
    cadre = wisn.Category("cadre", (wisn.Activity("work", required * 1000, 60),),
                          existing_staff=existing)
    result = wisn.calculate(wisn.Study("CRS", 2021, working_time, (cadre,))).categories[0]
    assert result.required_staff == pytest.approx(required)
    assert result.wisn_difference == pytest.approx(difference)
    assert round(result.wisn_ratio, 1) == ratio


def test_impossible_inputs_are_refused() -> None:
    with pytest.raises(ValueError):
        wisn.category_allowance_factor(100.0)
    with pytest.raises(ValueError):
        wisn.available_time(wisn.DaysWorkingTime(200, 50, 100, 40, 10, 7.5))
    with pytest.raises(ValueError):
        wisn.available_time(wisn.PercentWorkingTime(1950, {"all": 100.0}))


def test_no_existing_staff_leaves_difference_and_ratio_empty() -> None:
    category = wisn.Category("nurse", (wisn.Activity("contact", 100, 60),))
    result = wisn.calculate(wisn.Study("x", 2025, wisn.DaysWorkingTime(260, 0, 0, 0, 0, 7.5),
                                       (category,))).categories[0]
    assert result.wisn_difference is None and result.wisn_ratio is None


def test_results_as_plain_data_carry_every_intermediate_figure() -> None:
    data = wisn.study_to_dict(wisn.calculate(hand_study()))
    category = data["categories"][0]
    for key in ("available_hours", "available_days", "standard_workloads",
                "category_allowance_factor", "individual_allowance_factor", "required_staff",
                "wisn_difference", "wisn_ratio"):
        assert key in category
    assert category["available_hours"] == 1560
    assert category["standard_workloads"][1]["standard_workload"] == 156
    assert category["available_working_time"]["days_off"] == 52
