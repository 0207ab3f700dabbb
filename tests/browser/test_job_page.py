"""The job page follows a running job by itself (HTMX polling, under the site's CSP).

Persona: the unit leader `leder`, whose import is being written by the job worker. The
test plays the worker: it moves the job (queued -> 60 % -> done) through the services,
and the open page, never reloaded, shows each step within its one-second poll.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from fagkraft.demo.logins import PASSWORD
from fagkraft.jobs import services
from tests.browser.conftest import log_in, screenshot


def test_the_job_page_shows_progress_and_the_result_without_a_reload(page, live_server,
                                                                     demo_trust):
    log_in(page, live_server.url, "leder", PASSWORD)
    leader = get_user_model().objects.get(username="leder")
    job = services.create(leader, "imports.commit", params={"import_job": 0})
    page.goto(f"{live_server.url}/jobs/{job.pk}/")
    page.locator('#job-status[data-state="queued"]').wait_for()

    services.claim(job.pk)
    services.progress(job, 60, "Kontrollerer filen på nytt og skriver den")
    page.locator('#job-progress[value="60"]').wait_for(timeout=10_000)
    assert "Kontrollerer filen på nytt og skriver den" in page.locator("#job-status").inner_text()
    screenshot(page, "job-running")

    services.finish(job, {"rows": 12, "url": "/import/", "link_text": "Se importen"})
    page.locator('#job-status[data-state="done"]').wait_for(timeout=10_000)
    status = page.locator("#job-status").inner_text()
    assert "Importerte 12 rader." in status
    assert page.locator("#job-progress").count() == 0
    page.locator("#job-result-link").click()
    page.wait_for_url(f"{live_server.url}/import/")
    screenshot(page, "job-done")
