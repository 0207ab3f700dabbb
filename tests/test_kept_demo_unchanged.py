"""No page or export of the demo shows another status with the kept table (issue 16).

The small demo on a fixed day; every unit's dashboard (matrix, per-requirement counts,
due list, child roll-up: what the page and its export show), the roll-ups and their
disclosure control, the further-education plans, the to-do counts and the API's statuses
are worked out twice: by the old path (every status recomputed by the engine from the
completions) and from the kept table. They must be equal.
"""

from __future__ import annotations

from unittest import mock

import pytest

from fagkraft.competence import kept, reports
from fagkraft.competence.models import KeptRequirement, KeptState
from fagkraft.core import dates
from fagkraft.workforce.models import Employee, Unit
from tests.kept_demo_support import TODAY, seed_small_demo
from tests.shared_data import fresh, module_data

module_kept_demo = module_data(seed_small_demo, name="module_kept_demo")


@pytest.fixture
def demo(module_kept_demo, db, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)
    return fresh(module_kept_demo)


def _dashboard(unit: Unit) -> tuple:
    people = reports.people_in(unit)
    data = reports.unit_compliance(unit, people, list(unit.children.order_by("path")), TODAY)
    return (
        [(p.employee.pk, sorted((cid, r.status, r.due_on, r.deadline, r.completed_on,
                                 r.expires_on) for cid, r in p.cells.items()))
         for p in data.people],
        [(r.competence.pk, r.persons, r.counts) for r in data.requirements],
        [(r.employee.pk, r.competence.pk, r.status, r.due_on) for r in data.due],
        [(c.unit.pk, c.persons, c.tally.counts) for c in data.children],
        data.tally.counts,
    )


def _rollup(unit: Unit, protected: bool) -> tuple:
    data = reports.rollup(unit, TODAY, protected=protected)
    return ([c.pk for c in data.competences], data.suppressed,
            [(r.unit.pk, r.persons, {cid: (c.persons, c.compliant, c.in_breach)
                                     for cid, c in r.cells.items()}) for r in data.rows])


def _plan(unit: Unit) -> tuple:
    plan = reports.education_plan(reports.people_in(unit), TODAY)
    return [(n.competence.pk, n.needed, n.by, n.planned, n.planned_needed) for n in plan.needs]


def _everything() -> dict:
    units = list(Unit.objects.order_by("path"))
    upper = [u for u in units if u.level in (Unit.Level.REGION, *reports.ROLLUP_LEVELS)]
    return {
        "dashboards": {u.pk: _dashboard(u) for u in units},
        "rollups": {u.pk: _rollup(u, False) for u in upper},
        "protected": {u.pk: _rollup(u, True) for u in upper},
        "plans": {u.pk: _plan(u) for u in units if u.level == Unit.Level.SECTION},
        "due": {u.pk: reports.falls_due_count(reports.people_in(u), TODAY) for u in units},
        "api": sorted(kept.statuses(Employee.objects.all(), TODAY),
                      key=lambda s: (s.employee_id, s.competence_id)),
    }


def test_the_demo_ends_with_the_kept_table_built(demo):
    assert KeptState.objects.get().as_of == TODAY
    assert KeptRequirement.objects.exists()
    assert kept.ready_for(TODAY)


def test_every_dashboard_rollup_plan_and_count_is_unchanged(demo, monkeypatch):
    with mock.patch("django.core.cache.cache.get", return_value=None):
        from_kept = _everything()
        monkeypatch.setattr(kept, "ready_for", lambda today: False)  # the old path
        recomputed = _everything()
    assert from_kept["api"] == recomputed["api"]
    for name in ("dashboards", "rollups", "protected", "plans", "due"):
        assert from_kept[name] == recomputed[name], name
    # The comparison is about something: the demo has every status and hidden cells.
    statuses = {s.status for s in from_kept["api"]}
    assert statuses == {"met", "due_soon", "not_yet_due", "overdue", "missing"}
    assert any(row[1] for row in from_kept["protected"].values())


def test_fully_planned_sections_equal_one_plan_per_section(demo):
    # The goal indicator "units with a further-education plan" reads every section of a
    # region at once; each section's answer must be its own plan's (nothing unplanned).
    sections = [unit for unit in Unit.objects.order_by("path") if not unit.children.exists()]
    one_by_one = {unit.pk: all(need.unplanned == 0 for need in reports.education_plan(
        reports.people_in(unit), TODAY).needs) for unit in sections}
    assert reports.fully_planned_units(sections, TODAY) == one_by_one
    assert set(one_by_one.values()) == {True, False}  # the demo has both kinds
