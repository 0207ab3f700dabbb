"""Password logins, which an installation on single sign-on switches off."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from fagkraft.core.conf import setting


def password_login_enabled() -> bool:
    return bool(setting("PASSWORD_LOGIN"))


class PasswordBackend(ModelBackend):
    """Django's user and password check, answering no one while password login is off.

    Every password path (the login form, the admin, the API's basic authentication) goes
    through authenticate(), so this one switch closes them all. Sessions are still read
    through it (get_user), whichever way the user logged in.
    """

    def authenticate(self, request: HttpRequest | None, username: str | None = None,
                     password: str | None = None, **kwargs: Any) -> Any:
        if not password_login_enabled():
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
