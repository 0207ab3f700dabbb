"""A Monte Carlo run with many draws as a background job, from the scenario page.

Persona: the HR adviser Arne, who sees Nordvik HF's PHBU scenario in full, and the planner
Pia who owns it but sees no projection resting on counts under five (disclosure control).
Jobs run inside the request here (FAGKRAFT_JOBS=immediate).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from fagkraft.adapter import projections as adapter
from fagkraft.jobs.models import Job
from fagkraft.projections import runs
from fagkraft.projections.models import Scenario
from tests.personas import World
from tests.projections_support import register_scenario

DRAWS = 300


@pytest.fixture(autouse=True)
def draws(settings):
    settings.FAGKRAFT = {**settings.FAGKRAFT, "PROJECTION_WEB_DRAWS": 40,
                         "PROJECTION_JOB_DRAWS": DRAWS}


@pytest.fixture
def scenario(world: World) -> Scenario:
    return register_scenario(world)


def test_a_monte_carlo_run_shows_its_bands_on_the_job_page(login, scenario: Scenario):
    client = login("adviser_arne")
    detail = client.get(reverse("projections:detail", args=[scenario.pk])).content.decode()
    assert f'action="{reverse("projections:monte_carlo", args=[scenario.pk])}"' in detail
    response = client.post(reverse("projections:monte_carlo", args=[scenario.pk]))
    job = Job.objects.get(kind="projections.monte_carlo")
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.state == Job.State.DONE and job.result["draws"] == DRAWS
    # Every year 2026-2040 for both professions; the central gap is the page's own (the
    # point projection does not depend on the draws), inside a P10 <= P50 <= P90 band.
    page_result = runs.run(scenario.document)
    professions = {row["key"]: row["rows"] for row in job.result["professions"]}
    assert set(professions) == {"psychologist", adapter.CHILD_PSYCHIATRIST}
    for key, rows in professions.items():
        assert [row["year"] for row in rows] == list(range(2026, 2041))
        central = {row["year"]: row["gap_fte"]
                   for row in page_result["professions"][key]["table"]}
        for row in rows:
            assert row["gap_fte"] == central[row["year"]]
            assert row["gap_p10"] <= row["gap_p50"] <= row["gap_p90"]
    page = client.get(response["Location"]).content.decode()
    assert 'id="monte-carlo-psychologist"' in page
    assert "P10–P90-båndet fra 300 trekninger" in page


def test_the_planner_gets_no_band_resting_on_a_hidden_count(login, scenario: Scenario):
    client = login("planner_pia")
    client.post(reverse("projections:monte_carlo", args=[scenario.pk]))
    job = Job.objects.get(kind="projections.monte_carlo")
    # 2 psychologists and 1 leaver are under 5: as on the scenario page, left out.
    assert job.state == Job.State.DONE
    assert "psychologist" in job.result["hidden"]
    assert "psychologist" not in {row["key"] for row in job.result["professions"]}


def test_someone_else_s_scenario_starts_no_job(login, scenario: Scenario):
    client = login("leader_ola")  # a leader elsewhere: the scenario does not exist for him
    assert client.post(reverse("projections:monte_carlo", args=[scenario.pk])).status_code == 404
    assert not Job.objects.exists()
