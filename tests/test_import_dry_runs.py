"""A dry run validates and counts, and never writes: not a record, not an audit event.

Learning goals used to write and roll back for a dry run; the WISN workload import had
none. Both now run through core.validation.run_import: the dry run's counts equal those of
the real run that follows, and the database is untouched until then.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fagkraft.audit.models import AuditEvent
from fagkraft.education import imports as goal_imports
from fagkraft.education import services as education
from fagkraft.education.models import LearningGoal
from fagkraft.workload import services as workload
from fagkraft.workload.imports import import_workload
from fagkraft.workload.models import WorkloadActivity

GOALS = "forløp;kode;læringsmål;rekkefølge\nlis1;L-1;Et mål;1\nFELLES;F-1;Felles mål;2\n"
# One activity updated (contact: 1500 -> 1800), one added (assessment, 600 minutes).
WORKLOAD = ("kategori;aktivitet;årlig_arbeidsmengde;minutter_per_enhet\n"
            "psychologist;contact;1800;\n"
            "psychologist;assessment;40;600\n")


def writes(queries: CaptureQueriesContext) -> list[str]:
    return [query["sql"] for query in queries.captured_queries
            if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


@pytest.fixture
def templates(world):
    return education.seed_templates(None)


def test_learning_goal_dry_run_counts_without_writing(templates) -> None:
    events = AuditEvent.objects.count()
    with CaptureQueriesContext(connection) as queries:
        dry = goal_imports.import_goal_file(None, "mål.csv", GOALS.encode(), dry_run=True)
    assert (dry.ok, dry.written, dry.created, dry.updated) == (True, False, 2, 0)
    assert writes(queries) == []
    assert (LearningGoal.objects.count(), AuditEvent.objects.count()) == (0, events)
    real = goal_imports.import_goal_file(None, "mål.csv", GOALS.encode())
    assert (real.written, real.created, real.updated) == (True, 2, 0)
    assert LearningGoal.objects.count() == 2


def test_workload_dry_run_counts_without_writing(world) -> None:
    study = workload.create_study(None, unit=world.section_a, name="BUP Nord", year=2025)
    psychologist = workload.add_category(None, study, name="psychologist")
    workload.add_activity(None, psychologist, name="contact", annual_workload=1500,
                          minutes_per_unit=60)
    events = AuditEvent.objects.count()
    with CaptureQueriesContext(connection) as queries:
        dry = import_workload(None, study, "a.csv", WORKLOAD.encode(), dry_run=True)
    assert (dry.ok, dry.written, dry.created, dry.updated) == (True, False, 1, 1)
    assert writes(queries) == []
    assert AuditEvent.objects.count() == events
    assert list(WorkloadActivity.objects.filter(category__study=study)
                .values_list("name", "annual_workload")) == [("contact", Decimal("1500.00"))]
    real = import_workload(None, study, "a.csv", WORKLOAD.encode())
    assert (real.written, real.created, real.updated) == (True, 1, 1)
    assert dict(WorkloadActivity.objects.filter(category__study=study)
                .values_list("name", "annual_workload")) == {
        "contact": Decimal("1800.00"), "assessment": Decimal("40.00")}


def test_a_non_finite_workload_is_refused_with_its_row_and_column(world) -> None:
    study = workload.create_study(None, unit=world.section_a, name="BUP Nord", year=2025)
    workload.add_category(None, study, name="psychologist")
    result = import_workload(None, study, "a.csv", (
        "kategori;aktivitet;årlig_arbeidsmengde;minutter_per_enhet\n"
        "psychologist;contact;NaN;60\npsychologist;other;10;Infinity\n").encode(),
        dry_run=True)
    assert [(error.row, error.column) for error in result.errors] == [
        (2, "årlig_arbeidsmengde"), (3, "minutter_per_enhet")]
