"""Projection pages: the scenario list, building a scenario from the register, a scenario
with its charts and assumptions, the JSON editor, comparison and the Excel export.

Access (fagkraft.access, projections part): leaders, advisers, planners and admins see
the scenarios of units in their scope; only the owner (or an admin) changes one. Planners
see counts of persons under the threshold hidden and no stock by single age.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagkraft import access
from fagkraft.access import disclosure
from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.core import dates
from fagkraft.core.xlsx import xlsx_response
from fagkraft.jobs import queue
from fagkraft.projections import exports, reports, runs, services
from fagkraft.projections import jobs as projection_jobs
from fagkraft.projections.forms import (
    AssumptionsForm,
    BuildForm,
    CopyForm,
    DocumentForm,
    NotesForm,
    hide_stock,
    restore_stock,
)
from fagkraft.projections.models import Scenario

MAX_COMPARED = 6


def _require_projections(request: HttpRequest) -> None:
    access.require(access.may_use_projections(request.user))


def _editable_or_404(request: HttpRequest, pk: int) -> Scenario:
    return access.editable_scenario_or_404(request.user, pk)


def _year(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


def _options(request: HttpRequest) -> runs.Options:
    return runs.Options(tornado_year=_year(request, "year"), target_year=_year(request, "target"))


def _form_errors(form: Any, error: ValidationError) -> None:
    """A service's ValidationError (JSON paths and messages) onto the form."""
    for message in error.message_dict.get("document", error.messages):
        form.add_error(None, message)


# --- List and new ------------------------------------------------------------------


@login_required
def scenario_list(request: HttpRequest) -> HttpResponse:
    _require_projections(request)
    scenarios = access.scenarios_for(request.user).select_related("unit", "owner")
    return render(request, "projections/list.html", {
        "scenarios": scenarios, "max_compared": MAX_COMPARED,
        "may_build": access.projection_units_for(request.user).exists(),
    })


@login_required
def scenario_new(request: HttpRequest) -> HttpResponse:
    _require_projections(request)
    units = access.projection_units_for(request.user).order_by("path")
    today = dates.today()
    form = BuildForm(request.POST or None, units=units, today=today)
    if request.method == "POST" and form.is_valid():
        # Reading the register takes seconds for a trust: a background job builds it.
        job = queue.submit(request.user, projection_jobs.BUILD,
                           params=projection_jobs.build_params(form.cleaned_data, today))
        return redirect("jobs:detail", job.pk)
    return render(request, "projections/new.html", {"form": form})


# --- One scenario ------------------------------------------------------------------


POLL_SECONDS = 1


def _polled_job(request: HttpRequest) -> int | None:
    value = request.GET.get("job", "")
    return int(value) if value.isdigit() else None


def _detail_context(request: HttpRequest, scenario: Scenario,
                    bound: AssumptionsForm | None = None) -> dict[str, Any]:
    suppresses = disclosure.controls(request.user, scenario.unit)
    # The projection runs as a background job; until it is done the page shows its
    # progress and polls (projections/_running.html).
    page = projection_jobs.page_run(request.user, scenario, _options(request),
                                    _polled_job(request))
    if page.job is not None:
        query = request.GET.copy()
        query["job"] = str(page.job.pk)
        return {"scenario": scenario, "run_job": page.job, "poll_seconds": POLL_SECONDS,
                "poll_url": f"{reverse('projections:detail', args=[scenario.pk])}"
                            f"?{query.urlencode()}",
                "again_url": reverse("projections:detail", args=[scenario.pk]),
                "editable": access.may_edit_scenario(request.user, scenario),
                "copy_form": CopyForm(initial={"name": _("Copy of %(name)s") % {
                    "name": scenario.name}})}
    result, problems = page.result, page.problems or []
    result = reports.shown_result(result, reports.hidden_projections(scenario, request.user))
    views = reports.profession_views(scenario, result, request.user)
    editable = access.may_edit_scenario(request.user, scenario)
    if editable:
        for view in views:
            if suppresses and view.result is None and (
                    bound is None or bound.profession != view.key):
                continue  # the form's initial values are the hidden figures
            view.form = bound if bound is not None and bound.profession == view.key else \
                AssumptionsForm(profession=view.key, spec=view.spec)
    return {
        "scenario": scenario, "result": result, "problems": problems, "views": views,
        "editable": editable, "charts": reports.chart_data(views, result) if result else None,
        "threshold": access.suppression_threshold(),
        "suppresses": suppresses,
        "copy_form": CopyForm(initial={"name": _("Copy of %(name)s") % {"name": scenario.name}}),
        "years": result["years"] if result else [],
    }


