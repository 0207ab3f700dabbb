"""The shared date field: dd.mm.yyyy in and out whatever the browser's locale (issue 12.3)."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.utils import translation

from fagkraft.core.datefield import DateField


class OneDate(forms.Form):
    day = DateField(label="Day")


@pytest.mark.parametrize(("typed", "expected"), [
    ("01.02.2026", dt.date(2026, 2, 1)),   # dd.mm.yyyy: 1 February, not 2 January
    ("1.2.2026", dt.date(2026, 2, 1)),     # without leading zeros
    (" 29.02.2028 ", dt.date(2028, 2, 29)),  # a leap day, spaces trimmed
    ("2026-02-01", dt.date(2026, 2, 1)),   # ISO, for old links and clients
])
def test_parses_norwegian_and_iso_dates(typed: str, expected: dt.date) -> None:
    form = OneDate(data={"day": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == expected


def test_renders_the_value_as_dd_mm_yyyy_in_a_text_input() -> None:
    with translation.override("en"):  # the format does not follow the interface language
        html = str(OneDate(initial={"day": dt.date(2026, 2, 1)})["day"])
    assert 'type="text"' in html
    assert 'value="01.02.2026"' in html
    assert 'inputmode="numeric"' in html
    assert 'placeholder="dd.mm.yyyy"' in html
    with translation.override("nb"):
        assert 'placeholder="dd.mm.åååå"' in str(OneDate()["day"])


def test_a_day_not_in_the_calendar_gets_a_clear_norwegian_message() -> None:
    with translation.override("nb"):
        form = OneDate(data={"day": "31.02.2026"})
        assert not form.is_valid()
        assert form.errors["day"] == ["31.02.2026 er ikke en dato som finnes i kalenderen."]


def test_text_that_is_no_date_asks_for_the_format() -> None:
    with translation.override("nb"):
        form = OneDate(data={"day": "2/1/2026"})  # the browser's US order is refused
        assert not form.is_valid()
        assert form.errors["day"] == ["Skriv datoen som dd.mm.åååå, for eksempel 01.02.2026."]
