"""Workload (WISN): a WisnStudy and its rows become a `fagkraft.engine.wisn.Study`.

Existing staff per category comes from the register (FTE of positions running on the
day, in the unit's subtree, of the category's profession group) unless the study gives a
figure (engine.register_inputs.wisn_existing).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Sum

from fagkraft.engine import wisn
from fagkraft.engine.register_inputs import WisnExisting, wisn_existing
from fagkraft.workforce.models import Position, Unit
from fagkraft.workload.models import ScenarioMove, WisnStudy


def wisn_register_staff(unit: Unit, today: dt.date) -> dict[str, tuple[float, int]]:
    """Profession group -> (FTE, persons) of positions running today in the subtree."""
    rows = (
        Position.objects.filter(Position.active_on_q(today), Unit.subtree_q(unit.path, "unit__"))
        .order_by().values("employee__profession__group")
        .annotate(fte=Sum("fte_percent"), persons=Count("employee_id", distinct=True))
    )
    return {
        row["employee__profession__group"]: (float(row["fte"] or 0) / 100, row["persons"])
        for row in rows
    }


def wisn_working_time(study: WisnStudy) -> wisn.WorkingTime:
    if study.basis == "percent":
        return wisn.PercentWorkingTime(
            contract_hours=float(study.contract_hours or 0),
            deductions_percent={str(k): float(v) for k, v in
                                (study.deductions_percent or {}).items()},
            hours_per_day=float(study.hours_per_day),
        )
    return wisn.DaysWorkingTime(
        working_days=float(study.working_days), public_holidays=float(study.public_holidays),
        annual_leave=float(study.annual_leave), sick_leave=float(study.sick_leave),
        other_leave=float(study.other_leave), hours_per_day=float(study.hours_per_day),
    )


def wisn_study_input(
    study: WisnStudy, today: dt.date
) -> tuple[wisn.Study, dict[str, WisnExisting]]:
    """The engine's Study for a WisnStudy, and where each category's existing staff came from.

    Four queries whatever the size: categories with their rows, and the register.
    """
    categories = list(study.categories.prefetch_related(
        "activities", "category_allowances", "individual_allowances"))
    register = wisn_register_staff(study.unit, today)
    existing: dict[str, WisnExisting] = {}
    engine_categories = []
    for category in categories:
        override = category.existing_staff_override
        known = wisn_existing(None if override is None else float(override),
                              category.profession_group, register)
        existing[category.name] = known
        engine_categories.append(wisn.Category(
            name=category.name,
            activities=tuple(
                wisn.Activity(a.name, float(a.annual_workload), float(a.minutes_per_unit))
                for a in category.activities.all()),
            category_allowances=tuple(
                wisn.CategoryAllowance(
                    a.name, percent=None if a.percent is None else float(a.percent),
                    hours=None if a.hours is None else float(a.hours), per=a.per or None)
                for a in category.category_allowances.all()),
            individual_allowances=tuple(
                wisn.IndividualAllowance(a.name, float(a.staff), float(a.hours_per_year))
                for a in category.individual_allowances.all()),
            existing_staff=known.fte,
        ))
    engine_study = wisn.Study(name=study.name, year=study.year,
                              working_time=wisn_working_time(study),
                              categories=tuple(engine_categories))
    return engine_study, existing


def wisn_scenarios(study: WisnStudy) -> list[wisn.Scenario]:
    """The study's saved scenarios as engine Scenarios (one query)."""
    moves = ScenarioMove.objects.filter(scenario__study=study).select_related(
        "activity__category", "to_category").order_by("pk")
    by_scenario: dict[int, list[wisn.Move]] = {
        scenario.pk: [] for scenario in study.scenarios.all()}
    for move in moves:
        by_scenario.setdefault(move.scenario_id, []).append(wisn.Move(
            activity=move.activity.name, from_category=move.activity.category.name,
            to_category=move.to_category.name, share_percent=float(move.share_percent),
            minutes_per_unit=None if move.minutes_per_unit is None
            else float(move.minutes_per_unit)))
    return [wisn.Scenario(scenario.name, tuple(by_scenario.get(scenario.pk, ())))
            for scenario in study.scenarios.all()]
