"""The learning-goal import's write as a background job (the check stays in the request).

The file travels with the job (jobs.Job.data); the import is one transaction, so a run
cut short leaves the goals as they were and the job is run again from the start.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fagkraft.education import imports
from fagkraft.jobs.kinds import JobFailed, register_kind
from fagkraft.jobs.queue import JobContext

GOAL_IMPORT = "education.goal_import"


def import_goals(context: JobContext) -> dict[str, Any]:
    context.progress(10, _("Checking the file and writing it"))
    result = imports.import_goal_file(context.owner, context.params["file_name"], context.data)
    outcome = {"url": reverse("education:templates"), "link_text": _("See the pathway templates")}
    if not result.written:
        raise JobFailed(_("The file has problems. Nothing was imported."), {
            **outcome, "problem_count": len(result.errors),
            "problems": [error.as_dict() for error in result.errors[:50]]})
    return {**outcome, "rows": result.rows, "created": result.created,
            "updated": result.updated, "unchanged": result.unchanged}


def register() -> None:
    register_kind(GOAL_IMPORT, gettext_lazy("Import learning goals"), import_goals,
                  template="education/_goal_job_result.html")
