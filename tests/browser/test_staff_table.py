"""Issue 12 in Chromium: the staff table's names open the person's page, and the filters
show (and keep) what they filter on."""

from __future__ import annotations

from fagkraft.demo.logins import PASSWORD, SECTION_LEADER_UNIT
from fagkraft.workforce.models import Unit
from tests.browser.conftest import log_in, screenshot


def test_a_name_opens_the_employee_page_not_a_swap_into_the_table(page, live_server,
                                                                   demo_trust):
    log_in(page, live_server.url, "seksjonsleder", PASSWORD)
    unit = Unit.objects.get(code=SECTION_LEADER_UNIT)
    page.goto(f"{live_server.url}/units/{unit.pk}/")
    name = page.locator("#staff-table table.staff tbody a").first
    href = name.get_attribute("href")
    name.click()
    page.wait_for_url(f"{live_server.url}{href}")
    page.wait_for_load_state("networkidle")
    # One page: one header, no staff table left around the employee's page.
    assert page.locator("header").count() == 1
    assert page.locator("#staff-table").count() == 0
    screenshot(page, "staff-name-opens-employee")


def test_the_specialist_filter_shows_and_keeps_its_value(page, live_server, demo_trust):
    log_in(page, live_server.url, "radgiver", PASSWORD)
    page.goto(f"{live_server.url}/employees/?specialist=true")
    # The label wraps the select, so a label query also finds professions named "spesialist".
    specialist = page.locator('form.filters select[name="specialist"]')
    assert specialist.input_value() == "true"
    assert specialist.locator("option:checked").inner_text() == "Ja"
    every = page.locator("#staff-table tbody tr").count()
    assert every > 0
    assert page.locator("#staff-table tbody td span.badge.ok").count() == every  # all "Ja"
    page.locator("form.filters").get_by_role("button", name="Filtrer").click()
    page.wait_for_load_state("networkidle")
    assert "specialist=true" in page.url
    assert specialist.input_value() == "true"
    assert page.locator("#staff-table tbody td span.badge.ok").count() == every
    screenshot(page, "staff-filter-kept")
