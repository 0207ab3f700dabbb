"""Retention engine on hand-worked numbers, and equal to lifelines on a generated case."""

from __future__ import annotations

import datetime as dt
import random

import lifelines
import numpy as np
import pytest

from fagkraft.engine import retention as r
from fagkraft.engine.retention import INTERNAL_MOVE, LEFT_TRUST, RETIRED, Spell

DAY0 = dt.date(2020, 1, 1)  # observed_from: the register's first date


def day(n: int) -> dt.date:
    return DAY0 + dt.timedelta(days=n)


AS_OF = day(400)

# The hand case. Day numbers count from DAY0; entry = max(0, −start day), duration =
# end − start (or AS_OF − start while still employed).
#   A start 0,    end 100 left_trust     entry 0    duration 100  event
#   B start 0,    still employed         entry 0    duration 400  censored
#   C start −50,  end 150 left_trust     entry 50   duration 200  event
#   D start −300, end 200 retired        entry 300  duration 500  event
#   E start 20,   end 120 internal move  entry 0    duration 100  censored (not leaving)
#   F start 50,   end 250 left_trust     entry 0    duration 200  event
#   G start −100, end −10                ended before DAY0: not observed at all
#   H start −450, still employed         entry 450  duration 850  censored
HAND = [
    Spell("A", day(0), day(100), LEFT_TRUST),
    Spell("B", day(0)),
    Spell("C", day(-50), day(150), LEFT_TRUST),
    Spell("D", day(-300), day(200), RETIRED),
    Spell("E", day(20), day(120), INTERNAL_MOVE),
    Spell("F", day(50), day(250), LEFT_TRUST),
    Spell("G", day(-100), day(-10), LEFT_TRUST),
    Spell("H", day(-450)),
]


@pytest.fixture(scope="module")
def hand_curve() -> r.RetentionCurve:
    return r.retention_curve(HAND, AS_OF, DAY0)


def test_observe_turns_spells_into_durations_and_entry_times():
    observation = r.observe(HAND, AS_OF, DAY0)
    assert observation.durations.tolist() == [100, 400, 200, 500, 100, 200, 850]
    assert observation.entry.tolist() == [0, 0, 50, 300, 0, 0, 450]
    assert observation.causes == (LEFT_TRUST, None, LEFT_TRUST, RETIRED, INTERNAL_MOVE,
                                  LEFT_TRUST, None)


def test_a_spell_ending_on_the_first_day_is_not_seen():
    # Employed while start <= d < end: ending on DAY0 means gone before the register.
    # Counting it would put an event at t=30 with nobody at risk (entry 30 = duration).
    observation = r.observe([Spell("X", day(-30), day(0), LEFT_TRUST), *HAND], AS_OF, DAY0)
    assert len(observation.durations) == 7


def test_kaplan_meier_with_censoring_and_delayed_entry(hand_curve):
    # Leaving the trust (E's internal move is censored). At risk at t = entered at or
    # before t − removed before t.
    # t=100: entered A B C E F (D enters at 300, H at 450) = 5, removed 0 → n=5;
    #        d=1 (A); factor 1 − 1/5 = 0.8; S = 0.8.
    # t=200: entered 5, removed before 200: A, E → n=3 (B C F); d=2 (C, F);
    #        factor 1 − 2/3 = 1/3; S = 0.8 × 1/3 = 0.266667.
    # t=500: entered 7 (D, H too), removed before 500: A E C F B → n=2 (D H); d=1 (D);
    #        factor 1/2; S = 0.266667 × 1/2 = 0.133333.
    # (Anyone entering exactly at an event time joins after it, as in lifelines.)
    # Without delayed entry D and H would count from day 0 and the first factor would
    # be 1 − 1/7.
    table = [(p.days, p.at_risk, p.events) for p in hand_curve.points]
    assert table == [(100, 5, 1), (200, 3, 2), (500, 2, 1)]
    assert [p.retention for p in hand_curve.points] == pytest.approx([0.8, 0.8 / 3, 0.4 / 3])
    assert hand_curve.size == 7


