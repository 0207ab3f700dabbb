"""Issue 6 in Chromium: raising turnover in a demo scenario moves the gap.

The demo's scenario "PHBU Nordvik: as today" belongs to the planner, but in the small demo
its psychologists' projection rests on counts under 5 (3 leavers, 4 recruits), so
disclosure control hides it from the planner (docs/access.md); the administrator, who may
change any scenario, changes it here. With more people
leaving every year and nothing else changed, supply falls faster, so the projected gap
(demand − supply) in the last year must grow; the chart is redrawn from the new figures.

The page's projection is a background job: the suite's queue runs it inside the request,
so the figures are there when the page is. The second test holds the queue, so the page
shows the job's progress, runs the job as a worker would and sees the page's poll bring
the figures in by itself.
"""

from __future__ import annotations

from django.core.cache import cache

from fagkraft.demo.logins import PASSWORD
from fagkraft.jobs import queue
from fagkraft.jobs.models import Job
from fagkraft.projections import jobs as projection_jobs
from fagkraft.projections.models import Scenario
from tests.browser.conftest import log_in, screenshot

SCENARIO = "PHBU Nordvik: som i dag"
PROFESSION = "psychologist"


def gap_line(page) -> list[float]:
    """The central gap line as Plotly drew it (the first line; any intake line follows)."""
    return page.evaluate(
        """key => {
            const chart = document.getElementById(`chart-${key}-gap`);
            const lines = chart.data.filter(t => t.mode === 'lines+markers');
            return lines[0].y;
        }""",
        PROFESSION,
    )


def test_raising_turnover_moves_the_gap(page, live_server, demo_trust):
    log_in(page, live_server.url, "admin", PASSWORD)
    page.locator("header nav").get_by_role("link", name="Framskrivinger").click()
    page.get_by_role("link", name=SCENARIO).click()
    page.wait_for_load_state("networkidle")
    before = gap_line(page)
    screenshot(page, "projection-before")

    form = page.locator(f"#assumptions-{PROFESSION}")
    form.get_by_label("Én turnoverrate for alle aldre").check()
    form.get_by_label("Turnover, øvrige aldre (% per år)").fill("30")
    form.get_by_role("button", name="Lagre og beregn på nytt").click()
    page.wait_for_load_state("networkidle")
    page.get_by_text("Forutsetningene ble lagret").wait_for()
    after = gap_line(page)
    screenshot(page, "projection-after")

    scenario = Scenario.objects.get(name__startswith="PHBU Nordvik: som")
    supply = scenario.document["professions"][PROFESSION]["supply"]
    assert supply["turnover_percent"] == 30
    assert "turnover_percent_by_age" not in supply
    # Same base year, same start; from then on more leavers mean a larger gap.
    assert after[0] == before[0]
    assert after[-1] > before[-1]


def test_the_page_waits_for_its_job_and_draws_the_figures(page, live_server, demo_trust,
                                                         monkeypatch):
    monkeypatch.setattr(queue, "enqueue", lambda job_id: None)  # no worker yet
    cache.clear()
    log_in(page, live_server.url, "admin", PASSWORD)
    scenario = Scenario.objects.get(name__startswith="PHBU Nordvik: som")
    page.goto(f"{live_server.url}/projections/{scenario.pk}/")
    page.locator("#scenario-run-progress").wait_for()
    assert page.locator(f"#chart-{PROFESSION}-gap").count() == 0
    screenshot(page, "projection-waiting")

    job = Job.objects.get(kind=projection_jobs.RUN, owner__username="admin")
    queue.execute(job.pk)  # the worker; the page's next poll finds the job done
    job.refresh_from_db()
    page.locator(f"#chart-{PROFESSION}-gap .main-svg").first.wait_for(timeout=15000)
    assert page.locator("#scenario-run").count() == 0
    assert len(gap_line(page)) == len(job.result["run"]["years"])
    screenshot(page, "projection-done")
