"""Projections API: scenarios in scope, building, results, assumptions, owner-only writes."""

from __future__ import annotations

import pytest

from fagkraft.projections.models import Scenario
from tests.personas import World
from tests.projections_support import add_projection_staff, register_scenario

BASE = "/api/projections/scenarios/"


@pytest.fixture(autouse=True)
def few_draws(settings):
    settings.FAGKRAFT = {**settings.FAGKRAFT, "PROJECTION_WEB_DRAWS": 40}


@pytest.fixture
def scenario(world: World) -> Scenario:
    return register_scenario(world)


def test_list_is_scoped(client, world: World, scenario: Scenario):
    for persona, expected in (("planner_pia", 1), ("adviser_arne", 1), ("adviser_sara", 0),
                              ("leader_lise", 0)):
        client.force_login(world.users[persona])
        assert client.get(BASE).json()["count"] == expected, persona
    client.force_login(world.users["employee_erik"])
    assert client.get(BASE).status_code == 403


def test_planner_sees_suppressed_basis_and_no_stock(client, world: World, scenario: Scenario):
    client.force_login(world.users["planner_pia"])
    data = client.get(f"{BASE}{scenario.pk}/").json()
    assert data["document"]["professions"]["psychologist"]["supply"]["stock"] == "(skjult)"
    assert data["register_basis"]["professions"]["psychologist"]["headcount"] is None
    client.force_login(world.users["adviser_arne"])
    data = client.get(f"{BASE}{scenario.pk}/").json()
    assert data["register_basis"]["professions"]["psychologist"]["headcount"] == 2
    assert data["may_edit"] is False


def test_result_has_bands_tornado_and_intake(client, world: World, scenario: Scenario):
    client.force_login(world.users["adviser_arne"])
    result = client.get(f"{BASE}{scenario.pk}/result/", {"year": 2035, "target": 2038}).json()
    table = result["professions"]["psychologist"]["table"]
    assert [row["year"] for row in table] == list(range(2026, 2041))
    assert table[0]["gap_fte"] == pytest.approx(1.0)  # 2.5 demand - 1.5 supply
    assert {"gap_p10", "gap_p50", "gap_p90"} <= set(table[0])
    assert result["professions"]["psychologist"]["tornado"]["year"] == 2035
    intake = result["professions"]["psychologist"]["intake"]
    assert intake["target_year"] == 2038
    # Every counted cohort completes by the target year.
    assert all(cohort["completion_year"] <= 2038 for cohort in intake["cohorts"])


def test_build_and_change_through_the_api(client, world: World):
    add_projection_staff(world)
    client.force_login(world.users["adviser_arne"])
    response = client.post(BASE, {
        "name": "API", "unit": world.clinic.pk, "service_area": "phbu",
        "professions": ["psychologist"], "base_year": 2026, "end_year": 2035,
        "area": {"counties": ["31"]}}, content_type="application/json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    response = client.post(f"{BASE}{pk}/assumptions/", {
        "profession": "psychologist", "values": {"supply.turnover_percent": 140}},
        content_type="application/json")
    assert response.status_code == 400
    assert "professions.psychologist.supply.turnover_percent" in str(response.json())
    response = client.post(f"{BASE}{pk}/assumptions/", {
        "profession": "psychologist", "values": {"supply.recruits_per_year": 3}},
        content_type="application/json")
    assert response.status_code == 200
    assert Scenario.objects.get(pk=pk).document["professions"]["psychologist"]["supply"][
        "recruits_per_year"] == 3


def test_others_may_not_change_or_build_outside_scope(client, world: World, scenario: Scenario):
    client.force_login(world.users["adviser_arne"])
    assert client.patch(f"{BASE}{scenario.pk}/", {"notes": "x"},
                        content_type="application/json").status_code == 403
    assert client.delete(f"{BASE}{scenario.pk}/").status_code == 403
    response = client.post(BASE, {
        "name": "Utenfor", "unit": world.other_trust.pk, "professions": ["psychologist"],
        "base_year": 2026, "end_year": 2035}, content_type="application/json")
    assert response.status_code == 403
    client.force_login(world.users["planner_pia"])
    assert client.patch(f"{BASE}{scenario.pk}/", {"notes": "Til styret"},
                        content_type="application/json").status_code == 200
