"""Staffing need from workload: WHO's Workload Indicators of Staffing Need (WISN).

Formulas (WHO, *WISN User's Manual*, 2010; 2nd edition 2023), per staff category:

- available working time AWT = [A - (B + C + D + E)] * h  (A possible working days,
  B public holidays, C annual leave, D sick leave, E other leave, h hours a day), or
  contractual hours * (1 - sum of deduction percentages / 100);
- standard workload of an activity SW = AWT / time per unit (units a year);
- category allowance factor CAF = 1 / (1 - sum of category allowance percentages / 100);
- individual allowance factor IAF = sum of individual allowance hours a year / AWT;
- required staff = sum(annual workload / SW) * CAF + IAF;
- WISN difference = existing - required; WISN ratio = existing / required.

Everything here is plain Python and numpy: the building-block functions accept floats
or numpy arrays (the projections helper feeds them arrays of projected activity), and
`calculate` returns every intermediate figure so a user can follow the arithmetic.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, Protocol, TypeVar

import numpy as np

Number = float | np.ndarray
Period = Literal["day", "week", "month", "year"]
PERIODS: tuple[str, ...] = ("day", "week", "month", "year")
MINUTES_PER_HOUR = 60.0


# --- Building blocks (vectorised) ------------------------------------------------------


def _plain(value: np.ndarray) -> Number:
    """A 0-d result back to a Python float; arrays stay arrays."""
    return float(value) if np.ndim(value) == 0 else value


def available_days(
    working_days: Number, public_holidays: Number, annual_leave: Number,
    sick_leave: Number, other_leave: Number,
) -> Number:
    """A - (B + C + D + E): days a year a member of staff is at work."""
    days = np.asarray(working_days, dtype=float) - (
        np.asarray(public_holidays, dtype=float) + np.asarray(annual_leave, dtype=float)
        + np.asarray(sick_leave, dtype=float) + np.asarray(other_leave, dtype=float)
    )
    return _plain(days)


def available_hours_from_days(
    working_days: Number, public_holidays: Number, annual_leave: Number,
    sick_leave: Number, other_leave: Number, hours_per_day: Number,
) -> Number:
    """AWT in hours a year: [A - (B + C + D + E)] * h."""
    days = available_days(working_days, public_holidays, annual_leave, sick_leave, other_leave)
    return _plain(np.asarray(days, dtype=float) * np.asarray(hours_per_day, dtype=float))


def available_hours_from_percent(contract_hours: Number, deductions_percent: Number) -> Number:
    """AWT in hours a year from contractual hours less the summed deduction percentages."""
    hours = np.asarray(contract_hours, dtype=float) * (
        1.0 - np.asarray(deductions_percent, dtype=float) / 100.0
    )
    return _plain(hours)


def standard_workload(available_hours: Number, minutes_per_unit: Number) -> Number:
    """SW: units of an activity one member of staff can do in a year."""
    units = np.asarray(available_hours, dtype=float) * MINUTES_PER_HOUR / np.asarray(
        minutes_per_unit, dtype=float
    )
    return _plain(units)


def category_allowance_factor(total_allowance_percent: Number) -> Number:
    """CAF = 1 / (1 - sum CAS% / 100). Undefined at or above 100 %."""
    percent = np.asarray(total_allowance_percent, dtype=float)
    if np.any(percent >= 100.0) or np.any(percent < 0.0):
        raise ValueError("category allowances must add up to at least 0 % and under 100 %")
    return _plain(1.0 / (1.0 - percent / 100.0))


def individual_allowance_factor(total_allowance_hours: Number, available_hours: Number) -> Number:
    """IAF = sum IAS (hours a year, times the staff doing it) / AWT."""
    return _plain(np.asarray(total_allowance_hours, dtype=float)
                  / np.asarray(available_hours, dtype=float))


def fte_for_activity(
    annual_workload: Number, minutes_per_unit: Number, available_hours: Number,
    category_allowance_factor: Number = 1.0,
) -> Number:
    """Staff needed for one activity.

    annual_workload * minutes_per_unit / 60 / available_hours * CAF.
    """
    staff = (
        np.asarray(annual_workload, dtype=float) * np.asarray(minutes_per_unit, dtype=float)
        / MINUTES_PER_HOUR / np.asarray(available_hours, dtype=float)
        * np.asarray(category_allowance_factor, dtype=float)
    )
    return _plain(staff)


def allowance_percent(
    hours: float, per: str, available_hours: float, hours_per_day: float,
    days_per_week: float = 5.0,
) -> float:
    """A category allowance given as time, as a percentage of working time.

    The WHO manual converts allowances given as time to a share of working time:
    time a day over the hours of a working day, time a week over the hours of a working
    week; time a month or a year is counted over the year (twelve months) and divided
    by the available working time.
    """
    if per == "day":
        return hours / hours_per_day * 100.0
    if per == "week":
        return hours / (hours_per_day * days_per_week) * 100.0
    if per == "month":
        return hours * 12.0 / available_hours * 100.0
    if per == "year":
        return hours / available_hours * 100.0
    raise ValueError(f"unknown period {per!r}; use one of {', '.join(PERIODS)}")


# --- Study inputs ---------------------------------------------------------------------


@dataclass(frozen=True)
class DaysWorkingTime:
    """Working time from days a year (WHO: A, B, C, D, E and h)."""

    working_days: float
    public_holidays: float
    annual_leave: float
    sick_leave: float
    other_leave: float = 0.0
    hours_per_day: float = 7.5
    basis: str = field(default="days", init=False)


@dataclass(frozen=True)
class PercentWorkingTime:
    """Working time as contractual hours less named percentage deductions."""

    contract_hours: float
    deductions_percent: Mapping[str, float]
    hours_per_day: float = 7.5
    basis: str = field(default="percent", init=False)


WorkingTime = DaysWorkingTime | PercentWorkingTime


@dataclass(frozen=True)
class Activity:
    """A health-service activity: how many units a year and the time one unit takes."""

    name: str
    annual_workload: float
    minutes_per_unit: float
    moved_from: str = ""  # set on work a task-sharing scenario moved here


@dataclass(frozen=True)
class CategoryAllowance:
    """Work every member of the category does: a percentage, or hours per period."""

    name: str
    percent: float | None = None
    hours: float | None = None
    per: str | None = None


@dataclass(frozen=True)
class IndividualAllowance:
    """Work only some members do: how many of them, and hours a year each."""

    name: str
    staff: float
    hours_per_year: float


@dataclass(frozen=True)
class Category:
    name: str
    activities: tuple[Activity, ...] = ()
    category_allowances: tuple[CategoryAllowance, ...] = ()
    individual_allowances: tuple[IndividualAllowance, ...] = ()
    existing_staff: float | None = None
    working_time: WorkingTime | None = None  # None: the study's


@dataclass(frozen=True)
class Study:
    name: str
    year: int
    working_time: WorkingTime
    categories: tuple[Category, ...]


# --- Results (every intermediate figure) ----------------------------------------------


@dataclass(frozen=True)
class AvailableTime:
    basis: str
    hours: float
    days: float
    hours_per_day: float
    # Days basis: the inputs and their total; percent basis: the deductions and total.
    working_days: float | None = None
    public_holidays: float | None = None
    annual_leave: float | None = None
    sick_leave: float | None = None
    other_leave: float | None = None
    days_off: float | None = None
    contract_hours: float | None = None
    deductions_percent: Mapping[str, float] | None = None
    total_deduction_percent: float | None = None


@dataclass(frozen=True)
class ActivityResult:
    name: str
    annual_workload: float
    minutes_per_unit: float
    hours: float  # annual workload in hours
    standard_workload: float  # units one member of staff does in a year
    staff: float  # annual workload / standard workload
    moved_from: str = ""


@dataclass(frozen=True)
class AllowanceResult:
    name: str
    percent: float  # as a share of working time
    hours: float | None = None
    per: str | None = None


@dataclass(frozen=True)
class IndividualAllowanceResult:
    name: str
    staff: float
    hours_per_year: float
    total_hours: float


@dataclass(frozen=True)
class CategoryResult:
    name: str
    available: AvailableTime
    activities: tuple[ActivityResult, ...]
    staff_for_activities: float
    category_allowances: tuple[AllowanceResult, ...]
    category_allowance_percent: float
    category_allowance_factor: float
    individual_allowances: tuple[IndividualAllowanceResult, ...]
    individual_allowance_hours: float
    individual_allowance_factor: float
    required_staff: float
    existing_staff: float | None
    wisn_difference: float | None
    wisn_ratio: float | None

    @property
    def workload_hours(self) -> float:
        return sum(activity.hours for activity in self.activities)


@dataclass(frozen=True)
class StudyResult:
    name: str
    year: int
    categories: tuple[CategoryResult, ...]

    @property
    def required_staff(self) -> float:
        return sum(category.required_staff for category in self.categories)

    @property
    def existing_staff(self) -> float | None:
        known = [c.existing_staff for c in self.categories if c.existing_staff is not None]
        return sum(known) if known else None

    def category(self, name: str) -> CategoryResult:
        for result in self.categories:
            if result.name == name:
                return result
        raise KeyError(name)


# --- Calculation ------------------------------------------------------------------------


def available_time(working_time: WorkingTime) -> AvailableTime:
    """AWT in hours and days, with the figures it came from."""
    if isinstance(working_time, DaysWorkingTime):
        w = working_time
        days = float(available_days(w.working_days, w.public_holidays, w.annual_leave,
                                    w.sick_leave, w.other_leave))
        if days <= 0:
            raise ValueError("leave and holidays use up every working day")
        return AvailableTime(
            basis="days", hours=days * w.hours_per_day, days=days,
            hours_per_day=float(w.hours_per_day), working_days=float(w.working_days),
            public_holidays=float(w.public_holidays), annual_leave=float(w.annual_leave),
            sick_leave=float(w.sick_leave), other_leave=float(w.other_leave),
            days_off=float(w.working_days) - days,
        )
    total = float(sum(working_time.deductions_percent.values()))
    hours = float(available_hours_from_percent(working_time.contract_hours, total))
    if hours <= 0:
        raise ValueError("deductions use up all contractual hours")
    return AvailableTime(
        basis="percent", hours=hours, days=hours / working_time.hours_per_day,
        hours_per_day=float(working_time.hours_per_day),
        contract_hours=float(working_time.contract_hours),
        deductions_percent=dict(working_time.deductions_percent),
        total_deduction_percent=total,
    )


def _activity_result(activity: Activity, available_hours: float) -> ActivityResult:
    standard = float(standard_workload(available_hours, activity.minutes_per_unit))
    return ActivityResult(
        name=activity.name, annual_workload=float(activity.annual_workload),
        minutes_per_unit=float(activity.minutes_per_unit),
        hours=float(activity.annual_workload) * float(activity.minutes_per_unit)
        / MINUTES_PER_HOUR,
        standard_workload=standard,
        staff=float(activity.annual_workload) / standard if standard else 0.0,
        moved_from=activity.moved_from,
    )


def _allowance_result(allowance: CategoryAllowance, available: AvailableTime) -> AllowanceResult:
    if allowance.percent is not None:
        return AllowanceResult(allowance.name, float(allowance.percent))
    if allowance.hours is None or allowance.per is None:
        raise ValueError(f"allowance {allowance.name!r} needs a percent or hours and a period")
    percent = allowance_percent(float(allowance.hours), allowance.per, available.hours,
                                available.hours_per_day)
    return AllowanceResult(allowance.name, percent, float(allowance.hours), allowance.per)


def calculate_category(category: Category, working_time: WorkingTime) -> CategoryResult:
    available = available_time(category.working_time or working_time)
    activities = tuple(_activity_result(a, available.hours) for a in category.activities)
    staff_for_activities = sum(activity.staff for activity in activities)
    allowances = tuple(_allowance_result(a, available) for a in category.category_allowances)
    allowance_total = sum(allowance.percent for allowance in allowances)
    caf = float(category_allowance_factor(allowance_total))
    individual = tuple(
        IndividualAllowanceResult(a.name, float(a.staff), float(a.hours_per_year),
                                  float(a.staff) * float(a.hours_per_year))
        for a in category.individual_allowances
    )
    individual_hours = sum(a.total_hours for a in individual)
    iaf = float(individual_allowance_factor(individual_hours, available.hours))
    required = staff_for_activities * caf + iaf
    existing = None if category.existing_staff is None else float(category.existing_staff)
    return CategoryResult(
        name=category.name, available=available, activities=activities,
        staff_for_activities=staff_for_activities, category_allowances=allowances,
        category_allowance_percent=allowance_total, category_allowance_factor=caf,
        individual_allowances=individual, individual_allowance_hours=individual_hours,
        individual_allowance_factor=iaf, required_staff=required, existing_staff=existing,
        wisn_difference=None if existing is None else existing - required,
        wisn_ratio=None if existing is None or required == 0 else existing / required,
    )


def calculate(study: Study) -> StudyResult:
    return StudyResult(
        name=study.name, year=study.year,
        categories=tuple(calculate_category(c, study.working_time) for c in study.categories),
    )


# --- Task sharing (oppgavedeling) -------------------------------------------------------


@dataclass(frozen=True)
class Move:
    """Move a share of an activity's workload from one category to another.

    `minutes_per_unit` is the receiving profession's time per unit; None keeps the
    giving category's time.
    """

    activity: str
    from_category: str
    to_category: str
    share_percent: float
    minutes_per_unit: float | None = None


@dataclass(frozen=True)
class Scenario:
    name: str
    moves: tuple[Move, ...]


@dataclass(frozen=True)
class ComparisonRow:
    category: str
    required_before: float
    required_after: float
    existing_staff: float | None
    ratio_before: float | None
    ratio_after: float | None

    @property
    def change(self) -> float:
        return self.required_after - self.required_before


@dataclass(frozen=True)
class Comparison:
    scenario: str
    before: StudyResult
    after: StudyResult
    rows: tuple[ComparisonRow, ...]

    @property
    def total_before(self) -> float:
        return self.before.required_staff

    @property
    def total_after(self) -> float:
        return self.after.required_staff


class _Named(Protocol):
    @property
    def name(self) -> str: ...


NamedT = TypeVar("NamedT", bound=_Named)


def _find(items: Sequence[NamedT], name: str, what: str) -> NamedT:
    for item in items:
        if item.name == name:
            return item
    raise ValueError(f"no {what} named {name!r}")


def apply_move(study: Study, move: Move) -> Study:
    """The study after one move: the giver keeps (1 - share), the receiver gets share."""
    if not 0.0 <= move.share_percent <= 100.0:
        raise ValueError("a share must be between 0 and 100 %")
    if move.from_category == move.to_category:
        raise ValueError("a move needs two different categories")
    giver = _find(study.categories, move.from_category, "category")
    _find(study.categories, move.to_category, "category")
    activity = _find(giver.activities, move.activity, "activity")
    moved = float(activity.annual_workload) * move.share_percent / 100.0
    minutes = (activity.minutes_per_unit if move.minutes_per_unit is None
               else move.minutes_per_unit)
    categories = []
    for category in study.categories:
        if category.name == giver.name:
            activities = tuple(
                replace(a, annual_workload=float(a.annual_workload) - moved)
                if a is activity else a for a in category.activities)
            category = replace(category, activities=activities)
        elif category.name == move.to_category:
            received = Activity(activity.name, moved, float(minutes), moved_from=giver.name)
            category = replace(category, activities=(*category.activities, received))
        categories.append(category)
    return replace(study, categories=tuple(categories))


def apply_scenario(study: Study, scenario: Scenario) -> Study:
    for move in scenario.moves:
        study = apply_move(study, move)
    return study


def compare(study: Study, scenario: Scenario) -> Comparison:
    """Required staff per category before and after the scenario, side by side."""
    before = calculate(study)
    after = calculate(apply_scenario(study, scenario))
    rows = tuple(
        ComparisonRow(b.name, b.required_staff, a.required_staff, b.existing_staff,
                      b.wisn_ratio, a.wisn_ratio)
        for b, a in zip(before.categories, after.categories, strict=True)
    )
    return Comparison(scenario.name, before, after, rows)


# --- Plain data (JSON-safe) -----------------------------------------------------------


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(float(value), digits)


def available_to_dict(available: AvailableTime) -> dict[str, object]:
    data: dict[str, object] = {
        "basis": available.basis, "hours": _rounded(available.hours, 2),
        "days": _rounded(available.days, 2), "hours_per_day": available.hours_per_day,
    }
    if available.basis == "days":
        data.update(working_days=available.working_days,
                    public_holidays=available.public_holidays,
                    annual_leave=available.annual_leave, sick_leave=available.sick_leave,
                    other_leave=available.other_leave,
                    days_off=_rounded(available.days_off, 2))
    else:
        data.update(contract_hours=available.contract_hours,
                    deductions_percent=dict(available.deductions_percent or {}),
                    total_deduction_percent=available.total_deduction_percent)
    return data


def category_to_dict(result: CategoryResult, digits: int = 4) -> dict[str, object]:
    """One category's result with every intermediate figure, as plain JSON data."""
    return {
        "name": result.name,
        "available_hours": _rounded(result.available.hours, 2),
        "available_days": _rounded(result.available.days, 2),
        "available_working_time": available_to_dict(result.available),
        "standard_workloads": [
            {"activity": a.name, "annual_workload": _rounded(a.annual_workload, 2),
             "minutes_per_unit": a.minutes_per_unit, "workload_hours": _rounded(a.hours, 2),
             "standard_workload": _rounded(a.standard_workload, 2),
             "staff": _rounded(a.staff, digits), "moved_from": a.moved_from or None}
            for a in result.activities
        ],
        "staff_for_activities": _rounded(result.staff_for_activities, digits),
        "category_allowances": [
            {"name": a.name, "percent": _rounded(a.percent, 4), "hours": a.hours, "per": a.per}
            for a in result.category_allowances
        ],
        "category_allowance_percent": _rounded(result.category_allowance_percent, 4),
        "category_allowance_factor": _rounded(result.category_allowance_factor, digits),
        "individual_allowances": [
            {"name": a.name, "staff": a.staff, "hours_per_year": a.hours_per_year,
             "total_hours": a.total_hours}
            for a in result.individual_allowances
        ],
        "individual_allowance_hours": _rounded(result.individual_allowance_hours, 2),
        "individual_allowance_factor": _rounded(result.individual_allowance_factor, digits),
        "required_staff": _rounded(result.required_staff, digits),
        "existing_staff": _rounded(result.existing_staff, 2),
        "wisn_difference": _rounded(result.wisn_difference, digits),
        "wisn_ratio": _rounded(result.wisn_ratio, digits),
    }


def study_to_dict(result: StudyResult, digits: int = 4) -> dict[str, object]:
    return {
        "name": result.name, "year": result.year,
        "categories": [category_to_dict(c, digits) for c in result.categories],
        "required_staff": _rounded(result.required_staff, digits),
        "existing_staff": _rounded(result.existing_staff, 2),
    }


def comparison_to_dict(comparison: Comparison, digits: int = 4) -> dict[str, object]:
    return {
        "scenario": comparison.scenario,
        "rows": [
            {"category": row.category, "required_before": _rounded(row.required_before, digits),
             "required_after": _rounded(row.required_after, digits),
             "change": _rounded(row.change, digits),
             "existing_staff": _rounded(row.existing_staff, 2),
             "wisn_ratio_before": _rounded(row.ratio_before, digits),
             "wisn_ratio_after": _rounded(row.ratio_after, digits)}
            for row in comparison.rows
        ],
        "total_before": _rounded(comparison.total_before, digits),
        "total_after": _rounded(comparison.total_after, digits),
        "after": study_to_dict(comparison.after, digits),
    }
