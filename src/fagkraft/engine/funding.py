"""The regional funding programme's rules (Helse Midt-Norge, case 93/23): submission,
allocation, weighted ranking and conflicts of interest.

Pure Python, never Django. Amounts are whole kroner (int); weights and averages are
Decimal so ties compare exactly. Every check returns *every* rule that fails, as a code
plus the figures behind it; the Django side turns codes into Norwegian sentences.

Submission (`submission_failures`), in this order:
  TOO_FEW_TRUSTS     fewer than `min_trusts` distinct trusts (lead + partners; default 2)
  PARTNER_UNCONFIRMED one per partner trust that has not confirmed its participation
  NO_SUB_GOAL        no sub-goal of the programme named
  OVER_PROJECT_MAX   total budget applied for > the call's maximum per project
  DEADLINE_PASSED    now > the call's closing time (a submission at the closing minute is
                     in time); NOT_OPEN when now < the opening time
  MISSING_FIELD      one per required field left empty

Allocation (`allocation_failures`): an approval of `amounts` (kroner per year) fails
  OVER_CALL_BUDGET   allocated in the call so far + total > the call's budget
  OVER_YEAR_BUDGET   per year: allocated in the programme that year + amount > the year's
                     budget (a year outside the programme has budget 0)
  OVER_PROJECT_MAX   allocated to the project before + total > the per-project maximum
                     (15 MNOK over the whole period in case 93/23)

Ranking (`rank`): a reviewer's weighted total for an application is
sum(score_c * weight_c) over the call's criteria (scores 0-5). The application's figure is
the average of its reviewers' weighted totals. Ranked by average, highest first; equal
averages share a rank ("1, 1, 3") and are marked tied; applications without reviews come
last, unranked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

MIN_SCORE = 0
MAX_SCORE = 5


class Rule(StrEnum):
    TOO_FEW_TRUSTS = "too_few_trusts"
    PARTNER_UNCONFIRMED = "partner_unconfirmed"
    NO_SUB_GOAL = "no_sub_goal"
    OVER_PROJECT_MAX = "over_project_max"
    DEADLINE_PASSED = "deadline_passed"
    NOT_OPEN = "not_open"
    MISSING_FIELD = "missing_field"
    OVER_CALL_BUDGET = "over_call_budget"
    OVER_YEAR_BUDGET = "over_year_budget"
    SCORE_OUT_OF_RANGE = "score_out_of_range"
    SCORE_MISSING = "score_missing"
    JUSTIFICATION_MISSING = "justification_missing"
    CONFLICT_OF_INTEREST = "conflict_of_interest"


@dataclass(frozen=True)
class Failure:
    """A rule that failed and the figures behind it (names -> values for the message)."""

    rule: Rule
    figures: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Partner:
    trust_id: int
    name: str
    confirmed: bool


@dataclass(frozen=True)
class Submission:
    lead_trust_id: int
    partners: Sequence[Partner]
    sub_goal_count: int
    budget_total: int
    max_per_project: int
    opens_at: Any  # comparable instants (datetime in practice)
    closes_at: Any
    now: Any
    required_fields: Sequence[str] = ()
    filled_fields: frozenset[str] = frozenset()
    min_trusts: int = 2


def trust_count(submission: Submission) -> int:
    return len({submission.lead_trust_id} | {p.trust_id for p in submission.partners})


def submission_failures(submission: Submission) -> list[Failure]:
    failures: list[Failure] = []
    trusts = trust_count(submission)
    if trusts < submission.min_trusts:
        failures.append(Failure(Rule.TOO_FEW_TRUSTS,
                                {"count": trusts, "minimum": submission.min_trusts}))
    for partner in submission.partners:
        if not partner.confirmed and partner.trust_id != submission.lead_trust_id:
            failures.append(Failure(Rule.PARTNER_UNCONFIRMED, {"trust": partner.name}))
    if submission.sub_goal_count < 1:
        failures.append(Failure(Rule.NO_SUB_GOAL))
    if submission.budget_total > submission.max_per_project:
        failures.append(Failure(Rule.OVER_PROJECT_MAX, {
            "amount": submission.budget_total, "maximum": submission.max_per_project,
            "over": submission.budget_total - submission.max_per_project}))
    if submission.now > submission.closes_at:
        failures.append(Failure(Rule.DEADLINE_PASSED, {"closes_at": submission.closes_at}))
    elif submission.now < submission.opens_at:
        failures.append(Failure(Rule.NOT_OPEN, {"opens_at": submission.opens_at}))
    for name in submission.required_fields:
        if name not in submission.filled_fields:
            failures.append(Failure(Rule.MISSING_FIELD, {"field": name}))
    return failures


# --- Allocation -----------------------------------------------------------------------


@dataclass(frozen=True)
class Allocation:
    amounts: Mapping[int, int]  # year -> kroner proposed
    call_budget: int
    call_allocated: int  # approved in the call so far, this application excluded
    year_budgets: Mapping[int, int]
    year_allocated: Mapping[int, int]  # approved in the programme per year, excl. this one
    project_max: int
    project_allocated: int = 0  # approved to this project before (earlier rounds)


def allocation_failures(allocation: Allocation) -> list[Failure]:
    failures: list[Failure] = []
    total = sum(allocation.amounts.values())
    if allocation.call_allocated + total > allocation.call_budget:
        failures.append(Failure(Rule.OVER_CALL_BUDGET, {
            "amount": total, "allocated": allocation.call_allocated,
            "budget": allocation.call_budget,
            "over": allocation.call_allocated + total - allocation.call_budget}))
    for year in sorted(allocation.amounts):
        amount = allocation.amounts[year]
        if amount == 0:
            continue
        budget = allocation.year_budgets.get(year, 0)
        allocated = allocation.year_allocated.get(year, 0)
        if allocated + amount > budget:
            failures.append(Failure(Rule.OVER_YEAR_BUDGET, {
                "year": year, "amount": amount, "allocated": allocated, "budget": budget,
                "over": allocated + amount - budget}))
    if allocation.project_allocated + total > allocation.project_max:
        failures.append(Failure(Rule.OVER_PROJECT_MAX, {
            "amount": allocation.project_allocated + total,
            "maximum": allocation.project_max,
            "over": allocation.project_allocated + total - allocation.project_max}))
    return failures


# --- Reviews and ranking --------------------------------------------------------------


@dataclass(frozen=True)
class Criterion:
    key: str
    weight: Decimal


def review_failures(criteria: Sequence[Criterion], scores: Mapping[str, int | None],
                    justifications: Mapping[str, str]) -> list[Failure]:
    """Every criterion needs a score 0-5 and a justification that is not blank."""
    failures: list[Failure] = []
    for criterion in criteria:
        score = scores.get(criterion.key)
        if score is None:
            failures.append(Failure(Rule.SCORE_MISSING, {"criterion": criterion.key}))
        elif not MIN_SCORE <= score <= MAX_SCORE:
            failures.append(Failure(Rule.SCORE_OUT_OF_RANGE, {
                "criterion": criterion.key, "score": score,
                "minimum": MIN_SCORE, "maximum": MAX_SCORE}))
        if not justifications.get(criterion.key, "").strip():
            failures.append(Failure(Rule.JUSTIFICATION_MISSING, {"criterion": criterion.key}))
    return failures


def weighted_total(criteria: Sequence[Criterion], scores: Mapping[str, int]) -> Decimal:
    """sum(score * weight) over the criteria; a criterion not scored counts 0."""
    return sum((Decimal(scores.get(c.key, 0)) * c.weight for c in criteria), Decimal(0))


@dataclass(frozen=True)
class ReviewerScores:
    reviewer: str
    scores: Mapping[str, int]


@dataclass(frozen=True)
class Ranked:
    key: Any
    totals: tuple[tuple[str, Decimal], ...]  # (reviewer, weighted total), as given
    average: Decimal | None
    rank: int | None
    tied: bool


def rank(criteria: Sequence[Criterion],
         reviews: Mapping[Any, Sequence[ReviewerScores]]) -> list[Ranked]:
    scored: list[tuple[Any, tuple[tuple[str, Decimal], ...], Decimal]] = []
    unscored: list[Any] = []
    for key, rows in reviews.items():
        totals = tuple((row.reviewer, weighted_total(criteria, row.scores)) for row in rows)
        if totals:
            scored.append((key, totals, sum((t for _, t in totals), Decimal(0)) / len(totals)))
        else:
            unscored.append(key)
    scored.sort(key=lambda item: item[2], reverse=True)
    averages = [item[2] for item in scored]
    result: list[Ranked] = []
    for key, totals, average in scored:
        first = averages.index(average)  # competition ranking: 1, 1, 3
        result.append(Ranked(key, totals, average, first + 1, averages.count(average) > 1))
    result.extend(Ranked(key, (), None, None, False) for key in unscored)
    return result


def conflicting_trusts(reviewer_trust_ids: Iterable[int | None],
                       applying_trust_ids: Iterable[int]) -> set[int]:
    """The applying trusts a reviewer belongs to: any one means the reviewer may not score."""
    return {t for t in reviewer_trust_ids if t is not None} & set(applying_trust_ids)


def weight_sum(criteria: Sequence[Criterion]) -> Decimal:
    return sum((c.weight for c in criteria), Decimal(0))
