"""The import's write as a background job (the preview stays in the request).

A file of 100,000 rows takes most of a minute to check again and write: the confirm
button enqueues this job and the user watches it on the job page. The write is one
durable transaction (run_import), so a worker killed mid-write leaves the register as it
was and the job is run again from the start.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fagkraft.imports import services
from fagkraft.imports.models import ImportJob
from fagkraft.jobs import queue
from fagkraft.jobs.kinds import JobFailed, register_kind
from fagkraft.jobs.models import Job
from fagkraft.jobs.queue import JobContext

COMMIT = "imports.commit"


def commit(context: JobContext) -> dict[str, Any]:
    import_job = ImportJob.objects.get(pk=context.params["import_job"])
    outcome = {"import_job": import_job.pk, "url": reverse("imports:job", args=[import_job.pk]),
               "link_text": _("See the import")}
    if import_job.status == ImportJob.Status.COMMITTED:
        # An earlier run wrote it and its worker stopped before it could say so.
        return {**outcome, "rows": import_job.summary.get("rows", 0)}
    if import_job.status != ImportJob.Status.PREVIEWED:
        raise JobFailed(_("The import was not ready to be written."), outcome)
    context.progress(10, _("Checking the file again and writing it"))
    result = services.commit_job(context.owner, import_job)
    if not result.written:
        raise JobFailed(_("The file has problems. Nothing was imported."), {
            **outcome, "problem_count": len(result.errors),
            "problems": [error.as_dict() for error in result.errors[:50]]})
    return {**outcome, "rows": result.rows}


def register() -> None:
    register_kind(COMMIT, gettext_lazy("Import"), commit,
                  template="imports/_job_result.html")


def commit_in_background(user: Any, import_job: ImportJob) -> Job:
    """The job writing this import: the one already waiting or running, else a new one
    (a second click on "Import" must not write the file twice)."""
    running = (Job.objects.filter(owner=user, kind=COMMIT, params__import_job=import_job.pk)
               .exclude(state__in=Job.FINISHED).first())
    return running or queue.submit(user, COMMIT, params={"import_job": import_job.pk})
