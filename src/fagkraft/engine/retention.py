"""Retention: how long people stay (Kaplan-Meier with delayed entry, competing causes).

Definitions (docs/metrics.md, DOMAIN.md "Recruitment and retention"):

- A spell is one person's employment from `start` to `end` (None while it lasts) with the
  cause it ended for. Duration in days = end − start; a spell still running, or ending
  after `as_of`, is censored at `as_of`.
- Delayed entry (left truncation): the register covers only days from `observed_from`. A
  person hired before it enters the risk set at their tenure on that day,
  entry = observed_from − start; spells that ended on or before it are not seen at all.
- Kaplan-Meier, matching lifelines' `KaplanMeierFitter.fit(durations, events, entry=...)`:
  at risk at t = entered before t (at or before t for the earliest entry time) minus
  removed (event or censored) before t;
  S(t) = Π over event times t_i ≤ t of (1 − d_i / n_i). Confidence bands as lifelines'
  default (Greenwood variance on the log(−log S) scale, "exponential Greenwood").
- "Leaving the trust" is every ending except an internal move (the NHS does not count
  moves inside the organisation as leaving); internal moves are censored in that curve.
- Competing causes (left the trust for other reasons, internal move, retired):
  cumulative incidence by Aalen-Johansen on the all-cause curve,
  F_k(t) = Σ over t_i ≤ t of S_all(t_i−) · d_ki / n_i, so Σ_k F_k(t) = 1 − S_all(t).
- Median (half-life): the first event time with S(t) ≤ 0.5; None when not reached.
- Indices for the year ending on `as_of` (the period (as_of − 1 year, as_of]); a person
  is employed on day d when a spell has start ≤ d < end:
  leaver rate = persons whose last ending in the period had a counted cause and who are
  not employed on `as_of` ÷ mean of the headcounts on the period's first and last day;
  stability index = share of those employed on the first day who did not so leave.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

LEFT_TRUST = "left_trust"
INTERNAL_MOVE = "internal_move"
RETIRED = "retired"
CAUSES: tuple[str, ...] = (LEFT_TRUST, INTERNAL_MOVE, RETIRED)
# Every ending but an internal move: what "leaving the trust" means in the main curve.
LEAVING_THE_TRUST: frozenset[str] = frozenset({LEFT_TRUST, RETIRED})
ALL_CAUSES: frozenset[str] = frozenset(CAUSES)

# The HR register's reasons for leaving (Position.LeavingReason values) -> cause.
# Anything not listed (resigned, end of contract, dismissed, death, other) left the trust.
_REASON_CAUSE: dict[str, str] = {"retired": RETIRED, "internal_move": INTERNAL_MOVE}

MIN_GROUP_SIZE = 5  # disclosure control: no curve of fewer than 5 people
YEAR_MARKS = (1, 2, 5)
DAYS_PER_YEAR = 365.25
Z_95 = 1.959963984540054  # the standard normal quantile lifelines uses for alpha = 0.05


def cause_of(reason: str | None) -> str:
    """The competing cause for a leaving reason of the HR register ('' means unknown)."""
    return _REASON_CAUSE.get(reason or "", LEFT_TRUST)


Fact = str | int | bool | None


@dataclass(frozen=True)
class Spell:
    employee: str
    start: dt.date
    end: dt.date | None = None
    cause: str | None = None  # one of CAUSES when `end` is set; ignored while it lasts
    # What curves can be grouped by (FACTS); the register's adapter fills them in.
    facts: Mapping[str, Fact] = field(default_factory=dict, compare=False)


# Facts a spell from the register carries: profession code, whether the person holds or
# held a specialist approval, the unit's code and tree path, position type (kind) and
# birth year.
FACTS = ("profession", "specialist", "unit", "unit_path", "position_type", "birth_year")


@dataclass(frozen=True)
class Observation:
    """Spells as survival data: durations, entry times and the cause (None: censored)."""

    durations: np.ndarray  # int days
    entry: np.ndarray  # int days
    causes: tuple[str | None, ...]

    def events(self, counted: Collection[str]) -> np.ndarray:
        return np.array([cause in counted for cause in self.causes], dtype=bool)

    def subset(self, rows: np.ndarray) -> Observation:
        causes = self.causes
        return Observation(self.durations[rows], self.entry[rows],
                           tuple(causes[row] for row in rows.tolist()))


_OPEN = np.iinfo(np.int64).max  # the end of a spell that lasts: after every day


@dataclass(frozen=True)
class SpellTable:
    """Spells as arrays (dates as day ordinals), built once and reused per calculation."""

    person: np.ndarray  # int: index of the employee in sorted order of ids
    people: int
    start: np.ndarray  # int day ordinals
    end: np.ndarray  # int day ordinals; _OPEN while the spell lasts
    cause: np.ndarray  # int: index into cause_names (an ended spell without one: left)
    cause_names: tuple[str, ...]

    @classmethod
    def of(cls, spells: Iterable[Spell]) -> SpellTable:
        spells = list(spells)
        employees = np.array([s.employee for s in spells], dtype=object)
        if len(spells):
            ids, person = np.unique(employees.astype(str), return_inverse=True)
        else:
            ids, person = np.array([], dtype=str), np.array([], dtype=np.int64)
        names: dict[str, int] = {}
        cause = [names.setdefault(s.cause or LEFT_TRUST, len(names)) for s in spells]
        return cls(
            person.astype(np.int64).reshape(-1), len(ids),
            np.array([s.start.toordinal() for s in spells], dtype=np.int64),
            np.array([_OPEN if s.end is None else s.end.toordinal() for s in spells],
                     dtype=np.int64),
            np.array(cause, dtype=np.int64), tuple(names))

    def employed(self, day: int) -> np.ndarray:
        """Per person: employed on the day (a spell with start <= day < end)."""
        flags = np.zeros(self.people, dtype=bool)
        flags[self.person[(self.start <= day) & (self.end > day)]] = True
        return flags

    def observe(self, as_of: dt.date, observed_from: dt.date | None = None) -> Observation:
        return self.observe_with_index(as_of, observed_from)[0]

    def observe_with_index(
        self, as_of: dt.date, observed_from: dt.date | None = None
    ) -> tuple[Observation, np.ndarray]:
        """The observation and the indices of the spells it keeps, in order."""
        day = as_of.toordinal()
        if observed_from is not None:
            first = observed_from.toordinal()
        else:
            first = int(self.start.min()) if len(self.start) else day
        # Gone before the register's first day (employed while start <= d < end): unseen.
        kept = np.flatnonzero(~((self.start > day)
                                | ((self.end <= first) & (self.start < first))))
        start, end = self.start[kept], self.end[kept]
        ended = end <= day
        durations = np.where(ended, end, day) - start
        entry = np.maximum(0, first - start)
        names: list[str | None] = [*self.cause_names, None]
        codes = np.where(ended, self.cause[kept], len(self.cause_names))
        causes = tuple(names[code] for code in codes.tolist())
        return Observation(durations.astype(np.int64), entry.astype(np.int64),
                           causes), kept


@dataclass(frozen=True)
class CurvePoint:
    days: int
    at_risk: int
    events: int
    retention: float
    lower: float  # 95 % band
    upper: float


@dataclass(frozen=True)
class RetentionCurve:
    points: tuple[CurvePoint, ...]
    median_days: int | None
    size: int  # spells in the analysis
    last_day: int  # the longest duration observed: the curve is defined up to here

    def retention_at(self, days: float) -> float | None:
        """S(days); None beyond the last observed duration (the curve is not known there)."""
        if days > self.last_day:
            return None
        value = 1.0
        for point in self.points:
            if point.days > days:
                break
            value = point.retention
        return value

    def after_years(self) -> dict[int, float | None]:
        """Share still employed 1, 2 and 5 years after hire."""
        return {years: self.retention_at(round(years * DAYS_PER_YEAR)) for years in YEAR_MARKS}


@dataclass(frozen=True)
class IncidencePoint:
    days: int
    incidence: float


@dataclass(frozen=True)
class PeriodIndices:
    start: dt.date  # the period is (start, end]
    end: dt.date
    headcount_start: int
    headcount_end: int
    leavers: int
    leaver_rate: float | None  # None when the average headcount is 0
    stability_index: float | None  # None when nobody was employed at the start


# --- Survival data -------------------------------------------------------------------


def observe(
    spells: Iterable[Spell], as_of: dt.date, observed_from: dt.date | None = None
) -> Observation:
    """Spells as durations and entry times; spells outside [observed_from, as_of] drop out."""
    return SpellTable.of(spells).observe(as_of, observed_from)


def _risk_table(
    durations: np.ndarray, entry: np.ndarray, events: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(event times, at risk, events) at each distinct time with at least one event."""
    times = np.unique(durations[events])
    sorted_durations = np.sort(durations)
    sorted_entry = np.sort(entry)
    # Entering at t means entering just after t's events (lifelines, issue 497), except
    # at the first time of all, when the entrants are there from the start.
    first = sorted_entry[0] if len(sorted_entry) else 0
    entered = np.where(times == first, np.searchsorted(sorted_entry, times, side="right"),
                       np.searchsorted(sorted_entry, times, side="left"))
    removed = np.searchsorted(sorted_durations, times, side="left")
    at_risk = entered - removed
    event_durations = np.sort(durations[events])
    counts = (np.searchsorted(event_durations, times, side="right")
              - np.searchsorted(event_durations, times, side="left"))
    return times, at_risk, counts


