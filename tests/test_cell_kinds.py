"""core.cells' kinds: one definition of decimals for the pages and the .xlsx cells."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

import fagkraft
from fagkraft.core import cells, xlsx
from fagkraft.workforce.templatetags.workforce_ui import fte, percent

NUMBER_KINDS = [cells.COUNT, cells.NUMBER, cells.NUMBER1, cells.PERCENT, cells.HOURS,
                cells.FTE, cells.FTE2, cells.FACTOR, cells.MONEY]


@pytest.mark.parametrize("kind", NUMBER_KINDS, ids=lambda kind: kind.name)
def test_the_excel_format_has_the_decimals_the_page_shows(kind):
    """The zeros after the point of each Excel format are the kind's decimals, and
    shown_as writes that many after the comma."""
    places = re.search(r"\.(0+)", kind.excel)
    assert (len(places.group(1)) if places else 0) == kind.decimals
    with translation.override("nb"):
        text = cells.shown_as(1234.5678, kind)
    decimals = text.rstrip(" %").split(",")[1] if "," in text else ""
    assert len(decimals) == kind.decimals
    assert kind.percent == ("%" in kind.excel)


def test_the_unit_pages_filters_are_the_kinds():
    with translation.override("nb"):
        # 0.78125 (25 of 32) is 78,1 % on the page and in Excel's 0.0 %; 16.66 FTE 16,7.
        assert percent(0.78125) == cells.shown_as(0.78125, cells.PERCENT) == "78,1 %"
        assert fte(16.66) == cells.shown_as(16.66, cells.FTE) == "16,7"
        assert cells.shown_as(None, cells.FTE) == "–"


def test_values_are_typed_by_their_column_kind():
    assert xlsx.typed(0.78125, cells.PERCENT) == (0.78125, "0.0 %")
    assert xlsx.typed("1001", cells.ID) == (1001, "0")
    assert xlsx.typed("0123", cells.ID) == ("0123", None)  # a leading zero stays text
    assert xlsx.typed(dt.date(2026, 2, 1), cells.TEXT) == (dt.date(2026, 2, 1), "DD.MM.YYYY")
    assert xlsx.typed(2.5, cells.COUNT) == (2.5, "#,##0.00")  # not a whole count
    assert xlsx.typed("x", cells.PERCENT) == ("x", None)  # the hidden mark
    with translation.override("nb"):
        assert xlsx.typed(True, cells.TEXT) == ("Ja", None)


def test_numbers_written_as_text_become_numbers():
    assert xlsx.number_or_text("12,34") == xlsx.As(12.34, cells.Kind("2 decimals", 2, "0.00"))
    assert xlsx.number_or_text("1 234").value == 1234
    assert xlsx.number_or_text("−0,5").value == -0.5
    assert xlsx.number_or_text("-30 %") == xlsx.As(-0.3, cells.PERCENT)
    assert xlsx.number_or_text("etter alder") == "etter alder"


def test_sheet_titles_are_safe_short_and_unique():
    assert xlsx.sheet_title("Framskriving a/b: c") == "Framskriving a b  c"
    long = "Framskriving Barne- og ungdomspsykiatere"
    assert xlsx.sheet_title(long) == "Framskriving Barne- og ungdoms…"
    assert xlsx.sheet_title(long, [xlsx.sheet_title(long)]) == "Framskriving Barne- og ungd… 2"


def test_what_somebody_typed_reads_as_typed():
    """A course of 7.25 hours, 20 minutes per consultation, 37.5 % of full time: the
    `entered` kind drops the zeros a padded format would add, and rounds beyond two
    decimals like every kind."""
    with translation.override("nb"):
        assert cells.shown_as(Decimal("7.25"), cells.ENTERED) == "7,25"
        assert cells.shown_as(Decimal("20.00"), cells.ENTERED) == "20"
        assert cells.shown_as(37.5, cells.ENTERED) == "37,5"
        assert cells.shown_as(1234.567, cells.ENTERED) == "1\xa0234,57"
        assert cells.shown_as(None, cells.ENTERED) == "–"


def test_no_template_formats_a_number_by_itself():
    """Every figure on a page goes through the kinds (`|kind:"..."`), so a page and its
    export agree on the decimals; Django's floatformat would not."""
    templates = Path(fagkraft.__file__).parent.glob("**/templates/**/*.html")
    offenders = [str(path) for path in templates if "floatformat" in path.read_text()]
    assert offenders == []
