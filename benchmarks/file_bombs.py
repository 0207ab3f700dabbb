"""How fast hostile .xlsx files are refused, and what a normal one costs to read.

Run on demand, from the repository root:

    .venv/bin/python benchmarks/file_bombs.py

Builds the two bombs of tests/file_bombs.py (a 5 KB workbook claiming 16,384 columns x
1,048,576 rows; a workbook whose members unpack to 1.4 GB) and times `read_table` refusing
each (target: well under a second), with the peak Python allocation (tracemalloc) and the
process's peak resident memory; then times reading a 20,000-row HR-like workbook for comparison.
"""

from __future__ import annotations

import io
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagkraft.settings")

import django  # noqa: E402  (settings first)

django.setup()

from openpyxl import Workbook  # noqa: E402

from fagkraft.core.validation import UnreadableFile, read_table  # noqa: E402
from tests.file_bombs import dimension_bomb, zip_bomb  # noqa: E402


def timed(name: str, data: bytes, trace: bool = True) -> None:
    """Time one read; with trace, also the peak Python allocation (tracemalloc slows a
    real read several times over, so the normal workbook is timed without it)."""
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    try:
        table = read_table(name, data)
        outcome = f"read {len(table.rows)} rows"
    except UnreadableFile as refusal:
        outcome = f"refused: {refusal}"
    elapsed = time.perf_counter() - started
    memory = ""
    if trace:
        _now, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        memory = f", peak Python allocation {peak / 1e6:,.1f} MB"
    print(f"{name}: {len(data) / 1024:,.0f} KB, {elapsed * 1000:,.1f} ms{memory}; {outcome}")


def normal_workbook(rows: int) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Ansatte")
    sheet.append(["ansattnummer", "fornavn", "etternavn", "fødselsdato", "yrke", "enhet",
                  "stillingsprosent"])
    for number in range(rows):
        sheet.append([str(900000 + number), "Kari", "Nordmann", "01.01.1980", "psychologist",
                      "NVHF-PHBU-BUP-NORD", 100])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main() -> None:
    timed("dimension-bomb.xlsx", dimension_bomb())
    timed("zip-bomb.xlsx", zip_bomb())
    timed("normal-20000.xlsx", normal_workbook(20_000), trace=False)
    print(f"peak resident memory of the process: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
