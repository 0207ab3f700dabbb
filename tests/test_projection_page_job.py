"""The scenario page's projection (500 Monte Carlo draws, tornado, intake) runs as a job.

Persona: the HR adviser Arne, who sees Nordvik HF's PHBU scenario (psychologists and
child psychiatrists, 2026-2040) in full. The test suite's queue runs a job inside the
request (FAGKRAFT_JOBS=immediate); where the page's waiting is tested, the queue is held
(`enqueue` does nothing) and the test runs the job itself, as a worker would, between two
of the page's polls.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from fagkraft.engine import projection
from fagkraft.jobs import queue
from fagkraft.jobs.models import Job
from fagkraft.projections import jobs as projection_jobs
from fagkraft.projections import runs, services
from fagkraft.projections.models import Scenario
from fagkraft.workforce.templatetags.workforce_ui import fte
from tests.personas import World
from tests.projections_support import register_scenario

RUN = projection_jobs.RUN


@pytest.fixture(autouse=True)
def draws(settings):
    # The page's own number of draws, as in production (FAGKRAFT_PROJECTION_WEB_DRAWS).
    settings.FAGKRAFT = {**settings.FAGKRAFT, "PROJECTION_WEB_DRAWS": 500}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def scenario(world: World) -> Scenario:
    return register_scenario(world)


@pytest.fixture
def held(monkeypatch):
    """A queue whose worker has not come yet: submitted jobs wait."""
    monkeypatch.setattr(queue, "enqueue", lambda job_id: None)


def _poll(client, url: str) -> str:
    return client.get(url, HTTP_HX_REQUEST="true").content.decode()


def test_the_page_shows_progress_then_the_figures(login, scenario: Scenario, held):
    client = login("adviser_arne")
    detail = reverse("projections:detail", args=[scenario.pk])
    page = client.get(detail).content.decode()
    job = Job.objects.get(kind=RUN)
    assert job.state == Job.State.QUEUED and job.owner.username == "adviser_arne"
    # No figures yet: the job's state, a progress bar and a poll of this job.
    assert 'id="scenario-run"' in page and 'id="scenario-run-progress"' in page
    assert f'hx-get="{detail}?job={job.pk}"' in page
    assert 'id="gap-end-psychologist"' not in page
    assert "Beregner framskrivingen" in page
    # Loading the page again waits for the same job rather than starting another.
    client.get(detail)
    assert Job.objects.filter(kind=RUN).count() == 1
    still = _poll(client, f"{detail}?job={job.pk}")
    assert 'id="scenario-run"' in still and "<html" not in still

    queue.execute(job.pk)  # the worker
    job.refresh_from_db()
    assert (job.state, job.progress) == (Job.State.DONE, 100)
    done = _poll(client, f"{detail}?job={job.pk}")
    assert 'id="scenario-run"' not in done
    assert 'id="gap-end-psychologist"' in done and 'id="projection-charts"' in done
    # From now on the page has its figures at once, from the job's result.
    cache.clear()
    assert 'id="gap-end-psychologist"' in client.get(detail).content.decode()
    assert Job.objects.filter(kind=RUN).count() == 1


def test_the_figures_are_the_same_as_computed_in_the_request(login, scenario: Scenario):
    client = login("adviser_arne")
    detail = reverse("projections:detail", args=[scenario.pk])
    page = client.get(detail).content.decode()
    job = Job.objects.get(kind=RUN)
    assert job.state == Job.State.DONE
    # The value the page computed in the request before: runs.run on the same document,
    # in the same language, with the page's 500 draws and fixed seed.
    cache.clear()
    with translation.override("nb"):
        before = runs.run(scenario.document)
    assert job.result["run"] == before
    # And straight from the engine: the 2040 gap and its P10/P90 band of 500 draws with
    # seed 2040, as the page's table shows them (one decimal, decimal comma).
    engine = projection.project(runs.parse(scenario.document), draws=500, seed=runs.SEED)
    last = engine.for_profession("psychologist").to_dict("records")[-1]
    assert int(last["year"]) == 2040
    shown = [fte(round(float(last[key]), 3)) for key in ("gap_fte", "gap_p10", "gap_p90")]
    row = (f'<td>2040</td><td class="num">{fte(round(float(last["demand_fte"]), 3))}</td>'
           f'<td class="num">{fte(round(float(last["supply_fte"]), 3))}</td>'
           f'<td class="num">{shown[0]}</td><td class="num">{shown[1]}</td>')
    assert row in page


def test_a_changed_scenario_is_computed_again(login, scenario: Scenario, held):
    client = login("adviser_arne")
    detail = reverse("projections:detail", args=[scenario.pk])
    client.get(detail)
    first = Job.objects.get(kind=RUN)
    document = scenario.document
    document["professions"]["psychologist"]["supply"]["recruits_per_year"] = 7
    services.update_scenario(scenario.owner, scenario, document=document)
    # The page polling the old job gets a new one for the changed document.
    _poll(client, f"{detail}?job={first.pk}")
    assert Job.objects.filter(kind=RUN).count() == 2
    assert Job.objects.exclude(pk=first.pk).get().params["key"] != first.params["key"]


def test_a_failed_run_says_so_and_stops_polling(login, scenario: Scenario, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the engine broke")

    monkeypatch.setattr(runs, "run", broken)
    client = login("adviser_arne")
    page = client.get(reverse("projections:detail", args=[scenario.pk])).content.decode()
    job = Job.objects.get(kind=RUN)
    assert job.state == Job.State.FAILED
    assert 'id="scenario-run" data-state="failed"' in page and "hx-get" not in page.split(
        'id="scenario-run"')[1].split(">")[0]
    assert "Framskrivingen kunne ikke beregnes." in page
    assert 'id="scenario-run-again"' in page


def test_a_scenario_with_errors_starts_no_job(login, scenario: Scenario):
    Scenario.objects.filter(pk=scenario.pk).update(document={"name": "tom"})
    client = login("adviser_arne")
    page = client.get(reverse("projections:detail", args=[scenario.pk])).content.decode()
    assert 'id="scenario-problems"' in page
    assert not Job.objects.filter(kind=RUN).exists()


def test_the_export_waits_for_the_page_run_instead_of_computing(login, scenario: Scenario,
                                                                held):
    """Exporting before the figures are there starts (or joins) the page's run and sends
    the adviser to the scenario page, which polls it; once it is done the export is that
    run's figures: the 2040 gap of the workbook is the page's."""
    client = login("adviser_arne")
    export = reverse("projections:export", args=[scenario.pk])
    response = client.get(export)
    job = Job.objects.get(kind=RUN)
    assert job.state == Job.State.QUEUED
    detail = reverse("projections:detail", args=[scenario.pk])
    assert response.status_code == 302 and response["Location"] == f"{detail}?job={job.pk}"
    page = client.get(response["Location"]).content.decode()
    assert "Eksporter når tallene vises på denne siden." in page
    assert client.get(export).status_code == 302  # still waiting: the same job
    assert Job.objects.filter(kind=RUN).count() == 1
    queue.execute(job.pk)  # the worker
    response = client.get(export)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert Job.objects.filter(kind=RUN).count() == 1


def test_the_comparison_polls_until_the_runs_are_done(login, scenario: Scenario, held):
    copy = services.copy_scenario(scenario.owner, scenario, name="Kopi")
    client = login("adviser_arne")
    url = f"{reverse('projections:compare')}?ids={scenario.pk}&ids={copy.pk}"
    page = client.get(url).content.decode()
    jobs = list(Job.objects.filter(kind=RUN, state=Job.State.QUEUED))
    assert jobs and all(job.owner.username == "adviser_arne" for job in jobs)
    assert 'id="compare-computing"' in page and 'hx-trigger="every 1s"' in page
    assert "Kopi" in page.split('id="compare-computing"')[1].split("</div>")[0]
    assert 'id="comparison"' not in page
    client.get(url)  # a poll joins the same jobs
    assert Job.objects.filter(kind=RUN).count() == len(jobs)
    for job in jobs:
        queue.execute(job.pk)
    page = client.get(url).content.decode()
    assert 'id="compare-computing"' not in page and "hx-trigger" not in page.split(
        'id="compare-body"')[1].split(">")[0]
    assert 'id="comparison"' in page


def test_the_api_answers_202_with_the_job_until_the_run_is_done(login, scenario: Scenario,
                                                               held):
    client = login("adviser_arne")
    url = f"/api/projections/scenarios/{scenario.pk}/result/"
    waiting = client.get(url)
    job = Job.objects.get(kind=RUN)
    assert waiting.status_code == 202
    assert waiting.json() == {"job": job.pk, "state": "queued", "progress": 0,
                              "url": reverse("jobs:detail", args=[job.pk])}
    assert client.get(url).status_code == 202 and Job.objects.filter(kind=RUN).count() == 1
    queue.execute(job.pk)
    done = client.get(url)
    assert done.status_code == 200
    job.refresh_from_db()
    assert done.json() == job.result["run"]  # the adviser sees every profession
