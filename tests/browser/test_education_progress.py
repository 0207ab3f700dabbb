"""Issue 4 in Chromium: a supervisor signs a learning activity, the leader approves the
learning goal, and the candidate's progress moves.

The demo makes the employee login ("ansatt") the signing supervisor of a LIS3 candidate
in the BUP department, with one activity waiting for a signature; "leder" leads that
department.
"""

from __future__ import annotations

from fagkraft.demo.logins import PASSWORD
from fagkraft.education.models import CandidateSupervisor, GoalApproval, LearningActivity
from tests.browser.conftest import log_in, screenshot


def menu(page, name: str) -> None:
    page.locator("header nav").get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state("networkidle")


def test_supervisor_signs_and_leader_approves(page, live_server, demo_trust):
    assignment = CandidateSupervisor.objects.select_related("candidate").get(
        role="signing", supervisor__last_name__isnull=False)
    candidate = assignment.candidate
    waiting = LearningActivity.objects.get(candidate=candidate, signed_at__isnull=True)
    approved_before = GoalApproval.objects.filter(candidate=candidate).count()

    log_in(page, live_server.url, "ansatt", PASSWORD)
    menu(page, "Min utdanning")
    page.locator(f"#supervised-{candidate.pk}").get_by_role("link").click()
    page.wait_for_load_state("networkidle")
    page.locator(f"#activity-{waiting.pk}").get_by_role("button", name="Signer").click()
    page.wait_for_load_state("networkidle")
    page.locator(f"#activity-{waiting.pk}").get_by_text("Signert av").wait_for()
    screenshot(page, "supervisor-signed-activity")
    waiting.refresh_from_db()
    assert waiting.signed_by_id == assignment.supervisor_id

    page.get_by_role("button", name="Logg ut").click()
    log_in(page, live_server.url, "leder", PASSWORD)
    menu(page, "Utdanning")
    page.locator(f"#candidate-{candidate.pk}").get_by_role("link").first.click()
    page.wait_for_load_state("networkidle")
    goals = page.locator("#goals-approved .value")
    total = len(candidate.template.goals.all()) + 6  # the template's own + 6 common goals
    assert goals.inner_text().replace(" ", "") == f"{approved_before}/{total}"
    progress_before = page.locator("#progress .value").inner_text()
    page.locator(f"#goal-{waiting.goal_id}").get_by_role("button", name="Godkjenn").click()
    page.wait_for_load_state("networkidle")
    assert goals.inner_text().replace(" ", "") == f"{approved_before + 1}/{total}"
    assert page.locator("#progress .value").inner_text() != progress_before
    screenshot(page, "leader-approved-goal")
    assert GoalApproval.objects.filter(candidate=candidate, goal=waiting.goal).exists()
