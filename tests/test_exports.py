"""Staff and vacancy exports: the HR import format, Norwegian formats, audit events."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.urls import reverse
from openpyxl import load_workbook

from fagkraft.audit.models import AuditEvent
from fagkraft.workforce import services
from fagkraft.workforce.hr_columns import COLUMN_NAMES
from tests.personas import World


def read_csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_unit_staff_csv_is_in_the_hr_import_format(world: World, login) -> None:
    # Give Kari a second, part-time position in BUP Nord to show one row per position.
    services.add_position(None, world.kari, unit=world.section_a, fte_percent="20.5",
                          kind="temporary", start_date=dt.date(2024, 2, 1),
                          end_date=dt.date(2024, 6, 30), leaving_reason="end_of_contract")
    response = login("leader_lise").get(
        reverse("workforce:unit_staff_export", args=[world.section_a.pk, "csv"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="ansatte-NV-BUP-A.csv"'
    rows = read_csv(response)
    assert tuple(rows[0]) == COLUMN_NAMES
    assert rows[0][3] == "fødselsdato"
    # Erik: one position; Kari: two. Sorted by employee number, then start date. Erik's
    # PS-BU approval of 01.06.2019 goes in the last two columns; Kari has none.
    assert rows[1] == ["1001", "Erik", "Ansatt", "01.05.1980", "m", "", "psychologist",
                       "NV-BUP-A", "100", "fast", "01.01.2015", "", "", "PS-BU", "01.06.2019"]
    assert rows[2][:3] == ["1002", "Kari", "Lege"]
    assert rows[3] == ["1002", "Kari", "Lege", "03.02.1960", "k", "", "doctor", "NV-BUP-A",
                       "20,5", "midlertidig", "01.02.2024", "30.06.2024", "vikariat utløpt",
                       "", ""]
    assert len(rows) == 4


def test_filters_apply_to_the_export(world: World, login) -> None:
    response = login("leader_lise").get(
        reverse("workforce:unit_staff_export", args=[world.section_a.pk, "csv"]),
        {"profession": world.doctor.pk})
    assert [row[1] for row in read_csv(response)[1:]] == ["Kari"]


def test_unit_staff_xlsx_has_real_dates_and_numbers(world: World, login) -> None:
    response = login("leader_lise").get(
        reverse("workforce:unit_staff_export", args=[world.section_a.pk, "xlsx"]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == COLUMN_NAMES
    erik = rows[1]
    # An employee number without a leading zero is a number cell (core.cells.ID); the
    # import reads it back as "1001".
    assert erik[0] == 1001 and sheet.cell(row=2, column=1).number_format == "0"
    assert erik[3] == dt.datetime(1980, 5, 1)  # openpyxl reads dates back as datetimes
    assert erik[8] == 100
    assert erik[10] == dt.datetime(2015, 1, 1)
    assert sheet.cell(row=2, column=11).number_format == "DD.MM.YYYY"


def test_export_is_audit_logged(world: World, login) -> None:
    login("leader_lise").get(
        reverse("workforce:unit_staff_export", args=[world.section_a.pk, "xlsx"]))
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.username == "leader_lise"
    assert event.object_type == "workforce.position"
    assert event.object_repr == "2"  # Erik's and Kari's positions
    assert event.trust_id == world.trust.pk
    assert event.detail["format"] == "xlsx"


def test_planner_and_other_leader_cannot_export_staff(world: World, login, client) -> None:
    url = reverse("workforce:unit_staff_export", args=[world.section_a.pk, "csv"])
    assert login("planner_pia").get(url).status_code == 403
    client.logout()
    assert login("leader_ola").get(url).status_code == 404  # out of scope: as if missing
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_employee_list_export_is_scoped(world: World, login) -> None:
    response = login("adviser_sara").get(reverse("workforce:employee_export", args=["csv"]))
    assert [row[1] for row in read_csv(response)[1:]] == ["Tor"]


def test_vacancy_exports(world: World, login) -> None:
    services.open_vacancy(None, unit=world.section_a, profession=world.doctor,
                          fte_percent="50", opened_on=dt.date.today() - dt.timedelta(days=40))
    services.open_vacancy(None, unit=world.other_section, profession=world.nurse,
                          fte_percent="100", opened_on=dt.date.today())
    client = login("leader_lise")
    rows = read_csv(client.get(
        reverse("workforce:unit_vacancy_export", args=[world.section_a.pk, "csv"])))
    assert rows[0][:4] == ["enhet", "enhetsnavn", "yrke", "stillingsprosent"]
    assert rows[1][:5] == ["NV-BUP-A", "BUP Nord", "doctor", "50", "fast"]
    assert rows[1][-1] == "40"  # days open
    assert len(rows) == 2  # Solstad's vacancy is outside the leader's scope
    listed = read_csv(client.get(reverse("workforce:vacancy_export", args=["csv"])))
    assert len(listed) == 2
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT,
                                     object_type="workforce.vacancy").count() == 2


def test_unknown_format_is_404(world: World, login) -> None:
    url = reverse("workforce:unit_staff_export", args=[world.section_a.pk, "pdf"])
    assert login("leader_lise").get(url).status_code == 404
