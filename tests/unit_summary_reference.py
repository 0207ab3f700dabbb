"""The unit summary as `workforce.reports._compute_summary` computed it before its
current-staff figures came from one pass over the rows (`engine.staffing.current_staff`):
a DataFrame of today's positions grouped by pandas. Kept verbatim (apart from names) so
tests can check the page shows exactly the same figures as before."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from django.conf import settings

from fagkraft.adapter import workforce as adapter
from fagkraft.engine import staffing
from fagkraft.workforce import reports
from fagkraft.workforce.models import Profession, Unit
from fagkraft.workforce.reports import GroupFigures, UnitSummary


def compute_summary(unit: Unit, today: dt.date, *, with_turnover: bool = True) -> UnitSummary:
    domain = settings.FAGKRAFT
    hide = reports._Suppressor()
    subtree = list(Unit.objects.filter(Unit.subtree_q(unit.path)).values_list("id", "path"))
    unit_ids = [unit_id for unit_id, _ in subtree]
    current = adapter.current_positions(unit_ids, today, unit.path)
    professions = {
        pk: (code, name, track)
        for pk, code, name, track in Profession.objects.values_list(
            "pk", "code", "name", "specialist_track")
    }

    people, total_fte = staffing.totals(current)
    headcount = hide.count(people)
    fte = total_fte if headcount is not None else None
    specialists, eligible, share = reports._specialist_share(current, unit, professions,
                                                             today, hide)
    profile = adapter.age_profile_of(current, today, domain["SENIOR_AGE"])
    senior_count = hide.count(profile.senior_count)
    turnover = [
        adapter.turnover_to_dict(year)
        for year in adapter.turnover_by_year(
            unit_ids, today, domain["TURNOVER_YEARS"], domain["INTERNAL_MOVE_GRACE_DAYS"],
            unit.path, whole_trusts=unit.level in (Unit.Level.REGION, Unit.Level.TRUST),
            kept=(unit.pk, current),
        )
    ] if with_turnover else []
    return UnitSummary(
        unit_id=unit.pk,
        unit_code=unit.code,
        unit_name=unit.name,
        level=unit.level,
        as_of=today,
        suppressed=False,
        headcount=headcount,
        fte=fte,
        fte_by_profession=_by_profession(current, professions),
        specialists=specialists,
        specialist_eligible=eligible,
        specialist_share=share,
        vacancies=reports._open_vacancies(unit_ids, today),
        age_bands=[{"label": band.label, "count": band.count} for band in profile.bands],
        senior_age=profile.senior_age,
        senior_count=senior_count,
        senior_share=profile.senior_share if senior_count is not None else None,
        turnover=turnover,
        children=_children(unit, subtree, current),
    )


def _by_profession(current: pd.DataFrame, professions: reports.Professions
                   ) -> list[GroupFigures]:
    rows = staffing.by_group(current, "profession_id")
    figures = []
    for key, people, fte in rows.itertuples(index=False):
        code, name, _track = professions[int(key)]
        figures.append(GroupFigures(key=code, label=name, headcount=int(people),
                                    fte=float(fte)))
    return figures


def _children(unit: Unit, subtree: list[tuple[int, str]], current: pd.DataFrame
              ) -> list[GroupFigures]:
    children = list(unit.children.order_by("path").values_list("id", "code", "name", "level",
                                                                  "path"))
    if not children:
        return []
    branch_of = {
        unit_id: child_id
        for child_id, _code, _name, _level, path in children
        for unit_id, unit_path in subtree if unit_path.startswith(path)
    }
    rows = staffing.by_group(current.assign(branch=current["unit_id"].map(branch_of)), "branch")
    by_branch = {int(key): (int(people), float(fte)) for key, people, fte in
                 rows.itertuples(index=False)}
    figures = []
    for child_id, code, name, level, _path in children:
        people, fte = by_branch.get(child_id, (0, 0.0))
        figures.append(GroupFigures(key=code, label=name, headcount=people, fte=fte,
                                    unit_id=child_id, level=level))
    return figures
