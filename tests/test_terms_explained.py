"""Issue 12.2: WISN's and the projections' terms are explained on the page, in words a
leader or planner reads without hovering (not only in a tooltip)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fagkraft.adapter import projections as adapter
from fagkraft.projections import services as projections
from fagkraft.workload import services as workload
from tests.projections_support import TODAY, add_projection_staff


@pytest.fixture(autouse=True)
def few_draws(settings):
    settings.FAGKRAFT = {**settings.FAGKRAFT, "PROJECTION_WEB_DRAWS": 40}


def _text_of(html: str, element_id: str) -> str:
    return html.split(f'id="{element_id}">', 1)[1].split("</p>", 1)[0]


def test_the_wisn_page_explains_caf_iaf_difference_and_ratio(world, client):
    study = workload.create_study(None, unit=world.section_a, name="BUP Nord 2025", year=2025)
    workload.add_category(None, study, name="psychologist", profession_group="psychologist")
    client.force_login(world.users["leader_lise"])
    text = _text_of(client.get(reverse("workload:study", args=[study.pk])).content.decode(),
                    "wisn-terms")
    for words in ("CAF, faktoren for felles tillegg", "IAF, faktoren for individuelle tillegg",
                  "WISN-differanse = eksisterende − nødvendig",
                  "WISN-forholdstall = eksisterende ÷ nødvendig", "har 80 % av tiden"):
        assert words in text


def test_the_projection_page_explains_the_tornado_and_ssb_alternatives(world, client):
    add_projection_staff(world)
    scenario = projections.create_from_register(
        world.users["planner_pia"], name="PHBU Nordvik", unit=world.trust, service_area="phbu",
        professions=["psychologist", adapter.CHILD_PSYCHIATRIST], today=TODAY,
        base_year=2026, end_year=2040)
    client.force_login(world.users["adviser_arne"])
    html = client.get(reverse("projections:detail", args=[scenario.pk])).content.decode()
    text = html.split('class="muted tornado-terms">', 1)[1].split("</p>", 1)[0]
    for words in ("MMMM hovedalternativet", "LLML lav nasjonal vekst",
                  "HHMH høy nasjonal vekst", "+1 prosentpoeng", "«i året» betyr per år"):
        assert words in text
