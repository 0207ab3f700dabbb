"""WISN pages: the studies a user may see, one study with its results, chart, scenarios,
editing, workload import and Excel export.

Access is decided in fagkraft.access: leaders see and edit their subtree's studies,
advisers their trust's, administrators all; planners read their region's studies (with
small register figures hidden); employees get nothing. Edits go through
fagkraft.workload.services and are audit-logged there. With HTMX, an edit answers with
the refreshed study body; without it, with a redirect to the study page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from fagkraft import access
from fagkraft.core import dates
from fagkraft.core.delete_view import ObjectDeleteView
from fagkraft.workforce.models import Profession
from fagkraft.workload import exports, reports, services
from fagkraft.workload.filtersets import StudyFilterSet
from fagkraft.workload.forms import (
    ActivityForm,
    ActivityStandardForm,
    CategoryAllowanceForm,
    CategoryForm,
    IndividualAllowanceForm,
    MoveForm,
    ScenarioForm,
    StudyCreateForm,
    StudyFileForm,
    StudyForm,
    WorkloadImportForm,
)
from fagkraft.workload.imports import COLUMNS, import_workload
from fagkraft.workload.models import (
    CategoryAllowance,
    IndividualAllowance,
    Scenario,
    ScenarioMove,
    StaffCategory,
    WisnStudy,
    WorkloadActivity,
)
from fagkraft.workload.study_file import StudyFileInvalid, load_study
from fagkraft.workload.tables import StudyTable

STANDARD_GROUPS = (Profession.Group.PSYCHOLOGIST, Profession.Group.DOCTOR,
                   Profession.Group.NURSE)


def _readers_only(request: HttpRequest) -> None:
    access.require(access.may_read_wisn(request.user))


def _category_blocks(study: WisnStudy, rows: dict[str, Any], editable: bool
                     ) -> list[dict[str, Any]]:
    """Per category: its rows, its results and (for editors) its forms."""
    blocks = []
    for category in study.categories.prefetch_related(
            "activities", "category_allowances", "individual_allowances"):
        row = rows[category.name]
        results = {a.name: a for a in row.result.activities}
        activities = [
            {"activity": a, "result": results.get(a.name),
             "form": ActivityStandardForm(instance=a, prefix=f"a{a.pk}", form_id=f"activity-{a.pk}")
             if editable else None}
            for a in category.activities.all()
        ]
        block: dict[str, Any] = {"category": category, "row": row, "activities": activities}
        if editable:
            block.update(
                activity_form=ActivityForm(prefix=f"c{category.pk}"),
                allowance_form=CategoryAllowanceForm(prefix=f"k{category.pk}"),
                individual_form=IndividualAllowanceForm(prefix=f"i{category.pk}"))
        blocks.append(block)
    return blocks


def _study_context(request: HttpRequest, study: WisnStudy, **extra: Any) -> dict[str, Any]:
    report = reports.study_report(study, request.user, dates.today())
    rows = {row.result.name: row for row in report.rows}
    editable = access.may_edit_wisn_study(request.user, study)
    scenarios = list(study.scenarios.prefetch_related(
        "moves__activity__category", "moves__to_category"))
    comparisons = {comparison.scenario: comparison for comparison in report.comparisons}
    return {
        "study": study, "report": report, "editable": editable,
        "blocks": _category_blocks(study, rows, editable),
        "scenarios": [
            {"scenario": scenario, "comparison": comparisons.get(scenario.name),
             "move_form": MoveForm(study=study, prefix=f"s{scenario.pk}") if editable else None}
            for scenario in scenarios
        ],
        "chart": reports.chart_data(report),
        "threshold": access.suppression_threshold(),
        "hidden": {row.result.name for row in report.rows if row.hidden},
        "category_form": CategoryForm() if editable else None,
        "scenario_form": ScenarioForm() if editable else None,
        **extra,
    }


def _answer(request: HttpRequest, study: WisnStudy, **extra: Any) -> HttpResponse:
    """After an edit: the refreshed study body for HTMX, else back to the page."""
    if request.htmx:
        return render(request, "workload/_study_body.html",
                      _study_context(request, study, **extra))
    return redirect("workload:study", study.pk)


def _save(request: HttpRequest, study: WisnStudy, form: Any,
          write: Callable[[dict[str, Any]], Any]) -> HttpResponse:
    """Validate a form, write through a service, report problems; answer as `_answer`."""
    problems: list[str] = []
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as error:
            problems = [message for messages_ in error.message_dict.values()
                        for message in messages_] if hasattr(error, "error_dict") \
                else list(error.messages)
    else:
        problems = [f"{form.fields[f].label}: {e}" if f in form.fields else str(e)
                    for f, errors in form.errors.items() for e in errors]
    if problems:
        if not request.htmx:
            for problem in problems:
                messages.error(request, problem)
        return _answer(request, study, problems=problems)
    # HTMX swaps only the study body, so the confirmation travels inside it.
    if not request.htmx:
        messages.success(request, _("Saved."))
    return _answer(request, study, notice=_("Saved."))


# --- Lists and the study page ---------------------------------------------------------


@login_required
def study_list(request: HttpRequest) -> HttpResponse:
    _readers_only(request)
    if request.GET.get("new_for", "").isdigit():
        return redirect("workload:study_create", int(request.GET["new_for"]))
    studies = access.wisn_studies_for(request.user).select_related("unit").annotate(
        category_count=Count("categories"))
    filterset = StudyFilterSet(request.GET, queryset=studies, request=request)
    table = StudyTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    home = access.home_unit(request.user)
    can_create = home is not None and access.may_create_wisn_study(request.user, home)
    units = access.units_for(request.user).order_by("path") if can_create else []
    return render(request, "workload/study_list.html", {
        "table": table, "filter": filterset, "can_create": can_create, "units": units})


@login_required
def study_create(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(access.may_edit_wisn(request.user))  # planners: 403 whatever the unit
    unit = access.unit_or_404(request.user, pk)
    access.require(access.may_create_wisn_study(request.user, unit))
    if request.method == "POST" and "study_file" in request.FILES:
        return _study_upload(request, unit)
    form = StudyCreateForm(request.POST or None, initial={
        "year": dates.today().year, "name": _("Staffing need %(unit)s") % {"unit": unit.name}})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        study = services.create_study(request.user, unit=unit, name=data["name"],
                                      year=data["year"], via=request.path)
        if data["standard_categories"]:
            for group in STANDARD_GROUPS:
                services.add_category(request.user, study, name=str(group.label),
                                      profession_group=group.value, via=request.path)
        messages.success(request, _("The study was created with working time for %(year)s "
                                    "from the calendar.") % {"year": study.year})
        return redirect("workload:study", study.pk)
    return render(request, "workload/study_form.html",
                  {"form": form, "unit": unit, "title": _("New WISN study"),
                   "upload_form": StudyFileForm()})


def _study_upload(request: HttpRequest, unit: Any) -> HttpResponse:
    """Create a study from an uploaded study file; on errors, list every one by JSON path
    and write nothing (the service stores the whole study in one transaction)."""
    upload_form = StudyFileForm(request.POST, request.FILES)
    problems: list[str] = []
    if upload_form.is_valid():
        try:
            parsed = load_study(upload_form.cleaned_data["study_file"].read())
        except StudyFileInvalid as invalid:
            problems = [str(error) for error in invalid.errors]
        else:
            study = services.create_study_from(
                request.user, unit, parsed.study, groups=parsed.profession_groups,
                sources=parsed.sources, scenarios=parsed.scenarios, note=parsed.note,
                via=request.path)
            messages.success(request, _("The study file was read: %(count)s categories.")
                             % {"count": len(parsed.study.categories)})
            return redirect("workload:study", study.pk)
    form = StudyCreateForm(initial={
        "year": dates.today().year, "name": _("Staffing need %(unit)s") % {"unit": unit.name}})
    return render(request, "workload/study_form.html", {
        "form": form, "unit": unit, "title": _("New WISN study"),
        "upload_form": upload_form, "upload_problems": problems}, status=422)


@login_required
def study(request: HttpRequest, pk: int) -> HttpResponse:
    study = access.wisn_study_or_404(request.user, pk)
    return render(request, "workload/study.html", _study_context(request, study))


@login_required
def study_edit(request: HttpRequest, pk: int) -> HttpResponse:
    study = access.wisn_study_or_404(request.user, pk, edit=True)
    form = StudyForm(request.POST or None, instance=study)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.update_study(request.user, WisnStudy.objects.get(pk=study.pk), **changes)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The working time was saved."))
            return redirect("workload:study", study.pk)
    return render(request, "workload/study_form.html", {
        "form": form, "unit": study.unit, "study": study, "title": _("Working time"),
        "calendar": services.calendar_year(study.year)})


@login_required
@require_POST
def study_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """Working time of the study's year from the calendar and the settings."""
    study = access.wisn_study_or_404(request.user, pk, edit=True)
    services.update_study(request.user, study, **services.calendar_fields(study.year))
    messages.success(request, _("Working time set from the calendar for %(year)s.")
                     % {"year": study.year})
    return redirect("workload:study", study.pk)


