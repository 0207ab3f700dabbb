"""Fetching a table from SSB's PxWebApi v2 (standard library only: urllib).

`fetch_table` posts the selection (engine.pxweb builds it) and returns the JSON-stat2
answer once engine.pxweb has checked its shape. Every failure is an `SsbFetchError` with
a message in the user's language: SSB's own words for an HTTP error (its answers to
400/403/404/429 carry a JSON `title` or a text), a timeout, a network error, an answer
that is too large or not JSON-stat2. The base URL, timeout and size limit are settings
(FAGKRAFT_SSB_API_BASE_URL, ..._TIMEOUT_SECONDS, ..._MAX_BYTES).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any, BinaryIO
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fagkraft.core.conf import setting
from fagkraft.engine.pxweb import (
    DatasetSummary,
    PxWebError,
    Selection,
    check_jsonstat2,
    data_url,
    error_message,
    request_body,
)

CHUNK = 64 * 1024
# An error answer is read only this far: enough for SSB's message, never a whole page.
ERROR_BODY_LIMIT = 64 * 1024

# engine.pxweb's problem codes in the user's language (its params fill them in).
PROBLEM_TEXTS = {
    "select_syntax": gettext_lazy("--select must be VAR=CODES, e.g. Region=3001,0301: "
                                  "%(argument)s"),
    "variable_code": gettext_lazy("Not a variable code: %(variable)s"),
    "no_codes": gettext_lazy("No value codes chosen for %(variable)s"),
    "value_code": gettext_lazy("Not a value code for %(variable)s: %(value)s"),
    "duplicate_code": gettext_lazy("%(value)s is chosen twice for %(variable)s"),
    "duplicate_variable": gettext_lazy("%(variable)s is selected twice"),
    "table_id": gettext_lazy("Not a table number: %(table)s"),
    "language": gettext_lazy("The language must be no or en, not %(lang)s"),
    "not_json": gettext_lazy("the answer is not JSON"),
    "not_object": gettext_lazy("must be a JSON object"),
    "not_dataset": gettext_lazy("must be \"dataset\", not %(found)s"),
    "version": gettext_lazy("must be \"2.0\", not %(found)s"),
    "missing": gettext_lazy("is missing"),
    "id_list": gettext_lazy("must be a list of dimension ids"),
    "size_list": gettext_lazy("must be a list of whole numbers"),
    "size_length": gettext_lazy("has %(sizes)s sizes for %(ids)s dimensions"),
    "index_positions": gettext_lazy("must number the categories 0, 1, 2, ..."),
    "category_count": gettext_lazy("has %(categories)s categories, but the size says %(size)s"),
    "value_count": gettext_lazy("has %(found)s values, but the sizes give %(expected)s"),
    "value_position": gettext_lazy("has a position outside the sizes"),
    "value_type": gettext_lazy("must be a number or null"),
}


class SsbFetchError(Exception):
    """A fetch that failed; `str()` is the message for the user, `status` the HTTP status
    (None when there was no HTTP answer)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def problem_text(error: PxWebError) -> str:
    """An engine.pxweb problem in the user's language, with its JSON path if any."""
    template = PROBLEM_TEXTS.get(error.code)
    text = str(template) % error.params if template is not None else str(error)
    return f"{error.path}: {text}" if error.path else text


def _seconds(timeout: float) -> str:
    return number_format(int(timeout) if timeout.is_integer() else timeout)


@dataclass(frozen=True)
class FetchedTable:
    url: str
    body: bytes
    summary: DatasetSummary


