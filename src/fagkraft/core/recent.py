"""Figures cached under the data version, the most recent also kept in this process.

The shared cache (Redis in production) hands back a copy: every read unpickles it. For
the large figures (a trust's thousand candidate forecasts: about 0.2 s to unpickle on
every view of its education page) the last few are also kept here as they are. A key
names its data version, so an entry is never out of date, only no longer asked for;
callers treat what they get as read-only (it is shared by the requests of this process).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache

T = TypeVar("T")
ENTRIES = 16  # a worker's handful of trusts and days; each entry up to a few MB

_entries: OrderedDict[str, Any] = OrderedDict()
_lock = threading.Lock()


def get_or_compute(key: str, compute: Callable[[], T], timeout: int) -> T:
    """The value under `key` (which must name the data version): from this process, the
    shared cache, or `compute()` (then stored in both)."""
    with _lock:
        if key in _entries:
            _entries.move_to_end(key)
            return _entries[key]  # type: ignore[no-any-return]
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, timeout=timeout)
    with _lock:
        _entries[key] = found
        while len(_entries) > ENTRIES:
            _entries.popitem(last=False)
    return found  # type: ignore[no-any-return]


def clear() -> None:
    """Forget what this process keeps (tests: each rolls its data back, and SQLite may
    hand out the same ids, so the same data version, again)."""
    with _lock:
        _entries.clear()
