"""Scenario builds, the scenario page's run and Monte Carlo runs as background jobs.

A build reads the register (seconds for a trust) and a run of thousands of draws takes
longer than a page should wait: the pages enqueue these and show the job page. The
scenario page's own run (the projection with its 500 draws, tornado and intake) is a job
too: the page shows its progress in place of the figures and polls until they are there
(`page_run`). All are safe to run again after a killed worker: a build writes its
scenario in one transaction, a run writes nothing but the job's result.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fagkraft import access
from fagkraft.core.conf import setting
from fagkraft.engine import projection
from fagkraft.jobs import queue
from fagkraft.jobs.kinds import JobFailed, register_kind
from fagkraft.jobs.models import Job
from fagkraft.jobs.queue import JobContext
from fagkraft.projections import register as projection_register
from fagkraft.projections import reports, runs, services
from fagkraft.projections.models import Scenario

BUILD = "projections.build"
MONTE_CARLO = "projections.monte_carlo"
RUN = "projections.run"


def build_params(data: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """The build form's cleaned data as JSON for the job."""
    return {"name": data["name"], "unit": data["unit"].pk,
            "service_area": data["service_area"], "professions": list(data["professions"]),
            "today": today.isoformat(), "base_year": data["base_year"],
            "end_year": data["end_year"], "area": data["area"],
            "alternative": data["alternative"], "notes": data["notes"]}


def build(context: JobContext) -> dict[str, Any]:
    params = context.params
    # The unit again through the owner's scope: a role taken away meanwhile ends here.
    unit = access.projection_units_for(context.owner).filter(pk=params["unit"]).first()
    if unit is None:
        raise JobFailed(_("The unit is no longer one you build scenarios for."))
    context.progress(10, _("Reading the register"))
    try:
        scenario = services.create_from_register(
            context.owner, name=params["name"], unit=unit,
            service_area=params["service_area"], professions=params["professions"],
            today=dt.date.fromisoformat(params["today"]), base_year=params["base_year"],
            end_year=params["end_year"], area=params["area"],
            alternative=params["alternative"], notes=params["notes"])
    except ValidationError as error:
        messages = error.message_dict.get("document", error.messages) if hasattr(
            error, "error_dict") else error.messages
        raise JobFailed(_("The scenario could not be built."), {
            "url": reverse("projections:new"), "link_text": _("Build again"),
            "problem_count": len(messages),
            "problems": [{"row": "", "column": "", "message": text} for text in messages]},
        ) from None
    return {"scenario": scenario.pk, "url": reverse("projections:detail", args=[scenario.pk]),
            "link_text": _("Open the scenario")}


def _rounded(value: Any) -> float | None:
    number = float(value)
    return None if math.isnan(number) else round(number, 3)  # as runs.run rounds


def job_draws() -> int:
    return int(setting("PROJECTION_JOB_DRAWS"))


def monte_carlo(context: JobContext) -> dict[str, Any]:
    try:
        scenario = access.scenario_or_404(context.owner, context.params["scenario"])
    except Http404:
        raise JobFailed(_("The scenario is gone or no longer yours to see.")) from None
    draws = int(context.params["draws"])
    try:
        parsed = runs.parse(scenario.document)
    except runs.ScenarioInvalid as error:
        raise JobFailed(_("The scenario has errors; correct them first."), {
            "problems": [{"row": "", "column": "", "message": text}
                         for text in runs.problems_text(error.problems)]}) from None
    context.progress(5, _("Drawing %(draws)s samples") % {"draws": draws})

    def report(done: int, total: int) -> None:
        context.progress(5 + 90 * done // max(total, 1),
                         _("%(done)s of %(total)s professions") % {"done": done, "total": total})

    result = projection.project(parsed, draws=draws, seed=runs.SEED, progress=report)
    # Professions whose figures rest on a hidden count stay out (disclosure control).
    hidden = reports.hidden_projections(scenario, context.owner)
    professions = []
    for profession in parsed.professions:
        if profession.name in hidden:
            continue
        rows = [{"year": int(row["year"]), **{key: _rounded(row[key]) for key in (
                    "gap_fte", "gap_p10", "gap_p50", "gap_p90")}}
                for row in result.for_profession(profession.name).to_dict("records")]
        professions.append({"key": profession.name,
                            "label": projection_register.profession_label(profession.name),
                            "rows": rows})
    return {"scenario": scenario.pk, "name": scenario.name, "draws": draws, "seed": runs.SEED,
            "professions": professions, "hidden": sorted(hidden),
            "url": reverse("projections:detail", args=[scenario.pk]),
            "link_text": _("Back to the scenario")}