# --- Categories, activities, allowances ---------------------------------------------


def _child_or_404(request: HttpRequest, model: type, pk: int, study_path: str) -> Any:
    """A study's row (category, activity ...) if the user may edit its study.

    The role comes first, so a role that never edits studies gets 403 whatever the id;
    then a row of a study outside the scope is "not found" like a row that does not exist."""
    access.require(access.may_edit_wisn(request.user))
    obj = get_object_or_404(model, pk=pk)
    access.wisn_study_or_404(request.user, _study_of(obj, study_path).pk, edit=True)
    return obj


def _study_of(row: Any, study_path: str) -> WisnStudy:
    study = row
    for attr in study_path.split("."):
        study = getattr(study, attr)
    return study


@login_required
@require_POST
def category_add(request: HttpRequest, pk: int) -> HttpResponse:
    study = access.wisn_study_or_404(request.user, pk, edit=True)
    return _save(request, study, CategoryForm(request.POST), lambda data: services.add_category(
        request.user, study, via=request.path, **data))


@login_required
@require_POST
def activity_add(request: HttpRequest, pk: int) -> HttpResponse:
    category = _child_or_404(request, StaffCategory, pk, "study")
    return _save(request, category.study, ActivityForm(request.POST, prefix=f"c{pk}"),
                 lambda data: services.add_activity(request.user, category, via=request.path,
                                                    **data))


