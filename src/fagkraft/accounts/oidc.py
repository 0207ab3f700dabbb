"""OpenID Connect with the trust's login service: authorization code with PKCE (Authlib).

The provider is found from its discovery document (Entra ID, HelseID). The client
authenticates with `private_key_jwt` when a private key file is set (HelseID requires it),
else with its secret. An ID token is accepted only with a valid signature from the
provider's published keys, the provider as issuer, this client as audience, the nonce this
login sent, and a time that has not run out; anything else raises LoginRefused.

With FAGKRAFT_OIDC_USE_PAR on and a provider that has a pushed authorization request
endpoint (RFC 9126; HelseID requires it of new clients), the authorization parameters are
POSTed there, client authenticated, and the browser goes to the authorize endpoint with
only `client_id` and `request_uri`. A user in more groups than fit in a token (Entra ID's
"group overage": `_claim_names` or `hasgroups` in place of `groups`) has the groups
fetched from Microsoft Graph; if that fails, the login is refused, never let in without
roles.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
from authlib.common.urls import add_params_to_uri, url_decode
from authlib.integrations.requests_client import OAuth2Session, OAuthError
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from authlib.oidc.core import CodeIDToken
from django.core.cache import cache
from django.utils.translation import gettext as _
from joserfc import jwt
from joserfc.errors import (
    BadSignatureError,
    ClaimError,
    ExpiredTokenError,
    InvalidClaimError,
    JoseError,
    MissingClaimError,
)
from joserfc.jwk import KeySet, RSAKey
from joserfc.jws import JWSRegistry

from fagkraft.core.conf import setting

logger = logging.getLogger(__name__)

DISCOVERY_CACHE_SECONDS = 600
# Only signatures by the provider's published key pair: a symmetric "HS256" token (which
# a discovery document may list) would be signed with something other than those keys.
ASYMMETRIC = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")


class LoginRefused(Exception):
    """A login that must not happen; `message` is for the user, `reason` for the log."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(reason)
        self.message = message
        self.reason = reason


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str
    end_session_endpoint: str
    algorithms: tuple[str, ...]
    pushed_authorization_request_endpoint: str = ""


def enabled() -> bool:
    return bool(setting("OIDC_DISCOVERY_URL"))


def _get_json(url: str, **kwargs: Any) -> Any:
    try:
        response = requests.get(url, timeout=setting("OIDC_TIMEOUT_SECONDS"), **kwargs)
        response.raise_for_status()
        return response.json()
    except (requests.RequestException, ValueError) as error:
        raise LoginRefused(_("The login service did not answer. Try again later."),
                           f"unreachable: {url}: {error}") from None


def provider() -> Provider:
    """The provider's endpoints from its discovery document (cached for a few minutes)."""
    url = setting("OIDC_DISCOVERY_URL")
    key = f"oidc-discovery:{url}"
    document = cache.get(key)
    if document is None:
        document = _get_json(url)
        cache.set(key, document, DISCOVERY_CACHE_SECONDS)
    # OpenID Connect Discovery 4.3: the document must name the issuer it was fetched from,
    # or a document planted elsewhere could vouch for another issuer's tokens.
    issuer = document.get("issuer", "") if isinstance(document, dict) else ""
    if not issuer or url.rstrip("/") != f"{issuer.rstrip('/')}/.well-known/openid-configuration":
        cache.delete(key)
        raise LoginRefused(_("The login service's settings could not be read."),
                           f"discovery issuer {issuer!r} does not match {url}")
    try:
        return Provider(
            issuer=document["issuer"],
            authorization_endpoint=document["authorization_endpoint"],
            token_endpoint=document["token_endpoint"],
            jwks_uri=document["jwks_uri"],
            userinfo_endpoint=document.get("userinfo_endpoint", ""),
            end_session_endpoint=document.get("end_session_endpoint", ""),
            algorithms=tuple(alg for alg in document.get(
                "id_token_signing_alg_values_supported", ["RS256"]) if alg in ASYMMETRIC),
            pushed_authorization_request_endpoint=document.get(
                "pushed_authorization_request_endpoint", ""),
        )
    except (KeyError, TypeError):
        raise LoginRefused(_("The login service's settings could not be read."),
                           f"bad discovery document: {url}") from None


