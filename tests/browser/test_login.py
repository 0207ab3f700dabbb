"""A person logs in through the real login form, in Norwegian by default."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.personas import PASSWORD, build_world


@pytest.fixture
def live_world(transactional_db):
    return build_world()


def test_login_page_speaks_norwegian_and_logs_in(page, live_server, live_world):
    page.goto(f"{live_server.url}/login/")
    assert page.get_by_role("heading", name="Logg inn i Fagkraft").is_visible()
    page.get_by_label("Brukernavn").fill("adviser_arne")
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(f"{live_server.url}/units/**")
    screenshot(page, "login-adviser-home")
    assert page.get_by_role("button", name="Logg ut").is_visible()


def test_wrong_password_is_explained(page, live_server, live_world):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brukernavn").fill("adviser_arne")
    page.get_by_label("Passord").fill("wrong")
    page.get_by_role("button", name="Logg inn").click()
    # The answer is a new page (the password check is deliberately slow): wait for it;
    # is_visible() alone asks the page still showing the form (flaky under CI's load).
    expect(page.get_by_text("Feil brukernavn eller passord. Prøv igjen.")).to_be_visible()
