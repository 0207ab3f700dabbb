"""Playwright driving Debian's Chromium against pytest-django's live server.

Never `playwright install`: the browser is Debian's package (`make test` installs it).
Under CI=true a missing browser fails the run instead of skipping it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test.utils import override_settings

from tests.browser.snapshot import Snapshot, flush, restore, take_snapshot
from tests.shared_data import FAST_HASHERS

CHROMIUM = os.environ.get("FAGKRAFT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
BROWSER_TESTS = Path(__file__).resolve().parent

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
# still synchronous, so Django's async-safety guard must stand aside here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Every test in this folder drives the browser: `-m "not browser"` leaves them out.
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the test item, so the page fixture can tell a failure.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(browser, live_server, request) -> Iterator:
    context = browser.new_context(locale="nb-NO", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Anything fetched from outside the live server is a bug: nothing may load from the net.
    outside: list[str] = []
    page.on(
        "request",
        lambda request: outside.append(request.url)
        if not request.url.startswith((live_server.url, "data:", "blob:", "about:"))
        else None,
    )
    # Whatever the Content-Security-Policy blocks (an inline script or handler, an eval in
    # a library) is a broken page: Chromium reports each block on the console.
    blocked: list[str] = []
    page.on("console", lambda message: blocked.append(message.text)
            if "Content Security Policy" in message.text else None)
    # A file the page asks for and the server does not have (a style sheet, a script, an
    # image, the tab's icon) is a broken page too; pages and HTMX answers may be 404 on
    # purpose (out of scope), so only those kinds count.
    missing: list[str] = []
    page.on("response", lambda response: missing.append(response.url)
            if response.status == 404
            and (response.request.resource_type in {"stylesheet", "script", "image", "font"}
                 or response.url.endswith("/favicon.ico"))
            else None)
    # Requests still in flight when the test ends: the live server goes on serving them
    # (an audited read writes its event) while the test database is emptied, and on
    # PostgreSQL the flush's TRUNCATE then deadlocks with that INSERT. Wait for them.
    in_flight: set = set()
    page.on("request", lambda sent: in_flight.add(sent))
    page.on("requestfinished", lambda done: in_flight.discard(done))
    page.on("requestfailed", lambda failed: in_flight.discard(failed))
    yield page
    deadline = time.monotonic() + 10
    while in_flight and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        screenshot(page, f"FAILED-{request.node.name}")
    context.close()
    assert outside == [], f"requests left the server: {outside}"
    assert blocked == [], f"the Content-Security-Policy blocked: {blocked}"
    assert missing == [], f"files the pages asked for are missing: {missing}"


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup, django_db_blocker) -> Snapshot:
    """The demo region seeded once per session, kept in memory; the database is then
    emptied again (as every transactional test leaves it) for the tests that follow."""
    from io import StringIO

    from django.core.management import call_command

    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        call_command("seed_demo", "--employees", "300", "--seed", "11", stdout=StringIO())
        snapshot = take_snapshot()
        flush(inhibit_post_migrate=False)
    return snapshot


@pytest.fixture
def demo_trust(transactional_db, _demo_snapshot: Snapshot):
    """A small demo region (300 employees), seeded as `make demo` seeds it.

    Each test starts from the same seeded rows, written back from the session's snapshot
    (seeding costs far more); transactional_db empties the database after the test, so
    whatever the test wrote is gone before the next one."""
    restore(_demo_snapshot)


def log_in(page, base_url: str, username: str, password: str) -> None:
    """Through the login form, as a person does (the page is in bokmål by default)."""
    page.goto(f"{base_url}/login/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state("networkidle")


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
