"""Issue 13 in Chromium: a planner opens the retention page and sees the curve for
psychologist specialists.

The planner's page is the demo region's; choosing "Psykolog" and "Spesialister" redraws
the page for that group. What the chart shows must be what the API gives for the same
selection (the curve starts at 1 on day 0, then the API's points), and the group row
must say how many spells the curve rests on (at least 5: no curve of fewer).
"""

from __future__ import annotations

from django.urls import reverse

from fagkraft.demo.logins import PASSWORD
from fagkraft.workforce.models import Unit
from tests.browser.conftest import log_in, screenshot


def test_a_planner_sees_the_curve_for_psychologist_specialists(page, live_server, demo_trust):
    log_in(page, live_server.url, "planlegger", PASSWORD)
    page.locator("header details.dropdown summary").click()
    page.locator("header nav").get_by_role("link", name="Stabilitet og turnover").click()
    page.wait_for_load_state("networkidle")
    form = page.locator("#retention-selection")
    form.get_by_label("Yrke", exact=True).select_option(label="Psykolog")
    form.get_by_label("Spesialist", exact=True).select_option(label="Spesialister")
    form.get_by_role("button", name="Vis").click()
    page.wait_for_load_state("networkidle")
    screenshot(page, "retention-psychologist-specialists")

    drawn = page.evaluate("""() => {
        const chart = document.getElementById('chart-retention');
        const line = chart.data.find(t => t.line && t.line.width !== 0);
        return {name: line.name, x: line.x, y: line.y};
    }""")
    region = Unit.objects.get(code="DEMO")
    api = page.evaluate("""url => fetch(url, {credentials: 'same-origin'})
        .then(r => r.json())""", reverse("retention-unit", args=[region.pk])
        + "?profession=psychologist&specialist=yes")
    total = api["total"]
    assert total["size"] >= 5 and total["curve"]
    assert drawn["x"] == [0, *[p["days"] for p in total["curve"]]]
    assert drawn["y"][0] == 1.0
    assert drawn["y"][1:] == [p["retention"] for p in total["curve"]]
    # A planner sees no at-risk or event counts.
    assert {p["at_risk"] for p in total["curve"]} == {None}
    row = page.locator("#retention-groups tr.total")
    assert row.locator("td").nth(1).inner_text() == str(total["size"]) or \
        row.locator("td").nth(1).inner_text().replace("\u00a0", "") == str(total["size"])
