"""An HR import of new people writes their kept statuses from the plan (issue 16 point 4).

New people have no completions and no kept rows, so the import derives their statuses
with the engine from the positions in memory and inserts them in bulk; the rows must be
exactly those `rebuild` writes, and people updated in the same file keep the general
path (delete, recompute, write).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fagkraft.competence import kept
from fagkraft.competence import services as competence_services
from fagkraft.competence.models import Completion, KeptMember, KeptRequirement
from fagkraft.core import dates
from fagkraft.imports.services import import_employees
from fagkraft.workforce.models import Employee, Profession
from tests.import_support import build_import_org, csv_bytes

TODAY = dt.date(2026, 3, 2)

NEW_PEOPLE = csv_bytes(
    # A nurse hired 15.02.2026 in BUP nord: the 30-day course is due 17.03.2026.
    "910001;Ada;Ny;01.02.1990;K;;nurse;NVHF-PHBU-BUP-NORD;100;fast;15.02.2026;;",
    # A psychologist hired 01.01.2026: the 30-day course was due 31.01.2026 (missing).
    "910002;Bo;Ny;01.02.1985;M;;psychologist;NVHF-PHBU-BUP-SOR;100;fast;01.01.2026;;",
    # A nurse who moved from nord to sør: the run starts 01.06.2025 for both rules.
    "910003;Cia;Ny;01.02.1980;K;;nurse;NVHF-PHBU-BUP-NORD;80;fast;01.06.2025;31.12.2025;"
    "intern",
    "910003;Cia;Ny;01.02.1980;K;;nurse;NVHF-PHBU-BUP-SOR;80;fast;01.01.2026;;",
    # Starts after today: no requirements yet.
    "910004;Dag;Ny;01.02.1995;M;;nurse;NVHF-PHBU-BUP-SOR;50;midlertidig;01.04.2026;;",
    # Left before today: none either.
    "910005;Eli;Ny;01.02.1975;K;;psychologist;NVHF-PHBU-BUP-NORD;100;fast;01.01.2020;"
    "31.12.2025;oppsigelse",
)


@pytest.fixture
def org(world, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)
    units = build_import_org(world)
    make = competence_services.create_competence
    intro = make(None, code="ki-intro", name="Intro", kind="course")
    yearly = make(None, code="ki-yearly", name="Yearly", kind="course", validity_months=12)
    competence_services.create_rule(None, competence=intro, deadline_days=30,
                                    unit=units["department"])
    competence_services.create_rule(None, competence=yearly, deadline_months=3,
                                    profession_group=Profession.Group.NURSE,
                                    unit=units["department"])
    kept.rebuild(TODAY)
    return {**units, "intro": intro, "yearly": yearly}


def kept_rows() -> tuple[set, set, int]:
    rows = set(KeptRequirement.objects.values_list(
        "employee_id", "competence_id", "unit_id", "status", "due_on", "deadline",
        "completed_on", "expires_on", "shared"))
    members = set(KeptMember.objects.values_list("employee_id", "unit_id", "shared",
                                                 "next_change"))
    return rows, members, KeptRequirement.objects.count()


def test_new_people_get_the_rows_rebuild_writes(org):
    """Ada (910001) is hired 15.02.2026 in BUP nord; the intro rule gives 30 days:
    15.02 + 30 days = 17.03.2026, 15 days after today (02.03.2026), within the 30 "due
    soon" days, so due soon; it may move the day after (18.03.2026). The yearly rule for
    nurses gives 3 months: 15.05.2026, 74 days ahead: not yet due, moving to due soon 30
    days before (15.04.2026). Her next change is the earlier: 18.03.2026."""
    with CaptureQueriesContext(connection) as queries:
        result = import_employees(None, "nye.csv", NEW_PEOPLE)
    assert result.ok and result.written
    # The bulk path: nothing deleted from the kept tables, no completions read.
    written = [query["sql"] for query in queries.captured_queries]
    assert not [sql for sql in written if sql.startswith("DELETE") and "kept" in sql]
    assert not [sql for sql in written if Completion._meta.db_table in sql]
    assert result.employees.as_dict() == {"created": 5, "updated": 0, "unchanged": 0}
    after_import = kept_rows()
    kept.rebuild(TODAY)
    assert after_import == kept_rows()

    ada = Employee.objects.get(employee_number="910001")
    assert set(KeptRequirement.objects.filter(employee=ada).values_list(
        "competence_id", "unit_id", "status", "deadline")) == {
        (org["intro"].pk, org["north"].pk, "due_soon", dt.date(2026, 3, 17)),
        (org["yearly"].pk, org["north"].pk, "not_yet_due", dt.date(2026, 5, 15)),
    }
    assert list(KeptMember.objects.filter(employee=ada).values_list(
        "unit_id", "next_change")) == [(org["north"].pk, dt.date(2026, 3, 18))]
    # Cia's run starts 01.06.2025: intro due 01.07.2025, yearly 01.09.2025, both missing.
    cia = Employee.objects.get(employee_number="910003")
    assert set(KeptRequirement.objects.filter(employee=cia).values_list(
        "unit_id", "status", "deadline")) == {
        (org["south"].pk, "missing", dt.date(2025, 7, 1)),
        (org["south"].pk, "missing", dt.date(2025, 9, 1)),
    }
    # Dag starts after today and Eli has left: no rows.
    assert not KeptRequirement.objects.filter(
        employee__employee_number__in=["910004", "910005"]).exists()


def test_new_and_changed_people_in_one_file(org):
    """A second file changes Ada (she moves to sør from 01.03.2026) and adds Fia: the
    changed person takes the general path, the new one the bulk path; rows as rebuild's."""
    import_employees(None, "nye.csv", NEW_PEOPLE)
    second = csv_bytes(
        "910001;Ada;Ny;01.02.1990;K;;nurse;NVHF-PHBU-BUP-NORD;100;fast;15.02.2026;"
        "28.02.2026;intern",
        "910001;Ada;Ny;01.02.1990;K;;nurse;NVHF-PHBU-BUP-SOR;100;fast;01.03.2026;;",
        "910006;Fia;Ny;01.02.1991;K;;nurse;NVHF-PHBU-BUP-SOR;100;fast;20.02.2026;;",
    )
    result = import_employees(None, "andre.csv", second)
    assert result.ok and result.written, result
    assert result.employees.as_dict()["created"] == 1
    after_import = kept_rows()
    kept.rebuild(TODAY)
    assert after_import == kept_rows()
    ada = Employee.objects.get(employee_number="910001")
    assert set(KeptRequirement.objects.filter(employee=ada).values_list(
        "unit_id", flat=True)) == {org["south"].pk}
