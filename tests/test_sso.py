"""Single sign-on against a real OpenID Connect provider on 127.0.0.1 (issue 15 point 2).

Personas: Kari Lege (kari.lege@bup.test) is a doctor in BUP Nord whose trust's login service
puts her in the group "bup-nord-ledere"; Nils (nils@bup.test) is in no group that
Fagkraft knows. The provider is django-oauth-toolkit in its own process
(tests/oidc_support.py); besides Fagkraft's two clients (one with a secret, one with a key
for private_key_jwt, as HelseID requires) it has one client per fault, whose ID tokens it
spoils that one way, so each refusal is tested on a token a provider really sent.

Mari Psykolog (mari@bup.test) is in 250 groups at her trust, too many for a token: as
Entra ID does, the provider's ID token then says `_claim_names` (or `hasgroups`) in place
of the groups, and the provider's stand-in for Microsoft Graph answers them, her leaders'
group among them, to the access token the provider issued her.
"""

from __future__ import annotations

import base64
import json
import socket
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests

from fagkraft.accounts.models import GroupClaimMapping, Profile, Role
from fagkraft.audit.models import AuditEvent
from fagkraft.workforce.models import Employee
from tests.oidc_support import (
    AFTER_LOGOUT,
    new_key_pem,
    private_jwk,
    public_jwk,
    sign_in,
    start_provider,
    stop_provider,
    to_app,
)
from tests.personas import PASSWORD

KARI = {"username": "kari", "password": "kari-passord",
        "claims": {"email": "kari.lege@bup.test", "given_name": "Kari", "family_name": "Lege",
                   "groups": ["bup-nord-ledere", "alle-ansatte"],
                   "hpr": "1234567"}}
NILS = {"username": "nils", "password": "nils-passord",
        "claims": {"email": "nils@bup.test", "groups": ["kantine"]}}
# In the employees' group, but with no HPR number to find an employee record by.
OLA = {"username": "ola", "password": "ola-passord",
       "claims": {"email": "ola@bup.test", "groups": ["alle-ansatte"]}}
# 249 groups Fagkraft knows nothing of, and the leaders' group of BUP Nord: too many for
# a token (Entra ID puts at most 200 in one), so they come from Graph.
MARI = {"username": "mari", "password": "mari-passord",
        "claims": {"email": "mari@bup.test", "given_name": "Mari", "family_name": "Psykolog",
                   "graph_groups": [f"gruppe-{n:03d}" for n in range(249)]
                   + ["bup-nord-ledere"]}}
FAULTS = ["wrong-issuer", "wrong-audience", "expired", "bad-nonce", "wrong-key"]
CLIENT_KEY = new_key_pem()
KEY_ID = "fagkraft-test-key"


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    clients = [{"client_id": "fagkraft", "client_secret": "hemmelig"},
               {"client_id": "fagkraft-key", "public_jwk": public_jwk(CLIENT_KEY, KEY_ID)}]
    clients += [{"client_id": fault, "client_secret": "hemmelig", "fault": fault}
                for fault in [*FAULTS, "groups-in-userinfo", "groups-overage", "hasgroups"]]
    # Clients the provider lets in only through a pushed authorization request (RFC 9126),
    # as HelseID does new clients: one with a key (private_key_jwt), one with a secret.
    clients += [{"client_id": "fagkraft-par", "public_jwk": public_jwk(CLIENT_KEY, KEY_ID),
                 "require_par": True},
                {"client_id": "fagkraft-par-secret", "client_secret": "hemmelig",
                 "require_par": True}]
    running = start_provider(tmp_path_factory.mktemp("oidc"), users=[KARI, NILS, OLA, MARI],
                             clients=clients)
    yield running
    stop_provider(running)