def kaplan_meier(observation: Observation, counted: Collection[str] = LEAVING_THE_TRUST,
                 z: float = Z_95) -> RetentionCurve:
    """Kaplan-Meier retention for the causes counted as leaving; the others are censored."""
    events = observation.events(counted)
    durations, entry = observation.durations, observation.entry
    times, at_risk, counts = _risk_table(durations, entry, events)
    factors = 1.0 - counts / at_risk
    retention = np.cumprod(factors)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_s = np.cumsum(np.log(factors))
        greenwood = np.cumsum(counts / (at_risk * (at_risk - counts)))
        spread = z * np.sqrt(greenwood / log_s**2)
        log_minus_log = np.log(-log_s)
        lower = np.exp(-np.exp(log_minus_log + spread))
        upper = np.exp(-np.exp(log_minus_log - spread))
    # Where S is 0 or 1 the band is degenerate (lifelines gives NaN there); show S itself.
    lower = np.where(np.isfinite(lower), lower, retention)
    upper = np.where(np.isfinite(upper), upper, retention)
    # Lists of Python numbers (tolist) make the points far faster than numpy scalars.
    points = tuple(map(CurvePoint, times.tolist(), at_risk.tolist(), counts.tolist(),
                       retention.tolist(), lower.tolist(), upper.tolist()))
    below = np.flatnonzero(retention <= 0.5)
    return RetentionCurve(points, int(times[below[0]]) if len(below) else None,
                          len(durations), int(durations.max()) if len(durations) else 0)


