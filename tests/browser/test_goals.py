"""Issue 13 in Chromium: a planner opens a goal and sees an indicator with baseline and
target drawn; an adviser adds a manual indicator value and the goal's status changes.

The demo's Nordvik HF goal (demo/goals.py): baseline 50 on 31.12 two years ago, target
75 by 31.12 next year, last value 51 a year ago -> not on track. A value of 80 today is
at or beyond the target -> met.
"""

from __future__ import annotations

from fagkraft.core import dates
from fagkraft.demo.logins import PASSWORD
from fagkraft.goals.models import Goal, ManualValue
from tests.browser.conftest import log_in, screenshot


def test_planner_sees_baseline_and_target(page, live_server, demo_trust):
    log_in(page, live_server.url, "planlegger", PASSWORD)
    page.goto(f"{live_server.url}/goals/")  # the menu's "Mål" waits under "Mer"
    page.locator("#goals tbody a", has_text="Beholde og rekruttere fagfolk").click()
    page.wait_for_load_state("networkidle")
    goal = Goal.objects.get(text="Beholde og rekruttere fagfolk")
    indicator = goal.indicators.get(kind="specialist_share")
    card = page.locator(f"#indicator-{indicator.pk}")
    card.locator(".main-svg").first.wait_for()  # Plotly drew the chart
    # The chart's legend names the value, the baseline and the target lines.
    legend = card.locator(".legend").first.text_content() or ""
    assert "Utgangsverdi" in legend and "Målverdi" in legend
    baseline = card.locator("td.baseline").inner_text()
    target = card.locator("td.target").inner_text()
    screenshot(page, "goal-planner")
    shown = f"{indicator.baseline:.1f}".replace(".", ",")
    assert baseline.startswith(shown)
    assert target.startswith(f"{indicator.target:.1f}".replace(".", ","))
    assert card.locator(".indicator-status").inner_text() in (
        "I rute", "Ikke i rute", "Oppfylt", "Ingen data")


def test_adviser_adds_a_value_and_the_status_changes(page, live_server, demo_trust):
    log_in(page, live_server.url, "radgiver", PASSWORD)
    goal = Goal.objects.get(unit__code="NVHF")
    page.goto(f"{live_server.url}/goals/{goal.pk}/")
    status = page.locator("#goal-status")
    assert status.inner_text() == "Ikke i rute"
    indicator = goal.indicators.get()
    form = page.locator(f"#indicator-{indicator.pk} form.value-form")
    today = dates.today()
    form.get_by_label("Periodeslutt").fill(today.strftime("%d.%m.%Y"))
    form.get_by_label("Verdi").fill("80")
    form.get_by_label("Kilde").fill("Telling i BUP-poliklinikkene")
    form.get_by_role("button", name="Legg til verdi").click()
    page.wait_for_load_state("networkidle")
    screenshot(page, "goal-adviser-value")
    assert page.locator("#goal-status").inner_text() == "Oppfylt"
    value = ManualValue.objects.get(indicator=indicator, period_end=today)
    assert (value.value, value.entered_by.username) == (80, "radgiver")