def _private_key() -> tuple[RSAKey, dict[str, str]] | None:
    """The client's signing key (PEM or JWK file) and the JWT header naming it (kid)."""
    path = setting("OIDC_PRIVATE_KEY_FILE")
    if not path:
        return None
    text = Path(path).read_text(encoding="utf-8")
    if text.lstrip().startswith("{"):
        data = json.loads(text)
        key = RSAKey.import_key(data)
        return key, ({"kid": data["kid"]} if data.get("kid") else {})
    return RSAKey.import_key(text), {}


def _session(endpoints: Provider, redirect_uri: str) -> OAuth2Session:
    signing = _private_key()
    if signing is not None:
        key, header = signing
        session = OAuth2Session(
            setting("OIDC_CLIENT_ID"), key, scope=setting("OIDC_SCOPES"),
            redirect_uri=redirect_uri, code_challenge_method="S256",
            token_endpoint_auth_method="private_key_jwt")
        session.register_client_auth_method(
            PrivateKeyJWT(endpoints.token_endpoint, headers=header or None))
        return session
    return OAuth2Session(
        setting("OIDC_CLIENT_ID"), setting("OIDC_CLIENT_SECRET"), scope=setting("OIDC_SCOPES"),
        redirect_uri=redirect_uri, code_challenge_method="S256",
        token_endpoint_auth_method="client_secret_basic")


def start(redirect_uri: str) -> tuple[str, dict[str, str]]:
    """Where to send the browser, and what the callback must find in the session."""
    endpoints = provider()
    flow = {"state": secrets.token_urlsafe(32), "nonce": secrets.token_urlsafe(32),
            "code_verifier": secrets.token_urlsafe(64)}
    session = _session(endpoints, redirect_uri)
    url, _state = session.create_authorization_url(
        endpoints.authorization_endpoint, state=flow["state"], nonce=flow["nonce"],
        code_verifier=flow["code_verifier"])
    if _uses_par(endpoints):
        params = dict(url_decode(url.partition("?")[2]))
        request_uri = _push(session, endpoints, params)
        url = add_params_to_uri(endpoints.authorization_endpoint, {
            "client_id": setting("OIDC_CLIENT_ID"), "request_uri": request_uri})
    return url, flow


def _uses_par(endpoints: Provider) -> bool:
    if not setting("OIDC_USE_PAR"):
        return False
    if not endpoints.pushed_authorization_request_endpoint:
        logger.warning("FAGKRAFT_OIDC_USE_PAR is on, but %s names no pushed authorization "
                       "request endpoint: the parameters go in the redirect",
                       setting("OIDC_DISCOVERY_URL"))
        return False
    return True


def _push(session: OAuth2Session, endpoints: Provider, params: dict[str, str]) -> str:
    """RFC 9126: the authorization parameters POSTed, client authenticated as at the token
    endpoint (private_key_jwt or the secret); the request_uri that stands for them."""
    endpoint = endpoints.pushed_authorization_request_endpoint
    auth = session.client_auth(session.token_endpoint_auth_method)
    try:
        response = requests.post(endpoint, data=params, auth=auth,
                                 timeout=setting("OIDC_TIMEOUT_SECONDS"))
    except requests.RequestException as error:
        raise LoginRefused(_("The login service did not answer. Try again later."),
                           f"par endpoint: {error}") from None
    try:
        answer = response.json()
    except ValueError:
        answer = {}
    request_uri = answer.get("request_uri") if isinstance(answer, dict) else None
    if response.status_code not in (200, 201) or not isinstance(request_uri, str):
        error = answer.get("error", "") if isinstance(answer, dict) else ""
        raise LoginRefused(_("The login service refused the login."),
                           f"par endpoint: {response.status_code} {error}"[:200])
    return request_uri