def test_median_is_the_first_time_retention_reaches_one_half(hand_curve):
    # S(100) = 0.8 > 0.5, S(200) = 0.267 ≤ 0.5 → the half-life is 200 days.
    assert hand_curve.median_days == 200
    never = r.retention_curve([Spell("A", day(0), day(100), LEFT_TRUST),
                               Spell("B", day(0)), Spell("C", day(0))], AS_OF, DAY0)
    assert never.median_days is None  # S stays at 2/3


def test_retention_after_years_reads_the_step_function(hand_curve):
    # 1 year = 365 days: last step at or before is t=200 → 0.266667; 2 years = 730 days
    # → t=500 → 0.133333; 5 years = 1826 days is beyond the longest duration (850): None.
    assert hand_curve.after_years() == {1: pytest.approx(0.8 / 3), 2: pytest.approx(0.4 / 3),
                                        5: None}
    assert hand_curve.retention_at(99) == 1.0


def test_cumulative_incidence_per_cause_by_hand():
    # All causes: t=100 n=5 d=2 (A left, E moved) → S=0.6; t=200 n=3 d=2 → S=0.2;
    # t=500 n=2 d=1 → S=0.1.
    # left_trust: 1·1/5 = 0.2; + S(100)=0.6 × 2/3 = 0.4 → 0.6; unchanged at 500.
    # internal move: 1·1/5 = 0.2 at 100.  retired: S(200)=0.2 × 1/2 = 0.1 at 500.
    incidence = r.cumulative_incidence(r.observe(HAND, AS_OF, DAY0))
    assert [p.days for p in incidence[LEFT_TRUST]] == [100, 200, 500]
    assert [p.incidence for p in incidence[LEFT_TRUST]] == pytest.approx([0.2, 0.6, 0.6])
    assert [p.incidence for p in incidence[INTERNAL_MOVE]] == pytest.approx([0.2, 0.2, 0.2])
    assert [p.incidence for p in incidence[RETIRED]] == pytest.approx([0.0, 0.0, 0.1])


def _random_spells(seed: int, count: int = 300) -> list[Spell]:
    generator = random.Random(seed)
    spells = []
    for number in range(count):
        start = day(generator.randint(-2000, 1500))
        if generator.random() < 0.6:
            end = start + dt.timedelta(days=generator.randint(0, 2500))
            cause = generator.choice(r.CAUSES)
        else:
            end, cause = None, None
        spells.append(Spell(f"E{number}", start, end, cause))
    return spells


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_cumulative_incidence_sums_to_one_minus_all_cause_retention(seed):
    observation = r.observe(_random_spells(seed), day(1800), DAY0)
    everything = r.kaplan_meier(observation, r.ALL_CAUSES)
    incidence = r.cumulative_incidence(observation)
    total = np.sum([[p.incidence for p in incidence[c]] for c in r.CAUSES], axis=0)
    retention = np.array([p.retention for p in everything.points])
    assert len(total) == len(retention) > 50
    np.testing.assert_allclose(total, 1 - retention, atol=1e-12)


@pytest.mark.parametrize("seed", [11, 12])
def test_equal_to_lifelines_on_a_generated_case(seed):
    observation = r.observe(_random_spells(seed), day(1800), DAY0)
    curve = r.kaplan_meier(observation)
    fitter = lifelines.KaplanMeierFitter().fit(
        observation.durations, observation.events(r.LEAVING_THE_TRUST),
        entry=observation.entry)
    times = [p.days for p in curve.points]
    table = fitter.event_table.loc[times]
    # lifelines' table counts those entering at t as at risk, its estimate does not.
    first_row = fitter.event_table.index[0]
    entering = table["entrance"].where(table.index != first_row, 0)
    assert [p.at_risk for p in curve.points] == (table["at_risk"] - entering).tolist()
    assert [p.events for p in curve.points] == table["observed"].tolist()
    np.testing.assert_allclose([p.retention for p in curve.points],
                               fitter.survival_function_.loc[times].iloc[:, 0], rtol=1e-10)
    bands = fitter.confidence_interval_.loc[times]
    expected_lower, expected_upper = bands.iloc[:, 0].to_numpy(), bands.iloc[:, 1].to_numpy()
    finite = np.isfinite(expected_lower)
    np.testing.assert_allclose(np.array([p.lower for p in curve.points])[finite],
                               expected_lower[finite], rtol=1e-8)
    np.testing.assert_allclose(np.array([p.upper for p in curve.points])[finite],
                               expected_upper[finite], rtol=1e-8)
    median = fitter.median_survival_time_
    assert curve.median_days == (None if np.isinf(median) else int(median))


