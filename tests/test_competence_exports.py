"""The .xlsx exports of the unit compliance dashboard and the further-education plan.

Uses the hand-made case of test_competence_pages (NV-BUP-A: Erik, Kari, Nina; SUI never
expires, MAP valid 12 months; T = today):
  Erik  SUI met (2016)              MAP overdue (done T-13 months, expired T-1 month)
  Kari  SUI missing (deadline 2015) MAP due soon (expires T+~10 days)
  Nina  SUI not yet due (T+80)      MAP not yet due (T+80)
The UI (and so the file) is in Norwegian by default.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fagkraft.audit.models import AuditEvent
from fagkraft.competence import services
from fagkraft.engine.compliance import add_months
from tests.test_competence_import import norwegian  # noqa: F401  (shared fixtures)
from tests.test_competence_pages import case  # noqa: F401


@pytest.fixture(autouse=True)
def _bokmaal(norwegian):  # noqa: F811
    """The Norwegian headers of this area, compiled for the test."""


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return load_workbook(io.BytesIO(response.content))


def values(sheet) -> list[list]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def as_date(value) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


@pytest.fixture
def matrix(login, world, case):  # noqa: F811
    response = login("leader_lise").get(
        reverse("competence:unit_export", args=[world.section_a.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="kompetanse-NV-BUP-A.xlsx"'
    return workbook(response)


def test_matrix_sheet_has_one_row_per_person_and_a_column_per_requirement(matrix):
    """Columns sorted by competence name: 'Aggression course' (MAP) before 'Suicide day
    course' (SUI). Met of those fallen due (issue 12: "not yet due" is counted apart, the
    same tally as the page): Erik 1 of 2 (SUI), Kari 1 of 2 (MAP due soon is within the
    rules), Nina 0 of 0: neither of her 2 requirements has fallen due yet."""
    assert matrix.sheetnames == ["Matrise", "Krav", "Forfallsliste"]
    assert values(matrix["Matrise"]) == [
        # Requirements by name (issue 12), employee numbers as number cells.
        ["Ansattnummer", "Etternavn", "Fornavn", "Aggression course", "Suicide day course",
         "Oppfylt", "Har forfalt", "Krav"],
        [1001, "Ansatt", "Erik", "Forfalt", "Oppfylt", 1, 2, 2],
        [1002, "Lege", "Kari", "Forfaller snart", "Mangler", 1, 2, 2],
        [1004, "Ny", "Nina", "Ikke forfalt ennå", "Ikke forfalt ennå", 0, 0, 2],
    ]
    sheet = matrix["Matrise"]
    # Colours as on the page: red for Erik's overdue MAP, yellow for Kari's, none for Nina.
    assert sheet["D2"].fill.fgColor.rgb.endswith("FDE8E7")
    assert sheet["D3"].fill.fgColor.rgb.endswith("FFF4E0")
    assert sheet["D4"].fill.fill_type is None


def test_requirement_sheet_counts_statuses_and_share(matrix):
    """The share is of those fallen due; not yet due stands apart (issue 12).
    MAP: due soon 1 (Kari, within the rules), overdue 1 (Erik), not yet due 1 (Nina):
    1 of 2 = 0.5. SUI: met 1 (Erik), missing 1 (Kari), not yet due 1 (Nina): 1 of 2."""
    rows = values(matrix["Krav"])
    assert rows[0] == ["Kode", "Kompetanse", "Personer", "Oppfylt", "Forfaller snart",
                       "Ikke forfalt ennå", "Forfalt", "Mangler", "Andel som oppfyller"]
    assert rows[1][:8] == ["MAP", "Aggression course", 3, 0, 1, 1, 1, 0]
    assert rows[2][:8] == ["SUI", "Suicide day course", 3, 1, 0, 1, 0, 1]
    assert [round(row[8], 3) for row in rows[1:]] == [0.5, 0.5]
    assert matrix["Krav"]["I2"].number_format == "0.0 %"  # one decimal, as on the page


def test_due_sheet_lists_late_and_soon_due_by_date(matrix, case):  # noqa: F811
    """Due dates: Kari SUI 01.04.2015 (hired 01.01.2015 + 90 days, never done); Erik MAP
    when it expired (T-13 months + 12 months); Kari MAP when it expires; Nina's two at
    T-10 days + 90 = T+80 (MAP first by name). Erik's SUI never falls due."""
    today = case["today"]
    erik_expired = add_months(add_months(today, -13), 12)
    kari_expires = add_months(add_months(today, -12) + dt.timedelta(days=10), 12)
    nina_due = today + dt.timedelta(days=80)
    rows = values(matrix["Forfallsliste"])
    assert rows[0][:7] == ["Ansattnummer", "Etternavn", "Fornavn", "Kode", "Kompetanse",
                           "Status", "Forfallsdato"]
    assert [(row[0], row[3], row[5], as_date(row[6])) for row in rows[1:]] == [
        (1002, "SUI", "Mangler", dt.date(2015, 4, 1)),
        (1001, "MAP", "Forfalt", erik_expired),
        (1002, "MAP", "Forfaller snart", kari_expires),
        (1004, "MAP", "Ikke forfalt ennå", nina_due),
        (1004, "SUI", "Ikke forfalt ennå", nina_due),
    ]
    assert matrix["Forfallsliste"]["G2"].number_format == "DD.MM.YYYY"


def test_export_is_audit_logged(matrix, world):
    event = AuditEvent.objects.get(action="export")
    assert (event.username, event.object_type, event.object_repr, event.trust_id) == (
        "leader_lise", "competence.status", "3", world.trust.pk)


def test_education_plan_export(login, world, case):  # noqa: F811
    """SUI needed by Kari and Nina, earliest 01.04.2015; MAP by all three, earliest when
    Erik's expired; Kari has MAP planned. A title-only activity goes on its own sheet."""
    plan = services.create_plan(None, employee=world.kari, kind="competence", year=2026)
    services.add_activity(None, plan, competence=case["map"])
    services.add_activity(None, plan, title="Mentorordning",
                          target_date=dt.date(2026, 12, 1))
    response = login("leader_lise").get(
        reverse("competence:education_plan_export", args=[world.section_a.pk]))
    book = workbook(response)
    assert book.sheetnames == ["Videreutdanning", "Andre aktiviteter"]
    rows = values(book["Videreutdanning"])
    erik_expired = add_months(add_months(case["today"], -13), 12)
    assert [[row[0], row[2], as_date(row[3]), row[4], row[5]] for row in rows[1:]] == [
        ["SUI", 2, dt.date(2015, 4, 1), 0, 2],
        ["MAP", 3, erik_expired, 1, 2],
    ]
    assert [[row[0], row[1], as_date(row[2])] for row in values(book["Andre aktiviteter"])[1:]] \
        == [["Mentorordning", 1, dt.date(2026, 12, 1)]]