def cumulative_incidence(
    observation: Observation, causes: Sequence[str] = CAUSES
) -> dict[str, tuple[IncidencePoint, ...]]:
    """Aalen-Johansen cumulative incidence of each cause, at every all-cause event time."""
    events = observation.events(ALL_CAUSES)
    times, at_risk, counts = _risk_table(observation.durations, observation.entry, events)
    survival_before = np.cumprod(np.concatenate(([1.0], 1.0 - counts / at_risk)))[:-1]
    result: dict[str, tuple[IncidencePoint, ...]] = {}
    for cause in causes:
        of_cause = observation.events({cause})
        cause_times = np.sort(observation.durations[of_cause])
        per_time = (np.searchsorted(cause_times, times, side="right")
                    - np.searchsorted(cause_times, times, side="left")).astype(float)
        incidence = np.cumsum(survival_before * per_time / at_risk)
        result[cause] = tuple(IncidencePoint(int(t), float(f))
                              for t, f in zip(times, incidence, strict=True))
    return result


def incidence_median(incidence: Sequence[IncidencePoint]) -> int | None:
    """The first time half the people have left for this cause; None when not reached."""
    return next((p.days for p in incidence if p.incidence >= 0.5), None)


def retention_curve(spells: Iterable[Spell], as_of: dt.date,
                    observed_from: dt.date | None = None,
                    counted: Collection[str] = LEAVING_THE_TRUST) -> RetentionCurve:
    return kaplan_meier(observe(spells, as_of, observed_from), counted)


