"""`fagkraft import completions FILE [--dry-run]` and the same in the upload pages.

Set-up: the persona world, the HR example's units and people (examples/hr_eksempel.csv,
imported through the HR import) and the seeds' catalogue (SUI-DAG, INTRO, LEGEMIDDEL ...).
examples/kompetanse_eksempel.csv has 10 rows, all valid; the bad example has 10 rows of
which only row 2 is valid, so nothing at all may be written.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from django.urls import reverse
from django.utils import translation

from fagkraft.audit.models import AuditEvent
from fagkraft.competence import services
from fagkraft.competence.imports import import_completions
from fagkraft.competence.models import Completion
from fagkraft.imports.models import ImportJob
from fagkraft.imports.services import import_employees
from fagkraft.workforce.models import Employee
from tests.import_support import EXAMPLES, GOOD_CSV, build_import_org, department_leader

GOOD = EXAMPLES / "kompetanse_eksempel.csv"
BAD = EXAMPLES / "kompetanse_eksempel_feil.csv"
HEADER = "ansattnummer;enhet;helseforetak;kompetansekode;fullført_dato;timer;kilde"


@pytest.fixture
def org(world):
    units = build_import_org(world)
    assert import_employees(None, GOOD_CSV.name, GOOD_CSV.read_bytes()).written
    services.seed_catalogue(None)
    return units


@pytest.fixture
def norwegian():
    """Bokmål, the default language, made explicit for the tests that read messages."""
    with translation.override("nb"):
        yield


def person(number: str) -> Employee:
    return Employee.objects.get(employee_number=number)


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


# --- A good file ----------------------------------------------------------------------


def test_good_file_writes_every_row_approved(org):
    result = import_completions(None, GOOD.name, GOOD.read_bytes())
    assert (result.ok, result.written, result.rows, result.created, result.duplicates) == (
        True, True, 10, 10, 0)
    assert Completion.objects.count() == 10
    # Row 2: 900001 SUI-DAG 15.09.2012, 7,5 hours, from "Kompetanseportalen".
    first = Completion.objects.get(employee=person("900001"), competence__code="SUI-DAG")
    assert (first.completed_on, first.hours, first.source, first.status) == (
        dt.date(2012, 9, 15), Decimal("7.50"), "import", "approved")
    assert first.note.endswith("Kompetanseportalen")
    # Row 8 finds the trust from helseforetak alone; row 11 has an ISO date.
    assert Completion.objects.filter(employee=person("900006"),
                                     completed_on=dt.date(2015, 2, 3)).exists()
    assert Completion.objects.filter(employee=person("900012"),
                                     completed_on=dt.date(2008, 6, 2)).exists()
    assert AuditEvent.objects.filter(action="create",
                                     object_type="competence.completion").count() == 10


def test_importing_the_same_file_again_adds_nothing(org):
    import_completions(None, GOOD.name, GOOD.read_bytes())
    again = import_completions(None, GOOD.name, GOOD.read_bytes())
    assert (again.written, again.created, again.duplicates) == (True, 0, 10)
    assert Completion.objects.count() == 10


def test_english_headers_and_xlsx_are_read(org, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["employee_number", "trust", "competence_code", "completed_on", "hours"])
    sheet.append(["900002", "NVHF", "INTRO", dt.date(2010, 1, 20), 15])
    path = tmp_path / "lms.xlsx"
    workbook.save(path)
    result = import_completions(None, path.name, path.read_bytes())
    assert result.written and result.created == 1
    completion = Completion.objects.get()
    assert (completion.employee, completion.competence.code, completion.hours) == (
        person("900002"), "INTRO", Decimal("15.00"))


# --- A bad file ---------------------------------------------------------------------------


def test_bad_file_reports_every_row_and_column_and_writes_nothing(org, norwegian):
    before = AuditEvent.objects.count()
    with translation.override("nb"):
        result = import_completions(None, BAD.name, BAD.read_bytes())
    assert not result.written and Completion.objects.count() == 0
    assert AuditEvent.objects.count() == before
    messages = {(error.row, error.column): error.message for error in result.errors}
    assert messages == {
        (3, "ansattnummer"): "Ingen ansatt 999999 i dette helseforetaket",
        (4, "enhet"): "Ukjent enhetskode 'BUP-X'",
        (5, "kompetansekode"): "Ukjent kompetansekode 'KURS-X'",
        (6, "fullført_dato"): "Ikke en dato: '31.02.2021' (bruk dd.mm.åååå)",
        (7, "fullført_dato"): "Gjennomføringsdatoen er fram i tid.",
        (8, "timer"): "Ikke et tall: 'sju'",
        (9, "enhet"): "Oppgi enheten (enhet) eller helseforetaket (helseforetak)",
        (10, "helseforetak"): "Enheten 'NVHF-PHBU-BUP-NORD' hører til et annet helseforetak",
        (11, "ansattnummer"): "Må fylles ut",
        (11, "timer"): "Timer må være mellom 0 og 9999 med høyst to desimaler: '-2'",
    }


def test_missing_required_columns_are_reported_on_the_header_row(org):
    data = b"ansattnummer;enhet;timer\n900001;NVHF-PHBU-BUP-NORD;7,5\n"
    result = import_completions(None, "lms.csv", data)
    assert {(error.row, error.column) for error in result.errors} == {
        (1, "kompetansekode"), (1, "fullført_dato")}


def test_a_leader_imports_only_for_their_own_people(org, world):
    """leader_lise leads NV-BUP-A (Erik, Kari), not the example's BUP sections."""
    data = f"{HEADER}\n900001;NVHF-PHBU-BUP-NORD;;SUI-DAG;15.09.2012;7,5;\n".encode()
    refused = import_completions(world.users["leader_lise"], "lms.csv", data)
    assert [(e.row, e.column) for e in refused.errors] == [(2, "ansattnummer")]
    accepted = import_completions(department_leader(org), "lms.csv", data)
    assert accepted.written and Completion.objects.count() == 1