@pytest.fixture
def sso(settings, provider, world, tmp_path):
    """Fagkraft configured for the provider (client "fagkraft", secret), groups mapped."""

    def configure(**changes):
        settings.FAGKRAFT = {**settings.FAGKRAFT, **{f"OIDC_{k.upper()}": v
                                                     for k, v in changes.items()}}

    configure(discovery_url=provider.discovery_url, client_id="fagkraft",
              client_secret="hemmelig", private_key_file="", scopes="openid profile email",
              user_claim="email", groups_claim="groups", hpr_claim="hpr",
              provider_name="Testinnlogging", use_par=False,
              graph_url=f"{provider.base}/graph/v1.0")
    GroupClaimMapping.objects.create(claim_value="bup-nord-ledere", role=Role.LEADER,
                                     unit=world.section_a)
    GroupClaimMapping.objects.create(claim_value="alle-ansatte", role=Role.EMPLOYEE)
    Employee.objects.filter(pk=world.kari.pk).update(hpr_number="1234567")
    configure.tmp_path = tmp_path
    return configure


@pytest.fixture
def browser():
    with requests.Session() as session:
        yield session


def refused_events():
    return list(AuditEvent.objects.filter(action=AuditEvent.Action.REFUSED, via="sso"))


def test_discovery_gives_the_providers_endpoints(sso, provider):
    from fagkraft.accounts import oidc

    found = oidc.provider()
    assert found.issuer == provider.issuer
    assert found.token_endpoint == f"{provider.issuer}/token/"
    assert found.end_session_endpoint == f"{provider.issuer}/logout/"
    assert found.algorithms == ("RS256",)  # the provider also lists HS256: never taken


def test_a_discovery_document_naming_another_issuer_is_refused(sso, monkeypatch):
    from fagkraft.accounts import oidc

    planted = {"issuer": "https://elsewhere.test", "authorization_endpoint": "x",
               "token_endpoint": "x", "jwks_uri": "x"}
    monkeypatch.setattr(oidc, "_get_json", lambda url, **kwargs: planted)
    sso(discovery_url="http://127.0.0.1:9/planted/.well-known/openid-configuration")
    with pytest.raises(oidc.LoginRefused) as refused:
        oidc.provider()
    assert refused.value.reason.startswith("discovery issuer 'https://elsewhere.test'")


def test_an_unreachable_login_service_gives_a_norwegian_page(sso, client):
    with socket.socket() as probe:  # a port that was free a moment ago: nothing answers
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sso(discovery_url=f"http://127.0.0.1:{port}/o/.well-known/openid-configuration")
    answer = client.get("/login/sso/")
    assert answer.status_code == 403
    assert "Innloggingstjenesten svarte ikke. Prøv igjen senere." in answer.content.decode()
    assert refused_events()[0].detail["reason"].startswith(f"unreachable: http://127.0.0.1:{port}/")


def test_the_login_page_offers_the_providers_button(sso, client):
    page = client.get("/login/").content.decode()
    assert "Logg inn med Testinnlogging" in page
    assert 'name="password"' in page  # password login is still on by default


def test_login_creates_the_user_with_role_and_unit_from_the_groups(sso, client, browser,
                                                                   world):
    answer = sign_in(client, browser, "kari", "kari-passord")
    assert answer.status_code == 302 and answer["Location"] == "/"
    profile = Profile.objects.select_related("user").get(user__username="kari.lege@bup.test")
    # Two mapped groups: leader of BUP Nord outranks employee (ROLE_RANK).
    assert (profile.role, profile.unit, profile.employee) == (
        Role.LEADER, world.section_a, world.kari)
    assert (profile.user.first_name, profile.user.last_name) == ("Kari", "Lege")
    assert not profile.user.has_usable_password()
    assert client.get("/")["Location"] == f"/units/{world.section_a.pk}/"  # a leader's start
    assert client.session["_auth_user_id"] == str(profile.user.pk)
    login = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN, via="sso")
    assert (login.username, login.object_id) == ("kari.lege@bup.test", str(profile.user.pk))
    created = AuditEvent.objects.get(action=AuditEvent.Action.CREATE, via="sso")
    assert created.detail == {"role": "leader", "group": "bup-nord-ledere"}


def test_the_mapping_is_applied_again_at_each_login(sso, client, browser, world):
    sign_in(client, browser, "kari", "kari-passord")
    client.post("/logout/")
    browser.cookies.clear()  # and out at the provider (the logout test follows that part)
    # The administrator moves the leaders' group to another unit.
    GroupClaimMapping.objects.filter(claim_value="bup-nord-ledere").update(
        unit=world.section_b)
    sign_in(client, browser, "kari", "kari-passord")
    assert Profile.objects.get(user__username="kari.lege@bup.test").unit == world.section_b