def curves_by_group(
    spells: Iterable[Spell], key: GroupKey, as_of: dt.date,
    observed_from: dt.date | None = None, counted: Collection[str] = LEAVING_THE_TRUST,
    min_group_size: int = MIN_GROUP_SIZE, table: SpellTable | None = None,
) -> dict[Hashable, RetentionCurve | None]:
    """A curve per group (profession, unit, cohort, ...); None for groups too small to show.

    A group's size is the number of its spells in the analysis (seen between
    `observed_from` and `as_of`). The register's first date is shared by every group.
    `table`: the spells already converted (`SpellTable.of(spells)`, in the same order).
    """
    spells = list(spells)
    if table is None:
        table = SpellTable.of(spells)
    # One pass over the spells for the arrays and one for the keys; each group is then
    # an index into them (the same as observing each group's spells on its own).
    observation, kept = table.observe_with_index(as_of, observed_from)
    members: dict[Hashable, list[int]] = {}
    for index, spell in enumerate(spells):
        members.setdefault(key(spell), []).append(index)
    position = np.full(len(spells), -1, dtype=np.int64)
    position[kept] = np.arange(len(kept))
    result: dict[Hashable, RetentionCurve | None] = {}
    for group, indices in members.items():
        rows = position[np.array(indices, dtype=np.int64)]
        rows = rows[rows >= 0]
        size = len(rows)
        result[group] = (kaplan_meier(observation.subset(rows), counted)
                         if size >= min_group_size else None)
    return result


# --- Group keys ----------------------------------------------------------------------

GroupKey = Callable[[Spell], Hashable]


def hiring_cohort(spell: Spell) -> int:
    return spell.start.year


def age_band(birth_year: int, hired: dt.date, width: int = 10) -> str:
    """The age band at hire, by birth year: '30-39' for 34 with the default width."""
    age = hired.year - birth_year
    low = age // width * width
    return f"{low}-{low + width - 1}"


def by_fact(name: str) -> GroupKey:
    """Group by one of a spell's facts (None where the spell lacks it)."""
    return lambda spell: spell.facts.get(name)


def by_age_band_at_hire(width: int = 10) -> GroupKey:
    def key(spell: Spell) -> Hashable:
        born = spell.facts.get("birth_year")
        return age_band(born, spell.start, width) if isinstance(born, int) else None
    return key


def by_subtree(roots: Sequence[str]) -> GroupKey:
    """Group by the subtree a spell's unit lies in: the longest root path that prefixes
    its `unit_path` (paths like "/HSO/NVHF/NV-PHBU/"); None outside every root."""
    ordered = sorted(roots, key=len, reverse=True)

    def key(spell: Spell) -> Hashable:
        path = spell.facts.get("unit_path")
        if not isinstance(path, str):
            return None
        return next((root for root in ordered if path.startswith(root)), None)
    return key


GROUP_KEYS: dict[str, GroupKey] = {
    "profession": by_fact("profession"),
    "specialist": by_fact("specialist"),
    "unit": by_fact("unit"),
    "position_type": by_fact("position_type"),
    "age_band": by_age_band_at_hire(),
    "cohort": hiring_cohort,
}


# --- Period indices ------------------------------------------------------------------


