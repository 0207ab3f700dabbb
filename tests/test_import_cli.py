"""`fagkraft import employees FILE [--dry-run] [--map NAME]`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from fagkraft.audit.models import AuditEvent
from fagkraft.imports.models import ColumnMap
from fagkraft.workforce.models import Employee, Position
from tests.import_support import BAD_CSV, GOOD_CSV, ROOT, build_import_org


@pytest.fixture
def org(world):
    return build_import_org(world)


@pytest.fixture
def norwegian():
    # Bokmål is the default language, as a planner's CLI session would have it.
    with translation.override("nb"):
        yield


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def counts() -> tuple[int, int, int]:
    return Employee.objects.count(), Position.objects.count(), AuditEvent.objects.count()


def test_good_file_prints_a_summary(org, norwegian):
    out, err = run("employees", str(GOOD_CSV))
    assert err == ""
    assert "Importerte 13 rader fra hr_eksempel.csv." in out
    assert "Ansatte: 12 nye, 0 endrede, 0 uendrede" in out
    assert "Stillinger: 13 nye, 0 endrede, 0 uendrede" in out
    assert Employee.objects.filter(employee_number__startswith="9000").count() == 12


def test_bad_file_lists_row_and_column_in_norwegian_and_fails(org, norwegian):
    before = counts()
    err = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import", "employees", str(BAD_CSV), stdout=StringIO(), stderr=err)
    assert "13" in str(failure.value)  # 13 problems, see test_import_validation
    lines = err.getvalue().splitlines()
    assert lines[0] == "rad 3, kolonne enhet: Ukjent enhetskode 'BUP-X'"
    assert "rad 7, kolonne stillingsprosent: Stillingsprosenten må være mellom 0 og 100" \
        in lines
    assert any(line.startswith("rad 10: Dobbel rad for ansatt 900101") for line in lines)
    assert len(lines) == 13
    assert counts() == before


def test_dry_run_writes_nothing(org, norwegian):
    before = counts()
    out, _ = run("employees", str(GOOD_CSV), "--dry-run")
    assert "Prøvekjøring: ingenting ble skrevet. 13 rader er gyldige." in out
    assert "Ansatte: 12 nye, 0 endrede, 0 uendrede" in out
    assert counts() == before


def test_column_map_by_name(org, tmp_path):
    text = GOOD_CSV.read_text(encoding="utf-8").replace("ansattnummer", "Person-ID", 1)
    path = tmp_path / "annet_system.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError):
        run("employees", str(path), "--dry-run")
    ColumnMap.objects.create(name="Annet system", mapping={"Person-ID": "ansattnummer"})
    out, _ = run("employees", str(path), "--map", "Annet system")
    assert Employee.objects.filter(employee_number__startswith="9000").count() == 12
    with pytest.raises(CommandError, match="Fant ikke noe kolonnekart"):
        run("employees", str(path), "--map", "Finnes ikke")


def test_missing_file(org):
    with pytest.raises(CommandError):
        run("employees", "/nonexistent/hr.csv")


def test_console_script_exits_non_zero_on_a_bad_file(tmp_path):
    """The real `fagkraft` script on a fresh SQLite file: the units don't exist there."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env["FAGKRAFT_DB"] = str(tmp_path / "cli.sqlite3")
    fagkraft = [sys.executable, "-m", "fagkraft"]
    subprocess.run([*fagkraft, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    bad = subprocess.run([*fagkraft, "import", "employees", str(BAD_CSV)], env=env, cwd=ROOT,
                         capture_output=True, text=True)
    assert bad.returncode == 1
    assert re.search(r"(rad|row) 3, (kolonne|column) enhet: ", bad.stderr)
    dry = subprocess.run([*fagkraft, "import", "employees", str(GOOD_CSV), "--dry-run"],
                         env=env, cwd=ROOT, capture_output=True, text=True)
    assert dry.returncode == 1  # the example units exist only in the demo trust