def scenario_run(context: JobContext) -> dict[str, Any]:
    """The scenario page's run: runs.run as the page ran it, in the owner's language."""
    params = context.params
    try:
        scenario = access.scenario_or_404(context.owner, params["scenario"])
    except Http404:
        raise JobFailed(_("The scenario is gone or no longer yours to see.")) from None
    options = runs.Options(tornado_year=params.get("year"), target_year=params.get("target"))
    try:
        outcome = runs.run(scenario.document, options, progress=context.progress)
    except runs.ScenarioInvalid as error:
        raise JobFailed(_("The scenario has errors; correct them first."), {
            "problems": [{"row": "", "column": "", "message": text}
                         for text in runs.problems_text(error.problems)]}) from None
    # The key of the document actually run: changed since the page asked, the page
    # finds this result no match and asks again.
    return {"key": runs.run_key(scenario.document, options), "run": outcome,
            "scenario": scenario.pk, "url": reverse("projections:detail", args=[scenario.pk]),
            "link_text": _("Open the scenario")}


@dataclass
class PageRun:
    """What the scenario page shows: the result, the scenario's problems, or a job."""

    result: dict[str, Any] | None = None
    problems: list[str] | None = None
    job: Job | None = None


def _own_run(user: Any, key: str, job_id: int | None) -> Job | None:
    """The user's job for this run: the one the page polls, else the newest that is not
    failed and young enough to be trusted as the cache is (runs.CACHE_SECONDS)."""
    jobs = access.background_jobs_for(user).filter(kind=RUN, params__key=key)
    if job_id is not None:
        polled = jobs.filter(pk=job_id).first()
        if polled is not None:
            return polled
    since = timezone.now() - dt.timedelta(seconds=runs.CACHE_SECONDS)
    return (jobs.filter(created_at__gte=since).exclude(state=Job.State.FAILED)
            .order_by("-created_at", "-pk").first())


def _done(job: Job, key: str) -> dict[str, Any] | None:
    if job.state == Job.State.DONE and (job.result or {}).get("key") == key:
        outcome: dict[str, Any] = job.result["run"]
        runs.keep(key, outcome)
        return outcome
    return None


def page_run(user: Any, scenario: Scenario, options: runs.Options,
             job_id: int | None = None) -> PageRun:
    """The scenario page's figures: from the cache, from the user's finished job, or a
    job started now (with an immediate queue it has run by the time this returns)."""
    try:
        key = runs.run_key(scenario.document, options)
    except runs.ScenarioInvalid as error:
        return PageRun(problems=runs.problems_text(error.problems))
    found = runs.cached(key)
    if found is not None:
        return PageRun(result=found)
    job = _own_run(user, key, job_id)
    if job is None:
        job = queue.submit(user, RUN, params={
            "scenario": scenario.pk, "year": options.tornado_year,
            "target": options.target_year, "key": key},
            message=_("Waiting for a free worker."))
    outcome = _done(job, key)
    if outcome is not None:
        return PageRun(result=outcome)
    return PageRun(job=job)


def register() -> None:
    register_kind(BUILD, gettext_lazy("Build a scenario from the register"), build)
    register_kind(MONTE_CARLO, gettext_lazy("Monte Carlo run"), monte_carlo,
                  template="projections/_monte_carlo_result.html")
    register_kind(RUN, gettext_lazy("Projection of a scenario"), scenario_run)