def test_an_existing_login_is_matched_by_the_claim(sso, client, browser, world):
    user = world.users["leader_lise"]
    user.username = "kari.lege@bup.test"
    user.save()
    sign_in(client, browser, "kari", "kari-passord")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_no_mapped_group_means_no_login(sso, client, browser):
    answer = sign_in(client, browser, "nils", "nils-passord")
    assert answer.status_code == 403
    assert "ingen av gruppene dine gir en rolle" in answer.content.decode()
    assert "_auth_user_id" not in client.session
    assert not Profile.objects.filter(user__username="nils@bup.test").exists()
    assert [event.detail["reason"] for event in refused_events()] == [
        "no mapped group: nils@bup.test"]


def test_the_employee_role_needs_an_employee_record(sso, client, browser):
    answer = sign_in(client, browser, "ola", "ola-passord")
    assert answer.status_code == 403
    assert "ikke knyttet til en ansattoppføring" in answer.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_deactivated_login_stays_out(sso, client, browser, world):
    user = world.users["leader_lise"]
    user.username, user.is_active = "kari.lege@bup.test", False
    user.save()
    answer = sign_in(client, browser, "kari", "kari-passord")
    assert answer.status_code == 403
    assert "Denne kontoen er deaktivert." in answer.content.decode()
    assert "_auth_user_id" not in client.session


def test_groups_left_out_of_the_id_token_come_from_user_info(sso, client, browser, world):
    sso(client_id="groups-in-userinfo")
    answer = sign_in(client, browser, "kari", "kari-passord")
    assert answer.status_code == 302
    assert Profile.objects.get(user__username="kari.lege@bup.test").role == Role.LEADER


def test_private_key_jwt_is_accepted_by_the_provider(sso, client, browser):
    key_file = sso.tmp_path / "fagkraft-key.json"
    key_file.write_text(json.dumps(private_jwk(CLIENT_KEY, KEY_ID)))
    sso(client_id="fagkraft-key", client_secret="", private_key_file=str(key_file))
    answer = sign_in(client, browser, "kari", "kari-passord")
    assert answer.status_code == 302
    assert "_auth_user_id" in client.session


def test_a_key_client_signing_with_another_key_is_refused_by_the_provider(sso, client,
                                                                          browser):
    key_file = sso.tmp_path / "other.pem"
    key_file.write_text(new_key_pem())  # PEM works too; this one the provider never saw
    sso(client_id="fagkraft-key", client_secret="", private_key_file=str(key_file))
    answer = sign_in(client, browser, "kari", "kari-passord")
    assert answer.status_code == 403
    assert "Innloggingstjenesten avviste innloggingen." in answer.content.decode()
    assert [event.detail["reason"] for event in refused_events()] == [
        "token endpoint: invalid_client"]


