"""Login throttling and lockout (django-axes) for the login form and the API.

The suite runs with throttling off (pyproject.toml, pytest-env); here it is on, with the shipped
limits: 5 failures lock the user name from that address for 15 minutes.

Personas: leader_lise is the one someone guesses at; leader_ola shares her office (same
address) and must not be locked out with her.
"""

from __future__ import annotations

import base64

import pytest
from axes.models import AccessAttempt
from django.test import Client

from tests.personas import PASSWORD

LIMIT = 5
LOCKED = 429
NORWEGIAN_MESSAGE = "For mange mislykkede innlogginger. Prøv igjen om 15 minutter."


@pytest.fixture(autouse=True)
def _throttle_on(settings):
    settings.AXES_ENABLED = True


def form_login(client: Client, username: str, password: str):
    return client.post("/login/", {"username": username, "password": password})


def basic(username: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def test_the_form_locks_out_after_five_wrong_passwords(world, client):
    for _ in range(LIMIT - 1):
        assert form_login(client, "leader_lise", "gjett").status_code == 200  # form again
    locking = form_login(client, "leader_lise", "gjett")
    assert locking.status_code == LOCKED
    # Locked: even the right password is refused, in Norwegian, without a session.
    answer = form_login(client, "leader_lise", PASSWORD)
    assert answer.status_code == LOCKED
    assert NORWEGIAN_MESSAGE in answer.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_colleague_at_the_same_address_still_logs_in(world, client):
    for _ in range(LIMIT):
        form_login(client, "leader_lise", "gjett")
    answer = form_login(Client(), "leader_ola", PASSWORD)
    assert answer.status_code == 302


def test_a_right_password_before_the_limit_resets_the_count(world, client):
    for _ in range(LIMIT - 1):
        form_login(client, "leader_lise", "gjett")
    assert form_login(client, "leader_lise", PASSWORD).status_code == 302
    client.logout()
    for _ in range(LIMIT - 1):
        assert form_login(client, "leader_lise", "gjett").status_code == 200
    assert form_login(client, "leader_lise", PASSWORD).status_code == 302


def test_the_api_basic_auth_locks_out_too(world, client):
    for _ in range(LIMIT - 1):
        # 403, not 401: session authentication comes first and sends no challenge.
        assert client.get("/api/units/", **basic("leader_lise", "gjett")).status_code == 403
    assert client.get("/api/units/", **basic("leader_lise", "gjett")).status_code == LOCKED
    answer = client.get("/api/units/", **basic("leader_lise", PASSWORD))
    assert answer.status_code == LOCKED
    assert answer.json() == {"detail": NORWEGIAN_MESSAGE}
    assert AccessAttempt.objects.get(username="leader_lise").failures_since_start == LIMIT + 1


def test_a_locked_form_login_also_blocks_the_api(world, client):
    for _ in range(LIMIT):
        form_login(client, "leader_lise", "gjett")
    assert client.get("/api/units/", **basic("leader_lise", PASSWORD)).status_code == LOCKED


def test_basic_auth_with_the_right_password_works(world, client):
    assert client.get("/api/units/", **basic("leader_lise", PASSWORD)).status_code == 200