# Period indices: the year ending 31.12.2024 runs from 31.12.2023 (exclusive).
PERIOD_END = dt.date(2024, 12, 31)
#   P1 2020-01-01 → still        employed at start and at end
#   P2 2021-05-01 → 2024-06-30 left_trust      at start; leaver
#   P3 2022-01-01 → 2024-03-31 internal move, then 2024-04-01 → still: at start and end
#   P4 2019-01-01 → 2024-10-31 retired         at start; leaver
#   P5 2024-02-01 → still        at end only
#   P6 2023-06-01 → 2023-11-30   gone before the period: counts nowhere
#   P7 2024-03-01 → 2024-09-30 left_trust      joined and left inside the period: leaver
#   P8 2018-01-01 → 2024-05-31 internal move (to a unit outside the file): at start, not
#                                              a leaver of the trust
INDEX_SPELLS = [
    Spell("P1", dt.date(2020, 1, 1)),
    Spell("P2", dt.date(2021, 5, 1), dt.date(2024, 6, 30), LEFT_TRUST),
    Spell("P3", dt.date(2022, 1, 1), dt.date(2024, 3, 31), INTERNAL_MOVE),
    Spell("P3", dt.date(2024, 4, 1)),
    Spell("P4", dt.date(2019, 1, 1), dt.date(2024, 10, 31), RETIRED),
    Spell("P5", dt.date(2024, 2, 1)),
    Spell("P6", dt.date(2023, 6, 1), dt.date(2023, 11, 30), LEFT_TRUST),
    Spell("P7", dt.date(2024, 3, 1), dt.date(2024, 9, 30), LEFT_TRUST),
    Spell("P8", dt.date(2018, 1, 1), dt.date(2024, 5, 31), INTERNAL_MOVE),
]


def test_leaver_rate_and_stability_index_by_hand():
    # Headcount 31.12.2023: P1 P2 P3 P4 P8 = 5; 31.12.2024: P1 P3 P5 = 3; average 4.
    # Leavers of the trust: P2, P4, P7 = 3 → leaver rate 3 / 4 = 0.75.
    # Stability: of the 5 at the start, P2 and P4 left → 3 / 5 = 0.6.
    indices = r.period_indices(INDEX_SPELLS, PERIOD_END)
    assert (indices.start, indices.headcount_start, indices.headcount_end) == (
        dt.date(2023, 12, 31), 5, 3)
    assert indices.leavers == 3
    assert indices.leaver_rate == pytest.approx(0.75)
    assert indices.stability_index == pytest.approx(0.6)


def test_indices_per_cause_by_hand():
    # left_trust: P2, P7 → 2/4 = 0.5, stability (5 − 1 (P2)) / 5 = 0.8.
    # internal move: P8 only (P3 is employed again at the end) → 1/4, stability 4/5.
    # retired: P4 → 1/4, stability 4/5.
    expected = {LEFT_TRUST: (2, 0.5, 0.8), INTERNAL_MOVE: (1, 0.25, 0.8),
                RETIRED: (1, 0.25, 0.8)}
    for cause, (leavers, rate, stability) in expected.items():
        indices = r.period_indices(INDEX_SPELLS, PERIOD_END, {cause})
        assert (indices.leavers, indices.leaver_rate, indices.stability_index) == (
            leavers, pytest.approx(rate), pytest.approx(stability)), cause


