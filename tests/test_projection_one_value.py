"""One computed value per figure (issue 12): the projection's KPI, sentence, charts,
tornado and Excel export show the same central projection, in bokmål.

Before, the KPI and the gap line showed the median of the draws, the tornado was centred
on the point projection and the intake sentence quoted medians while its dashed line was
the point projection: four figures for "the gap in 2040". Now each is the central
projection (every input at its point value); the draws give only the P10-P90 bands.
"""

from __future__ import annotations

import html
import io
import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from fagkraft.adapter import projections as adapter
from fagkraft.engine import projection
from fagkraft.projections import runs, services
from fagkraft.projections.models import Scenario
from fagkraft.workforce.templatetags.workforce_ui import fte
from tests.personas import PASSWORD, World, build_world
from tests.projections_support import TODAY, add_projection_staff
from tests.shared_data import fresh, module_data

PROFESSION = "psychologist"


def build() -> tuple[World, Scenario]:
    world = build_world()
    add_projection_staff(world)
    scenario = services.create_from_register(
        world.users["planner_pia"], name="PHBU Nordvik", unit=world.trust, service_area="phbu",
        professions=[PROFESSION, adapter.CHILD_PSYCHIATRIST], today=TODAY,
        base_year=2026, end_year=2040)
    return world, scenario


module_scenario = module_data(build, name="module_scenario")


@pytest.fixture
def scenario(module_scenario, db, settings) -> Scenario:
    settings.FAGKRAFT = {**settings.FAGKRAFT, "PROJECTION_WEB_DRAWS": 40}
    return fresh(module_scenario)[1]


@pytest.fixture
def adviser(client: Client, scenario: Scenario) -> Client:
    assert client.login(username="adviser_arne", password=PASSWORD)
    return client


