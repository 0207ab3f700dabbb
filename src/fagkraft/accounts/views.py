"""Logging in and out: the password form and single sign-on (OpenID Connect).

Every login, logout and refused login leaves an audit event (method "password" or "sso").
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import i18n
from django.views.decorators.http import require_GET, require_POST

from fagkraft.accounts import oidc
from fagkraft.accounts.backends import password_login_enabled
from fagkraft.accounts.models import Profile
from fagkraft.accounts.oidc import LoginRefused
from fagkraft.accounts.services import save_language, sign_in_with_claims
from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.core.conf import setting
from fagkraft.core.views import start_page

FLOW_KEY = "sso_flow"
ID_TOKEN_KEY = "sso_id_token"
FORBIDDEN = 403
BACKEND = "fagkraft.accounts.backends.PasswordBackend"  # reads the session's user back


def _sso_context() -> dict[str, Any]:
    return {"sso_enabled": oidc.enabled(), "sso_provider": setting("OIDC_PROVIDER_NAME"),
            "password_login": password_login_enabled()}


class LoginView(auth_views.LoginView):
    """Django's login form, with the single sign-on button, audited; off by a setting."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), **_sso_context()}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not password_login_enabled():
            audit.record_login(AuditEvent.Action.REFUSED, method="password",
                               attempted=request.POST.get("username", ""),
                               detail={"reason": "password login is off"})
            context = self.get_context_data(password_refused=True)
            return self.render_to_response(context, status=FORBIDDEN)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        audit.record_login(AuditEvent.Action.LOGIN, user=form.get_user(), method="password")
        return with_saved_language(response, form.get_user())

    def get_default_redirect_url(self) -> str:
        # Straight to the role's start page, without the hop through `home`: one request
        # fewer before the first page after login.
        return start_page(self.request.user) or super().get_default_redirect_url()

    def form_invalid(self, form: Any) -> HttpResponse:
        audit.record_login(AuditEvent.Action.REFUSED, method="password",
                           attempted=self.request.POST.get("username", ""),
                           detail={"reason": "wrong user name or password"})
        return super().form_invalid(form)


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin's own password form, audited; with password login off, the login page."""
    if not password_login_enabled():
        return redirect(f"{reverse('login')}?next={reverse('admin:index')}")
    response = admin.site.login(request)
    if request.method == "POST":
        if response.status_code == 302 and request.user.is_authenticated:
            audit.record_login(AuditEvent.Action.LOGIN, user=request.user,
                               method="password", detail={"form": "admin"})
        elif response.status_code == 200:  # the form again: refused
            audit.record_login(AuditEvent.Action.REFUSED, method="password",
                               attempted=request.POST.get("username", ""),
                               detail={"reason": "wrong user name or password",
                                       "form": "admin"})
    return response


def _callback_uri(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("sso_callback"))


def _refused(request: HttpRequest, error: LoginRefused) -> HttpResponse:
    audit.record_login(AuditEvent.Action.REFUSED, method="sso", attempted=error.reason[:200],
                       detail={"reason": error.reason})
    return render(request, "accounts/sso_refused.html",
                  {"message": error.message, **_sso_context()}, status=FORBIDDEN)


@require_GET
def sso_start(request: HttpRequest) -> HttpResponse:
    """Send the browser to the login service, keeping state, nonce and PKCE verifier."""
    if not oidc.enabled():
        return redirect("login")
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = ""
    try:
        url, flow = oidc.start(_callback_uri(request))
    except LoginRefused as error:
        return _refused(request, error)
    request.session[FLOW_KEY] = {**flow, "next": next_url}
    return HttpResponseRedirect(url)


@require_GET
def sso_callback(request: HttpRequest) -> HttpResponse:
    """Back from the login service: check everything, then log in (or refuse, audited)."""
    if not oidc.enabled():
        return redirect("login")
    flow = request.session.pop(FLOW_KEY, None) or {}  # one use: a replayed callback fails
    try:
        claims, id_token = oidc.finish(_callback_uri(request), flow, request.GET.dict())
        user = sign_in_with_claims(claims)
    except LoginRefused as error:
        return _refused(request, error)
    login(request, user, backend=BACKEND)
    request.session[ID_TOKEN_KEY] = id_token  # for the provider's logout (id_token_hint)
    detail = {"issuer": claims.get("iss", "")}
    if claims.get(oidc.GROUPS_FROM_GRAPH):
        detail["groups_from"] = "Microsoft Graph"  # Entra ID's group overage
    audit.record_login(AuditEvent.Action.LOGIN, user=user, method="sso", detail=detail)
    return with_saved_language(
        redirect(flow.get("next") or resolve_url(settings.LOGIN_REDIRECT_URL)), user)


def with_saved_language(response: HttpResponse, user: Any) -> HttpResponse:
    """After a login: the pages in the language saved on the user's profile (the
    language cookie LocaleMiddleware reads), from the first page on."""
    language = Profile.objects.filter(user=user).values_list("language", flat=True).first()
    if language:
        translation.activate(language)
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language,
                            max_age=settings.LANGUAGE_COOKIE_AGE,
                            path=settings.LANGUAGE_COOKIE_PATH,
                            domain=settings.LANGUAGE_COOKIE_DOMAIN,
                            secure=settings.LANGUAGE_COOKIE_SECURE,
                            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                            samesite=settings.LANGUAGE_COOKIE_SAMESITE)
    return response


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The language switch at the top of every page (Django's set_language); a logged-in
    user's choice is kept on their profile too (accounts.services.save_language)."""
    response = i18n.set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and translation.check_for_language(language):
        save_language(request.user, language, actor=request.user)
    return response


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """End the local session; after single sign-on, the login service's session too."""
    id_token = request.session.get(ID_TOKEN_KEY)
    if request.user.is_authenticated:
        audit.record_login(AuditEvent.Action.LOGOUT, user=request.user,
                           method="sso" if id_token else "password")
    logout(request)
    if id_token and oidc.enabled():
        url = oidc.end_session_url(id_token, request.build_absolute_uri(reverse("login")))
        if url:
            return HttpResponseRedirect(url)
    return redirect("login")
