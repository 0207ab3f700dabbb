"""Projections: the register read as projection inputs (stock, demand, turnover, recruits,
pipeline) for a unit's subtree; docs/projections_web.md explains every definition.

A person belongs to one projection profession (engine.register_inputs): a doctor with a
child and adolescent psychiatry approval in force is a "child-psychiatrist"; everyone
else counts under their profession's code ("psychologist", "nurse", ...). Doctors in an
education position (LIS) in the units are the child-psychiatry pipeline: they join the
stock when they complete.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
from django.db.models import Q

from fagkraft.adapter.education import pipeline_completions
from fagkraft.adapter.frames import frame_from
from fagkraft.core.conf import setting
from fagkraft.engine import turnover as turnover_engine
from fagkraft.engine import turnover_rates
from fagkraft.engine.ages import ages_on
from fagkraft.engine.register_inputs import (
    CHILD_PSYCHIATRIST as CHILD_PSYCHIATRIST,  # the key these frames use; re-exported
)
from fagkraft.engine.register_inputs import (
    classify_vacancies,
    is_lis,
    pipeline_by_profession,
    projection_profession,
    recruits,
)
from fagkraft.workforce.models import Employee, Position, SpecialistApproval, Unit, Vacancy

STOCK_COLUMNS = ["profession", "age", "headcount", "fte"]
RECRUITS_COLUMNS = ["profession", "recruits", "years", "per_year", "mean_age"]


def child_psychiatry_specialty() -> str:
    """The specialty code that makes a doctor a child psychiatrist (LE-BUP by default)."""
    return str(setting("CHILD_PSYCHIATRY_SPECIALTY"))


def projection_units(unit: Unit, service_area: str = "") -> list[int]:
    """Ids of the unit's subtree, narrowed to one service area (PHBU/PHV/TSB) if given."""
    units = Unit.objects.filter(Unit.subtree_q(unit.path))
    if service_area:
        units = units.filter(service_area=service_area)
    return list(units.order_by("pk").values_list("pk", flat=True))


def projection_people(employee_ids: Sequence[int], today: dt.date) -> pd.DataFrame:
    """employee_id, profession (projection key), birth_year, birth_date per person."""
    ids = [int(pk) for pk in employee_ids]
    people = frame_from(
        Employee.objects.filter(pk__in=ids).order_by(),
        ["pk", "profession__code", "profession__group", "birth_year", "birth_date"],
        ["employee_id", "code", "group", "birth_year", "birth_date"], dates=["birth_date"],
    )
    specialists = set(SpecialistApproval.objects.filter(
        SpecialistApproval.active_on_q(today), employee_id__in=ids,
        specialty__code=child_psychiatry_specialty(),
    ).values_list("employee_id", flat=True))
    people["profession"] = projection_profession(
        people["code"], people["group"], people["employee_id"].isin(specialists))
    return people[["employee_id", "profession", "birth_year", "birth_date"]]


def _positions_today(unit_ids: Sequence[int], today: dt.date) -> pd.DataFrame:
    """Positions running today in the units, without doctors' education positions (LIS)."""
    positions = frame_from(
        Position.objects.filter(Position.active_on_q(today), unit_id__in=list(unit_ids))
        .order_by(),
        ["employee_id", "kind", "fte_percent", "employee__profession__group"],
        ["employee_id", "kind", "fte_percent", "group"],
    )
    return positions[~is_lis(positions["kind"], positions["group"])]


def projection_stock(unit_ids: Sequence[int], today: dt.date) -> pd.DataFrame:
    """Current staff by projection profession and age: STOCK_COLUMNS.

    Headcount is distinct persons, FTE the sum of their positions' shares of full time in
    the units, age as on the unit page (birth date, else the age reached this year).
    """
    positions = _positions_today(unit_ids, today)
    if positions.empty:
        return pd.DataFrame(columns=STOCK_COLUMNS)
    people = projection_people(positions["employee_id"].unique().tolist(), today)
    people["age"] = ages_on(people["birth_year"].to_numpy(), list(people["birth_date"]), today)
    positions = positions.assign(fte=positions["fte_percent"].astype(float) / 100)
    per_person = positions.groupby("employee_id", as_index=False)["fte"].sum()
    merged = per_person.merge(people[["employee_id", "profession", "age"]], on="employee_id")
    stock = merged.groupby(["profession", "age"], as_index=False).agg(
        headcount=("employee_id", "nunique"), fte=("fte", "sum"))
    stock["fte"] = stock["fte"].round(4)
    return stock.sort_values(["profession", "age"]).reset_index(drop=True)[STOCK_COLUMNS]


def projection_vacancies(unit_ids: Sequence[int], today: dt.date) -> pd.DataFrame:
    """Open vacancies today by projection profession: profession, vacancies, vacant_fte
    (engine.register_inputs.classify_vacancies says which count and as what)."""
    rows = frame_from(
        Vacancy.objects.filter(Vacancy.open_on_q(today), unit_id__in=list(unit_ids)).order_by(),
        ["profession__code", "profession__group", "kind", "unit__service_area", "fte_percent"],
        ["code", "group", "kind", "area", "fte_percent"],
    )
    rows = classify_vacancies(rows)
    rows = rows.assign(fte=rows["fte_percent"].astype(float) / 100)
    grouped = rows.groupby("profession", as_index=False).agg(
        vacancies=("fte", "size"), vacant_fte=("fte", "sum"))
    grouped["vacant_fte"] = grouped["vacant_fte"].round(4)
    return grouped[["profession", "vacancies", "vacant_fte"]]


