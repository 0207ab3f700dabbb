"""No committed text file keeps a merge conflict's markers.

A conflict resolved in haste once left `<<<<<<< HEAD` in README.md on main; the README is the
first thing an operator reads, so this is checked like any other behaviour.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"^(<<<<<<< |>>>>>>> |=======$)", re.MULTILINE)
TEXT_SUFFIXES = {
    ".py", ".md", ".html", ".txt", ".toml", ".cfg", ".json", ".csv", ".po", ".js", ".css",
    ".yml", ".yaml", ".sh", "",
}


def tracked_text_files() -> list[Path]:
    listing = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                             check=True)
    names = listing.stdout.splitlines()
    return [ROOT / name for name in names if Path(name).suffix in TEXT_SUFFIXES]


def test_no_file_keeps_conflict_markers() -> None:
    files = tracked_text_files()
    assert any(path.name == "README.md" for path in files)
    marked = [
        str(path.relative_to(ROOT))
        for path in files
        if path.is_file()
        and MARKER.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert marked == []
