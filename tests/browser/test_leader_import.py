"""Issue 2's browser scenario, as a unit leader does it in Chromium.

The leader logs in and lands on their unit, sees the staff table and a chart, then imports
the shipped example file with mistakes (sees the row errors, nothing is written), then the
good example file (sees the new people).
"""

from __future__ import annotations

from pathlib import Path

from fagkraft.demo.logins import PASSWORD
from fagkraft.workforce.models import Employee
from tests.browser.conftest import log_in, screenshot

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_leader_sees_unit_and_imports_bad_then_good_file(page, live_server, demo_trust):
    log_in(page, live_server.url, "leder", PASSWORD)
    page.wait_for_url(f"{live_server.url}/units/**")

    # The unit page: staff table with people, and a chart Plotly has drawn.
    assert page.get_by_role("heading", name="Ansatte", exact=True).is_visible()
    staff_rows = page.locator("#staff-table table tbody tr")
    assert staff_rows.count() > 0
    page.locator("#chart-fte .main-svg").first.wait_for()
    screenshot(page, "leader-unit-page")

    # The file with mistakes: every problem listed by row and column, nothing written.
    page.get_by_role("link", name="Import", exact=True).click()
    page.get_by_label("HR-fil (CSV eller .xlsx)").set_input_files(
        str(EXAMPLES / "hr_eksempel_feil.csv"))
    page.locator("#preview-import").click()
    errors = page.locator("#import-errors tbody tr")
    errors.first.wait_for()
    assert errors.count() == 13
    error_text = page.locator("#import-errors").inner_text()
    assert "BUP-X" in error_text and "31.02.2020" in error_text
    assert page.locator("#confirm-import").count() == 0
    screenshot(page, "leader-import-errors")
    assert not Employee.objects.filter(employee_number__startswith="9001").exists()

    # The good file: preview, confirm, and the new people are there.
    page.get_by_role("link", name="Import", exact=True).click()
    page.get_by_label("HR-fil (CSV eller .xlsx)").set_input_files(
        str(EXAMPLES / "hr_eksempel.csv"))
    page.locator("#preview-import").click()
    page.locator("#import-preview").wait_for()
    page.locator("#confirm-import").click()
    # The write is a background job: its page says when it is done and leads to the import.
    page.locator('#job-status[data-state="done"]').wait_for()
    screenshot(page, "leader-import-job-done")
    page.locator("#job-result-link").click()
    page.locator("#import-status.success").wait_for()
    screenshot(page, "leader-import-done")
    # On a phone the rows written scroll inside their frame, not the page.
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "leader-import-done-phone")
    page.set_viewport_size({"width": 1366, "height": 768})
    assert Employee.objects.filter(employee_number__startswith="9000").count() == 12

    page.get_by_role("link", name="Ansatte", exact=True).first.click()
    page.get_by_label("Søk", exact=True).fill("Bjørklund")
    page.get_by_label("Søk", exact=True).press("Enter")
    page.get_by_role("link", name="Bjørklund, Åsne").wait_for()
    screenshot(page, "leader-new-people")
