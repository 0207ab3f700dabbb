"""Formula injection: a formula-like name imported from a file is inert in every export.

Kari Lege (1002, BUP Nord) is renamed by an HR import file to
=HYPERLINK("http://example.invalid","x") with the last name @SUM(A1); a workload file
names an activity +CMD|'/c calc'!A0; a scenario is named -2+3. Every .xlsx export
(workforce, competence, education, workload, projections, audit log) must hold these as
string cells, never a formula (<f>), shown with Excel's quote prefix; every CSV export
(workforce staff, audit log) must start them with a single quote (OWASP).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fagkraft.adapter import projections as adapter
from fagkraft.projections import services as projections
from fagkraft.workforce.imports import import_employees
from fagkraft.workload import services as workload
from fagkraft.workload.imports import import_workload
from tests.education_support import lis_candidate
from tests.personas import World
from tests.projections_support import TODAY, add_projection_staff

FIRST = '=HYPERLINK("http://example.invalid","x")'
LAST = "@SUM(A1)"
ACTIVITY = "+CMD|'/c calc'!A0"
SCENARIO = "-2+3"
DANGEROUS = (FIRST, LAST, ACTIVITY, SCENARIO)


def _hr_file() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["ansattnummer", "fornavn", "etternavn", "fødselsdato", "kjønn", "yrke",
                     "enhet", "stillingsprosent", "stillingstype", "startdato"])
    writer.writerow(["1002", FIRST, LAST, "03.02.1960", "K", "doctor", "NV-BUP-A", "100",
                     "fast", "01.01.2015"])
    return buffer.getvalue().encode("utf-8")


@pytest.fixture
def world_with_formulas(world: World, settings) -> World:
    settings.FAGKRAFT = {**settings.FAGKRAFT, "PROJECTION_WEB_DRAWS": 20}
    result = import_employees(None, "hr.csv", _hr_file())
    assert result.written, result.errors
    world.kari.refresh_from_db()
    assert (world.kari.first_name, world.kari.last_name) == (FIRST, LAST)
    return world


def _xlsx_texts(content: bytes) -> list[tuple[str, str, bool]]:
    """(text, data type, quote prefix) of every dangerous text in the workbook; and no
    sheet holds a formula."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<f[ >]", archive.read(name)), name
    found = []
    for sheet in load_workbook(io.BytesIO(content)).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and any(text in cell.value for text in DANGEROUS):
                    found.append((cell.value, cell.data_type, cell.quotePrefix))
    return found


def assert_inert_xlsx(response, *expected: str) -> None:
    assert response.status_code == 200
    found = _xlsx_texts(response.content)
    texts = {text for text, _type, _prefix in found}
    for text in expected:
        assert any(value.startswith(text) for value in texts), (text, texts)
    for value, data_type, quote_prefix in found:
        if value.startswith(DANGEROUS):
            assert (data_type, quote_prefix) == ("s", True), value


def assert_inert_csv(response, *expected: str) -> None:
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    for text in expected:
        assert f"'{text}" in cells, (text, [cell for cell in cells if text[1:5] in cell])
    for cell in cells:
        assert not cell.startswith(DANGEROUS), cell


def test_workforce_staff_exports(world_with_formulas: World, login) -> None:
    client = login("leader_lise")
    unit = world_with_formulas.section_a.pk
    assert_inert_xlsx(client.get(reverse("workforce:unit_staff_export", args=[unit, "xlsx"])),
                      FIRST, LAST)
    assert_inert_csv(client.get(reverse("workforce:unit_staff_export", args=[unit, "csv"])),
                     FIRST, LAST)


def test_competence_exports(world_with_formulas: World, login) -> None:
    client = login("leader_lise")
    unit = world_with_formulas.section_a.pk
    assert_inert_xlsx(client.get(reverse("competence:unit_export", args=[unit])), LAST)
    assert_inert_xlsx(client.get(reverse("competence:education_plan_export", args=[unit])))


def test_education_exports(world_with_formulas: World, login) -> None:
    lis_candidate(world_with_formulas)  # Kari on LIS3
    client = login("leader_lise")
    unit = world_with_formulas.section_a.pk
    assert_inert_xlsx(client.get(reverse("education:unit_export", args=[unit])), FIRST)
    assert_inert_xlsx(client.get(reverse("education:pipeline_export", args=[unit])))


def test_workload_export(world_with_formulas: World, login) -> None:
    study = workload.create_study(None, unit=world_with_formulas.section_a, name="BUP Nord",
                                  year=2025)
    workload.add_category(None, study, name="psychologist", profession_group="psychologist")
    activity_file = ("kategori;aktivitet;årlig_arbeidsmengde;minutter_per_enhet\n"
                     f"psychologist;{ACTIVITY};1500;60\n").encode()
    assert import_workload(None, study, "aktiviteter.csv", activity_file).ok
    response = login("leader_lise").get(reverse("workload:export", args=[study.pk]))
    assert_inert_xlsx(response, ACTIVITY)


def test_projections_export(world_with_formulas: World, login) -> None:
    add_projection_staff(world_with_formulas)
    scenario = projections.create_from_register(
        world_with_formulas.users["planner_pia"], name=SCENARIO,
        unit=world_with_formulas.trust, service_area="phbu",
        professions=["psychologist", adapter.CHILD_PSYCHIATRIST], today=TODAY,
        base_year=2026, end_year=2030)
    response = login("adviser_arne").get(reverse("projections:export", args=[scenario.pk]))
    assert_inert_xlsx(response, SCENARIO)


def test_audit_log_exports(world_with_formulas: World, login) -> None:
    client = login("admin_ada")
    assert_inert_xlsx(client.get(reverse("audit:export", args=["xlsx"])), FIRST)
    response = client.get(reverse("audit:export", args=["csv"]))
    content = b"".join(response.streaming_content)
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert any(cell.startswith(f"'{FIRST}") for cell in cells)
    assert not any(cell.startswith(DANGEROUS) for cell in cells)
