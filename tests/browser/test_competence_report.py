"""Issue 3 in Chromium: an employee reports a course, their section leader approves it."""

from __future__ import annotations

from django.contrib.auth.models import User

from fagkraft.competence.models import Completion
from fagkraft.demo.logins import PASSWORD
from tests.browser.conftest import log_in, screenshot

COURSE = "MAP – Møte med aggresjonsproblematikk"


def menu(page, name: str) -> None:
    page.locator("header nav").get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state("networkidle")


def test_employee_reports_and_leader_approves(page, live_server, demo_trust):
    log_in(page, live_server.url, "ansatt", PASSWORD)
    menu(page, "Min kompetanse")
    report = page.locator("#report-form")
    report.get_by_label("Kompetanse").select_option(label=COURSE)
    report.get_by_label("Gjennomført").fill("2026-10-15")
    report.get_by_label("Timer").fill("21")
    report.get_by_role("button", name="Meld").click()
    page.wait_for_load_state("networkidle")
    # The demo's own completions are dated relative to today and may share the date.
    reported = Completion.objects.get(
        competence__code="MAP", completed_on="2026-10-15",
        employee=User.objects.get(username="ansatt").profile.employee)
    assert reported.status == "pending"
    screenshot(page, "employee-reported-course")

    page.get_by_role("button", name="Logg ut").click()
    log_in(page, live_server.url, "seksjonsleder", PASSWORD)
    menu(page, "Kompetanse")
    row = page.locator(f"#pending-{reported.pk}")
    assert COURSE in row.inner_text()
    waiting = page.locator("#kpi-pending .value")
    before = int(waiting.inner_text())
    assert before >= 1
    row.get_by_role("button", name="Godkjenn").click()
    row.get_by_text("Godkjent").wait_for()
    # Issue 12: the key figure follows the decision without a reload.
    page.wait_for_function(
        "n => document.querySelector('#kpi-pending .value').textContent.trim() == n",
        arg=str(before - 1))
    screenshot(page, "leader-approved-course")
    reported.refresh_from_db()
    assert reported.status == "approved"
    assert reported.approved_by.username == "seksjonsleder"
