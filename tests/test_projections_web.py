"""The projection pages: building a scenario, errors that keep the planner's input,
assumptions, the JSON editor, who may change what, and what planners may see."""

from __future__ import annotations

import html
import json

import pytest
from django.urls import reverse

from fagkraft.jobs.models import Job
from fagkraft.projections import services
from fagkraft.projections.models import Scenario
from tests.personas import World
from tests.projections_support import add_projection_staff, register_scenario


@pytest.fixture(autouse=True)
def few_draws(settings):
    settings.FAGKRAFT = {**settings.FAGKRAFT, "PROJECTION_WEB_DRAWS": 40}


@pytest.fixture
def scenario(world: World) -> Scenario:
    return register_scenario(world)


def test_a_build_with_mistakes_keeps_the_input(login, world: World):
    client = login("planner_pia")
    response = client.post(reverse("projections:new"), {
        "name": "Mitt scenario", "unit": world.trust.pk, "service_area": "phbu",
        "base_year": 2030, "end_year": 2028, "area_kind": "counties", "area_codes": "",
        "alternative": "MMMM"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Mitt scenario"' in page
    assert "Siste år må være etter basisåret." in page
    assert "Oppgi minst ett nummer." in page
    assert "Dette feltet er påkrevd." in page  # no profession ticked
    assert not Scenario.objects.exists()


def test_an_unknown_county_is_reported_by_path(login, world: World):
    client = login("planner_pia")
    response = client.post(reverse("projections:new"), {
        "name": "Fylke 99", "unit": world.trust.pk, "service_area": "phbu",
        "professions": ["psychologist"], "base_year": 2026, "end_year": 2035,
        "area_kind": "counties", "area_codes": "99", "alternative": "MMMM"})
    # The build runs as a background job (immediate in the suite): it fails, and its
    # page lists the problem by path and leads back to the form.
    job = Job.objects.get(kind="projections.build")
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.state == Job.State.FAILED
    page = client.get(response["Location"]).content.decode()
    assert "population.area: Ukjent fylkesnummer 99" in page
    assert f'href="{reverse("projections:new")}"' in page
    assert not Scenario.objects.exists()


def test_a_planner_builds_and_sees_the_charts(login, world: World):
    add_projection_staff(world)
    client = login("planner_pia")
    response = client.post(reverse("projections:new"), {
        "name": "PHBU", "unit": world.trust.pk, "service_area": "phbu",
        "professions": ["psychologist"], "base_year": 2026, "end_year": 2035,
        "area_kind": "country", "alternative": "MMMM"})
    scenario = Scenario.objects.get()
    job = Job.objects.get(kind="projections.build")
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.state == Job.State.DONE and job.result["scenario"] == scenario.pk
    detail = reverse("projections:detail", args=[scenario.pk])
    assert f'href="{detail}"' in client.get(response["Location"]).content.decode()
    assert scenario.owner == world.users["planner_pia"]
    page = client.get(detail).content.decode()
    charts = json.loads(page.split('id="projection-charts" type="application/json">')[1]
                        .split("</script>")[0])
    # 2 psychologists and 1 leaver are under 5: hidden ("x"), and so is the projection,
    # whose supply starts from their FTE (disclosure control, docs/access.md).
    assert charts["professions"] == []
    assert 'id="suppression-note"' in page
    assert "&lt;5" not in page
    # The adviser of the trust sees the same scenario's projection in full.
    adviser_client = login("adviser_arne")
    assert adviser_client.get(response["Location"]).status_code == 404  # not their job
    adviser = adviser_client.get(detail).content.decode()
    charts = json.loads(adviser.split('id="projection-charts" type="application/json">')[1]
                        .split("</script>")[0])
    psychologists = charts["professions"][0]
    assert psychologists["years"] == list(range(2026, 2036))
    assert len(psychologists["series"]["gap"]["p10"]) == 10


def test_invalid_assumptions_keep_the_input_and_save_nothing(login, scenario: Scenario):
    # The administrator: the planner sees no projection (and no form) for 2 psychologists.
    client = login("admin_ada")
    url = reverse("projections:assumptions", args=[scenario.pk, "psychologist"])
    response = client.post(url, {
        "p-psychologist-base_fte": "2.5", "p-psychologist-adjustment_percent_per_year": "0",
        "p-psychologist-single_turnover": "on", "p-psychologist-turnover_percent": "150",
        "p-psychologist-retirement_age": "67", "p-psychologist-recruits_per_year": "0.2",
        "p-psychologist-recruit_age": "41", "p-psychologist-education_years": "5"})
    assert response.status_code == 422
    page = response.content.decode()
    assert 'value="150"' in page
    assert "Verdien må være mindre enn eller lik 100." in page
    scenario.refresh_from_db()
    assert scenario.document["professions"]["psychologist"]["supply"]["turnover_percent"] == 8.7


def test_valid_assumptions_are_saved(login, scenario: Scenario):
    client = login("planner_pia")
    url = reverse("projections:assumptions", args=[scenario.pk, "psychologist"])
    response = client.post(url, {
        "p-psychologist-base_fte": "3", "p-psychologist-adjustment_percent_per_year": "1.5",
        "p-psychologist-turnover_percent": "9", "p-psychologist-turnover_band_0": "5",
        "p-psychologist-turnover_band_1": "12", "p-psychologist-turnover_band_2": "8",
        "p-psychologist-turnover_band_3": "7", "p-psychologist-turnover_band_4": "4",
        "p-psychologist-retirement_age": "70", "p-psychologist-recruits_per_year": "1",
        "p-psychologist-recruit_age": "35", "p-psychologist-education_years": "5"})
    assert response.status_code == 302
    scenario.refresh_from_db()
    spec = scenario.document["professions"]["psychologist"]
    assert spec["demand"] == {"base_fte": 3.0, "adjustment_percent_per_year": 1.5}
    assert spec["supply"]["turnover_percent_by_age"] == {
        "-29": 5.0, "30-39": 12.0, "40-49": 8.0, "50-61": 7.0, "62-": 4.0}
    assert spec["supply"]["retirement_age"] == 70


def test_only_the_owner_changes_a_scenario(login, scenario: Scenario):
    client = login("adviser_arne")
    assert client.get(reverse("projections:detail", args=[scenario.pk])).status_code == 200
    url = reverse("projections:assumptions", args=[scenario.pk, "psychologist"])
    assert client.post(url, {}).status_code == 403
    assert client.post(reverse("projections:delete", args=[scenario.pk])).status_code == 403
    response = client.post(reverse("projections:copy", args=[scenario.pk]), {"name": "Arnes"})
    copy = Scenario.objects.get(name="Arnes")
    assert response["Location"] == reverse("projections:detail", args=[copy.pk])


def test_the_json_editor_lists_every_problem_and_keeps_the_text(login, scenario: Scenario):
    client = login("planner_pia")
    document = json.loads(json.dumps(scenario.document))
    document["professions"]["psychologist"]["supply"]["retirement_age"] = 30
    document["end_year"] = 2090
    text = json.dumps(document)
    response = client.post(reverse("projections:document", args=[scenario.pk]),
                           {"action": "document", "document": text})
    page = response.content.decode()
    assert "professions.psychologist.supply.retirement_age: Må være minst 50" in page
    assert "end_year:" in page
    assert "2090" in page


def test_planners_do_not_see_the_stock_by_age_but_keep_it(login, scenario: Scenario):
    client = login("planner_pia")
    page = html.unescape(client.get(reverse("projections:document", args=[scenario.pk]))
                         .content.decode())
    assert '"stock": "(skjult)"' in page and '"age": 46' not in page
    shown = json.loads(page.split('font-family:monospace" >')[1].split("</textarea>")[0])
    shown["professions"]["psychologist"]["demand"]["base_fte"] = 4.0
    client.post(reverse("projections:document", args=[scenario.pk]),
                {"action": "document", "document": json.dumps(shown)})
    scenario.refresh_from_db()
    psychologists = scenario.document["professions"]["psychologist"]
    assert psychologists["demand"]["base_fte"] == 4.0
    assert psychologists["supply"]["stock"] == [{"age": 46, "fte": 1.5, "headcount": 2.0}]


def test_compare_two_scenarios(login, scenario: Scenario, world: World):
    services.copy_scenario(world.users["planner_pia"], scenario, name="Variant")
    ids = list(Scenario.objects.values_list("pk", flat=True))
    page = login("adviser_arne").get(reverse("projections:compare"), {"ids": ids}
                                     ).content.decode()
    assert page.count('<td><a href="/projections/') == 4  # 2 scenarios x 2 professions
    assert 'id="compare-chart"' in page
    # The planner: both professions rest on counts under 5 (2 psychologists), so no gap
    # of theirs is compared (disclosure control).
    page = login("planner_pia").get(reverse("projections:compare"), {"ids": ids}
                                    ).content.decode()
    assert page.count('<td><a href="/projections/') == 0


def test_employees_have_no_projections(login, scenario: Scenario):
    client = login("employee_erik")
    assert client.get(reverse("projections:list")).status_code == 403
    assert client.get(reverse("projections:detail", args=[scenario.pk])).status_code == 403
