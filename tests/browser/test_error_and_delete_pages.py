"""In Chromium: the 404 page speaks bokmål and keeps the menu; deleting a WISN study goes
through its confirmation page and ends on the list with a message."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from fagkraft.workload import services
from fagkraft.workload.models import WisnStudy
from tests.browser.conftest import log_in, screenshot
from tests.personas import PASSWORD, build_world


@pytest.fixture
def live_world(transactional_db):
    return build_world()


def test_404_page_in_bokmal_with_the_menu(page, live_server, live_world):
    log_in(page, live_server.url, "leader_lise", PASSWORD)
    page.goto(f"{live_server.url}/no-such-page/")
    assert page.get_by_role("heading", name="Siden finnes ikke").is_visible()
    menu = page.locator("header nav")
    assert menu.get_by_role("link", name="Enheter", exact=True).is_visible()
    screenshot(page, "error-404")
    page.get_by_role("link", name="Gå til startsiden").click()
    page.wait_for_url(f"{live_server.url}/units/**")


def test_deleting_a_study_asks_first_and_confirms(page, live_server, live_world):
    study = services.create_study(None, unit=live_world.section_a, name="BUP Nord 2025",
                                  year=2025)
    log_in(page, live_server.url, "leader_lise", PASSWORD)
    page.goto(f"{live_server.url}/workload/studies/{study.pk}/")
    page.get_by_role("link", name="Slett studien").click()
    expect(page.get_by_role("heading", name="Slette BUP Nord 2025 (2025)?")).to_be_visible()
    screenshot(page, "delete-confirmation")
    assert WisnStudy.objects.filter(pk=study.pk).exists()
    page.get_by_role("button", name="Slett", exact=True).click()
    page.wait_for_url(f"{live_server.url}/workload/")
    assert page.get_by_text("Slettet: BUP Nord 2025 (2025).").is_visible()
    assert not WisnStudy.objects.filter(pk=study.pk).exists()
