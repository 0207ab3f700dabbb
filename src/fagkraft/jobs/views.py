"""The user's own jobs: a list, and one job's page that polls its progress (HTMX)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fagkraft import access
from fagkraft.jobs import kinds
from fagkraft.jobs.models import Job

POLL_SECONDS = 1


def _context(job: Job) -> dict[str, object]:
    kind = kinds.kind(job.kind) if kinds.known(job.kind) else None
    return {"job": job, "kind_label": kind.label if kind else job.kind,
            "result_template": kind.template if kind else "jobs/_result.html",
            "result": job.result or {}, "poll_seconds": POLL_SECONDS}


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = access.background_job_or_404(request.user, pk)
    template = "jobs/_status.html" if request.htmx else "jobs/job.html"
    return render(request, template, _context(job))


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = access.background_jobs_for(request.user).defer("data")[:100]
    rows = [{"job": job, "label": (kinds.kind(job.kind).label if kinds.known(job.kind)
                                   else job.kind)} for job in jobs]
    return render(request, "jobs/list.html", {"rows": rows})
