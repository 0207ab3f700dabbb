"""The provider's validator: every claim a test user has, `private_key_jwt`, and faults.

A client registered with a public key must authenticate with a signed assertion
(RFC 7523: iss and sub the client id, aud the token endpoint, unexpired, jti used once);
its secret is refused. A client whose name is a fault below gets ID tokens spoilt that way,
so the app's refusals are tested against a real provider's answers ("groups-in-userinfo"
is no fault: it leaves the groups out of the ID token, as some providers do, so they must
be fetched from the user info endpoint). "groups-overage" and "hasgroups" leave the groups
out as Microsoft Entra ID does for a user in more groups than fit in a token: the first
with `_claim_names`/`_claim_sources` (authorization code flow), the second with
`hasgroups: true`; the groups are then to be fetched from the provider's stand-in for
Microsoft Graph (tests/oidc_provider/extras.py).
"""

from __future__ import annotations

import base64
import json
import time

from django.conf import settings
from django.db import transaction
from jwcrypto import jwk, jwt
from oauth2_provider.oauth2_validators import OAuth2Validator

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
FAULTS = {"wrong-issuer", "wrong-audience", "expired", "bad-nonce", "wrong-key",
          "groups-in-userinfo", "groups-overage", "hasgroups"}
_used_jtis: set[str] = set()


def _client(client_id: str) -> dict:
    return next((c for c in settings.CONFIG["clients"] if c["client_id"] == client_id), {})


def _unverified_claims(assertion: str) -> dict:
    try:
        payload = assertion.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError):
        return {}


def assertion_client(assertion: str, audiences: list[str]) -> str | None:
    """The client a signed assertion (RFC 7523) authenticates, if it is valid and new.

    `audiences`: what the assertion's aud may be (the token endpoint; for a pushed
    authorization request RFC 9126 section 2 adds the issuer and the PAR endpoint).
    """
    client_id = _unverified_claims(assertion).get("iss", "")
    public = _client(client_id).get("public_jwk")
    if not public:
        return None
    try:
        token = jwt.JWT(key=jwk.JWK(**public), jwt=assertion, check_claims={
            "iss": client_id, "sub": client_id, "exp": None, "jti": None})
    except Exception:  # jwcrypto raises many kinds; any of them is a refusal
        return None
    claims = json.loads(token.claims)
    audience = claims.get("aud")
    if not set(audience if isinstance(audience, list) else [audience]) & set(audiences):
        return None
    if claims["jti"] in _used_jtis:
        return None
    _used_jtis.add(claims["jti"])
    return client_id


class Validator(OAuth2Validator):
    oidc_claim_scope = None  # every claim of the user goes into the ID token

    def get_additional_claims(self, request):
        users = {user["username"]: user for user in settings.CONFIG["users"]}
        return users.get(request.user.username, {}).get("claims", {})

    def authenticate_client(self, request, *args, **kwargs):
        body = dict(request.decoded_body or [])
        if body.get("client_assertion_type") == ASSERTION_TYPE:
            return self._authenticate_assertion(request, body.get("client_assertion", ""))
        client_id = body.get("client_id") or request.client_id or ""
        basic = self._extract_basic_auth(request)
        if basic:
            client_id = base64.b64decode(basic).decode().split(":")[0]
        if _client(client_id).get("public_jwk"):
            return False  # a key client never logs in with a secret
        return super().authenticate_client(request, *args, **kwargs)

    def _authenticate_assertion(self, request, assertion: str) -> bool:
        client_id = assertion_client(assertion, [settings.ISSUER + "/token/"])
        if client_id is None:
            return False
        request.client_id = client_id
        return self._load_application(client_id, request) is not None

    def finalize_id_token(self, id_token, token, token_handler, request):
        fault = request.client.name
        if fault not in FAULTS:
            return super().finalize_id_token(id_token, token, token_handler, request)
        claims, expiration_time = self.get_id_token_dictionary(token, token_handler, request)
        id_token.update(**claims)
        if "nonce" not in id_token and request.nonce:
            id_token["nonce"] = request.nonce
        key = request.client.jwk_key
        if fault == "wrong-issuer":
            id_token["iss"] = "http://127.0.0.1:9/another-provider"
        elif fault == "wrong-audience":
            id_token["aud"] = "another-application"
        elif fault == "expired":
            id_token["iat"], id_token["exp"] = int(time.time()) - 7200, int(time.time()) - 3600
        elif fault == "bad-nonce":
            id_token["nonce"] = "not-the-nonce-that-was-sent"
        elif fault == "wrong-key":
            key = jwk.JWK.from_pem(settings.CONFIG["wrong_key"].encode())
        elif fault == "groups-in-userinfo":
            id_token.pop("groups", None)
        elif fault == "groups-overage":
            # As Entra ID sends it: a pointer to the legacy Azure AD Graph, which clients
            # are to ignore in favour of Microsoft Graph's getMemberObjects.
            id_token.pop("groups", None)
            id_token["_claim_names"] = {"groups": "src1"}
            id_token["_claim_sources"] = {"src1": {
                "endpoint": "https://graph.windows.net/tenant/users/oid/getMemberObjects"}}
        elif fault == "hasgroups":
            id_token.pop("groups", None)
            id_token["hasgroups"] = True
        # The provider's own key id even on the wrong key: the signature is what fails.
        header = {"typ": "JWT", "alg": "RS256", "kid": request.client.jwk_key.thumbprint()}
        signed = jwt.JWT(header=json.dumps(header), claims=json.dumps(id_token, default=str))
        signed.make_signed_token(key)
        with transaction.atomic():
            saved = self._save_id_token(id_token["jti"], request, expiration_time)
        request.access_token = request.id_token = saved
        return signed.serialize()