def _read_bounded(stream: BinaryIO, limit: int, deadline: float, timeout: float) -> bytes:
    """At most `limit` bytes; more is refused, and so is a drip-fed answer past the deadline
    (the socket timeout alone bounds each read, not the whole answer)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise SsbFetchError(
                _("The answer from SSB is larger than %(limit)s bytes "
                  "(FAGKRAFT_SSB_API_MAX_BYTES): choose fewer values or raise the limit.")
                % {"limit": number_format(limit, force_grouping=True)})
        if time.monotonic() > deadline:
            raise TimeoutError(timeout)
        chunks.append(chunk)


def _http_error(error: HTTPError, table_id: str, deadline: float, timeout: float) -> SsbFetchError:
    try:
        detail = error_message(_read_bounded(error, ERROR_BODY_LIMIT, deadline, timeout))
    except (SsbFetchError, OSError):
        detail = ""
    detail = detail or _("(no message)")
    status = error.code
    values: dict[str, Any] = {"status": status, "detail": detail, "table": table_id}
    if status == 400:
        text = _("SSB refused the request (HTTP 400): %(detail)s. Check the variable and "
                 "value codes against the table's metadata.") % values
    elif status == 403:
        text = _("SSB does not allow this request (HTTP 403): %(detail)s") % values
    elif status == 404:
        text = _("SSB has no table %(table)s (HTTP 404): %(detail)s") % values
    elif status == 429:
        text = _("Too many requests to SSB (HTTP 429): wait a minute and try again. "
                 "%(detail)s") % values
    else:
        text = _("SSB answered with an error (HTTP %(status)s): %(detail)s") % values
    return SsbFetchError(text, status=status)


def fetch_table(table_id: str, selections: tuple[Selection, ...], lang: str = "no") -> (
    FetchedTable
):
    """POST the v2 data request and return the checked JSON-stat2 answer."""
    base = str(setting("SSB_API_BASE_URL"))
    timeout = float(setting("SSB_API_TIMEOUT_SECONDS"))
    limit = int(setting("SSB_API_MAX_BYTES"))
    if urlsplit(base).scheme not in ("http", "https") or not urlsplit(base).netloc:
        raise SsbFetchError(
            _("FAGKRAFT_SSB_API_BASE_URL must be an http(s) address, not %(url)s") % {"url": base})
    try:
        url = data_url(base, table_id, lang)
    except PxWebError as error:
        raise SsbFetchError(problem_text(error)) from error
    request = Request(
        url,
        data=json.dumps(request_body(selections)).encode("utf-8"),
        method="POST",
        headers={"Content-Type": "application/json", "Accept": "application/json",
                 "User-Agent": "Fagkraft (fagkraft ssb fetch)"},
    )
    deadline = time.monotonic() + timeout
    try:
        with urlopen(request, timeout=timeout) as response:  # noqa: S310 (scheme checked)
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise SsbFetchError(
                    _("The answer from SSB is larger than %(limit)s bytes "
                      "(FAGKRAFT_SSB_API_MAX_BYTES): choose fewer values or raise the limit.")
                    % {"limit": number_format(limit, force_grouping=True)})
            body = _read_bounded(response, limit, deadline, timeout)
    except HTTPError as error:
        with error:
            raise _http_error(error, table_id, deadline, timeout) from error
    except TimeoutError as error:
        raise SsbFetchError(_("No answer from SSB within %(seconds)s seconds (%(url)s).")
                            % {"seconds": _seconds(timeout), "url": base}) from error
    except URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise SsbFetchError(_("No answer from SSB within %(seconds)s seconds (%(url)s).")
                                % {"seconds": _seconds(timeout), "url": base}) from error
        raise SsbFetchError(_("Could not reach SSB at %(url)s: %(reason)s")
                            % {"url": base, "reason": error.reason}) from error
    except OSError as error:  # connection reset or refused mid-answer
        raise SsbFetchError(_("Could not reach SSB at %(url)s: %(reason)s")
                            % {"url": base, "reason": error}) from error
    try:
        summary = check_jsonstat2(body)
    except PxWebError as error:
        raise SsbFetchError(_("The answer from SSB is not a JSON-stat2 table: %(problem)s")
                            % {"problem": problem_text(error)}) from error
    return FetchedTable(url=url, body=body, summary=summary)
