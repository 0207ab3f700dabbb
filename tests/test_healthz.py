"""`/healthz`: the load balancer's and the operators' question "can this server answer?".

Persona: the operations team's monitoring, which has no account and must never see personal
data. A 503 takes the server out of the load balancer's rotation.
"""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

from fagkraft.core import health

PARTS = {"status", "database", "cache", "jobs"}


@pytest.mark.django_db
def test_anonymous_gets_200_with_each_part_ok(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    # The suite runs its jobs inside the request (FAGKRAFT_JOBS=immediate); the queue's
    # states with a real worker are tested in tests/test_jobs_worker.py.
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok",
                               "jobs": "immediate"}


@pytest.mark.django_db
def test_no_cache_may_keep_the_answer(client):
    assert "no-store" in client.get("/healthz")["Cache-Control"]


@pytest.mark.django_db
def test_a_broken_database_gives_503_without_the_error_text(client):
    failure = OperationalError('could not connect to server: host "db.internal" user "fk"')
    with mock.patch.object(health.connection, "cursor", side_effect=failure):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error", "cache": "ok",
                               "jobs": "immediate"}
    assert b"db.internal" not in response.content


@pytest.mark.django_db
def test_a_cache_that_loses_what_it_was_given_gives_503(client):
    with mock.patch.object(health.cache, "get", return_value=None):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "error"
    assert response.json()["database"] == "ok"


def test_a_part_that_is_not_required_reports_its_failure_but_keeps_the_server_healthy():
    # The job queue is such a part: a queue that is down does not take the pages with it.
    def broken() -> str:
        raise ConnectionError("queue down")

    healthy, states = health.run_checks([health.Check("database", lambda: "ok"),
                                         health.Check("jobs", broken, required=False)])
    assert healthy is True
    assert states == {"database": "ok", "jobs": "error"}


@pytest.mark.django_db
def test_a_queue_that_does_not_answer_is_reported_but_the_server_stays_healthy(client):
    def down() -> str:
        raise ConnectionError("redis down")

    jobs = next(check for check in health.CHECKS if check.name == "jobs")
    with mock.patch.object(health, "CHECKS", [
            *[check for check in health.CHECKS if check.name != "jobs"],
            health.Check("jobs", down, required=jobs.required)]):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok",
                               "jobs": "error"}


def test_the_body_carries_no_personal_data(world, client):
    # The personas' world holds Erik Ansatt (employee 1001, born 01.05.1980) and others:
    # none of it, nor any user name, may appear; only the four fixed parts and their states.
    response = client.get("/healthz")
    body = response.json()
    assert set(body) == PARTS
    assert set(body.values()) <= {"ok", "error", "immediate", "no worker"}
    text = response.content.decode()
    for person_data in ("Erik", "Ansatt", "1001", "1980", "employee_erik", "leader_lise"):
        assert person_data not in text
    assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_exempt_from_the_https_redirect_which_still_covers_the_login_page(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    login = client.get("/login/")
    assert login.status_code == 301
    assert login["Location"].startswith("https://")


@pytest.mark.django_db
def test_only_reads(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405

