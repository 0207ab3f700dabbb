"""Blank import files: an .xlsx with the accepted header row and one invented example row.

The header comes from the import's own column definitions, so a blank always matches what
the import reads. The example row's key column says EKSEMPEL so nobody imports it by
mistake (it names no real unit or person and fails the row checks).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl.utils import get_column_letter

from fagkraft.competence.imports import COMPLETION_COLUMNS
from fagkraft.core import xlsx
from fagkraft.education.imports import GOAL_COLUMNS
from fagkraft.workforce.hr_columns import EMPLOYEE_COLUMNS
from fagkraft.workload.imports import COLUMNS as WORKLOAD_COLUMNS

EXAMPLE = "EKSEMPEL"


@dataclass(frozen=True)
class Blank:
    basename: str
    sheet: str
    columns: Sequence[Any]  # objects with a .name, in the import's order
    example: dict[str, Any]  # column name -> invented value


BLANKS: dict[str, Blank] = {
    "employees": Blank("fagkraft-hr-mal", "HR", EMPLOYEE_COLUMNS, {
        "ansattnummer": EXAMPLE, "fornavn": "Eksempel", "etternavn": "Eksempelsen",
        "fødselsdato": dt.date(1985, 4, 12), "kjønn": "K", "hpr_nummer": "",
        "yrke": "psychologist", "enhet": "ENHETSKODE", "stillingsprosent": 80,
        "stillingstype": "fast", "startdato": dt.date(2024, 1, 1), "sluttdato": "",
        "sluttårsak": "", "spesialitet": "", "spesialist_godkjent": "",
    }),
    "completions": Blank("fagkraft-gjennomforinger-mal", "Gjennomføringer", COMPLETION_COLUMNS, {
        "ansattnummer": EXAMPLE, "enhet": "ENHETSKODE", "helseforetak": "",
        "kompetansekode": "KOMPETANSEKODE", "fullført_dato": dt.date(2026, 3, 15),
        "timer": 7.5, "kilde": "Læringsportalen",
    }),
    "goals": Blank("fagkraft-laeringsmal-mal", "Læringsmål", GOAL_COLUMNS, {
        "forløp": EXAMPLE, "kode": "EKS-001", "læringsmål": "Beskriv et læringsmål her.",
        "rekkefølge": 1, "læringsaktiviteter": "Kurs, veiledning",
    }),
    "workload": Blank("fagkraft-arbeidsmengde-mal", "Arbeidsmengde", WORKLOAD_COLUMNS, {
        "kategori": EXAMPLE, "aktivitet": "Samtaler", "årlig_arbeidsmengde": 900,
        "minutter_per_enhet": 60, "kilde": "Tidsstudie",
    }),
}


def blank_workbook(blank: Blank) -> bytes:
    """The header row (the import's column names) and the example row, typed (dates as
    date cells dd.mm.yyyy), each column as wide as its name or example."""
    workbook = xlsx.new_workbook()
    names = [column.name for column in blank.columns]
    sheet = xlsx.typed_sheet(workbook, blank.sheet, names)
    sheet.append([blank.example.get(name, "") for name in names])
    for index, name in enumerate(names, start=1):
        sheet.sheet.column_dimensions[get_column_letter(index)].width = max(12, len(name) + 4)
    return xlsx.workbook_bytes(workbook)
