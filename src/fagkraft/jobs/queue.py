"""The queue behind the jobs: Huey (SQLite file, Redis or immediate; settings.HUEY).

Why the job survives its worker: Huey hands a task to one worker and forgets it, so a
worker killed with -9 takes its task with it. The job's row in the database (jobs.Job)
therefore carries a lease, renewed by a heartbeat while the job runs. The sweep (when a
consumer starts and every minute) finds jobs whose lease ran out and enqueues them again,
up to FAGKRAFT_JOBS_MAX_ATTEMPTS runs; after that the job is marked failed with a
message. A job's write is one transaction, so a killed run leaves nothing behind, and
claiming a job is one conditional update, so a job enqueued twice still runs once.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone, translation
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task, on_startup

from fagkraft.audit.services import Actor
from fagkraft.jobs import daily, kinds, services
from fagkraft.jobs.models import Job

logger = logging.getLogger(__name__)

ALIVE_KEY = "fagkraft:consumer-alive"
# /healthz reports "no worker" when no consumer swept for this long (it sweeps each minute).
ALIVE_SECONDS = 180


class JobContext:
    """What a kind's function gets: the job, its owner, parameters, file and progress."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.owner = job.owner
        self.params: dict[str, Any] = job.params
        self.data = bytes(job.data)

    def progress(self, percent: int, message: str = "") -> None:
        services.progress(self.job, percent, message)


def submit(actor: Actor, kind: str, *, params: dict[str, Any] | None = None,
           data: bytes = b"", message: str = "") -> Job:
    """Create the job and put it in the queue; the caller redirects to its page."""
    params = {**(params or {}), "language": get_language() or settings.LANGUAGE_CODE}
    job = services.create(actor, kind, params=params, data=data,
                          message=message or _("Waiting for a free worker."))
    enqueue(job.pk)
    job.refresh_from_db()
    return job


def enqueue(job_id: int) -> None:
    try:
        run_job(job_id)
    except Exception:
        # The queue is down (Redis unreachable): the job stays queued in the database and
        # the sweep enqueues it once its lease has run out.
        logger.exception("could not enqueue job %s", job_id)


def _heartbeat(job_id: int, stop: threading.Event) -> None:
    interval = max(1.0, services.lease_seconds() / 3)
    try:
        while not stop.wait(interval):
            try:
                services.renew(job_id)
            except Exception:
                logger.exception("could not renew the lease of job %s", job_id)
    finally:
        connection.close()


def execute(job_id: int) -> None:
    """Run one job (called by the worker; in immediate mode, by submit itself)."""
    job = services.claim(job_id)
    if job is None:
        return  # already taken, finished, or gone
    stop = threading.Event()
    beat = None
    if not HUEY.immediate:
        beat = threading.Thread(target=_heartbeat, args=(job.pk, stop), daemon=True)
        beat.start()
    try:
        with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
            _run(job)
    finally:
        stop.set()
        if beat is not None:
            beat.join(timeout=5)


def _run(job: Job) -> None:
    try:
        result = kinds.kind(job.kind).run(JobContext(job))
    except kinds.JobFailed as failure:
        services.fail(job, failure.message, failure.result)
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        services.fail(job, _("The job stopped because of an error. Nothing was changed. "
                             "Try again, or ask the administrator to look in the log."))
    else:
        services.finish(job, result, _("Done."))


@db_task(name="fagkraft.run_job", retries=0)
def run_job(job_id: int) -> None:
    execute(job_id)


def sweep() -> int:
    """Enqueue again (or fail) every job whose lease ran out; say this consumer lives."""
    HUEY.put(ALIVE_KEY, time.time())
    again = 0
    for job in services.stale():
        with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
            message = ngettext(
                "The worker stopped during the job %(count)s time; it was not run again. "
                "Nothing was changed: start it again.",
                "The worker stopped during the job %(count)s times; it was not run again. "
                "Nothing was changed: start it again.", job.attempts) % {"count": job.attempts}
        if services.requeue_or_fail(job, message):
            logger.warning("job %s (%s) lost its worker; queued again", job.pk, job.kind)
            enqueue(job.pk)
            again += 1
    return again


_swept_at_start = threading.Lock()
_started = False


@on_startup()
def sweep_at_start() -> None:
    global _started
    with _swept_at_start:
        if _started:
            return
        _started = True
    close_old_connections()
    try:
        sweep()
    finally:
        close_old_connections()


@db_periodic_task(crontab(minute="*"), name="fagkraft.sweep")
def sweep_every_minute() -> None:
    sweep()


@db_periodic_task(crontab(hour=str(settings.JOBS_DAILY_HOUR), minute="0"),
                  name="fagkraft.daily")
def daily_tasks() -> None:
    # Once per day however many consumers run the periodic tasks.
    if not HUEY.put_if_empty(f"fagkraft:daily:{timezone.localdate().isoformat()}", "1",
                             ttl=2 * 24 * 3600):
        return
    for outcome in daily.run_daily():
        log = logger.info if outcome.ok else logger.error
        log("daily task %s: %s (%.1f s)", outcome.name, outcome.text or "ok", outcome.seconds)


def state() -> str:
    """The queue's state for /healthz: "immediate", "ok", or "no worker"; raises if the
    queue's storage does not answer."""
    if HUEY.immediate:
        return "immediate"
    HUEY.pending_count()
    alive = HUEY.get(ALIVE_KEY, peek=True)
    if alive is None or time.time() - float(alive) > ALIVE_SECONDS:
        return "no worker"
    return "ok"

