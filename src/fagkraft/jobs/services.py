"""The only code that writes jobs.Job rows: submit, claim, progress, finish, recover.

Job rows are bookkeeping, not register data: they are not audited (the work a job does
is, by the services it calls) and do not move the data version caches key on.
Every step is a short transaction of its own, so progress is visible while the job's own
write (one durable transaction, e.g. an import) is still open.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from fagkraft.audit.services import Actor
from fagkraft.jobs import kinds
from fagkraft.jobs.models import Job

logger = logging.getLogger(__name__)
State = Job.State


def lease_seconds() -> int:
    return int(settings.JOBS_LEASE_SECONDS)


def _lease(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) + dt.timedelta(seconds=lease_seconds())


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


@transaction.atomic(durable=True)
def create(actor: Actor, kind: str, *, params: dict[str, Any] | None = None,
           data: bytes = b"", message: str = "") -> Job:
    """A queued job for the acting user; `queue.submit` creates and enqueues it."""
    if not kinds.known(kind):
        raise ValueError(f"unknown job kind {kind!r}")
    owner = actor if actor is not None and actor.is_authenticated else None
    # Queued jobs get a lease too: if the queue lost the message, the sweep finds it.
    return Job.objects.create(owner=owner, kind=kind, params=params or {}, data=data,
                              message=message[:300], lease_until=_lease())


def claim(job_id: int) -> Job | None:
    """Take a queued job to run; None if it is not there or another worker took it.

    One conditional UPDATE, so of two deliveries of the same job (the sweep may enqueue
    a job again) exactly one runs it.
    """
    now = timezone.now()
    with transaction.atomic(durable=True):
        taken = Job.objects.filter(pk=job_id, state=State.QUEUED).update(
            state=State.RUNNING, started_at=now, lease_until=_lease(now),
            worker=worker_name(), progress=0)
        if not taken:
            return None
        Job.objects.filter(pk=job_id).update(attempts=F("attempts") + 1)
    return Job.objects.get(pk=job_id)


def progress(job: Job, percent: int, message: str = "") -> None:
    """Report progress (0-100) and renew the lease; ignored once the job left "running"."""
    percent = max(0, min(100, int(percent)))
    with transaction.atomic(durable=True):
        Job.objects.filter(pk=job.pk, state=State.RUNNING).update(
            progress=percent, message=message[:300], lease_until=_lease())
    job.progress, job.message = percent, message[:300]


def renew(job_id: int) -> None:
    with transaction.atomic(durable=True):
        Job.objects.filter(pk=job_id, state=State.RUNNING).update(lease_until=_lease())


def finish(job: Job, result: dict[str, Any], message: str = "") -> None:
    with transaction.atomic(durable=True):
        Job.objects.filter(pk=job.pk, state=State.RUNNING).update(
            state=State.DONE, progress=100, result=result, message=message[:300],
            finished_at=timezone.now(), lease_until=None)


def fail(job: Job, message: str, result: dict[str, Any] | None = None) -> None:
    with transaction.atomic(durable=True):
        Job.objects.filter(pk=job.pk).exclude(state__in=Job.FINISHED).update(
            state=State.FAILED, result=result or {}, message=message[:300],
            finished_at=timezone.now(), lease_until=None)


def stale(now: dt.datetime | None = None) -> list[Job]:
    """Jobs whose lease ran out: a worker died running them, or the queue lost them."""
    now = now or timezone.now()
    return list(Job.objects.filter(
        Q(state__in=[State.QUEUED, State.RUNNING]) & Q(lease_until__lt=now)).only(
        "pk", "state", "attempts", "kind", "params"))


def requeue_or_fail(job: Job, message_failed: str) -> bool:
    """Put a stale job back in line (True), or fail it after too many attempts (False).

    Conditional on the state the sweep saw, so a job that just finished is left alone.
    """
    now = timezone.now()
    with transaction.atomic(durable=True):
        current = Job.objects.filter(pk=job.pk, state=job.state, lease_until__lt=now)
        if job.attempts >= int(settings.JOBS_MAX_ATTEMPTS):
            current.update(state=State.FAILED, message=message_failed[:300],
                           finished_at=now, lease_until=None)
            return False
        return bool(current.update(state=State.QUEUED, lease_until=_lease(now), worker=""))
