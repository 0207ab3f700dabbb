"""The education API: candidates with progress, signing through the API, aggregates."""

from __future__ import annotations

import datetime as dt

import pytest

from fagkraft.education import services
from tests.education_support import lis_candidate


@pytest.fixture
def kari(world):
    return lis_candidate(world)


def test_candidate_detail_has_rule_checks(kari, client, world):
    client.force_login(world.users["leader_lise"])
    data = client.get(f"/api/education/candidates/{kari.pk}/").json()
    assert data["template_code"] == "lis3-bup"
    assert data["planned_end"] == "2029-01-01"
    goals, = data["checks"]
    assert (goals["code"], goals["required"], goals["done"], goals["met"]) == (
        "goals", 18, 0, False)


def test_supervisor_signs_through_the_api(kari, client, world):
    goal = services.goals_of(kari.template).first()
    activity = services.add_activity(None, kari, goal=goal, title="Samtale",
                                     done_on=dt.date(2024, 3, 1))
    url = f"/api/education/activities/{activity.pk}/sign/"
    client.force_login(world.users["leader_lise"])
    assert client.post(url).status_code == 403
    client.force_login(world.users["employee_erik"])
    response = client.post(url)
    assert response.status_code == 200 and response.json()["signed_by"] == world.erik.pk


def test_planner_gets_pipeline_with_small_counts_null(kari, client, world):
    client.force_login(world.users["planner_pia"])
    data = client.get(f"/api/education/pipeline/?unit={world.region.pk}").json()
    # Kari: planned end 1 Jan 2029 (no pace yet); one person, so hidden from the planner.
    row, = data["completions"]
    assert row["counts"][data["years"].index(2029)] is None
    client.force_login(world.users["adviser_arne"])
    data = client.get(f"/api/education/pipeline/?unit={world.trust.pk}").json()
    assert data["completions"][0]["counts"][data["years"].index(2029)] == 1


def test_planner_may_not_list_candidates(kari, client, world):
    client.force_login(world.users["planner_pia"])
    assert client.get("/api/education/candidates/").status_code == 403