@login_required
def scenario_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = access.scenario_or_404(request.user, pk)
    context = _detail_context(request, scenario)
    if request.htmx:
        partial = "_running.html" if "run_job" in context else "_results.html"
        return render(request, f"projections/{partial}", context)
    return render(request, "projections/detail.html", context)


@login_required
@require_POST
def scenario_assumptions(request: HttpRequest, pk: int, profession: str) -> HttpResponse:
    scenario = _editable_or_404(request, pk)
    spec = (scenario.document.get("professions") or {}).get(profession)
    if spec is None:
        raise PermissionDenied
    form = AssumptionsForm(request.POST, profession=profession, spec=spec)
    if form.is_valid():
        try:
            services.set_assumptions(request.user, scenario, profession, form.values())
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The assumptions were saved and the projection "
                                        "recomputed."))
            return redirect(reverse("projections:detail", args=[scenario.pk])
                            + f"#profession-{profession}")
    scenario.refresh_from_db()
    messages.error(request, _("The assumptions were not saved; see the errors below."))
    return render(request, "projections/detail.html",
                  _detail_context(request, scenario, bound=form), status=422)


@login_required
def scenario_document(request: HttpRequest, pk: int) -> HttpResponse:
    """The scenario as JSON; its owner edits it here (every problem listed by path)."""
    scenario = access.scenario_or_404(request.user, pk)
    editable = access.may_edit_scenario(request.user, scenario)
    hides = disclosure.controls(request.user, scenario.unit)
    shown = (hide_stock(scenario.document, reports.hidden_projections(scenario, request.user))
             if hides else scenario.document)
    form = DocumentForm(initial={"document": json.dumps(shown, ensure_ascii=False, indent=2)})
    notes_form = NotesForm(initial={"name": scenario.name, "notes": scenario.notes})
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if request.POST.get("action") == "notes":
            notes_form = NotesForm(request.POST)
            if notes_form.is_valid():
                services.update_scenario(request.user, scenario, **notes_form.cleaned_data)
                messages.success(request, _("Saved."))
                return redirect("projections:document", scenario.pk)
        else:
            form = DocumentForm(request.POST)
            if form.is_valid():
                document = form.cleaned_data["document"]
                if hides:
                    document = restore_stock(document, scenario.document)
                try:
                    services.update_scenario(request.user, scenario, document=document)
                except ValidationError as error:
                    _form_errors(form, error)
                else:
                    messages.success(request, _("The scenario was saved."))
                    return redirect("projections:detail", scenario.pk)
    return render(request, "projections/document.html", {
        "scenario": scenario, "form": form, "notes_form": notes_form, "editable": editable,
        "hides": hides,
    })


