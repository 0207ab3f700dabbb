"""The API's basic authentication, counted by django-axes like the login form.

Axes marks a locked-out attempt on the request it is given, and DRF gives it its own
Request object, so Axes's middleware never sees the mark: this class answers the lockout
itself, with the same message as the form (429 Too Many Requests).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.authentication import BasicScheme
from rest_framework.authentication import BasicAuthentication
from rest_framework.exceptions import AuthenticationFailed, Throttled
from rest_framework.request import Request

from fagkraft.accounts.lockout import lockout_message


class LockoutAwareBasicAuthentication(BasicAuthentication):
    def authenticate_credentials(self, userid: str, password: str,
                                 request: Request | None = None) -> tuple[Any, None]:
        try:
            return super().authenticate_credentials(userid, password, request)
        except AuthenticationFailed:
            if request is not None and getattr(request, "axes_locked_out", False):
                raise Throttled(detail=lockout_message()) from None
            raise


class LockoutAwareBasicScheme(BasicScheme):
    """Documents the class in the OpenAPI schema as what it is: HTTP Basic."""

    target_class = LockoutAwareBasicAuthentication
