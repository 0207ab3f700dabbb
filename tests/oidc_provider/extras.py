"""What django-oauth-toolkit lacks for the tests: pushed authorization requests and Graph.

- Pushed authorization requests (RFC 9126), as HelseID requires of new clients: the
  discovery document names a PAR endpoint; a client POSTs its authorization parameters
  there (authenticated as at the token endpoint: a secret, or a signed assertion whose
  audience is the issuer, the token endpoint or the PAR endpoint) and gets a
  `request_uri`; the authorize endpoint then takes `client_id` + `request_uri` and works
  on the stored parameters. A client configured with "require_par" is refused at the
  authorize endpoint without one.
- A stand-in for Microsoft Graph's `POST /v1.0/me/getMemberObjects`: it checks the access
  token this provider issued and answers the user's groups from the config, as Entra ID's
  Graph does for a user whose groups did not fit in the token. `/graph-down/...` answers
  503, for the refusal when Graph cannot be reached.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.views.decorators.csrf import csrf_exempt
from oauth2_provider.decorators import protected_resource
from oauth2_provider.models import Application
from oauth2_provider.views import AuthorizationView, ConnectDiscoveryInfoView

from tests.oidc_provider.validator import ASSERTION_TYPE, _client, assertion_client

REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:"
REQUEST_URI_SECONDS = 90
# The pushed requests, by request_uri: (expires at, client id, parameters). The provider
# is one process (threads), so memory will do.
_pushed: dict[str, tuple[float, str, dict[str, str]]] = {}
_lock = threading.Lock()
_authorize = AuthorizationView.as_view()
_discovery = ConnectDiscoveryInfoView.as_view()


def par_endpoint() -> str:
    return settings.ISSUER + "/par/"


def discovery(request: HttpRequest) -> HttpResponse:
    """The toolkit's discovery document with the PAR endpoint added (RFC 9126 section 5)."""
    answer = _discovery(request)
    document = json.loads(answer.content)
    document["pushed_authorization_request_endpoint"] = par_endpoint()
    document["require_pushed_authorization_requests"] = False  # per client, in the config
    return JsonResponse(document)


def _error(code: str, description: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": code, "error_description": description}, status=status)


def _authenticated_client(request: HttpRequest) -> str | None:
    """The client of a PAR request: a signed assertion, or a secret (HTTP Basic)."""
    if request.POST.get("client_assertion_type") == ASSERTION_TYPE:
        return assertion_client(request.POST.get("client_assertion", ""), [
            settings.ISSUER, settings.ISSUER + "/token/", par_endpoint()])
    header = request.headers.get("Authorization", "")
    if not header.startswith("Basic "):
        return None
    try:
        client_id, _, secret = base64.b64decode(header[6:]).decode().partition(":")
    except ValueError:
        return None
    application = Application.objects.filter(client_id=client_id).first()
    if application is None or _client(client_id).get("public_jwk"):
        return None
    stored = application.client_secret
    return client_id if (check_password(secret, stored) or secret == stored) else None


@csrf_exempt
def pushed_authorization_request(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _error("invalid_request", "POST only", status=405)
    client_id = _authenticated_client(request)
    if client_id is None:
        return _error("invalid_client", "client authentication failed", status=401)
    if request.POST.get("client_id", client_id) != client_id or "request_uri" in request.POST:
        return _error("invalid_request", "client_id does not match, or request_uri sent")
    application = Application.objects.get(client_id=client_id)
    if request.POST.get("redirect_uri") not in application.redirect_uris.split():
        return _error("invalid_request", "redirect_uri not registered")
    params = {key: value for key, value in request.POST.items()
              if key not in ("client_assertion", "client_assertion_type", "client_secret")}
    params["client_id"] = client_id
    request_uri = REQUEST_URI_PREFIX + secrets.token_urlsafe(24)
    with _lock:
        _pushed[request_uri] = (time.time() + REQUEST_URI_SECONDS, client_id, params)
    return JsonResponse({"request_uri": request_uri, "expires_in": REQUEST_URI_SECONDS},
                        status=201)


def _resolved(request_uri: str, client_id: str) -> dict[str, str] | None:
    with _lock:
        found = _pushed.get(request_uri)
    if found is None or found[0] < time.time() or found[1] != client_id:
        return None
    return found[2]


def authorize(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """The toolkit's authorize endpoint, which first resolves a pushed request's request_uri.

    RFC 9126 section 4 lets a request_uri be used again while it lasts (a reload): the
    login form's redirect and the consent form come back to it.
    """
    client_id = request.GET.get("client_id", "")
    request_uri = request.GET.get("request_uri", "")
    if request_uri:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        params = _resolved(request_uri, client_id)
        if params is None:
            return HttpResponse("invalid_request_uri", status=400, content_type="text/plain")
        query = urlencode(params)
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query)
    elif _client(client_id).get("require_par"):
        return HttpResponse("invalid_request: this client must use a pushed authorization "
                            "request", status=400, content_type="text/plain")
    return _authorize(request, *args, **kwargs)


def _user_groups(request: HttpRequest) -> list[str]:
    users = {user["username"]: user for user in settings.CONFIG["users"]}
    claims = users.get(request.resource_owner.username, {}).get("claims", {})
    return list(claims.get("graph_groups", claims.get("groups", [])))


@csrf_exempt
@protected_resource()
def get_member_objects(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _error("invalid_request", "POST only", status=405)
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        body = None
    if not isinstance(body, dict) or "securityEnabledOnly" not in body:
        # Graph's own answer when the body lacks its one required parameter.
        return _error("Request_BadRequest", "securityEnabledOnly is required")
    return JsonResponse({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#Collection(Edm.String)",
        "value": _user_groups(request)})


@csrf_exempt
def graph_down(request: HttpRequest) -> HttpResponse:
    return _error("serviceNotAvailable", "Graph is down (a test)", status=503)