@login_required
@require_POST
def activity_update(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _child_or_404(request, WorkloadActivity, pk, "category.study")
    form = ActivityStandardForm(request.POST, prefix=f"a{pk}")
    return _save(request, activity.category.study, form,
                 lambda data: services.update_activity(request.user, activity, **data))


@login_required
@require_POST
def allowance_add(request: HttpRequest, pk: int) -> HttpResponse:
    category = _child_or_404(request, StaffCategory, pk, "study")
    if request.POST.get("kind") == "individual":
        form: Any = IndividualAllowanceForm(request.POST, prefix=f"i{pk}")
        return _save(request, category.study, form, lambda data: (
            services.add_individual_allowance(request.user, category, via=request.path,
                                              **data)))
    form = CategoryAllowanceForm(request.POST, prefix=f"k{pk}")
    return _save(request, category.study, form, lambda data: services.add_category_allowance(
        request.user, category, via=request.path, **data))


# --- Scenarios ----------------------------------------------------------------------


@login_required
@require_POST
def scenario_add(request: HttpRequest, pk: int) -> HttpResponse:
    study = access.wisn_study_or_404(request.user, pk, edit=True)
    return _save(request, study, ScenarioForm(request.POST), lambda data: (
        services.create_scenario(request.user, study, via=request.path, **data)))


@login_required
@require_POST
def move_add(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = _child_or_404(request, Scenario, pk, "study")
    form = MoveForm(request.POST, study=scenario.study, prefix=f"s{pk}")
    return _save(request, scenario.study, form, lambda data: services.add_move(
        request.user, scenario, via=request.path, **data))


# --- Deleting a study or a part of one ----------------------------------------------


class StudyDeleteView(ObjectDeleteView):
    consequence = gettext_lazy(
        "Its staff categories, activities and scenarios are deleted with it.")

    def get_object(self, request: HttpRequest, pk: int) -> WisnStudy:
        return access.wisn_study_or_404(request.user, pk, edit=True)

    def delete_object(self, request: HttpRequest, obj: Any) -> None:
        services.delete_study(request.user, obj)

    def get_return_url(self, request: HttpRequest, obj: Any) -> str:
        return reverse("workload:study_list")


class StudyPartDeleteView(ObjectDeleteView):
    """A study's row (category, activity, allowance, scenario, move); with HTMX the answer
    is the refreshed study body, as after every other edit of the study."""

    model: type[Model] | None = None
    study_path = "study"  # attribute path from the row to its study
    service: Any = None  # the service function that deletes: service(actor, row)

    def get_object(self, request: HttpRequest, pk: int) -> Any:
        return _child_or_404(request, self.model, pk, self.study_path)

    def delete_object(self, request: HttpRequest, obj: Any) -> None:
        self.service(request.user, obj)

    def get_return_url(self, request: HttpRequest, obj: Any) -> str:
        return reverse("workload:study", args=[_study_of(obj, self.study_path).pk])

    def htmx_response(self, request: HttpRequest, obj: Any, message: str,
                      return_url: str) -> HttpResponse:
        return _answer(request, _study_of(obj, self.study_path), notice=message)


study_delete = StudyDeleteView.as_view()
category_delete = StudyPartDeleteView.as_view(
    model=StaffCategory, service=services.delete_category,
    consequence=gettext_lazy("Its activities and allowances are deleted with it."))
activity_delete = StudyPartDeleteView.as_view(
    model=WorkloadActivity, study_path="category.study", service=services.delete_activity)
allowance_delete = StudyPartDeleteView.as_view(
    model=CategoryAllowance, study_path="category.study",
    service=services.delete_category_allowance)
individual_allowance_delete = StudyPartDeleteView.as_view(
    model=IndividualAllowance, study_path="category.study",
    service=services.delete_individual_allowance)
scenario_delete = StudyPartDeleteView.as_view(
    model=Scenario, service=services.delete_scenario,
    consequence=gettext_lazy("Its moves are deleted with it."))
move_delete = StudyPartDeleteView.as_view(
    model=ScenarioMove, study_path="scenario.study", service=services.delete_move)


# --- Import and export --------------------------------------------------------------


@login_required
def workload_import(request: HttpRequest, pk: int) -> HttpResponse:
    study = access.wisn_study_or_404(request.user, pk, edit=True)
    form = WorkloadImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_workload(request.user, study, upload.name, upload.read(),
                                 dry_run=form.cleaned_data["dry_run"])
        if result.ok and not result.written:
            messages.info(request, _("The file is valid: %(created)s activities would be "
                                     "added, %(updated)s updated. Nothing was written.")
                          % {"created": result.created, "updated": result.updated})
        elif result.ok:
            messages.success(request, _("%(created)s activities added, %(updated)s updated.")
                             % {"created": result.created, "updated": result.updated})
            return redirect("workload:study", study.pk)
    return render(request, "workload/import.html", {
        "study": study, "form": form, "result": result, "columns": COLUMNS})


@login_required
def study_export(request: HttpRequest, pk: int) -> HttpResponse:
    study = access.wisn_study_or_404(request.user, pk)
    report = reports.study_report(study, request.user, dates.today())
    return exports.xlsx_response(exports.study_workbook(report), f"wisn-{study.unit.code}-"
                                 f"{study.year}-{study.pk}")