def page_and_charts(client: Client, scenario: Scenario) -> tuple[str, dict]:
    response = client.get(reverse("projections:detail", args=[scenario.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    found = re.search(r'<script id="projection-charts" type="application/json">(.*?)</script>',
                      page, re.S)
    assert found, "the page embeds its chart data"
    charts = json.loads(found.group(1))
    return page, {p["key"]: p for p in charts["professions"]}


def element_text(page: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}"[^>]*>(.*?)</(?:div|p)>', page, re.S)
    assert found, element_id
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip()


def test_kpi_gap_line_and_tornado_centre_are_one_value(adviser, scenario: Scenario):
    page, charts = page_and_charts(adviser, scenario)
    chart = charts[PROFESSION]
    gap = chart["series"]["gap"]
    # Base year by hand (tests/projections_support.py): demand 2.5 FTE (1.5 filled + 1.0
    # vacant), supply 1.5 FTE, so the central gap is 1.0.
    assert chart["years"][0] == 2026 and gap["fte"][0] == pytest.approx(1.0)
    assert chart["years"][-1] == 2040
    end_gap = gap["fte"][-1]
    # The KPI and the tornado (for the end year by default) show the gap line's last point.
    assert element_text(page, f"gap-end-{PROFESSION}") == fte(end_gap)
    assert chart["tornado"]["year"] == 2040
    assert chart["tornado"]["base_gap"] == pytest.approx(end_gap, abs=1e-3)
    # The band is drawn around it: the draws scatter on both sides of the point values.
    assert gap["p10"][-1] <= end_gap <= gap["p90"][-1]
    assert "(FTE, median)" not in page and "median)" not in page


def test_the_intake_sentence_quotes_its_chart(adviser, scenario: Scenario):
    page, charts = page_and_charts(adviser, scenario)
    chart = charts[PROFESSION]
    intake = chart["intake"]
    target = intake["years"].index(2040)
    # The "without" line of the intake chart is the gap line itself.
    assert intake["without"] == pytest.approx(chart["series"]["gap"]["fte"], abs=1e-3)
    text = element_text(page, f"intake-text-{PROFESSION}")
    if "med dem" in text:  # some positions are needed: both quoted gaps are on the chart
        without, with_them = intake["without"][target], intake["with"][target]
        assert f"Gap i målåret uten dem: {fte(without)}" in text
        assert f"med dem: {fte(with_them)}" in text
        if text.startswith("1 ny utdanningsstilling"):
            # One position a year adds (without - with) FTE by 2040, more than the gap:
            # the page says the gap is below what a single position closes.
            assert 0 < without < without - with_them
            small = element_text(page, f"intake-small-{PROFESSION}")
            assert small.startswith(f"Gapet i 2040 ({fte(without)} årsverk) er mindre enn det "
                                    f"én ny utdanningsstilling per år gir innen da "
                                    f"({fte(without - with_them)} årsverk)")
    else:
        assert chart["series"]["gap"]["fte"][target] <= 0
        assert "Ingen nye stillinger trengs: gapet i 2040 er null eller lavere." in text


def test_tornado_labels_are_bokmal_with_decimal_commas(adviser, scenario: Scenario):
    _, charts = page_and_charts(adviser, scenario)
    rows = charts[PROFESSION]["tornado"]["rows"]
    values = [value for row in rows for value in (row["low_value"], row["high_value"])]
    assert values
    for value in values:
        assert "/yr" not in value and "FTE" not in value and " pp" not in value, value
        assert not re.search(r"\d\.\d", value), value  # 0,5 not 0.5
    labels = {row["assumption"]: (row["low_value"], row["high_value"]) for row in rows}
    if "adjustment_percent_per_year" in labels:
        assert all(value.endswith("% per år") for value in labels["adjustment_percent_per_year"])


def test_the_export_names_professions_and_keeps_the_same_gap(adviser, scenario: Scenario):
    response = adviser.get(reverse("projections:export", args=[scenario.pk]))
    book = load_workbook(io.BytesIO(response.content))
    assert "Framskriving Psykolog" in book.sheetnames
    assert not any(PROFESSION in name for name in book.sheetnames)
    projection = list(book["Framskriving Psykolog"].iter_rows(values_only=True))
    gap_2040 = next(row[3] for row in projection[1:] if row[0] == 2040)
    tornado = list(book["Tornado"].iter_rows(values_only=True))
    assert tornado[0][-1] == "Gap (sentral framskriving)"
    centres = [row[-1] for row in tornado[1:] if row[0] == "Psykolog"]
    assert centres and centres == pytest.approx([gap_2040] * len(centres), abs=1e-3)


def test_population_notes_name_the_profession(scenario: Scenario):
    note = projection.PopulationNote(
        "ages_split_group", "The served ages 0-17 of psychologist split an SSB age group",
        (("profession", PROFESSION), ("low", "0"), ("high", "17")))
    with translation.override("nb"):
        text = runs.note_text(note, named=True)
    assert text.startswith("Aldrene 0–17 som Psykolog betjener, deler en SSB-aldersgruppe")


def test_assumptions_read_in_bokmal(adviser, scenario: Scenario):
    response = adviser.get(reverse("projections:export", args=[scenario.pk]))
    book = load_workbook(io.BytesIO(response.content))
    values = {row[1]: row[2] for row in book["Forutsetninger"].iter_rows(values_only=True)
              if row[0] == "Psykolog"}
    # The register's psychologists (tests/projections_support.py): two people with ages,
    # 1.5 FTE (0.75 each); demand 2.5 FTE (1.5 filled + 1.0 vacant); turnover 8.7 %.
    assert values["Detaljnivå for tilbud"] == "etter alder"
    assert values["Behov fra"] == "Årsverk"
    # Figures the page writes as text ("2,50") are number cells in the export (core.xlsx).
    assert values["Behov i basisåret (årsverk)"] == 2.5
    assert values["Tilbud i basisåret (årsverk)"] == 1.5
    assert values["Årsverk per person"] == 0.75
    assert values["Turnover"].endswith("; øvrige aldre 8,7 %")