# What the user is told for each reason a valid-looking token is refused.
def _claim_message(claim: str) -> str:
    return {
        "iss": _("The login was issued by another login service than the one configured."),
        "aud": _("The login was issued for another application."),
        "nonce": _("The login does not belong to this login attempt."),
        "azp": _("The login was issued for another application."),
    }.get(claim, _("The login token is not valid."))


def validate_id_token(id_token: str, endpoints: Provider, *, nonce: str, access_token: str,
                      now: float | None = None) -> dict[str, Any]:
    """The ID token's claims, checked: signature (JWKS), issuer, audience, nonce, time."""
    keys = KeySet.import_key_set(_get_json(endpoints.jwks_uri))
    try:
        token = jwt.decode(id_token, keys, registry=JWSRegistry(algorithms=list(
            endpoints.algorithms)))
    except (BadSignatureError, ValueError, JoseError):
        raise LoginRefused(_("The login token's signature could not be verified."),
                           "signature") from None
    options: dict[str, Any] = {
        "iss": {"essential": True, "value": endpoints.issuer},
        "aud": {"essential": True, "value": setting("OIDC_CLIENT_ID")},
        "exp": {"essential": True},
    }
    claims = CodeIDToken(token.claims, token.header, options,
                         {"nonce": nonce, "client_id": setting("OIDC_CLIENT_ID"),
                          "access_token": access_token})
    try:
        claims.validate(now=int(now if now is not None else time.time()),
                        leeway=setting("OIDC_LEEWAY_SECONDS"))
    except ExpiredTokenError:
        raise LoginRefused(_("The login has expired. Log in again."), "expired") from None
    except (InvalidClaimError, MissingClaimError) as error:
        claim = getattr(error, "claim", "") or ""
        raise LoginRefused(_claim_message(claim), f"claim: {claim}") from None
    except (ClaimError, JoseError) as error:
        raise LoginRefused(_("The login token is not valid."), f"token: {error}") from None
    return dict(claims)


def finish(redirect_uri: str, flow: dict[str, str], query: dict[str, str]) -> tuple[
        dict[str, Any], str]:
    """The callback: state checked, code exchanged, ID token validated; (claims, id token)."""
    if query.get("error"):
        raise LoginRefused(_("The login service refused the login."),
                           f"provider error: {query['error'][:100]}")
    if not flow or not secrets.compare_digest(query.get("state", ""), flow.get("state", "")):
        raise LoginRefused(_("The login does not belong to this login attempt. Start again."),
                           "state")
    endpoints = provider()
    session = _session(endpoints, redirect_uri)
    try:
        token = session.fetch_token(
            endpoints.token_endpoint, code=query.get("code", ""),
            code_verifier=flow["code_verifier"], timeout=setting("OIDC_TIMEOUT_SECONDS"))
    except OAuthError as error:
        raise LoginRefused(_("The login service refused the login."),
                           f"token endpoint: {error.error}") from None
    except requests.RequestException as error:
        raise LoginRefused(_("The login service did not answer. Try again later."),
                           f"token endpoint: {error}") from None
    if "id_token" not in token:
        raise LoginRefused(_("The login service sent no ID token."), "no id_token")
    claims = validate_id_token(token["id_token"], endpoints, nonce=flow["nonce"],
                               access_token=token.get("access_token", ""))
    if group_overage(claims):
        claims = _with_graph_groups(claims, token.get("access_token", ""))
    claims = _with_userinfo(claims, endpoints, token.get("access_token", ""))
    return claims, token["id_token"]


