"""Background jobs: one row per piece of long work a user started (an import's write, a
scenario build, a Monte Carlo run).

The row, not the queue, is the truth about a job: the queue (Huey, fagkraft.jobs.queue)
only carries "run job 17". A worker claims the row, renews its lease while it runs and
writes progress and the result here; a job whose lease ran out (its worker was killed) is
found in this table and run again or marked failed, so no job is ever lost.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    FINISHED = (State.DONE, State.FAILED)

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="background_jobs",
    )
    kind = models.CharField(_("kind"), max_length=60)
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    # What the job works on: JSON parameters, and an uploaded file's content if any.
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    data = models.BinaryField(_("file content"), default=b"", blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # Until when the worker running it (or the queue holding it) is trusted to be alive.
    lease_until = models.DateTimeField(_("lease until"), null=True, blank=True)
    worker = models.CharField(_("worker"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [models.Index(fields=["state", "lease_until"], name="jobs_state_lease")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.state in self.FINISHED
