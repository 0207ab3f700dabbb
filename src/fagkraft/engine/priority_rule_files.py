"""Figures for the priority-rule monitor from files (docs/metrics.md, "Priority rule").

- The documented CSV, for figures typed from SAMDATA or a trust's own reports:
  area;service;indicator;year;value;growth_percent;source.
- SSB tables as JSON-stat 2.0 (PxWebApi v2, `fagkraft ssb fetch`): personnel 13953/13954
  (årsverk), accounts 14022 (costs), activity 13942 (outpatient consultations). The
  region, service area (KLASS 610 labels) and year come from the dimensions; the
  indicator is the one the table holds, chosen by the caller.
- The shipped reference figures (engine/data/reference/priority_rule_reference.csv).
Every bad row is reported with its row and column.
"""

from __future__ import annotations

import csv
import io
import math
import re
import warnings
from importlib import resources

import pandas as pd
from pyjstat import pyjstat

from fagkraft.engine.priority_rule import (
    INDICATORS,
    PHBU,
    PHV,
    SERVICES,
    SOMATIC,
    TSB,
    Figure,
)
from fagkraft.engine.pxweb import check_jsonstat2

REFERENCE_FILE = "priority_rule_reference.csv"
CSV_COLUMNS = ("area", "service", "indicator", "year", "value", "growth_percent", "source")
# SSB's table -> the indicator it holds.
SSB_TABLES: dict[str, str] = {"13953": "fte", "13954": "fte", "14022": "costs",
                              "13942": "consultations"}


class FigureFileError(ValueError):
    """A bad row in a figure file; `row` and `column` say where (1-based row, header = 1)."""

    def __init__(self, code: str, row: int, column: str, value: str = "") -> None:
        super().__init__(f"row {row}, column {column}: {code} ({value!r})")
        self.code, self.row, self.column, self.value = code, row, column, value


def _number(text: str, row: int, column: str) -> float | None:
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        raise FigureFileError("not_a_number", row, column, text) from None
    if not math.isfinite(value):
        raise FigureFileError("not_a_number", row, column, text)
    return value


def read_figures_csv(text: str) -> list[Figure]:
    """Figures from the documented CSV (docs/metrics.md, "Priority rule"): columns
    area;service;indicator;year;value;growth_percent;source (comma or semicolon
    separated, decimal comma allowed; value or growth_percent may be empty, not both)."""
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in CSV_COLUMNS[:5] if name not in header]
    if missing:
        raise FigureFileError("missing_column", 1, missing[0])
    reader.fieldnames = header
    figures = []
    for number, row in enumerate(reader, start=2):
        cells = {key: (value or "").strip() for key, value in row.items() if key}
        service, indicator = cells["service"].lower(), cells["indicator"].lower()
        if not cells["area"]:
            raise FigureFileError("empty", number, "area")
        if service not in SERVICES:
            raise FigureFileError("unknown_service", number, "service", cells["service"])
        if indicator not in INDICATORS:
            raise FigureFileError("unknown_indicator", number, "indicator",
                                  cells["indicator"])
        if not cells["year"].isdigit() or len(cells["year"]) != 4:
            raise FigureFileError("not_a_year", number, "year", cells["year"])
        value = _number(cells["value"], number, "value")
        growth = _number(cells.get("growth_percent", ""), number, "growth_percent")
        if value is None and growth is None:
            raise FigureFileError("no_figure", number, "value")
        figures.append(Figure(cells["area"], service, indicator, int(cells["year"]), value,
                              growth, cells.get("source", "")))
    return figures


def reference_figures() -> list[Figure]:
    """The published national and regional figures shipped with Fagkraft (each row says
    its source and year): engine/data/reference/priority_rule_reference.csv."""
    text = (resources.files("fagkraft.engine") / "data" / "reference" / REFERENCE_FILE
            ).read_text(encoding="utf-8")
    return read_figures_csv(text)


# Service areas by their KLASS 610 label (lower case, start of the label).
_SERVICE_LABELS: tuple[tuple[str, str], ...] = (
    ("psykisk helsevern for barn og unge", PHBU), ("psykisk helsevern for voksne", PHV),
    ("tverrfaglig spesialisert", TSB), ("rusbehandling", TSB), ("somati", SOMATIC),
)
_DIMENSIONS = {"area": ("region", "helseregion", "helseforetak", "område"),
               "service": ("tjenesteområde", "tjenesteomrade", "tjenesteomraade",
                           "funksjon"),
               "year": ("år", "tid", "year", "time")}


def _service_of(label: str) -> str | None:
    folded = re.sub(r"^[0-9. ]+", "", label.strip().lower())
    return next((service for start, service in _SERVICE_LABELS if folded.startswith(start)
                 or start in folded), None)


def read_ssb_figures(body: bytes, indicator: str, source: str) -> list[Figure]:
    """Figures from an SSB JSON-stat 2.0 table; rows of other service areas (e.g.
    "I alt", rehabilitation) are left out. Raises PxWebError for a broken answer and
    FigureFileError for a table without the dimensions needed."""
    if indicator not in INDICATORS:
        raise FigureFileError("unknown_indicator", 1, "indicator", indicator)
    check_jsonstat2(body)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        frame: pd.DataFrame = pyjstat.Dataset.read(body.decode("utf-8-sig")).write(
            "dataframe")
    columns: dict[str, str] = {}
    for name, aliases in _DIMENSIONS.items():
        found = next((c for c in frame.columns if str(c).strip().lower() in aliases), None)
        if found is None:
            raise FigureFileError("missing_dimension", 1, name)
        columns[name] = str(found)
    figures = []
    for number, row in enumerate(frame.itertuples(index=False), start=2):
        record = dict(zip(frame.columns, row, strict=True))
        service = _service_of(str(record[columns["service"]]))
        value = record.get("value")
        if service is None or value is None or pd.isna(value):
            continue
        year = re.search(r"\d{4}", str(record[columns["year"]]))
        if year is None:
            raise FigureFileError("not_a_year", number, "year", str(record[columns["year"]]))
        figures.append(Figure(str(record[columns["area"]]).strip(), service, indicator,
                              int(year.group()), float(value), None, source))
    return figures