@login_required
@require_POST
def scenario_copy(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = access.scenario_or_404(request.user, pk)
    form = CopyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the copy a name."))
        return redirect("projections:detail", scenario.pk)
    copy = services.copy_scenario(request.user, scenario, name=form.cleaned_data["name"])
    messages.success(request, _("The copy is yours to change."))
    return redirect("projections:detail", copy.pk)


@login_required
@require_POST
def scenario_delete(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = _editable_or_404(request, pk)
    services.delete_scenario(request.user, scenario)
    messages.success(request, _("The scenario was deleted."))
    return redirect("projections:list")


@login_required
@require_POST
def scenario_monte_carlo(request: HttpRequest, pk: int) -> HttpResponse:
    """A Monte Carlo run with many draws (FAGKRAFT_PROJECTION_JOB_DRAWS), as a job."""
    scenario = access.scenario_or_404(request.user, pk)
    job = queue.submit(request.user, projection_jobs.MONTE_CARLO,
                       params={"scenario": scenario.pk, "draws": projection_jobs.job_draws()})
    return redirect("jobs:detail", job.pk)


@login_required
def scenario_export(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = access.scenario_or_404(request.user, pk)
    # The figures of the scenario page's run (cached, or the user's finished job): the
    # export never runs the draws in the request.
    page = projection_jobs.page_run(request.user, scenario, _options(request),
                                    _polled_job(request))
    if page.problems is not None:
        messages.error(request, _("The scenario has errors; correct them before exporting."))
        return redirect("projections:document", scenario.pk)
    if page.job is not None:
        messages.info(request, _("The projection is being computed. Export it when its "
                                 "figures show on this page."))
        query = request.GET.copy()
        query["job"] = str(page.job.pk)
        return redirect(f"{reverse('projections:detail', args=[scenario.pk])}"
                        f"?{query.urlencode()}")
    result = page.result
    result = reports.shown_result(result, reports.hidden_projections(scenario, request.user))
    views = reports.profession_views(scenario, result, request.user)
    hides = disclosure.controls(request.user, scenario.unit)
    content = exports.scenario_workbook(scenario, result, views, hides_stock=hides)
    audit.record_bulk_read(request.user, AuditEvent.Action.EXPORT, "projections.scenario", 1,
                           trust_id=scenario.unit.trust_id, via=request.get_full_path(),
                           detail={"scenario": scenario.pk})
    return xlsx_response(content, f"fremskriving-{scenario.pk}")


# --- Comparison --------------------------------------------------------------------


@login_required
def compare(request: HttpRequest) -> HttpResponse:
    _require_projections(request)
    ids = [int(value) for value in request.GET.getlist("ids") if value.isdigit()][:MAX_COMPARED]
    scenarios = list(access.scenarios_for(request.user).filter(pk__in=ids)
                     .select_related("unit", "owner"))
    results: dict[int, dict[str, Any]] = {}
    problems: dict[int, list[str]] = {}
    computing: list[Scenario] = []
    for scenario in scenarios:
        # Each scenario's page run (cached, or a job started now): the comparison never
        # runs draws in the request; until the jobs are done the page polls.
        page = projection_jobs.page_run(request.user, scenario, runs.Options())
        if page.result is not None:
            # Professions whose projection rests on a hidden count stay out (planners).
            results[scenario.pk] = reports.shown_result(
                page.result, reports.hidden_projections(scenario, request.user)) or {}
        elif page.problems is not None:
            problems[scenario.pk] = page.problems
        else:
            computing.append(scenario)
    years = reports.compare_years(results)
    rows = reports.compare_rows(scenarios, results, years)
    chart = {
        "separators": reports.chart_data([], {"tornado_year": None})["separators"],
        "title": _("Gap (FTE)"),
        "lines": [{"name": f"{row['scenario'].name} – {row['label']}",
                   "years": [r["year"] for r in results[row["scenario"].pk]["professions"]
                             [row["profession"]]["table"]],
                   "gap": [r.get("gap_fte") for r in results[row["scenario"].pk]["professions"]
                           [row["profession"]]["table"]]}
                  for row in rows],
    }
    return render(request, "projections/compare.html", {
        "scenarios": scenarios, "rows": rows, "years": years, "problems": problems,
        "chart": chart, "available": access.scenarios_for(request.user).select_related("unit"),
        "chosen": {scenario.pk for scenario in scenarios}, "computing": computing,
        "poll_seconds": POLL_SECONDS,
    })
