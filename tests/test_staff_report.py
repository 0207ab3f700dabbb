"""The readable staff report: display names, typed cells, access and audit as the export."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fagkraft.audit.models import AuditEvent
from fagkraft.core import dates
from fagkraft.workforce import services as workforce

TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def sheet(login, world, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)
    response = login("leader_lise").get(
        reverse("workforce:unit_staff_report", args=[world.section_a.pk]))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).active


def test_the_report_shows_erik_and_kari_by_display_names_and_typed_cells(sheet):
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert [cell.value for cell in sheet[1]] == [
        "Fornavn", "Etternavn", "Yrke", "Alder", "Årsverk", "Stillingstype", "Enhet",
        "Spesialist", "Startdato"]
    erik = rows["Erik"]
    # Born 1.5.1980: 46 on 1.12.2026; 100 % is 1.00 FTE; approved in PS-BU 1.6.2019.
    assert [cell.value for cell in erik] == [
        "Erik", "Ansatt", "Psykolog", 46, 1.0, "Fast", "BUP Nord", "Ja",
        dt.datetime(2015, 1, 1)]
    assert erik[3].number_format == "#,##0" and erik[4].number_format == "#,##0.00"
    assert erik[8].is_date and erik[8].number_format == "DD.MM.YYYY"
    # Kari, born 3.2.1960, has no approval: 66 and "Nei".
    assert rows["Kari"][3].value == 66 and rows["Kari"][7].value == "Nei"
    assert set(rows) == {"Erik", "Kari"}  # section A only
    # Widths from the content (core.xlsx): "Psykolog", 8 characters, + 2.
    assert sheet.column_dimensions["C"].width == 10


def test_the_report_is_audited_as_an_export_of_the_people_in_it(sheet, world):
    event = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).latest("pk")
    assert event.username == "leader_lise"
    persons = set(event.persons.values_list("employee_id", flat=True))
    assert persons == {world.erik.pk, world.kari.pk}


def test_only_todays_positions_in_the_unit_are_reported(login, world, monkeypatch):
    """Kari also held a temporary post in BUP Nord (2012-2014) and one in BUP Sør (2010-
    2011), both ended: the report still has one row each for Erik and Kari."""
    monkeypatch.setattr(dates, "today", lambda: TODAY)
    for unit, start, end in ((world.section_a, dt.date(2012, 1, 1), dt.date(2014, 12, 31)),
                             (world.section_b, dt.date(2010, 1, 1), dt.date(2011, 12, 31))):
        workforce.add_position(None, world.kari, unit=unit, fte_percent=50, kind="temporary",
                               start_date=start, end_date=end, leaving_reason="end_of_contract")
    response = login("leader_lise").get(
        reverse("workforce:unit_staff_report", args=[world.section_a.pk]))
    rows = [[cell.value for cell in row]
            for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2)]
    assert [(row[0], row[5], row[8]) for row in rows] == [
        ("Erik", "Fast", dt.datetime(2015, 1, 1)), ("Kari", "Fast", dt.datetime(2015, 1, 1))]
