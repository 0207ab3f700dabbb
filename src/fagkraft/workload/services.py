"""The only code that writes WISN studies. Every write is audit-logged.

Each function takes the acting user first (None for the system: CLI, seeding). Who may
call what is checked by the callers through fagkraft.access.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models, transaction

from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.audit.services import Actor
from fagkraft.engine import wisn
from fagkraft.engine.worktime import NorwegianYear, norwegian_year
from fagkraft.workforce.models import Unit
from fagkraft.workload.models import (
    CategoryAllowance,
    IndividualAllowance,
    Scenario,
    ScenarioMove,
    StaffCategory,
    WisnStudy,
    WorkloadActivity,
)

Action = AuditEvent.Action
_create = audit.create_recorded
_update = audit.update_recorded


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _delete(actor: Actor, obj: models.Model) -> None:
    audit.record(actor, Action.DELETE, obj)
    obj.delete()


# --- Working time from the calendar and the settings ------------------------------------


def calendar_year(year: int, language: str = "en_US") -> NorwegianYear:
    """Norway's working-time figures for a year under FAGKRAFT's WISN settings."""
    config = settings.FAGKRAFT
    return norwegian_year(
        year, hours_per_week=config["WISN_HOURS_PER_WEEK"],
        holiday_weeks=config["WISN_HOLIDAY_WEEKS"],
        sick_leave_percent=config["WISN_SICK_LEAVE_PERCENT"], language=language,
    )


def calendar_fields(year: int) -> dict[str, Decimal]:
    """Study working-time fields (days basis) worked out from the calendar."""
    norway = calendar_year(year)
    return {
        "basis": WisnStudy.Basis.DAYS,
        "working_days": Decimal(norway.working_days),
        "public_holidays": Decimal(norway.public_holidays),
        "annual_leave": _decimal(norway.annual_leave),
        "sick_leave": _decimal(round(norway.sick_leave, 2)),
        "other_leave": _decimal(norway.other_leave),
        "hours_per_day": _decimal(norway.hours_per_day),
    }


def working_time_fields(working_time: wisn.WorkingTime) -> dict[str, Any]:
    if isinstance(working_time, wisn.PercentWorkingTime):
        return {"basis": WisnStudy.Basis.PERCENT,
                "contract_hours": _decimal(working_time.contract_hours),
                "deductions_percent": dict(working_time.deductions_percent),
                "hours_per_day": _decimal(working_time.hours_per_day)}
    return {"basis": WisnStudy.Basis.DAYS,
            "working_days": _decimal(working_time.working_days),
            "public_holidays": _decimal(working_time.public_holidays),
            "annual_leave": _decimal(working_time.annual_leave),
            "sick_leave": _decimal(working_time.sick_leave),
            "other_leave": _decimal(working_time.other_leave),
            "hours_per_day": _decimal(working_time.hours_per_day)}


# --- Studies ------------------------------------------------------------------------


@transaction.atomic
def create_study(actor: Actor, *, unit: Unit, name: str, year: int, via: str = "",
                 **fields: Any) -> WisnStudy:
    """A new study; working time from the calendar unless the fields give it."""
    values = {**calendar_fields(year), **fields}
    return _create(actor, WisnStudy(unit=unit, name=name, year=year, **values), via)


@transaction.atomic(durable=True)
def update_study(actor: Actor, study: WisnStudy, **changes: Any) -> WisnStudy:
    return _update(actor, study, changes)


@transaction.atomic(durable=True)
def delete_study(actor: Actor, study: WisnStudy) -> None:
    _delete(actor, study)


@transaction.atomic
def add_category(actor: Actor, study: WisnStudy, *, name: str, profession_group: str = "",
                 existing_staff_override: Any = None, via: str = "") -> StaffCategory:
    order = study.categories.count()
    return _create(actor, StaffCategory(
        study=study, name=name, profession_group=profession_group,
        existing_staff_override=_decimal(existing_staff_override), order=order), via)


@transaction.atomic(durable=True)
def update_category(actor: Actor, category: StaffCategory, **changes: Any) -> StaffCategory:
    return _update(actor, category, changes)


@transaction.atomic(durable=True)
def delete_category(actor: Actor, category: StaffCategory) -> None:
    _delete(actor, category)


@transaction.atomic
def add_activity(actor: Actor, category: StaffCategory, *, name: str, annual_workload: Any,
                 minutes_per_unit: Any, source: str = "", via: str = "") -> WorkloadActivity:
    return _create(actor, WorkloadActivity(
        category=category, name=name, annual_workload=_decimal(annual_workload),
        minutes_per_unit=_decimal(minutes_per_unit), source=source,
        order=category.activities.count()), via)


@transaction.atomic
def update_activity(actor: Actor, activity: WorkloadActivity, **changes: Any
                    ) -> WorkloadActivity:
    for key in ("annual_workload", "minutes_per_unit"):
        if key in changes:
            changes[key] = _decimal(changes[key])
    return _update(actor, activity, changes)


@transaction.atomic(durable=True)
def delete_activity(actor: Actor, activity: WorkloadActivity) -> None:
    _delete(actor, activity)


@transaction.atomic
def add_category_allowance(actor: Actor, category: StaffCategory, *, name: str,
                           percent: Any = None, hours: Any = None, per: str = "",
                           via: str = "") -> CategoryAllowance:
    return _create(actor, CategoryAllowance(
        category=category, name=name, percent=_decimal(percent), hours=_decimal(hours),
        per=per or ""), via)


@transaction.atomic(durable=True)
def delete_category_allowance(actor: Actor, allowance: CategoryAllowance) -> None:
    _delete(actor, allowance)


@transaction.atomic
def add_individual_allowance(actor: Actor, category: StaffCategory, *, name: str,
                             staff: Any, hours_per_year: Any, via: str = ""
                             ) -> IndividualAllowance:
    return _create(actor, IndividualAllowance(
        category=category, name=name, staff=_decimal(staff),
        hours_per_year=_decimal(hours_per_year)), via)


@transaction.atomic(durable=True)
def delete_individual_allowance(actor: Actor, allowance: IndividualAllowance) -> None:
    _delete(actor, allowance)


# --- Scenarios ----------------------------------------------------------------------


@transaction.atomic
def create_scenario(actor: Actor, study: WisnStudy, *, name: str, description: str = "",
                    via: str = "") -> Scenario:
    return _create(actor, Scenario(study=study, name=name, description=description), via)


@transaction.atomic
def delete_scenario(actor: Actor, scenario: Scenario) -> None:
    _delete(actor, scenario)


@transaction.atomic
def add_move(actor: Actor, scenario: Scenario, *, activity: WorkloadActivity,
             to_category: StaffCategory, share_percent: Any, minutes_per_unit: Any = None,
             via: str = "") -> ScenarioMove:
    return _create(actor, ScenarioMove(
        scenario=scenario, activity=activity, to_category=to_category,
        share_percent=_decimal(share_percent), minutes_per_unit=_decimal(minutes_per_unit)),
        via)


@transaction.atomic(durable=True)
def delete_move(actor: Actor, move: ScenarioMove) -> None:
    _delete(actor, move)


# --- A whole study from the engine's dataclasses (study file, demo) ------------------


@transaction.atomic(durable=True)
def create_study_from(
    actor: Actor, unit: Unit, study: wisn.Study, *, groups: dict[str, str] | None = None,
    sources: dict[tuple[str, str], str] | None = None,
    scenarios: tuple[wisn.Scenario, ...] = (), note: str = "", via: str = "",
) -> WisnStudy:
    """Store an engine Study (e.g. from a study file) under a unit, rows and scenarios.

    `groups` maps a category name to the register's profession group, whose FTE then
    stands for existing staff when the category gives none. `sources` labels workload
    figures by (category, activity). Category-level working-time overrides are not kept
    by the web model; the study's working time applies to every category.
    """
    groups = groups or {}
    sources = sources or {}
    record = create_study(actor, unit=unit, name=study.name, year=study.year, via=via,
                          note=note, **working_time_fields(study.working_time))
    categories: dict[str, StaffCategory] = {}
    activities: dict[tuple[str, str], WorkloadActivity] = {}
    for category in study.categories:
        row = add_category(actor, record, name=category.name,
                           profession_group=groups.get(category.name, ""),
                           existing_staff_override=category.existing_staff, via=via)
        categories[category.name] = row
        for activity in category.activities:
            activities[(category.name, activity.name)] = add_activity(
                actor, row, name=activity.name, annual_workload=activity.annual_workload,
                minutes_per_unit=activity.minutes_per_unit,
                source=sources.get((category.name, activity.name), ""), via=via)
        for allowance in category.category_allowances:
            add_category_allowance(actor, row, name=allowance.name, percent=allowance.percent,
                                   hours=allowance.hours, per=allowance.per or "", via=via)
        for individual in category.individual_allowances:
            add_individual_allowance(actor, row, name=individual.name, staff=individual.staff,
                                     hours_per_year=individual.hours_per_year, via=via)
    for scenario in scenarios:
        saved = create_scenario(actor, record, name=scenario.name, via=via)
        for move in scenario.moves:
            add_move(actor, saved, activity=activities[(move.from_category, move.activity)],
                     to_category=categories[move.to_category],
                     share_percent=move.share_percent,
                     minutes_per_unit=move.minutes_per_unit, via=via)
    return record
