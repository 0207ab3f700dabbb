"""Production security settings (issue 10, point 6).

Settings are read once at start, so each configuration is started for real in a fresh
`fagkraft` process with only the variables a trust's operator would set. The in-process
tests use the suite's development mode and look at what every answer carries.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ImproperlyConfigured, ValidationError

from fagkraft.settings import env_bool
from tests.personas import PASSWORD

FAGKRAFT = str(Path(sys.executable).with_name("fagkraft"))
TEMPLATES = Path(__file__).resolve().parents[1] / "src" / "fagkraft"
# 50 random-looking characters: what `secrets.token_urlsafe(50)` gives an operator.
PRODUCTION_KEY = "k3J9-vQ2xZp7Lr4Wm8Ns1Tb6Yc0Hd5Fg2Ea9Uo3Ri7Pl4Kj8Mn1"
SECURITY_SWITCHES = ["SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
                     "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
                     "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_PROXY_SSL_HEADER",
                     "SESSION_COOKIE_AGE"]


def operator_env(tmp_path: Path, **variables: str) -> dict[str, str]:
    """The machine's environment without any Fagkraft or database variable, plus these."""
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("FAGKRAFT_", "DJANGO_")) and name != "DATABASE_URL"}
    env["FAGKRAFT_DB"] = str(tmp_path / "operator.sqlite3")
    env.update(variables)
    return env


