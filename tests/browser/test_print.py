"""Issue 12.5: the unit page and the competence dashboard print as clean A4.

Print media is emulated in Chromium (what the print dialogue applies): the menu, filters,
forms and buttons are hidden, and every chart is still drawn, redrawn at the A4 text
width (186 mm = 703 px at 96 dpi, fagkraft.css and core/forms.js). Each page is also
printed to a PDF (Chromium headless only) for a look by eye in test-artifacts/.
"""

from __future__ import annotations

import pytest

from fagkraft.demo.logins import PASSWORD
from fagkraft.workforce.models import Unit
from tests.browser.conftest import ARTIFACTS, log_in

PRINT_WIDTH = 703


def _check_print(page, charts: list[str], name: str) -> None:
    page.wait_for_load_state("networkidle")
    for chart in charts:  # drawn on screen first
        page.wait_for_selector(f"{chart} svg.main-svg")
    assert page.locator("header.topbar").is_visible()
    page.emulate_media(media="print")
    for hidden in ("header.topbar", "[data-print]", "main form"):
        assert all(not element.is_visible() for element in page.locator(hidden).all()), hidden
    for chart in charts:
        page.wait_for_function(
            "([selector, width]) => {"
            " const svg = document.querySelector(selector + ' svg.main-svg');"
            " return svg && Math.abs(svg.getBoundingClientRect().width - width) < 2; }",
            arg=[chart, PRINT_WIDTH])
        assert page.locator(f"{chart} svg.main-svg").first.is_visible()
        # The bars are there, not only an empty frame.
        assert page.locator(f"{chart} .bars path, {chart} .point path").count() > 0, chart
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = page.pdf(format="A4", print_background=True)
    (ARTIFACTS / f"print-{name}.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF-")
    # Back on screen the charts take the page's width again.
    page.emulate_media(media="screen")
    assert page.locator("header.topbar").is_visible()


@pytest.mark.parametrize("username", ["leder"])
def test_the_unit_page_prints_without_menu_and_with_its_charts(page, live_server, demo_trust,
                                                               username):
    log_in(page, live_server.url, username, PASSWORD)  # a leader lands on the unit page
    assert "/units/" in page.url
    _check_print(page, ["#chart-fte", "#chart-age", "#chart-turnover"], "unit")


def test_the_competence_dashboard_prints_without_menu_and_with_its_chart(page, live_server,
                                                                         demo_trust):
    log_in(page, live_server.url, "leder", PASSWORD)
    unit = Unit.objects.get(code="NVHF-PHBU-BUP")
    page.goto(f"{live_server.url}/competence/units/{unit.pk}/")
    assert page.locator(".filters, #record-form").count() >= 1  # forms there on screen
    _check_print(page, ["#chart-share"], "competence")