def period_indices(
    spells: Iterable[Spell] | SpellTable, as_of: dt.date,
    counted: Collection[str] = LEAVING_THE_TRUST, years: int = 1,
) -> PeriodIndices:
    """Leaver rate and stability index for the `years` ending on `as_of`.

    Pass a `SpellTable` to compute several periods from one conversion of the spells.
    """
    table = spells if isinstance(spells, SpellTable) else SpellTable.of(spells)
    start = _years_before(as_of, years)
    day_start, day_end = start.toordinal(), as_of.toordinal()
    at_start = table.employed(day_start)
    at_end = table.employed(day_end)
    # Each person's last ending in the period (of equal dates, the later spell in the
    # list), and whether its cause is counted.
    ending = np.flatnonzero((table.end > day_start) & (table.end <= day_end))
    leavers = np.zeros(table.people, dtype=bool)
    if len(ending):
        order = np.lexsort((ending, table.end[ending], table.person[ending]))
        ordered = ending[order]
        persons = table.person[ordered]
        last = ordered[np.r_[persons[1:] != persons[:-1], True]]
        counted_cause = np.array([cause in counted for cause in table.cause_names],
                                 dtype=bool)
        leaving = last[counted_cause[table.cause[last]]]
        leavers[table.person[leaving]] = True
        leavers &= ~at_end
    n_start, n_end, n_leavers = int(at_start.sum()), int(at_end.sum()), int(leavers.sum())
    average = (n_start + n_end) / 2
    stayed = int((at_start & ~leavers).sum())
    return PeriodIndices(
        start, as_of, n_start, n_end, n_leavers,
        n_leavers / average if average else None,
        stayed / n_start if n_start else None,
    )


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


# --- Summary -------------------------------------------------------------------------


@dataclass(frozen=True)
class CauseSummary:
    cause: str
    incidence: tuple[IncidencePoint, ...]
    indices: PeriodIndices


@dataclass(frozen=True)
class RetentionSummary:
    as_of: dt.date
    observed_from: dt.date
    curve: RetentionCurve
    indices: PeriodIndices
    causes: tuple[CauseSummary, ...]


def summarise(spells: Iterable[Spell], as_of: dt.date,
              observed_from: dt.date | None = None) -> RetentionSummary:
    """What the CLI prints: the leaving-the-trust curve, indices, and the same per cause."""
    spells = list(spells)
    first = observed_from or min((s.start for s in spells), default=as_of)
    observation = observe(spells, as_of, first)
    incidence = cumulative_incidence(observation)
    return RetentionSummary(
        as_of, first, kaplan_meier(observation), period_indices(spells, as_of),
        tuple(CauseSummary(cause, incidence[cause], period_indices(spells, as_of, {cause}))
              for cause in CAUSES),
    )


def _indices_dict(indices: PeriodIndices) -> dict[str, object]:
    return {"period_start": indices.start.isoformat(), "period_end": indices.end.isoformat(),
            "headcount_start": indices.headcount_start, "headcount_end": indices.headcount_end,
            "leavers": indices.leavers, "leaver_rate": indices.leaver_rate,
            "stability_index": indices.stability_index}


def curve_dict(curve: RetentionCurve) -> list[dict[str, object]]:
    return [{"days": p.days, "at_risk": p.at_risk, "events": p.events,
             "retention": p.retention, "lower": p.lower, "upper": p.upper}
            for p in curve.points]


def summary_to_dict(summary: RetentionSummary) -> dict[str, object]:
    years: Mapping[int, float | None] = summary.curve.after_years()
    return {
        "as_of": summary.as_of.isoformat(),
        "observed_from": summary.observed_from.isoformat(),
        "spells": summary.curve.size,
        "curve": curve_dict(summary.curve),
        "median_days": summary.curve.median_days,
        "retention_after_years": {str(k): v for k, v in years.items()},
        "stability_index": summary.indices.stability_index,
        "leaver_rate": summary.indices.leaver_rate,
        "period": _indices_dict(summary.indices),
        "causes": {
            c.cause: {
                "cumulative_incidence": [{"days": p.days, "incidence": p.incidence}
                                         for p in c.incidence],
                "median_days": incidence_median(c.incidence),
                "leavers": c.indices.leavers,
                "stability_index": c.indices.stability_index,
                "leaver_rate": c.indices.leaver_rate,
            }
            for c in summary.causes
        },
    }
