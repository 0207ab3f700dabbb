"""The strict Content-Security-Policy in Chromium: charts, HTMX, forms and Swagger UI work.

Persona: `leder`, the demo's BUP department leader, goes through the pages that run the
most script: the unit page (three Plotly charts and the HTMX staff filter), the
competence page (Plotly), the language switch (a select that submits its form) and the
API's Swagger UI. The page fixture fails the test if the policy blocked anything.
"""

from __future__ import annotations

from fagkraft.demo.logins import PASSWORD
from fagkraft.workforce.models import Unit
from tests.browser.conftest import log_in

UNIT = "NVHF-PHBU-BUP"


def test_pages_work_under_the_policy(page, live_server, demo_trust):
    unit = Unit.objects.get(code=UNIT)
    log_in(page, live_server.url, "leder", PASSWORD)

    response = page.goto(f"{live_server.url}/units/{unit.pk}/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    for chart in ("chart-fte", "chart-age", "chart-turnover"):
        assert page.locator(f"#{chart} .main-svg").count() > 0, chart  # Plotly drew it

    # HTMX (hx-trigger="change") swaps the staff table in place.
    rows_before = page.locator("#staff-table tbody tr").count()
    page.locator("form.filters select").first.select_option(index=1)
    page.wait_for_load_state("networkidle")
    assert page.locator("#staff-table").count() == 1
    assert page.locator("#staff-table tbody tr").count() <= rows_before

    page.goto(f"{live_server.url}/competence/units/{unit.pk}/")
    page.wait_for_load_state("networkidle")
    assert page.locator(".js-plotly-plot").count() > 0

    # The language switch submits its form from a static script, not an inline handler.
    with page.expect_navigation():
        page.locator("select[name=language]").select_option("en")
    assert page.locator("html").get_attribute("lang") == "en"

    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".opblock", timeout=30_000)  # Swagger UI rendered the schema
    assert page.locator(".opblock").count() > 10
