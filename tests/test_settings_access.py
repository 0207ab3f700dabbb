"""Settings: declared once, in settings.py, from the environment, and all documented.

Persona: the operator of a trust's installation, who has only the README's table to go by.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "fagkraft"
SETTINGS = SOURCE / "settings.py"


def variables_read_by_settings() -> set[str]:
    return set(re.findall(r'"((?:FAGKRAFT_[A-Z_]+)|DATABASE_URL)"', SETTINGS.read_text()))


def test_the_readme_table_lists_every_variable():
    table = {row.split("|")[1].strip().strip("`")
             for row in (ROOT / "README.md").read_text().splitlines()
             if row.startswith("| `")}
    assert variables_read_by_settings() - table == set()
    assert len(variables_read_by_settings()) >= 30  # the table above lists 35


def test_only_settings_reads_the_environment():
    readers = [str(path.relative_to(SOURCE)) for path in SOURCE.rglob("*.py")
               if path not in (SETTINGS, SOURCE / "cli.py", SOURCE / "wsgi.py")
               and re.search(r"os\.environ|os\.getenv", path.read_text())]
    assert readers == []


def test_no_fagkraft_setting_is_read_with_a_hidden_default():
    # setting("X") and settings.FAGKRAFT["X"] fail on an undeclared key; these forms would
    # quietly use a default that no operator can see or set.
    pattern = re.compile(r'getattr\(settings, "FAGKRAFT"|FAGKRAFT(?:"\])?\.get\(')
    readers = [str(path.relative_to(SOURCE)) for path in SOURCE.rglob("*.py")
               if path != SETTINGS and pattern.search(path.read_text())]
    assert readers == []
