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


def test_ids_in_templates_are_never_grouped_like_numbers(rf):
    """With thousand separators on, {{ pk }} renders 12 345 ("12\\xa0345"): an HTML id
    or a posted hidden value would break once a table passes 999 rows."""
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    completion = SimpleNamespace(
        pk=12345, employee_id=23456,
        employee=SimpleNamespace(first_name="Test", last_name="Testesen"),
        competence=SimpleNamespace(name="Kurs"), completed_on=None, hours=None, note="",
        status="pending")
    with translation.override("nb"):
        html = render_to_string("competence/_pending_row.html",
                                {"completion": completion, "request": rf.get("/")})
    assert 'id="pending-12345"' in html
    assert "#pending-12345" in html