REFUSALS = {
    "wrong-key": ("signature", "Innloggingens signatur kunne ikke bekreftes."),
    "wrong-issuer": ("claim: iss", "utstedt av en annen innloggingstjeneste"),
    "wrong-audience": ("claim: aud", "utstedt for et annet program"),
    "expired": ("expired", "Innloggingen er utløpt."),
    "bad-nonce": ("claim: nonce", "hører ikke til dette innloggingsforsøket"),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_spoilt_id_token_is_refused_with_a_norwegian_page(fault, sso, client, browser):
    sso(client_id=fault)
    answer = sign_in(client, browser, "kari", "kari-passord")
    reason, text = REFUSALS[fault]
    assert answer.status_code == 403
    page = answer.content.decode()
    assert "Innloggingen ble avvist" in page and text in page
    assert "_auth_user_id" not in client.session
    assert not Profile.objects.filter(user__username="kari.lege@bup.test").exists()
    assert [event.detail["reason"] for event in refused_events()] == [reason]


def test_a_replayed_callback_is_refused(sso, client, browser):
    answer = client.get("/login/sso/")
    state = answer["Location"].split("state=")[1].split("&")[0]
    client.get("/login/sso/callback/", {"code": "x", "state": "another"})  # uses up the flow
    again = client.get("/login/sso/callback/", {"code": "x", "state": state})
    assert again.status_code == 403
    assert "_auth_user_id" not in client.session


def test_logout_ends_the_session_here_and_at_the_provider(sso, client, browser, provider):
    sign_in(client, browser, "kari", "kari-passord")
    answer = client.post("/logout/")
    assert answer.status_code == 302
    assert answer["Location"].startswith(f"{provider.issuer}/logout/?id_token_hint=")
    assert "_auth_user_id" not in client.session
    back = browser.get(answer["Location"], allow_redirects=False, timeout=10)
    assert back.status_code == 302 and back.headers["Location"] == AFTER_LOGOUT
    assert to_app(client, back.headers["Location"]).status_code == 200
    # The provider's session is gone too: the next login asks for the password again.
    authorize = client.get("/login/sso/")["Location"]
    assert 'name="password"' in browser.get(authorize, timeout=10).text
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOGOUT, via="sso").count() == 1


def test_a_password_logout_stays_local(sso, client, world):
    assert client.post("/login/", {"username": "leader_lise", "password": PASSWORD}
                       ).status_code == 302
    answer = client.post("/logout/")
    assert answer["Location"] == "/login/"
    assert [event.via for event in AuditEvent.objects.filter(
        action__in=[AuditEvent.Action.LOGIN, AuditEvent.Action.LOGOUT]).order_by("id")] == [
        "password", "password"]


def test_the_admins_password_form_is_audited(sso, client, world):
    answer = client.post("/admin/login/?next=/admin/",
                         {"username": "admin_ada", "password": PASSWORD, "next": "/admin/"})
    assert answer.status_code == 302
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN)
    assert (event.username, event.via, event.detail) == ("admin_ada", "password",
                                                          {"form": "admin"})


def test_password_login_switched_off(sso, settings, client, browser, world):
    settings.FAGKRAFT = {**settings.FAGKRAFT, "PASSWORD_LOGIN": False}
    page = client.get("/login/").content.decode()
    assert "Logg inn med Testinnlogging" in page and 'name="password"' not in page
    refused = client.post("/login/", {"username": "leader_lise", "password": PASSWORD})
    assert refused.status_code == 403
    assert "Innlogging med passord er slått av" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    assert not client.login(username="leader_lise", password=PASSWORD)  # every path
    assert client.get("/admin/login/")["Location"] == "/login/?next=/admin/"
    token = base64.b64encode(f"leader_lise:{PASSWORD}".encode()).decode()
    assert client.get("/api/units/", HTTP_AUTHORIZATION=f"Basic {token}").status_code == 403
    assert sign_in(client, browser, "kari", "kari-passord").status_code == 302


# --- Entra ID's group overage: the groups from Microsoft Graph ------------------------


@pytest.mark.parametrize("marker", ["groups-overage", "hasgroups"])
def test_too_many_groups_for_the_token_come_from_graph(marker, sso, client, browser, world):
    sso(client_id=marker)
    answer = sign_in(client, browser, "mari", "mari-passord")
    assert answer.status_code == 302, answer.content
    profile = Profile.objects.get(user__username="mari@bup.test")
    # Her one mapped group of the 250, "bup-nord-ledere", is mapped to leader of BUP Nord.
    assert (profile.role, profile.unit) == (Role.LEADER, world.section_a)
    login = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN, via="sso")
    assert login.detail["groups_from"] == "Microsoft Graph"


def test_the_overage_markers_are_seen_in_a_real_token(sso, provider):
    from fagkraft.accounts import oidc

    # What the provider's client "groups-overage" puts in place of the groups, as Entra ID.
    claims = {"sub": "x", "_claim_names": {"groups": "src1"},
              "_claim_sources": {"src1": {"endpoint": "https://graph.windows.net/t/u"}}}
    assert oidc.group_overage(claims)
    assert oidc.group_overage({"sub": "x", "hasgroups": True})
    assert not oidc.group_overage({"sub": "x", "groups": [], "hasgroups": True})
    assert not oidc.group_overage({"sub": "x"})  # no groups at all: the user info's turn


