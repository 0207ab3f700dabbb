"""Merge translation fragments into the bokmål catalogue and compile it.

Usage (from the repository root, after `fagkraft makemessages -l nb` in src/fagkraft):
    python scripts/compile_messages.py [--check]

polib compiles the .mo, so neither `make demo` nor CI needs GNU gettext's msgfmt. Entries
in locale/fragments/*.po fill empty or fuzzy entries of django.po. With --check, exit 1
if any entry is left untranslated.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "src" / "fagkraft" / "locale"
CATALOGUE = LOCALE / "nb" / "LC_MESSAGES" / "django.po"


def fragment_translations() -> dict[str, polib.POEntry]:
    found: dict[str, polib.POEntry] = {}
    for path in sorted((LOCALE / "fragments").glob("*.po")):
        for entry in polib.pofile(str(path)):
            if entry.msgid and (entry.msgstr or entry.msgstr_plural):
                found[entry.msgid] = entry
    return found


def merge(po: polib.POFile, fragments: dict[str, polib.POEntry]) -> None:
    for entry in po:
        source = fragments.get(entry.msgid)
        if source is None or (entry.translated() and "fuzzy" not in entry.flags):
            continue
        entry.msgstr = source.msgstr
        if entry.msgid_plural:
            entry.msgstr_plural = dict(source.msgstr_plural) or {0: source.msgstr, 1: source.msgstr}
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail on untranslated entries")
    args = parser.parse_args()
    po = polib.pofile(str(CATALOGUE))
    merge(po, fragment_translations())
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
