"""`/healthz`: is this server able to answer? For the load balancer and the operators.

Each part is a check that returns its state ("ok"; the job queue, which fagkraft.jobs
registers here, also "no worker" or "immediate") or raises when its component fails.
The answer names each part and its state only: no personal data, no error text (which
could name hosts or users; the log gets the details).
"""

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

OK = "ok"
ERROR = "error"


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("SELECT 1 did not answer 1")
    return OK


def check_cache() -> str:
    key = "fagkraft:healthz"
    token = secrets.token_hex(8)
    cache.set(key, token, timeout=30)
    if cache.get(key) != token:
        raise RuntimeError("the cache did not give back what was just set")
    return OK


@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[[], str]
    # A failing required part makes the server unhealthy (503): it cannot serve pages.
    required: bool = True


CHECKS: list[Check] = [
    Check("database", check_database),
    Check("cache", check_cache),
]


def register(check: Check) -> None:
    """Add (or replace) a part, from an app's AppConfig.ready() (the job queue's, say)."""
    CHECKS[:] = [known for known in CHECKS if known.name != check.name] + [check]


def run_checks(checks: list[Check]) -> tuple[bool, dict[str, str]]:
    states: dict[str, str] = {}
    healthy = True
    for check in checks:
        try:
            states[check.name] = check.run()
        except Exception:
            logger.exception("health check %s failed", check.name)
            states[check.name] = ERROR
            healthy = healthy and not check.required
    return healthy, states


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    healthy, states = run_checks(CHECKS)
    return JsonResponse({"status": OK if healthy else ERROR, **states},
                        status=200 if healthy else 503)