def test_graph_not_answering_refuses_the_login_with_a_norwegian_page(sso, client, browser,
                                                                     provider):
    sso(client_id="groups-overage", graph_url=f"{provider.base}/graph-down/v1.0")
    answer = sign_in(client, browser, "mari", "mari-passord")
    assert answer.status_code == 403
    page = answer.content.decode()
    assert "Fagkraft fikk ikke hentet dem fra Microsoft Graph" in page
    assert "_auth_user_id" not in client.session
    assert not Profile.objects.filter(user__username="mari@bup.test").exists()
    [event] = refused_events()
    assert event.detail["reason"].startswith(
        f"group overage: graph: {provider.base}/graph-down/v1.0/me/getMemberObjects: 503")


def test_graph_refusing_the_access_token_refuses_the_login(sso, client, browser, monkeypatch):
    from fagkraft.accounts import oidc

    sso(client_id="groups-overage")
    real = oidc._with_graph_groups
    monkeypatch.setattr(oidc, "_with_graph_groups",
                        lambda claims, token: real(claims, "not-the-access-token"))
    answer = sign_in(client, browser, "mari", "mari-passord")
    assert answer.status_code == 403
    assert "_auth_user_id" not in client.session
    [event] = refused_events()
    assert event.detail["reason"].startswith("group overage: graph: ")
    assert ": 403 " in event.detail["reason"]  # the provider's answer to a bad token


# --- Pushed authorization requests (RFC 9126), as HelseID requires -------------------


def _key_client(sso, client_id: str) -> None:
    key_file = sso.tmp_path / "fagkraft-key.json"
    key_file.write_text(json.dumps(private_jwk(CLIENT_KEY, KEY_ID)))
    sso(client_id=client_id, client_secret="", private_key_file=str(key_file))


def test_discovery_gives_the_par_endpoint(sso, provider):
    from fagkraft.accounts import oidc

    assert oidc.provider().pushed_authorization_request_endpoint == f"{provider.issuer}/par/"


def test_login_through_a_pushed_authorization_request(sso, client, browser, provider):
    _key_client(sso, "fagkraft-par")
    sso(use_par=True)
    redirect = client.get("/login/sso/")["Location"]
    # Only the client id and the request_uri travel through the browser.
    query = dict(parse_qsl(urlsplit(redirect).query))
    assert set(query) == {"client_id", "request_uri"}
    assert query["client_id"] == "fagkraft-par"
    assert query["request_uri"].startswith("urn:ietf:params:oauth:request_uri:")
    answer = sign_in(client, browser, "kari", "kari-passord")
    assert answer.status_code == 302 and answer["Location"] == "/"
    assert Profile.objects.get(user__username="kari.lege@bup.test").role == Role.LEADER


def test_par_with_a_client_secret(sso, client, browser):
    sso(client_id="fagkraft-par-secret", use_par=True)
    assert sign_in(client, browser, "kari", "kari-passord").status_code == 302
    assert "_auth_user_id" in client.session


def test_a_par_client_without_par_is_refused_by_the_provider(sso, client, browser):
    _key_client(sso, "fagkraft-par")  # FAGKRAFT_OIDC_USE_PAR off: the parameters in the URL
    authorize = client.get("/login/sso/")["Location"]
    assert "code_challenge=" in authorize
    page = browser.get(authorize, timeout=10)
    assert page.status_code == 400 and "pushed authorization request" in page.text


def test_a_par_request_signed_with_another_key_is_refused(sso, client):
    key_file = sso.tmp_path / "other.pem"
    key_file.write_text(new_key_pem())
    sso(client_id="fagkraft-par", client_secret="", private_key_file=str(key_file),
        use_par=True)
    answer = client.get("/login/sso/")
    assert answer.status_code == 403
    assert "Innloggingstjenesten avviste innloggingen." in answer.content.decode()
    assert [event.detail["reason"] for event in refused_events()] == [
        "par endpoint: 401 invalid_client"]
