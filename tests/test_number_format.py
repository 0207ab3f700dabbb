"""Figures on the pages round to the shown precision (Django's number_format truncates)."""

from django.utils import translation

from fagkraft.workforce.templatetags.workforce_ui import fte, percent


def test_percent_rounds_half_up_in_norwegian():
    with translation.override("nb"):
        assert percent(2 / 3) == "66,7 %"  # 66.666... rounds up, not cut to 66,6
        assert percent(0.1295) == "13,0 %"
        assert percent(None) == "–"


def test_fte_rounds_to_one_decimal_with_grouping():
    with translation.override("nb"):
        assert fte(16.66) == "16,7"
        assert fte(1234.56).replace("\xa0", " ") == "1 234,6"
