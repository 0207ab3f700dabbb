"""The compliance page's figures from the kept table's GROUP BYs (competence.dashboard)
equal those reports.unit_compliance works out person by person, which the export and the
tests of the status rules use: for every unit of the demo on a fixed day, unfiltered and
filtered to one profession, the key figures, the per-requirement and per-child-unit
counts, every person's counts and cells, and the whole due list in its order. And the
matrix's rows written directly (`MatrixTable.cells_html`) equal django-tables2's generic
rendering, cell for cell (as the staff table's, tests/test_staff_table_rows.py)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import RequestFactory

from fagkraft.competence import dashboard, kept, reports
from fagkraft.competence.models import KeptRequirement
from fagkraft.competence.tables import MatrixTable
from fagkraft.core import dates
from fagkraft.workforce import services as workforce_services
from fagkraft.workforce.models import Unit
from tests.kept_demo_support import TODAY, seed_small_demo
from tests.shared_data import fresh, module_data

module_demo = module_data(seed_small_demo, name="module_demo")


@pytest.fixture
def demo(module_demo, db, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)
    return fresh(module_demo)


def _figures(data: dashboard.Dashboard) -> dict:
    ids = [line.pk for line in data.people]
    cells = data.cells_for(ids)
    return {
        "competences": [c.pk for c in data.competences],
        "people": [(p.pk, p.last_name, p.first_name, p.tally.counts) for p in data.people],
        "cells": {pk: [(cid, r.employee.pk, r.competence.pk, r.status, r.due_on, r.deadline,
                        r.completed_on, r.expires_on) for cid, r in row.items()]
                  for pk, row in cells.items()},
        "requirements": [(r.competence.pk, r.persons, r.counts) for r in data.requirements],
        "due": [(r.employee.pk, r.competence.pk, r.status, r.due_on, r.deadline,
                 r.completed_on, r.expires_on) for r in data.due],
        "due_page": [(r.employee.pk, r.competence.pk) for r in data.due[3:8]],
        "children": [(c.unit.pk, c.persons, c.tally.counts) for c in data.children],
        "tally": data.tally.counts,
    }


def _both(unit, people, everyone: bool = False) -> tuple[dict, dict]:
    children = list(unit.children.order_by("path"))
    kept_figures = _figures(dashboard.unit_dashboard(unit, people, children, TODAY,
                                                     everyone=everyone))
    by_person = _figures(dashboard._from_report(
        reports.unit_compliance(unit, people, children, TODAY)))
    return kept_figures, by_person


def _each_way(unit) -> None:
    """The unit's people read by the subtree's rows (the page's way) and by their ids."""
    for everyone in (True, False):
        from_kept, by_person = _both(unit, reports.people_in(unit), everyone)
        assert from_kept == by_person, (unit.code, everyone)


def test_every_unit_shows_the_same_figures_as_the_person_by_person_report(demo):
    assert kept.ready_for(TODAY)  # the GROUP BY path is the one compared
    units = list(Unit.objects.order_by("path"))
    for unit in units:
        _each_way(unit)
    # About something: the region has every status, a due list longer than a page of
    # five, and child units.
    figures, _ = _both(units[0], reports.people_in(units[0]))
    assert units[0].level == Unit.Level.REGION
    assert len(figures["due"]) > 10 and figures["children"]
    assert all(figures["tally"][status] for status in figures["tally"])


def test_a_person_in_two_units_counts_once(demo):
    # The demo has nobody with two positions today: give one person a second post in
    # another section of the trust, so the kept table has a row per unit for them.
    sections = list(Unit.objects.filter(level=Unit.Level.SECTION).order_by("path"))
    first = sections[0]
    other = next(unit for unit in sections[1:] if unit.trust_id == first.trust_id
                 and unit.parent_id != first.parent_id)
    person = reports.people_in(first).order_by("pk").first()
    workforce_services.add_position(None, person, unit=other, fte_percent=20,
                                    kind="permanent", start_date=TODAY)
    assert KeptRequirement.objects.filter(employee=person, shared=True).count() > 1
    for unit in Unit.objects.filter(pk__in=[first.pk, other.pk, first.trust_id,
                                            first.parent_id, other.parent_id]):
        _each_way(unit)


def test_a_filtered_selection_counts_only_the_people_shown(demo):
    for unit in Unit.objects.filter(level=Unit.Level.TRUST):
        everyone = reports.people_in(unit)
        nurses = everyone.filter(profession__group="nurse")
        from_kept, by_person = _both(unit, nurses)
        assert from_kept == by_person, unit.code
        assert 0 < len(from_kept["people"]) < everyone.count()


def test_without_the_kept_table_the_figures_come_from_the_report(demo, monkeypatch):
    monkeypatch.setattr(kept, "ready_for", lambda today: False)
    trust = Unit.objects.filter(level=Unit.Level.TRUST).order_by("path").first()
    data = dashboard.unit_dashboard(trust, reports.people_in(trust), [], TODAY)
    assert isinstance(data.due, list)  # reports.unit_compliance's list, not a DueList
    assert data.tally.total == reports.unit_compliance(
        trust, reports.people_in(trust), [], TODAY).tally.total > 0


def _matrix_html(unit: Unit, template: str | None, order: str = "") -> str:
    data = dashboard.unit_dashboard(unit, reports.people_in(unit), [], TODAY)
    table = MatrixTable(data.people, data.competences, order_by=order or None)
    table.paginate(per_page=50)
    table.show_cells(data.cells_for)
    if template is not None:
        table.template_name = template
    html = table.as_html(RequestFactory().get("/"))
    # The templates differ in indentation only.
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


def test_the_matrix_rows_written_directly_equal_the_generic_rendering(demo):
    section = Unit.objects.filter(level=Unit.Level.SECTION).order_by("path").first()
    trust = Unit.objects.filter(level=Unit.Level.TRUST).order_by("path").first()
    for unit, order in ((section, ""), (trust, ""), (trust, "-compliant")):
        direct = _matrix_html(unit, None, order)
        assert direct == _matrix_html(unit, "django_tables2/table.html", order)
        # Cells with badges and the compliant column are there.
        assert 'data-status="' in direct and '<td class="num">' in direct


def test_todays_unit_tally_is_the_recomputed_one(demo):
    """The goal indicator's point for today (competence.dashboard.unit_tally) against the
    statuses worked out from every completion: same counts, same number of people, at
    every level of the demo."""
    from fagkraft.adapter import competence as competence_adapter
    from fagkraft.engine import compliance
    from fagkraft.goals.indicators import _people_on

    for unit in Unit.objects.exclude(level=Unit.Level.SECTION).order_by("path"):
        statuses = competence_adapter.compliance_statuses(_people_on(unit, TODAY), TODAY)
        tally, people = dashboard.unit_tally(unit, TODAY)
        assert tally.counts == compliance.tally(s.status for s in statuses).counts, unit.code
        assert people == len({s.employee_id for s in statuses}), unit.code
    assert dashboard.unit_tally(unit, TODAY - dt.timedelta(days=1)) is None  # past: not kept


def test_the_matrix_counts_only_its_page_unless_sorted_by_share(demo, monkeypatch):
    """A trust's page shows 50 lines of thousands: the counts of the page's people are
    read with its cells; sorted by share compliant, everyone's (one GROUP BY). Either
    way the lines say what the person-by-person report says (the test above)."""
    counted: list[int] = []
    real = dashboard._person_counts

    def recording(rows):
        counted.append(rows.values("employee_id").distinct().count())
        return real(rows)

    monkeypatch.setattr(dashboard, "_person_counts", recording)
    trust = Unit.objects.filter(level=Unit.Level.TRUST).order_by("path").first()
    people = reports.people_in(trust)
    with_requirements = KeptRequirement.objects.filter(
        employee__in=people).values("employee_id").distinct().count()
    assert with_requirements > 5
    by_person = {line.pk: line.tally.counts for line in dashboard._from_report(
        reports.unit_compliance(trust, people, [], TODAY)).people}
    for order, expected in (("", [5]), ("-compliant", [with_requirements])):
        counted.clear()
        data = dashboard.unit_dashboard(trust, people, [], TODAY, everyone=True)
        table = MatrixTable(data.people, data.competences, order_by=order or None)
        table.paginate(per_page=5)
        table.show_cells(data.cells_for)
        shown = [row.record.person for row in table.page.object_list]
        assert counted == expected, order
        assert {line.pk: line.tally.counts for line in shown} == {
            line.pk: by_person[line.pk] for line in shown}


def test_a_subtrees_counts_are_read_again_only_after_a_write(demo, monkeypatch):
    """Cached under the data version: a second view counts nothing again; a completion
    registered moves the figures (one more requirement met or due soon)."""
    from fagkraft.competence import services as competence_services  # noqa: PLC0415

    calls: list[str] = []
    real = dashboard._requirement_counts
    monkeypatch.setattr(dashboard, "_requirement_counts",
                        lambda rows: calls.append("counted") or real(rows))
    trust = Unit.objects.filter(level=Unit.Level.TRUST).order_by("path").first()
    people = reports.people_in(trust)

    def figures():
        return _figures(dashboard.unit_dashboard(trust, people, list(trust.children.all()),
                                                 TODAY, everyone=True))

    first = figures()
    assert figures() == first and calls == ["counted"]
    missing = KeptRequirement.objects.filter(
        unit__path__startswith=trust.path, status="missing").order_by("pk").first()
    competence_services.record_completion(
        None, employee=missing.employee, competence=missing.competence, completed_on=TODAY)
    after = figures()
    assert calls == ["counted", "counted"]
    assert after["tally"]["missing"] == first["tally"]["missing"] - 1
    _each_way(trust)  # and still what the person-by-person report says
