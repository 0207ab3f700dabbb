"""A real OpenID Connect provider for the single sign-on tests, and a browser without a browser.

The provider is django-oauth-toolkit in its own process (tests/oidc_provider/), on a port
of 127.0.0.1 that it picks itself, with its own SQLite database. The "browser" is a
requests session for the provider's pages and the Django test client for Fagkraft's,
carrying each redirect from one to the other as a browser would.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client
from joserfc.jwk import RSAKey

ROOT = Path(__file__).resolve().parents[1]
CALLBACK = "http://testserver/login/sso/callback/"
AFTER_LOGOUT = "http://testserver/login/"


def new_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def public_jwk(private_pem: str, kid: str) -> dict:
    return RSAKey.import_key(private_pem).as_dict(private=False, kid=kid)


def private_jwk(private_pem: str, kid: str) -> dict:
    return RSAKey.import_key(private_pem).as_dict(private=True, kid=kid)


@dataclass
class Provider:
    base: str
    process: subprocess.Popen

    @property
    def issuer(self) -> str:
        return f"{self.base}/o"

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"


def start_provider(directory: Path, *, users: list[dict], clients: list[dict]) -> Provider:
    """Start the provider with these users and clients; it answers once it prints READY."""
    config = {"database": str(directory / "provider.sqlite3"), "signing_key": new_key_pem(),
              "wrong_key": new_key_pem(), "users": users,
              "clients": [{"redirect_uri": CALLBACK, "post_logout_redirect_uri": AFTER_LOGOUT,
                           **client} for client in clients]}
    path = directory / "provider.json"
    path.write_text(json.dumps(config))
    log = (directory / "provider.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "tests.oidc_provider.serve", str(path)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=log, text=True)
    line = process.stdout.readline()  # blocks until READY or the process ends
    log.close()
    if not line.startswith("READY"):
        process.kill()
        process.wait(timeout=10)
        text = (directory / "provider.log").read_text()
        raise RuntimeError(f"the OIDC provider did not start:\n{text}")
    return Provider(f"http://127.0.0.1:{int(line.split()[1])}", process)


def stop_provider(provider: Provider) -> None:
    provider.process.terminate()
    try:
        provider.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        provider.process.kill()
        provider.process.wait(timeout=10)


class _Inputs(HTMLParser):
    """The named inputs of a page's forms (hidden fields, CSRF token)."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "input" and named.get("name") and named.get("type") in ("hidden", None):
            self.fields[named["name"]] = named.get("value") or ""


def form_fields(html: str) -> dict[str, str]:
    parser = _Inputs()
    parser.feed(html)
    return parser.fields


def to_app(client: Client, location: str, **kwargs):
    """Follow a redirect that leads back to Fagkraft (http://testserver/...)."""
    parts = urlsplit(location)
    assert parts.netloc == "testserver", location
    return client.get(parts.path + (f"?{parts.query}" if parts.query else ""), **kwargs)


def sign_in(client: Client, browser: requests.Session, username: str, password: str,
            start: str = "/login/sso/"):
    """Fagkraft's SSO button, the provider's login and consent forms, and back again.

    Returns Fagkraft's answer to the callback (a redirect on success, a page on refusal).
    """
    answer = client.get(start)
    assert answer.status_code == 302, answer.content
    authorize = answer["Location"]
    page = browser.get(authorize, timeout=10)  # sent on to the provider's login form
    assert page.status_code == 200 and 'name="password"' in page.text, page.text
    logged_in = browser.post(page.url, data={**form_fields(page.text), "username": username,
                                             "password": password},
                             allow_redirects=False, timeout=10)
    assert logged_in.status_code == 302, logged_in.text
    consent = browser.get(requests.compat.urljoin(page.url, logged_in.headers["Location"]),
                          timeout=10)
    assert consent.status_code == 200 and 'name="allow"' in consent.text, consent.text
    allowed = browser.post(consent.url, data={**form_fields(consent.text), "allow": "Authorize"},
                           allow_redirects=False, timeout=10)
    assert allowed.status_code == 302, allowed.text
    return to_app(client, allowed.headers["Location"])
