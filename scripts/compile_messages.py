"""Compile the bokmål catalogue with polib, and report untranslated entries.

Usage (from the repository root; `make messages` runs makemessages first):
    python scripts/compile_messages.py [--check]

polib compiles the .mo, so neither `make demo` nor CI needs GNU gettext's msgfmt. With
--check, exit 1 if any entry is left untranslated or fuzzy.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polib

CATALOGUE = (Path(__file__).resolve().parent.parent / "src" / "fagkraft" / "locale" / "nb"
             / "LC_MESSAGES" / "django.po")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail on untranslated entries")
    args = parser.parse_args()
    po = polib.pofile(str(CATALOGUE))
    po.metadata.update({"Language": "nb", "Content-Type": "text/plain; charset=UTF-8",
                        "Plural-Forms": "nplurals=2; plural=(n != 1);"})
    po.save(str(CATALOGUE))
    po.save_as_mofile(str(CATALOGUE.with_suffix(".mo")))
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or e.fuzzy)]
    for msgid in missing:
        print(f"untranslated: {msgid!r}", file=sys.stderr)
    print(f"{len(po.translated_entries())} translated, {len(missing)} missing")
    return 1 if (args.check and missing) else 0


if __name__ == "__main__":
    sys.exit(main())