def projection_base_demand(unit_ids: Sequence[int], today: dt.date) -> pd.DataFrame:
    """Base-year demand per projection profession: filled FTE plus open vacancies' FTE.

    Columns profession, headcount, filled_fte, vacancies, vacant_fte, demand_fte. The
    staffing the trust has decided to have is what it fills plus what it advertises; the
    gap in the base year is then minus the vacant FTE.
    """
    stock = projection_stock(unit_ids, today)
    filled = stock.groupby("profession", as_index=False).agg(
        headcount=("headcount", "sum"), filled_fte=("fte", "sum"))
    demand = filled.merge(projection_vacancies(unit_ids, today), on="profession", how="outer")
    demand = demand.fillna({"headcount": 0, "filled_fte": 0.0, "vacancies": 0,
                            "vacant_fte": 0.0})
    demand["headcount"] = demand["headcount"].astype(int)
    demand["vacancies"] = demand["vacancies"].astype(int)
    demand["demand_fte"] = (demand["filled_fte"] + demand["vacant_fte"]).round(4)
    return demand.sort_values("profession").reset_index(drop=True)


def projection_turnover(
    unit_ids: Sequence[int], today: dt.date, years: int | None = None,
    professions: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Turnover by projection profession and age band over the last full calendar years.

    engine.turnover_rates.estimate on every position since the first of those years of
    anyone who held a position in the units (so internal moves are recognised).
    """
    years = years or int(setting("TURNOVER_YEARS"))
    first_year, last_year = today.year - years, today.year - 1
    since = dt.date(first_year, 1, 1)
    recent = Q(end_date__isnull=True) | Q(end_date__gte=since)
    here = Position.objects.filter(recent, unit_id__in=list(unit_ids))
    positions = frame_from(
        Position.objects.filter(recent, employee_id__in=here.values("employee_id")).order_by(),
        ["employee_id", "unit_id", "kind", "start_date", "end_date", "leaving_reason"],
        [*turnover_engine.COLUMNS, "reason"], dates=["start_date", "end_date"],
    )
    people = projection_people(positions["employee_id"].unique().tolist(), today)
    if professions is not None:
        people = people[people["profession"].isin(list(professions))]
    grace = int(setting("INTERNAL_MOVE_GRACE_DAYS"))
    return turnover_rates.estimate(positions, people, unit_ids,
                                   list(range(first_year, last_year + 1)), grace_days=grace)


def projection_recruits(
    unit_ids: Sequence[int], today: dt.date, years: int | None = None,
) -> pd.DataFrame:
    """Recruits from outside the trust per projection profession over the last full years.

    Who is a recruit: engine.register_inputs.recruits. Columns profession, recruits
    (persons in all the years), years, per_year, mean_age (age at the start).
    """
    years = years or int(setting("TURNOVER_YEARS"))
    first_year, last_year = today.year - years, today.year - 1
    started = Position.objects.filter(
        unit_id__in=list(unit_ids), start_date__gte=dt.date(first_year, 1, 1),
        start_date__lte=dt.date(last_year, 12, 31))
    positions = frame_from(
        Position.objects.filter(employee_id__in=started.values("employee_id")).order_by(),
        ["employee_id", "unit_id", "kind", "start_date", "employee__profession__group"],
        ["employee_id", "unit_id", "kind", "start", "group"], dates=["start_date"],
    )
    if positions.empty:
        return pd.DataFrame(columns=RECRUITS_COLUMNS)
    positions["start"] = pd.to_datetime(positions["start"])
    first = recruits(positions, unit_ids, first_year, last_year)
    if first.empty:
        return pd.DataFrame(columns=RECRUITS_COLUMNS)
    people = projection_people(first["employee_id"].tolist(), today)
    merged = first.merge(people, on="employee_id")
    merged["age"] = [
        int(ages_on([year], [born], start.date())[0])
        for year, born, start in zip(merged["birth_year"], merged["birth_date"],
                                     merged["start"], strict=True)
    ]
    grouped = merged.groupby("profession", as_index=False).agg(
        recruits=("employee_id", "nunique"), mean_age=("age", "mean"))
    grouped["years"] = years
    grouped["per_year"] = (grouped["recruits"] / years).round(4)
    grouped["mean_age"] = grouped["mean_age"].round(1)
    return grouped[RECRUITS_COLUMNS]


def projection_pipeline(unit_ids: Sequence[int], from_year: int, to_year: int) -> pd.DataFrame:
    """Expected completions per projection profession and year: profession, year, completions.

    From the education pathways' expected completions (adapter.education), counted as
    projection professions by engine.register_inputs.pipeline_by_profession.
    """
    frame = pipeline_completions(list(unit_ids), from_year, to_year)
    return pipeline_by_profession(frame, child_psychiatry_specialty())
