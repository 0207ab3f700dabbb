"""The funding programme's rules (engine/funding.py) on figures worked out by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fagkraft.engine import funding
from fagkraft.engine.funding import (
    Allocation,
    Criterion,
    Failure,
    Partner,
    ReviewerScores,
    Rule,
    Submission,
)

OPENS = dt.datetime(2024, 3, 1, 8, 0)
CLOSES = dt.datetime(2024, 4, 15, 23, 59)
MNOK = 1_000_000


def submission(**changes) -> Submission:
    values = dict(lead_trust_id=1, partners=[Partner(2, "Solstad HF", True)], sub_goal_count=1,
                  budget_total=6 * MNOK, max_per_project=15 * MNOK, opens_at=OPENS,
                  closes_at=CLOSES, now=dt.datetime(2024, 4, 1, 12, 0),
                  required_fields=("summary",), filled_fields=frozenset({"summary"}))
    values.update(changes)
    return Submission(**values)


def test_a_complete_joint_application_passes():
    assert funding.submission_failures(submission()) == []


def test_a_single_trust_application_fails_the_two_trust_rule():
    failures = funding.submission_failures(submission(partners=[]))
    assert failures == [Failure(Rule.TOO_FEW_TRUSTS, {"count": 1, "minimum": 2})]


def test_the_lead_named_again_as_partner_is_still_one_trust():
    failures = funding.submission_failures(submission(partners=[Partner(1, "Nordvik HF", True)]))
    assert [f.rule for f in failures] == [Rule.TOO_FEW_TRUSTS]


def test_every_failed_rule_is_named():
    # One trust short? No: two trusts, but the partner unconfirmed, no sub-goal,
    # 16 MNOK > 15 MNOK (1 MNOK over), a minute late and the summary empty.
    failures = funding.submission_failures(submission(
        partners=[Partner(2, "Solstad HF", False)], sub_goal_count=0,
        budget_total=16 * MNOK, now=dt.datetime(2024, 4, 16, 0, 0),
        filled_fields=frozenset()))
    assert failures == [
        Failure(Rule.PARTNER_UNCONFIRMED, {"trust": "Solstad HF"}),
        Failure(Rule.NO_SUB_GOAL),
        Failure(Rule.OVER_PROJECT_MAX, {"amount": 16 * MNOK, "maximum": 15 * MNOK,
                                         "over": 1 * MNOK}),
        Failure(Rule.DEADLINE_PASSED, {"closes_at": CLOSES}),
        Failure(Rule.MISSING_FIELD, {"field": "summary"}),
    ]


def test_the_closing_minute_is_in_time_and_before_opening_is_not():
    assert funding.submission_failures(submission(now=CLOSES)) == []
    early = funding.submission_failures(submission(now=dt.datetime(2024, 2, 29)))
    assert early == [Failure(Rule.NOT_OPEN, {"opens_at": OPENS})]


def allocation(**changes) -> Allocation:
    # Programme 2024-2026 with 35 MNOK in 2024; a 40 MNOK call with 30 MNOK given out.
    values = dict(amounts={2024: 2 * MNOK, 2025: 3 * MNOK}, call_budget=40 * MNOK,
                  call_allocated=30 * MNOK,
                  year_budgets={2024: 35 * MNOK, 2025: 35 * MNOK, 2026: 30 * MNOK},
                  year_allocated={2024: 32 * MNOK, 2025: 10 * MNOK}, project_max=15 * MNOK)
    values.update(changes)
    return Allocation(**values)


def test_an_allocation_within_every_budget_passes():
    # Call: 30 + 5 = 35 <= 40; 2024: 32 + 2 = 34 <= 35; 2025: 10 + 3 = 13 <= 35; 5 <= 15.
    assert funding.allocation_failures(allocation()) == []


def test_an_allocation_over_the_year_budget_names_the_figures():
    # 2024: 32 + 4 = 36 > 35, 1 MNOK over; the call 30 + 7 = 37 <= 40 still passes.
    failures = funding.allocation_failures(allocation(amounts={2024: 4 * MNOK, 2025: 3 * MNOK}))
    assert failures == [Failure(Rule.OVER_YEAR_BUDGET, {
        "year": 2024, "amount": 4 * MNOK, "allocated": 32 * MNOK, "budget": 35 * MNOK,
        "over": 1 * MNOK})]


def test_an_allocation_over_15_mnok_per_project_and_over_the_call():
    # 8 MNOK now after 9 in an earlier round: 17 > 15 (2 over); the call 30 + 8 = 38 <= 40;
    # 2025: 10 + 8 = 18 <= 35.
    failures = funding.allocation_failures(allocation(amounts={2025: 8 * MNOK},
                                                      project_allocated=9 * MNOK))
    assert failures == [Failure(Rule.OVER_PROJECT_MAX, {
        "amount": 17 * MNOK, "maximum": 15 * MNOK, "over": 2 * MNOK})]
    # 12 MNOK in 2025: the call 30 + 12 = 42 > 40 (2 over).
    failures = funding.allocation_failures(allocation(amounts={2025: 12 * MNOK}))
    assert failures == [Failure(Rule.OVER_CALL_BUDGET, {
        "amount": 12 * MNOK, "allocated": 30 * MNOK, "budget": 40 * MNOK, "over": 2 * MNOK})]


def test_money_in_a_year_outside_the_programme_fails():
    failures = funding.allocation_failures(allocation(amounts={2027: 1 * MNOK}))
    assert failures == [Failure(Rule.OVER_YEAR_BUDGET, {
        "year": 2027, "amount": 1 * MNOK, "allocated": 0, "budget": 0, "over": 1 * MNOK})]


CRITERIA = [Criterion("relevance", Decimal("0.5")), Criterion("feasibility", Decimal("0.3")),
            Criterion("transfer", Decimal("0.2"))]


def test_weighted_total_by_hand():
    # 4*0.5 + 3*0.3 + 5*0.2 = 2.0 + 0.9 + 1.0 = 3.9
    assert funding.weighted_total(CRITERIA, {"relevance": 4, "feasibility": 3,
                                             "transfer": 5}) == Decimal("3.9")


def test_ranking_averages_reviewers_and_shares_ranks_on_ties():
    reviews = {
        # KTV: 4*.5+3*.3+5*.2 = 3.9; RBU: 5*.5+4*.3+3*.2 = 4.3; average (3.9+4.3)/2 = 4.1
        "A": [ReviewerScores("ktv", {"relevance": 4, "feasibility": 3, "transfer": 5}),
              ReviewerScores("rbu", {"relevance": 5, "feasibility": 4, "transfer": 3})],
        # 2*.5+2*.3+2*.2 = 2.0
        "B": [ReviewerScores("ktv", {"relevance": 2, "feasibility": 2, "transfer": 2})],
        # 5*.5+2*.3+5*.2 = 2.5+0.6+1.0 = 4.1: ties with A
        "C": [ReviewerScores("rbu", {"relevance": 5, "feasibility": 2, "transfer": 5})],
        "D": [],
    }
    ranked = funding.rank(CRITERIA, reviews)
    assert [(r.key, r.average, r.rank, r.tied) for r in ranked] == [
        ("A", Decimal("4.1"), 1, True), ("C", Decimal("4.1"), 1, True),
        ("B", Decimal("2.0"), 3, False), ("D", None, None, False)]
    assert ranked[0].totals == (("ktv", Decimal("3.9")), ("rbu", Decimal("4.3")))


def test_review_needs_every_score_in_range_with_a_justification():
    failures = funding.review_failures(
        CRITERIA, {"relevance": 6, "feasibility": 3},
        {"relevance": "Godt forankret", "feasibility": "  "})
    assert failures == [
        Failure(Rule.SCORE_OUT_OF_RANGE, {"criterion": "relevance", "score": 6,
                                          "minimum": 0, "maximum": 5}),
        Failure(Rule.JUSTIFICATION_MISSING, {"criterion": "feasibility"}),
        Failure(Rule.SCORE_MISSING, {"criterion": "transfer"}),
        Failure(Rule.JUSTIFICATION_MISSING, {"criterion": "transfer"}),
    ]


def test_conflict_of_interest_is_membership_of_an_applying_trust():
    assert funding.conflicting_trusts([1, None], [1, 2]) == {1}
    assert funding.conflicting_trusts([None], [1, 2]) == set()
    assert funding.conflicting_trusts([3], [1, 2]) == set()
