"""Pausing Python's cyclic garbage collector for bulk work.

An HR import of 20,000 rows builds about a million objects (table cells, model
instances, engine records, rows for the database) and keeps most of them until it ends.
CPython starts a collection each time allocations outrun deallocations by a threshold,
and each full collection walks every live object: with a heap that size a pass costs
100-400 ms, and an import ran a dozen (issue 16 point 4: about a fifth of the product's
time, measured in benchmarks/import_ratio.py). Nothing the import builds is cyclic
garbage that must go before it ends, so the collector is paused for its duration;
reference counting still frees everything that is not in a cycle.

The collector is per process: `paused()` counts the pauses in progress (threads of one
worker), and the last one to end turns it back on, only if it was on before the first.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Run the block with the cyclic garbage collector off (nesting and threads safe)."""
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