def test_empty_period_gives_no_rates():
    indices = r.period_indices([], PERIOD_END)
    assert (indices.leaver_rate, indices.stability_index) == (None, None)


def test_groups_below_the_minimum_size_get_no_curve():
    # Professions: 5 psychologists (A-E) get a curve; the 2 doctors (F, H) do not.
    # G is not observed and does not count towards its group.
    profession = {"A": "psy", "B": "psy", "C": "psy", "D": "psy", "E": "psy",
                  "F": "doc", "G": "doc", "H": "doc"}
    curves = r.curves_by_group(HAND, lambda s: profession[s.employee], AS_OF, DAY0)
    assert curves["doc"] is None
    psychologists = curves["psy"]
    assert psychologists is not None and psychologists.size == 5
    # t=100: A B C E at risk (D enters at 300), A leaves → 3/4; t=200: B C, C leaves →
    # 3/4 × 1/2 = 0.375; t=500: D alone, retires → 0.
    assert [(p.days, p.at_risk, p.events) for p in psychologists.points] == [
        (100, 4, 1), (200, 2, 1), (500, 1, 1)]
    assert [p.retention for p in psychologists.points] == pytest.approx([0.75, 0.375, 0.0])
    lowered = r.curves_by_group(HAND, lambda s: profession[s.employee], AS_OF, DAY0,
                                min_group_size=2)
    assert lowered["doc"] is not None


def test_group_keys():
    assert r.hiring_cohort(Spell("X", dt.date(2019, 8, 1))) == 2019
    assert r.age_band(1990, dt.date(2024, 1, 1)) == "30-39"
    assert r.age_band(1990, dt.date(2019, 12, 31)) == "20-29"


def test_leaving_reasons_of_the_register_map_to_causes():
    assert r.cause_of("retired") == RETIRED
    assert r.cause_of("internal_move") == INTERNAL_MOVE
    assert r.cause_of("resigned") == LEFT_TRUST
    assert r.cause_of("end_of_contract") == LEFT_TRUST
    assert r.cause_of(None) == LEFT_TRUST


def test_summary_dict_carries_curve_indices_and_causes():
    data = r.summary_to_dict(r.summarise(HAND, AS_OF, DAY0))
    assert [(p["days"], p["at_risk"], p["events"]) for p in data["curve"]] == [
        (100, 5, 1), (200, 3, 2), (500, 2, 1)]
    assert data["median_days"] == 200
    causes = data["causes"]
    assert set(causes) == {LEFT_TRUST, INTERNAL_MOVE, RETIRED}
    assert causes[LEFT_TRUST]["median_days"] == 200  # F_left(200) = 0.6 ≥ 0.5
    assert causes[RETIRED]["median_days"] is None


def test_group_keys_read_the_spell_facts():
    spell = Spell("X", dt.date(2015, 3, 1), facts={
        "profession": "psychologist", "specialist": True, "unit_path": "/HSO/NV/PHBU/BUP/",
        "birth_year": 1988, "position_type": "permanent"})
    assert r.GROUP_KEYS["profession"](spell) == "psychologist"
    assert r.GROUP_KEYS["specialist"](spell) is True
    assert r.GROUP_KEYS["position_type"](spell) == "permanent"
    assert r.GROUP_KEYS["age_band"](spell) == "20-29"  # 2015 − 1988 = 27
    assert r.GROUP_KEYS["cohort"](spell) == 2015
    assert r.GROUP_KEYS["unit"](spell) is None  # a fact the spell lacks
    # The innermost root wins; a unit under no root has no group.
    key = r.by_subtree(["/HSO/NV/", "/HSO/NV/PHBU/"])
    assert key(spell) == "/HSO/NV/PHBU/"
    assert r.by_subtree(["/HSO/OTHER/"])(spell) is None
