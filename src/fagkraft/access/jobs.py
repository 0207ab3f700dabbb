"""Background jobs: a user sees only the jobs they started, whatever their role.

Another user's job is answered like one that does not exist (404): a job's result can
name a file, a scenario or counts from another unit.
"""

from __future__ import annotations

from django.db.models import QuerySet

from fagkraft.access.scope import User, in_scope_or_404
from fagkraft.jobs.models import Job


def background_jobs_for(user: User) -> QuerySet[Job]:
    if not user.is_authenticated:
        return Job.objects.none()
    return Job.objects.filter(owner=user)


def background_job_or_404(user: User, pk: object) -> Job:
    return in_scope_or_404(background_jobs_for(user), pk)
