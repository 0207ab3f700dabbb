"""The scenario's Excel export: every table and assumption, small counts hidden for planners."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fagkraft.adapter import projections as adapter
from fagkraft.audit.models import AuditEvent
from fagkraft.projections import services
from fagkraft.projections.models import Scenario
from tests.personas import World
from tests.projections_support import TODAY, add_projection_staff


@pytest.fixture
def scenario(world: World, settings) -> Scenario:
    settings.FAGKRAFT = {**settings.FAGKRAFT, "PROJECTION_WEB_DRAWS": 40}
    add_projection_staff(world)
    return services.create_from_register(
        world.users["planner_pia"], name="PHBU Nordvik", unit=world.trust, service_area="phbu",
        professions=["psychologist", adapter.CHILD_PSYCHIATRIST], today=TODAY,
        base_year=2026, end_year=2040)


def workbook(client, scenario: Scenario):
    response = client.get(reverse("projections:export", args=[scenario.pk]))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def test_every_table_is_exported(login, scenario: Scenario):
    book = workbook(login("adviser_arne"), scenario)
    assert book.sheetnames == [
        "Scenario", "Forutsetninger", "Usikkerhet", "Grunnlag fra registeret",
        "Beholdning etter alder", "Framskriving Psykolog",
        "Framskriving Barne- og ungdoms…", "Tornado", "Opptak", "Kull", "Befolkning"]
    projection = rows(book["Framskriving Psykolog"])
    assert projection[0][:4] == ("År", "Behov (årsverk)", "Tilbud (årsverk)", "Gap (årsverk)")
    assert "Gap P90" in projection[0]
    assert [row[0] for row in projection[1:]] == list(range(2026, 2041))
    # Base year: demand 2.5 (1.5 filled + 1.0 vacant), supply 1.5 FTE, gap 1.0.
    assert projection[1][1:4] == (2.5, 1.5, 1.0)
    stock = rows(book["Beholdning etter alder"])
    assert ("Psykolog", 46, 2.0, 1.5) in stock
    turnover = [row for row in rows(book["Grunnlag fra registeret"]) if row[1] == "Turnover"]
    # Rates are percent cells (fractions): estimated 40 %, used 8.7 %.
    assert ("Psykolog", "Turnover", "30–39", None, None, 2.5, 1, 0, 0, 0.4, 0.087, None) \
        in [row[:9] + (row[9], round(row[10], 6), row[11]) for row in turnover]


def test_planners_get_hidden_counts_and_no_stock_by_age(login, scenario: Scenario):
    book = workbook(login("planner_pia"), scenario)
    assert "Beholdning etter alder" not in book.sheetnames
    basis = rows(book["Grunnlag fra registeret"])
    assert ("Psykolog", "Beholdning", "40–49", "x", None, None, None, None, None, None,
            None, None) in basis
    assert AuditEvent.objects.filter(action="export",
                                     object_type="projections.scenario").count() == 1
