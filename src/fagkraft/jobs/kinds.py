"""The kinds of job there are: apps register theirs in AppConfig.ready().

A kind is a function that does the work, given a JobContext (the job's owner, parameters,
file and a way to report progress), and returns a small JSON-safe summary of the result.
It raises JobFailed for an outcome the user must act on (a file with problems): the job
ends "failed" with that message and result. Any other exception fails the job with a
general message (the traceback goes to the log). A kind must be safe to run again: a job
whose worker was killed is run from the start, so its write must be one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


class JobFailed(Exception):  # noqa: N818 - reads as "raise JobFailed(...)"
    def __init__(self, message: str, result: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.result = result or {}


@dataclass(frozen=True)
class Kind:
    name: str
    label: str | Promise
    run: Callable[[Any], dict[str, Any]]
    # Shown on the job page when it is finished; gets `job` and `result`.
    template: str = "jobs/_result.html"


_kinds: dict[str, Kind] = {}


def register_kind(name: str, label: str | Promise, run: Callable[[Any], dict[str, Any]],
                  *, template: str = "jobs/_result.html") -> None:
    _kinds[name] = Kind(name=name, label=label, run=run, template=template)


def kind(name: str) -> Kind:
    return _kinds[name]


def known(name: str) -> bool:
    return name in _kinds