# --- The command ------------------------------------------------------------------------------


def test_cli_imports_the_good_file(org):
    out, err = run("completions", str(GOOD))
    assert err == "" and Completion.objects.count() == 10
    assert "10" in out


def test_cli_dry_run_writes_nothing_and_counts_duplicates(org):
    import_completions(None, GOOD.name, GOOD.read_bytes())
    Completion.objects.filter(employee=person("900001")).delete()  # 2 rows become new again
    out, _err = run("completions", str(GOOD), "--dry-run")
    assert Completion.objects.count() == 8
    assert re.search(r"\b2\b.*\b8\b", out.splitlines()[-1])


def test_cli_bad_file_fails_and_lists_the_problems(org, norwegian):
    with pytest.raises(CommandError) as raised:
        run("completions", str(BAD))
    assert "10" in str(raised.value) and Completion.objects.count() == 0


def test_cli_exit_codes(org, tmp_path, monkeypatch):
    """Exit status as from a shell: 0 for a good file, 1 for a bad or missing one.

    ManagementUtility is what `fagkraft import ...` runs; in-process, it uses the test
    database (whose connection the command must not close at the end, as it does in a
    shell)."""
    monkeypatch.setattr(connections, "close_all", lambda: None)
    assert call_command_exit_code("completions", str(GOOD), "--dry-run") == 0
    assert call_command_exit_code("completions", str(BAD)) == 1
    assert call_command_exit_code("completions", str(tmp_path / "missing.csv")) == 1


def call_command_exit_code(*args: str) -> int:
    from django.core.management import ManagementUtility

    utility = ManagementUtility(["fagkraft", "import", *args])
    try:
        utility.execute()
    except SystemExit as leaving:
        return int(leaving.code or 0)
    return 0


# --- The upload pages ---------------------------------------------------------------------------


def test_upload_preview_and_confirm_in_the_browser(org, client):
    leader = department_leader(org)
    client.force_login(leader)
    with GOOD.open("rb") as upload:
        response = client.post(reverse("imports:upload"),
                               {"kind": "completions", "file": upload})
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("imports:job", args=[job.pk])
    assert (job.kind, job.status, job.summary["completions"]) == (
        "completions", "previewed", {"created": 10, "duplicates": 0})
    page = client.get(response["Location"]).content.decode()
    assert "SUI-DAG" in page and 'id="confirm-import"' in page
    assert Completion.objects.count() == 0

    client.post(reverse("imports:confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "committed" and Completion.objects.count() == 10


def test_upload_of_a_bad_file_shows_the_errors(org, client, norwegian):
    client.force_login(department_leader(org))
    with BAD.open("rb") as upload:
        response = client.post(reverse("imports:upload"),
                               {"kind": "completions", "file": upload}, follow=True)
    page = response.content.decode()
    assert 'id="import-errors"' in page and "Ukjent kompetansekode" in page
    assert ImportJob.objects.get().status == "failed" and Completion.objects.count() == 0


def test_example_files_exist_in_utf8():
    for path in (GOOD, BAD):
        assert Path(path).read_text(encoding="utf-8").startswith(HEADER)
