"""Out of scope answers exactly like "does not exist", so ids cannot be enumerated.

For every page and API URL of the access matrix that names a record by id, each persona
the matrix refuses asks for it twice: with the record's id and with an id no record has.
Both answers must have the same status and the same body once the two ids are blanked.
403 then only remains where the role may never use that kind of page (whatever the id),
404 where the role may use it but the record lies outside their scope.

The world and the matrix's records are built once for the module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.converters import IntConverter

from tests import test_access_matrix as matrix
from tests.matrix_support import EVERYONE, PERSONAS, Case
from tests.personas import World, build_world
from tests.test_access_matrix import CASES

MISSING_ID = 987_654_321
# CSRF tokens are masked afresh on every response: the form field and HTMX's header.
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"|csrf[-_]?token["\']?\s*[:=]\s*'
                  r'["\'][^"\']*', re.IGNORECASE)


# The matrix's objects, built on a world (as tests/test_audit_coverage.py).
_matrix_records = matrix.build_extra


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker) -> Iterator[tuple[World, dict]]:
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast:
        atomic = transaction.atomic()
        atomic._from_testcase = True  # as TestCase.setUpTestData: durable services still run
        atomic.__enter__()
        try:
            world = build_world()
            yield world, _matrix_records(world)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _with_missing_id(url: str) -> tuple[str, str] | None:
    """The URL with its record id replaced by MISSING_ID, and that id; None for a URL
    that names no record by id in its path."""
    path, _, query = url.partition("?")
    match = resolve(path)
    if "pk" in match.kwargs and str(match.kwargs["pk"]).isdigit():
        record_id = str(match.kwargs["pk"])
        kwargs = {**match.kwargs, "pk": MISSING_ID}
        missing = reverse(match.view_name, args=match.args, kwargs=kwargs)
    else:
        ints = [index for index, arg in enumerate(match.args) if str(arg).isdigit()]
        if not ints:
            return None
        args = list(match.args)
        record_id, args[ints[0]] = str(args[ints[0]]), MISSING_ID
        missing = reverse(match.view_name, args=args, kwargs=match.kwargs)
    return (f"{missing}?{query}" if query else missing), record_id


def _record_url_names(patterns: list, namespace: str = "") -> set[str]:
    """URL names whose path takes an integer (a record's id)."""
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _record_url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name and _takes_an_id(pattern):
            names.add(f"{namespace}{pattern.name}")
    return names


def _takes_an_id(pattern: URLPattern) -> bool:
    # <int:...> of a path(), or the pk group of a DRF router's regular expression.
    converters = getattr(pattern.pattern, "converters", {}).values()
    return (any(isinstance(converter, IntConverter) for converter in converters)
            or "pk" in pattern.pattern.regex.groupindex)


def _record_cases() -> list[Case]:
    """Matrix cases whose URL names a record by id and that some persona is refused."""
    record_urls = _record_url_names(get_resolver().url_patterns)
    return [case for case in CASES if case.name in record_urls and case.allowed != EVERYONE]


def _first_difference(real: bytes, missing: bytes, record_id: str) -> str:
    ids = (record_id, str(MISSING_ID))
    a, b = _normalised(real, *ids), _normalised(missing, *ids)
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
              min(len(a), len(b)))
    return f"{a[max(0, at - 60):at + 60]!r} vs {b[max(0, at - 60):at + 60]!r}"


def _normalised(body: bytes, *ids: str) -> str:
    text = CSRF.sub("csrf", body.decode("utf-8", errors="replace"))
    for value in ids:
        text = re.sub(rf"(?<!\d){re.escape(value)}(?!\d)", "<id>", text)
    return text


@pytest.mark.django_db
@pytest.mark.parametrize("case", _record_cases(), ids=lambda c: f"{c.name}:{sorted(c.allowed)[:2]}")
def test_out_of_scope_answers_like_a_missing_record(case: Case, built: tuple[World, dict]):
    world, records = built
    url = case.url(world, records)
    replaced = _with_missing_id(url)
    assert replaced is not None, url
    missing_url, record_id = replaced
    differences = []
    for persona in sorted(set(PERSONAS) - case.allowed):
        client = Client()
        client.force_login(world.users[persona])
        real, missing = client.get(url), client.get(missing_url)
        assert real.status_code in (403, 404), (persona, url, real.status_code)
        if (real.status_code != missing.status_code
                or _normalised(real.content, record_id, str(MISSING_ID))
                != _normalised(missing.content, record_id, str(MISSING_ID))):
            differences.append((persona, real.status_code, missing.status_code,
                                _first_difference(real.content, missing.content, record_id)))
    assert differences == [], url


def test_the_comparison_sees_a_difference():
    """The normalisation blanks ids and tokens only: a leak in the body still shows."""
    csrf_a = b'<input name="csrfmiddlewaretoken" value="abc"> No unit 12.'
    csrf_b = b'<input name="csrfmiddlewaretoken" value="xyz"> No unit 987654321.'
    assert _normalised(csrf_a, "12", "987654321") == _normalised(csrf_b, "12", "987654321")
    assert _normalised(b"Unit 12 is outside your scope", "12", "9") != \
        _normalised(b"Unit 9 does not exist", "12", "9")
