"""Timing helpers the benchmark scripts share (standard library only)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def percentile(values: list[float], share: float) -> float:
    """The value at `share` of the sorted values, by rounded rank (share 0.95: p95)."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def timed(repeat: int, work: Callable[[], object],
          before: Callable[[], object] | None = None) -> tuple[float, float]:
    """Median and p95 in seconds of `repeat` runs of `work`; `before` runs ahead of each
    run, outside the clock (to empty a cache, say)."""
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), percentile(times, 0.95)
