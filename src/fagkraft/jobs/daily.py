"""Daily tasks: apps register work to run once a day (reminders, refreshed statuses).

    from fagkraft.jobs.daily import register_daily
    register_daily("send-reminders", send_reminders)   # in AppConfig.ready()

The Huey consumer runs every registered task once a day at FAGKRAFT_JOBS_DAILY_HOUR
(fagkraft.jobs.queue.daily); `fagkraft run-daily` runs them now (cron, or by hand). A task
takes no arguments and returns a short line for the log (or None); it must be safe to run
twice on one day (a second server's consumer, a manual run). One failing task is logged
and the others still run.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

logger = logging.getLogger(__name__)

_tasks: dict[str, Callable[[], object]] = {}


def register_daily(name: str, task: Callable[[], object]) -> None:
    """Add (or replace) the daily task `name`."""
    _tasks[name] = task


def registered() -> list[str]:
    return sorted(_tasks)


@dataclass(frozen=True)
class Outcome:
    name: str
    ok: bool
    text: str
    seconds: float


def run_daily(only: list[str] | None = None) -> list[Outcome]:
    """Run the registered tasks (or those named), each by itself; report every outcome."""
    names = registered() if not only else [name for name in only if name in _tasks]
    outcomes = []
    for name in names:
        started = time.monotonic()
        try:
            text = _tasks[name]()
        except Exception as error:
            logger.exception("daily task %s failed", name)
            outcomes.append(Outcome(name, False, f"{type(error).__name__}: {error}",
                                    time.monotonic() - started))
        else:
            outcomes.append(Outcome(name, True, "" if text is None else str(text),
                                    time.monotonic() - started))
    return outcomes
