"""Issue 5 in Chromium: a section leader opens the demo WISN study, changes a standard
(minutes per outpatient contact) and sees the required staff change."""

from __future__ import annotations

from fagkraft.demo.logins import PASSWORD
from fagkraft.workload.models import WorkloadActivity
from tests.browser.conftest import log_in, screenshot


def test_leader_changes_a_standard_and_sees_required_staff_change(page, live_server,
                                                                    demo_trust):
    log_in(page, live_server.url, "seksjonsleder", PASSWORD)
    page.locator("header nav").get_by_role("link", name="Bemanningsbehov", exact=True).click()
    page.wait_for_load_state("networkidle")
    page.locator("#wisn-studies tbody a").first.click()
    page.wait_for_load_state("networkidle")
    page.locator("#wisn-chart .main-svg").first.wait_for()  # Plotly drew the chart

    result = page.locator('#wisn-results tr[data-category="Psykolog"] td.required')
    before = result.inner_text()
    contact = WorkloadActivity.objects.get(category__name="Psykolog",
                                           name="Poliklinisk konsultasjon")
    row = page.locator(f"#activity-row-{contact.pk}")
    row.locator(f'input[name="a{contact.pk}-minutes_per_unit"]').fill("300")
    row.get_by_role("button", name="Lagre").click()
    page.wait_for_function(
        "before => document.querySelector("
        "'#wisn-results tr[data-category=\"Psykolog\"] td.required').innerText !== before",
        arg=before)
    after = result.inner_text()
    screenshot(page, "wisn-standard-changed")

    # Doubling the time per contact (150 -> 300 min) doubles the contacts' share of
    # the psychologists' need: the figure must grow.
    as_number = lambda text: float(text.strip().replace("\u00a0", "").replace(",", "."))  # noqa: E731
    assert as_number(after) > as_number(before)
    contact.refresh_from_db()
    assert contact.minutes_per_unit == 300
