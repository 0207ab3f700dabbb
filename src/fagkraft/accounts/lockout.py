"""What a locked-out login sees (django-axes calls `locked_out` through AXES_LOCKOUT_CALLABLE).

The answer is 429 Too Many Requests in the user's language: a page for the login form, a
JSON body like DRF's for the API. It says when to try again, never whether the user name
exists.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext

TOO_MANY_REQUESTS = 429


def lockout_message() -> str:
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return ngettext(
        "Too many failed logins. Try again in %(minutes)s minute.",
        "Too many failed logins. Try again in %(minutes)s minutes.",
        minutes,
    ) % {"minutes": minutes}


def locked_out(request: HttpRequest, response: HttpResponse | None = None,
               credentials: dict[str, Any] | None = None, *args: Any,
               **kwargs: Any) -> HttpResponse:
    message = lockout_message()
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=TOO_MANY_REQUESTS)
    return render(request, "registration/locked_out.html", {"message": message},
                  status=TOO_MANY_REQUESTS)