# Set on the claims when the groups came from Microsoft Graph (the login's audit event
# says so); no provider sends a claim of this name.
GROUPS_FROM_GRAPH = "fagkraft_groups_from_graph"
# getMemberObjects answers up to 11,000 ids in one page; a next page is followed this
# many times at most, and only on Graph's own address.
GRAPH_MAX_PAGES = 5


def group_overage(claims: dict[str, Any]) -> bool:
    """Entra ID left the groups out because there were too many for the token.

    Authorization code flow: `_claim_names` maps the groups claim to a claim source
    (whose endpoint is the retired Azure AD Graph, so it is not used); implicit flow:
    `hasgroups: true`.
    """
    name = setting("OIDC_GROUPS_CLAIM")
    if not name or name in claims:
        return False
    names = claims.get("_claim_names")
    return (isinstance(names, dict) and name in names) or claims.get("hasgroups") is True


def _graph_refused(reason: str) -> LoginRefused:
    return LoginRefused(
        _("You are in more groups than the login service could put in the login, and "
          "Fagkraft could not fetch them from Microsoft Graph, so your role cannot be "
          "decided. Try again later, or ask your administrator."),
        f"group overage: {reason}"[:200])


def _with_graph_groups(claims: dict[str, Any], access_token: str) -> dict[str, Any]:
    """The user's groups from Microsoft Graph (POST /me/getMemberObjects), as ids."""
    base = setting("OIDC_GRAPH_URL").rstrip("/")
    url = f"{base}/me/getMemberObjects"
    groups: list[str] = []
    for _page in range(GRAPH_MAX_PAGES):
        try:
            response = requests.post(
                url, json={"securityEnabledOnly": False},
                headers={"Authorization": f"Bearer {access_token}"},
                timeout=setting("OIDC_TIMEOUT_SECONDS"))
            response.raise_for_status()
            answer = response.json()
        except (requests.RequestException, ValueError) as error:
            raise _graph_refused(f"graph: {url}: {error}") from None
        values = answer.get("value") if isinstance(answer, dict) else None
        if not isinstance(values, list):
            raise _graph_refused(f"graph: {url}: no value list")
        groups += [str(value) for value in values]
        url = answer.get("@odata.nextLink") or ""
        if not url:
            break
        if not url.startswith(f"{base}/"):  # the access token goes to Graph only
            raise _graph_refused(f"graph: next page outside {base}")
    else:
        raise _graph_refused(f"graph: more than {GRAPH_MAX_PAGES} pages")
    return {**claims, setting("OIDC_GROUPS_CLAIM"): groups, GROUPS_FROM_GRAPH: True}


def _with_userinfo(claims: dict[str, Any], endpoints: Provider, access_token: str
                   ) -> dict[str, Any]:
    """Claims the ID token left out (HelseID, Entra ID put some only in user info)."""
    wanted = [setting("OIDC_USER_CLAIM"), setting("OIDC_GROUPS_CLAIM"), setting("OIDC_HPR_CLAIM")]
    if all(not name or name in claims for name in wanted) or not endpoints.userinfo_endpoint:
        return claims
    info = _get_json(endpoints.userinfo_endpoint,
                     headers={"Authorization": f"Bearer {access_token}"})
    # OpenID Connect Core 5.3.2: user info about another subject must not be used.
    if not isinstance(info, dict) or info.get("sub") != claims.get("sub"):
        raise LoginRefused(_("The login token is not valid."), "userinfo sub")
    return {**info, **claims}


def end_session_url(id_token: str, post_logout_redirect_uri: str) -> str | None:
    """The provider's logout address for this login, when it has one."""
    try:
        endpoints = provider()
    except LoginRefused:
        return None  # the local session is ended in any case
    if not endpoints.end_session_endpoint:
        return None
    return add_params_to_uri(endpoints.end_session_endpoint, {
        "id_token_hint": id_token, "post_logout_redirect_uri": post_logout_redirect_uri,
        "client_id": setting("OIDC_CLIENT_ID")})
