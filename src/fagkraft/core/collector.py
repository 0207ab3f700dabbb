"""Pausing Python's cyclic garbage collector for bulk work.

An HR import of 20,000 rows builds about a million objects (table cells, model
instances, engine records, rows for the database) and keeps most of them until it ends.
CPython starts a collection each time allocations outrun deallocations by a threshold,
and each full collection walks every live object: one run of benchmarks/import_ratio.py
(20,000 rows, floor and product) made 16 full collections of about 140 ms each (issue 16
point 4; benchmarks/README.md). Nothing the import builds is cyclic
garbage that must go before it ends, so the collector is paused for its duration;
reference counting still frees everything that is not in a cycle.

The same holds on a smaller scale for a web request: a trust's page builds its figures
from tens of thousands of records, and at national scale (issue 15, 150,000 employees)
35 full collections of about 160 ms each fell inside the page views of one run of
benchmarks/national_pages.py, some 14 % of its time. `RequestMiddleware` runs every
request with the collector paused; it is back on between requests, where the young
objects a request left behind are collected in one pass (gen2 by the usual rules).

The collector is per process: `paused()` counts the pauses in progress (threads of one
worker), and the last one to end turns it back on, only if it was on before the first.
Threads whose requests overlap without a gap could keep it off: when a pause ends after
the collector has been off for `LONGEST_PAUSE_SECONDS`, a full collection runs then.
"""

from __future__ import annotations

import contextlib
import gc
import threading
import time
from collections.abc import Callable, Iterator

from django.http import HttpRequest, HttpResponse

LONGEST_PAUSE_SECONDS = 60.0
_lock = threading.Lock()
_pauses = 0
_was_enabled = False
_off_since = 0.0


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Run the block with the cyclic garbage collector off (nesting and threads safe)."""
    global _pauses, _was_enabled, _off_since
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            _off_since = time.monotonic()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        overdue = False
        with _lock:
            _pauses -= 1
            if _pauses == 0:
                if _was_enabled:
                    gc.enable()
            elif _was_enabled and time.monotonic() - _off_since > LONGEST_PAUSE_SECONDS:
                overdue, _off_since = True, time.monotonic()
        if overdue:  # outside the lock: other threads' pauses need not wait for it
            gc.collect()


class RequestMiddleware:
    """Each request with the collector paused (see the module's docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with paused():
            return self.get_response(request)