def run_fagkraft(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([FAGKRAFT, *args], env=env, capture_output=True, text=True,
                          timeout=120, check=False)


def started_settings(env: dict[str, str]) -> dict[str, object]:
    script = ("import json; from django.conf import settings; print(json.dumps("
              f"{{name: getattr(settings, name) for name in {SECURITY_SWITCHES!r}}}))")
    result = run_fagkraft(env, "shell", "-c", script)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


# -- Starting up: the operator's three variables ------------------------------------------

def test_check_deploy_is_clean_with_the_three_variables(tmp_path):
    env = operator_env(tmp_path, FAGKRAFT_SECRET_KEY=PRODUCTION_KEY,
                       FAGKRAFT_ALLOWED_HOSTS="fagkraft.nordvik-hf.example",
                       FAGKRAFT_DEBUG="false")
    result = run_fagkraft(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "security." not in result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_the_development_key(tmp_path):
    env = operator_env(tmp_path, FAGKRAFT_ALLOWED_HOSTS="fagkraft.nordvik-hf.example",
                       FAGKRAFT_DEBUG="false")
    result = run_fagkraft(env, "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "FAGKRAFT_SECRET_KEY is not set" in result.stderr


def test_development_mode_starts_without_configuration(tmp_path):
    result = run_fagkraft(operator_env(tmp_path, FAGKRAFT_DEV_MODE="true"), "check")
    assert result.returncode == 0, result.stderr


def test_production_turns_every_https_protection_on(tmp_path):
    env = operator_env(tmp_path, FAGKRAFT_SECRET_KEY=PRODUCTION_KEY)
    assert started_settings(env) == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,  # 365 days × 86,400 s
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SESSION_COOKIE_AGE": 28_800,  # 8 hours × 3,600 s
    }


def test_each_protection_can_be_switched_off_by_its_own_variable(tmp_path):
    env = operator_env(
        tmp_path, FAGKRAFT_SECRET_KEY=PRODUCTION_KEY, FAGKRAFT_SSL_REDIRECT="false",
        FAGKRAFT_HSTS_SECONDS="0", FAGKRAFT_HSTS_INCLUDE_SUBDOMAINS="no",
        FAGKRAFT_HSTS_PRELOAD="0", FAGKRAFT_SESSION_COOKIE_SECURE="false",
        FAGKRAFT_CSRF_COOKIE_SECURE="false", FAGKRAFT_PROXY_SSL_HEADER="false",
        FAGKRAFT_SESSION_HOURS="1.5")
    assert started_settings(env) == {
        "SECURE_SSL_REDIRECT": False, "SECURE_HSTS_SECONDS": 0,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False, "SECURE_HSTS_PRELOAD": False,
        "SESSION_COOKIE_SECURE": False, "CSRF_COOKIE_SECURE": False,
        "SECURE_PROXY_SSL_HEADER": None,
        "SESSION_COOKIE_AGE": 5_400,  # 1.5 hours × 3,600 s
    }


def test_development_mode_serves_plain_http(tmp_path):
    values = started_settings(operator_env(tmp_path, FAGKRAFT_DEV_MODE="true"))
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0
    assert values["SESSION_COOKIE_SECURE"] is False
    assert values["CSRF_COOKIE_SECURE"] is False


# -- env_bool --------------------------------------------------------------------------

@pytest.mark.parametrize(("word", "meaning"), [
    ("true", True), ("TRUE", True), ("1", True), ("yes", True),
    ("false", False), ("0", False), ("No", False),
])
def test_env_bool_reads_the_six_words(monkeypatch, word, meaning):
    monkeypatch.setenv("FAGKRAFT_EXAMPLE_SWITCH", word)
    assert env_bool("FAGKRAFT_EXAMPLE_SWITCH", not meaning) is meaning


def test_env_bool_refuses_a_typo_naming_variable_and_value(monkeypatch):
    monkeypatch.setenv("FAGKRAFT_DEBUG", "ture")
    with pytest.raises(ImproperlyConfigured, match=r"FAGKRAFT_DEBUG='ture'"):
        env_bool("FAGKRAFT_DEBUG", False)


def test_a_typo_stops_the_start(tmp_path):
    result = run_fagkraft(operator_env(tmp_path, FAGKRAFT_DEV_MODE="true",
                                       FAGKRAFT_SSL_REDIRECT="ture"), "check")
    assert result.returncode != 0
    assert "FAGKRAFT_SSL_REDIRECT='ture' is not a yes/no value" in result.stderr


# -- What every answer carries ---------------------------------------------------------

def test_pages_carry_a_strict_content_security_policy(world, login):
    policy = login("leader_lise").get(f"/units/{world.section_a.pk}/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # no inline script, no eval, no other host
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_no_template_has_inline_script_or_event_handler():
    offenders = []
    for template in TEMPLATES.rglob("templates/**/*.html"):
        text = template.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and "application/json" not in tag:
                offenders.append(f"{template.name}: {tag}")
        offenders += [f"{template.name}: {handler}"
                      for handler in re.findall(r"\son[a-z]+\s*=", text)]
    assert offenders == []


def test_answers_to_a_signed_in_user_are_never_stored(world, login):
    client = login("leader_lise")
    for url in [f"/units/{world.section_a.pk}/", f"/units/{world.section_a.pk}/staff.csv",
                "/employees/export.xlsx", f"/api/employees/{world.erik.pk}/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


def test_api_schema_and_docs_need_a_login(client, world, login):
    assert client.get("/api/schema/").status_code in (401, 403)
    docs = client.get("/api/docs/")
    assert docs.status_code == 302
    assert docs["Location"].startswith("/login/")
    signed_in = login("adviser_arne")
    assert signed_in.get("/api/schema/").status_code == 200
    assert signed_in.get("/api/docs/").status_code == 200


def test_session_lasts_eight_hours(world, client):
    client.post("/login/", {"username": "leader_lise", "password": PASSWORD})
    assert client.cookies["sessionid"]["max-age"] == 8 * 3600


# -- Passwords -------------------------------------------------------------------------

@pytest.mark.parametrize("password", [
    "kort1",          # shorter than 8 characters
    "password123",    # on Django's list of common passwords
    "4815162342",     # numbers only
    "leader_lise1",   # too like the user name
])
def test_the_four_password_validators_refuse(world, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=world.users["leader_lise"])


def test_a_good_password_passes(world):
    validate_password("Granskog-Fjell-Trikk-42", user=world.users["leader_lise"])
