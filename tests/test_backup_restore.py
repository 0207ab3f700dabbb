"""scripts/backup_restore_check.sh: a `pg_dump -Fc` backup restores with every row.

Persona: the operations team running the restore check docs/deploy.md schedules. Runs on
PostgreSQL only (`make test-postgres`), against the test database with the personas'
world committed in it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from tests.personas import build_world

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "backup_restore_check.sh"

# `database`: both tests need PostgreSQL, so they stay in the PostgreSQL pass of `make test`
# (which leaves out tests that take no database fixture; see tests/conftest.py).
pytestmark = [pytest.mark.database, pytest.mark.skipif(
    connection.vendor != "postgresql" or shutil.which("pg_dump") is None,
    reason="the backup check is for PostgreSQL (DATABASE_URL) with pg_dump installed")]


def database_url() -> str:
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    return (f"postgres://{quote(db['USER'] or '', safe='')}{password}@{db['HOST'] or '127.0.0.1'}"
            f":{db['PORT'] or 5432}/{db['NAME']}")


def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    connection.close()  # the dump must see committed data only; our connection holds none
    return subprocess.run(["bash", str(SCRIPT), *args], capture_output=True, text=True,
                          timeout=300, check=False)


def test_a_dump_restores_with_every_row_of_every_table(transactional_db, tmp_path):
    build_world()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM workforce_employee")
        (employees,) = cursor.fetchone()
    assert employees > 0
    kept = tmp_path / "kept.dump"
    result = run_check(database_url(), str(kept))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("restore check ok: ")
    # The kept dump is a real custom-format archive holding the employees' table.
    listing = subprocess.run(["pg_restore", "--list", str(kept)], capture_output=True,
                             text=True, check=True).stdout
    assert "TABLE DATA public workforce_employee" in listing


def test_a_database_that_cannot_be_reached_fails_the_check(tmp_path):
    result = run_check("postgres://postgres@127.0.0.1:1/nowhere")
    assert result.returncode != 0
