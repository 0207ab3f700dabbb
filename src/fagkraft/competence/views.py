"""Competence pages: my competence, a person's page, the unit compliance dashboard, the
roll-up, the unit's further-education plan, the overview and the catalogue.

Every page asks fagkraft.access who may see what:
- a person's requirements, completions and plans: people in `employees_for(user)`
  (an employee only themself); each view is audit-logged as a read;
- registering, approving and planning for a person: leaders, advisers and administrators
  for people in their scope, never for themselves (their own reports wait for approval
  like everyone else's);
- the unit dashboard and its export: `may_see_persons_in(user, unit)`;
- the roll-up and the further-education plan: aggregates of `units_for(user)`, counts
  under the threshold hidden for planners (`access.suppress`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import get_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from fagkraft import access
from fagkraft.access import disclosure
from fagkraft.adapter import competence as adapter
from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.competence import certificates, dashboard, exports, reports, services
from fagkraft.competence.filtersets import employees_in_unit
from fagkraft.competence.forms import (
    ActivityStatusForm,
    CompletionForm,
    LeaderCompletionForm,
    OverviewForm,
    PlanActivityForm,
    RejectForm,
)
from fagkraft.competence.models import (
    Competence,
    Completion,
    Plan,
    PlanActivity,
    RequirementRule,
    TeacherEntry,
)
from fagkraft.competence.tables import (
    MATRIX_PAGE_SIZE,
    CompetenceTable,
    DueTable,
    HolderTable,
    MatrixTable,
    PackageTable,
    RuleTable,
    TeacherTable,
)
from fagkraft.core import dates
from fagkraft.core.xlsx import xlsx_response
from fagkraft.workforce.models import Employee, Position, Profession, SpecialistApproval, Unit

Action = AuditEvent.Action
# Specialist renewal rules of the seeded catalogue, by profession group.
RENEWAL_CODES = {
    Profession.Group.PSYCHOLOGIST: "PSY-SPES-FORNYING",
    Profession.Group.THERAPIST: "FO-SPES-FORNYING",
}


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()},
                                                  request.is_secure()):
        return redirect(target)
    return redirect(fallback)


# --- A person's competence (mine, or as the leader sees it) --------------------------


def _renewal(employee: Employee, today: dt.date) -> dict[str, Any] | None:
    """Specialist renewal hours for a person with an active specialist approval."""
    code = RENEWAL_CODES.get(employee.profession.group)
    if code is None or not SpecialistApproval.objects.filter(
            SpecialistApproval.active_on_q(today), employee=employee).exists():
        return None
    rule = Competence.objects.filter(code=code, renewal_hours__isnull=False).first()
    if rule is None:
        return None
    return {"rule": rule, "result": adapter.specialist_renewal_for(employee, rule, today)}


def _person_context(request: HttpRequest, employee: Employee, today: dt.date,
                    **forms: Any) -> dict[str, Any]:
    activities = PlanActivity.objects.select_related("competence").order_by("target_date", "pk")
    plans = (Plan.objects.filter(employee=employee)
             .prefetch_related(Prefetch("activities", activities)).order_by("-year", "kind"))
    current = (Position.objects.filter(Position.active_on_q(today), employee=employee)
               .select_related("unit"))
    completions = list(Completion.objects.filter(employee=employee)
                       .select_related("competence").order_by("-completed_on", "-pk"))
    return {
        "employee": employee,
        "rows": reports.person_rows(employee, today),
        "completions": completions,
        "pending": [c for c in completions if c.status == Completion.Status.PENDING],
        "plans": plans,
        "positions": current,
        "renewal": _renewal(employee, today),
        "today": today,
        "status_form": ActivityStatusForm(),
        **forms,
    }


def _record_read(request: HttpRequest, employee: Employee) -> None:
    audit.record(request.user, Action.READ, employee, via=request.path,
                 detail={"page": "competence"})


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The employee's own requirements, evidence and plans; reports wait for approval."""
    employee = Employee.objects.select_related("profession", "trust").get(
        pk=access.own_employee_id_or_403(request.user))
    form = CompletionForm(request.POST or None, request.FILES or None, prefix="report")
    if request.method == "POST":
        if form.is_valid():
            try:
                services.record_completion(
                    request.user, employee=employee, source=Completion.Source.EMPLOYEE,
                    **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Thank you. Your leader will approve the "
                                            "completion."))
                return redirect("competence:mine")
    else:
        _record_read(request, employee)
    return render(request, "competence/person.html", _person_context(
        request, employee, dates.today(), is_self=True, report_form=form))


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    """One person's competence as their leader or adviser sees it."""
    if pk == access.own_employee_id(request.user):
        return redirect("competence:mine")
    employee = access.employee_or_404(request.user, pk, related=("profession", "trust"))
    manages = access.manages_person(request.user, employee)
    record_form = CompletionForm(prefix="record")
    activity_form = PlanActivityForm(prefix="activity")
    if request.method == "POST":
        if not manages:
            raise PermissionDenied
        action = request.POST.get("action")
        here = reverse("competence:person", args=[employee.pk])
        if action == "record":
            record_form = CompletionForm(request.POST, request.FILES, prefix="record")
            if _record(request, record_form, employee):
                return redirect(here)
        elif action == "activity":
            activity_form = PlanActivityForm(request.POST, prefix="activity")
            if _add_activity(request, activity_form, employee):
                return redirect(here)
        elif action == "activity_status":
            _set_activity_status(request, employee)
            return redirect(here)
        else:
            raise Http404
    else:
        _record_read(request, employee)
    return render(request, "competence/person.html", _person_context(
        request, employee, dates.today(), is_self=False, manages=manages,
        record_form=record_form, activity_form=activity_form,
        pending_next=request.path))


def _record(request: HttpRequest, form: CompletionForm, employee: Employee) -> bool:
    """A leader's entry: approved at once."""
    if not form.is_valid():
        return False
    data = dict(form.cleaned_data)
    data.pop("employee", None)
    try:
        services.record_completion(request.user, employee=employee,
                                   source=Completion.Source.LEADER, **data)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, _("Completion registered for %(name)s.")
                     % {"name": employee.full_name})
    return True


def _add_activity(request: HttpRequest, form: PlanActivityForm, employee: Employee) -> bool:
    if not form.is_valid():
        return False
    data = form.cleaned_data
    plan = Plan.objects.filter(employee=employee, kind=data["kind"], year=data["year"]).first()
    try:
        if plan is None:
            plan = services.create_plan(request.user, employee=employee, kind=data["kind"],
                                        year=data["year"])
        services.add_activity(request.user, plan, competence=data["competence"],
                              title=data["title"], target_date=data["target_date"],
                              status=data["status"], notes=data["notes"])
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, _("Activity added to the plan."))
    return True


def _set_activity_status(request: HttpRequest, employee: Employee) -> None:
    activity = PlanActivity.objects.filter(
        pk=request.POST.get("activity"), plan__employee=employee).first()
    form = ActivityStatusForm(request.POST)
    if activity is None or not form.is_valid():
        raise Http404
    services.update_activity(request.user, activity, status=form.cleaned_data["status"])
    messages.success(request, _("Activity updated."))


@login_required
def certificate(request: HttpRequest, pk: int) -> FileResponse:
    """A completion's certificate, as a download under a neutral name; every read logged."""
    completion = access.certificate_or_404(request.user, pk)
    kind = certificates.CONTENT_TYPES.get(completion.certificate_type)
    try:
        handle = completion.certificate.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    audit.record(request.user, Action.READ, completion, via=request.path,
                 detail={"certificate": completion.certificate_type})
    # The type is the one read from the content at upload; never the uploader's claim.
    response = FileResponse(
        handle, as_attachment=True,
        content_type=kind.content_type if kind else "application/octet-stream",
        filename=f"kursbevis-{completion.pk}.{kind.extension if kind else 'bin'}")
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Approving reports ----------------------------------------------------------------


def _decided_on_unit(request: HttpRequest) -> Unit | None:
    """The unit dashboard a decision was made on (its row form says), checked before the
    write: its "Awaiting approval" count is sent back with the row."""
    pk = request.POST.get("unit")
    return access.persons_unit_or_404(request.user, pk) if request.htmx and pk else None


def _after_decision(
    request: HttpRequest, completion: Completion, unit: Unit | None
) -> HttpResponse:
    if request.htmx:
        context: dict[str, Any] = {"completion": completion, "pending_unit": unit}
        if unit is not None:
            context["pending_count"] = _pending_in(request, unit).count()
        return render(request, "competence/_decided.html", context)
    return _back(request, reverse("competence:person", args=[completion.employee_id]))


@login_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    completion = access.completion_to_decide_or_404(request.user, pk)
    unit = _decided_on_unit(request)
    if completion.status == Completion.Status.PENDING:
        services.approve_completion(request.user, completion)
        messages.success(request, _("Approved: %(what)s.") % {"what": completion})
    return _after_decision(request, completion, unit)


@login_required
@require_POST
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    completion = access.completion_to_decide_or_404(request.user, pk)
    unit = _decided_on_unit(request)
    form = RejectForm(request.POST)
    if completion.status == Completion.Status.PENDING and form.is_valid():
        services.reject_completion(request.user, completion, reason=form.cleaned_data["reason"])
        messages.success(request, _("Rejected: %(what)s.") % {"what": completion})
    return _after_decision(request, completion, unit)


# --- Unit dashboard -------------------------------------------------------------------


def _unit_people(request: HttpRequest, unit: Unit) -> QuerySet[Employee]:
    """People in scope with a position today in the unit's subtree."""
    return access.employees_for(request.user).filter(employees_in_unit(unit, "pk"))


def _pending_in(request: HttpRequest, unit: Unit) -> QuerySet[Completion]:
    """Reports by the unit's people waiting for a decision, oldest first."""
    return (Completion.objects.filter(employee__in=_unit_people(request, unit),
                                      status=Completion.Status.PENDING)
            .select_related("employee", "competence").order_by("created_at", "pk"))


def _separators() -> str:
    return f"{get_format('DECIMAL_SEPARATOR')}{get_format('THOUSAND_SEPARATOR')}"


def _share_chart(competences: list[Competence], shares: list[float | None]) -> dict[str, Any]:
    return {
        "separators": _separators(),
        "title": _("Share compliant per requirement (%)"),
        # Axis labels are the names people know; the code stays in the hover text.
        "x": [competence.name for competence in competences],
        "names": [competence.code for competence in competences],
        "y": [None if value is None else round(value * 100, 1) for value in shares],
    }


@login_required
def unit(request: HttpRequest, pk: int) -> HttpResponse:
    """The leader's compliance dashboard: matrix, counts, due list, pending reports."""
    here = access.persons_unit_or_404(request.user, pk)
    people = _unit_people(request, here)
    manages = access.may_record_for_unit(request.user)
    me = access.own_employee_id(request.user)
    candidates = people.exclude(pk=me) if me else people
    form = LeaderCompletionForm(request.POST or None, request.FILES or None, people=candidates,
                                prefix="record")
    if request.method == "POST":
        if not manages:
            raise PermissionDenied
        if form.is_valid() and _record(request, form, form.cleaned_data["employee"]):
            return redirect("competence:unit", pk=here.pk)
    today = dates.today()
    visible = access.units_for(request.user)
    data = dashboard.unit_dashboard(here, people,
                                    visible.filter(parent=here).order_by("path"), today,
                                    everyone=access.may_see_persons_in(request.user, here))
    table = MatrixTable(data.people, data.competences)
    RequestConfig(request, paginate={"per_page": MATRIX_PAGE_SIZE}).configure(table)
    matrix_ids = table.show_cells(data.cells_for)
    due_table = DueTable(data.due, prefix="due-")
    RequestConfig(request, paginate={"per_page": MATRIX_PAGE_SIZE}).configure(due_table)
    # Oldest first, a page at a time: a trust has hundreds waiting, each row two forms.
    pending = Paginator(_pending_in(request, here), MATRIX_PAGE_SIZE).get_page(
        request.GET.get("pending_page"))
    # The people the page shows: the matrix's page, the due list's page and the reports
    # waiting on this page (as the staff table audits its page). The counts above them are
    # aggregates; a trust of 10,000 wrote 10,000 audit rows on every view before.
    shown = set(matrix_ids)
    shown.update(row.record.employee.pk for row in due_table.page.object_list)
    shown.update(completion.employee_id for completion in pending)
    audit.record_bulk_read(request.user, Action.READ, "competence.status", len(shown),
                           trust_id=here.trust_id, via=request.path, persons=sorted(shown),
                           filter=audit.filter_of(request.GET))
    return render(request, "competence/unit.html", {
        "unit": here,
        "data": data,
        "table": table,
        "due_table": due_table,
        "pending": pending,
        "manages": manages,
        "record_form": form,
        "breadcrumbs": visible.filter(pk__in=here.ancestors()).order_by("path"),
        "chart": _share_chart(data.competences,
                              [r.share_compliant for r in data.requirements]),
        "due_days": reports.DUE_LIST_DAYS,
        "soon_days": adapter.due_soon_days(),
        "today": today,
    })


@login_required
def unit_export(request: HttpRequest, pk: int) -> HttpResponse:
    here = access.persons_unit_or_404(request.user, pk)
    people = _unit_people(request, here)
    data = reports.unit_compliance(here, people, [], dates.today())
    audit.record_bulk_read(request.user, Action.EXPORT, "competence.status", len(data.people),
                           trust_id=here.trust_id, via=request.get_full_path(),
                           detail={"format": "xlsx"},
                           persons=[person.employee.pk for person in data.people],
                           filter=audit.filter_of(request.GET))
    return xlsx_response(exports.matrix_workbook(data), f"kompetanse-{here.code}")


# --- Roll-up and further-education plan -----------------------------------------------


@login_required
def rollup(request: HttpRequest, pk: int) -> HttpResponse:
    """Share compliant per requirement by trust and clinic (aggregates only)."""
    here = access.unit_or_404(request.user, pk)
    data = reports.rollup(here, dates.today(), protected=disclosure.controls_any(
        request.user, reports.rollup_units(here)))
    top = data.rows[0]
    visible = access.units_for(request.user)
    return render(request, "competence/rollup.html", {
        "unit": here,
        "data": data,
        "breadcrumbs": visible.filter(pk__in=here.ancestors()).order_by("path"),
        "person_units": {row.unit.pk for row in data.rows
                         if access.may_see_persons_in(request.user, row.unit)},
        "threshold": access.suppression_threshold(),
        "chart": _share_chart(data.competences, [
            top.cells[c.pk].share_compliant if c.pk in top.cells else None
            for c in data.competences]),
    })


def _plan_people(request: HttpRequest, here: Unit) -> QuerySet[Employee]:
    # Leaders and advisers plan for the people they may see; planners get aggregates of
    # everyone in the unit, with small counts hidden.
    if access.may_see_persons_in(request.user, here):
        return _unit_people(request, here)
    return reports.people_in(here)


@login_required
def education_plan(request: HttpRequest, pk: int) -> HttpResponse:
    here = access.unit_or_404(request.user, pk)
    plan = reports.education_plan(_plan_people(request, here), dates.today())
    protected = disclosure.controls(request.user, here)
    rows = [{"need": need, "needed": need.needed, "planned_needed": need.planned_needed,
             "unplanned": need.unplanned, "planned_other": need.planned_other,
             "by": need.by, "overdue": need.overdue_on(plan.today)} for need in plan.needs]
    others = plan.other_activities
    if protected:
        rows = _protected_plan_rows(rows, plan.needs)
        # Activity titles are free text written about a person: never in an aggregate.
        others = []
    return render(request, "competence/education_plan.html", {
        "unit": here, "plan": plan, "rows": rows, "others": others,
        "threshold": access.suppression_threshold(), "suppresses": protected,
    })


def _protected_plan_rows(rows: list[dict[str, Any]], needs: list[reports.EducationNeed]
                         ) -> list[dict[str, Any]]:
    """Per competence: needed = planned of those + not planned; planned = planned of those
    needing it + of others. The earliest due date is one person's: hidden with the count."""
    values: dict[Any, int] = {}
    groups = []
    for index, need in enumerate(needs):
        values.update({("needed", index): need.needed, ("planned", index): need.planned,
                       ("unplanned", index): need.unplanned,
                       ("planned_needed", index): need.planned_needed,
                       ("planned_other", index): need.planned - need.planned_needed})
        groups += [
            disclosure.Group(("needed", index), (("planned_needed", index),
                                                        ("unplanned", index))),
            disclosure.Group(("planned", index), (("planned_needed", index),
                                                         ("planned_other", index)))]
    hidden = disclosure.protect(values, groups).hidden
    shown = ("needed", "planned_needed", "unplanned", "planned_other")
    return [{**row, **{key: None for key in shown if (key, index) in hidden},
             **({"by": None, "overdue": False} if ("needed", index) in hidden else {})}
            for index, row in enumerate(rows)]


@login_required
def education_plan_export(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(access.may_export_exact_counts(request.user))
    here = access.unit_or_404(request.user, pk)
    people = _plan_people(request, here)
    plan = reports.education_plan(people, dates.today())
    # Counts, but of named people's needs and plans: the people counted are named.
    audit.record_bulk_read(request.user, Action.EXPORT, "competence.planactivity",
                           len(plan.needs), trust_id=here.trust_id,
                           via=request.get_full_path(), detail={"format": "xlsx"},
                           persons=people.values_list("pk", flat=True),
                           filter=audit.filter_of(request.GET))
    return xlsx_response(exports.education_plan_workbook(plan),
                                 f"videreutdanningsplan-{here.code}")


# --- Overview and catalogue -----------------------------------------------------------


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Who holds a competence, the pool of teachers, and teaching packages."""
    sees_persons = access.sees_persons(request.user)
    form = OverviewForm(request.GET or None, units=access.units_for(request.user))
    competence = unit_filter = None
    if form.is_valid():
        competence, unit_filter = form.cleaned_data["competence"], form.cleaned_data["unit"]
    context: dict[str, Any] = {"form": form, "competence": competence,
                               "sees_persons": sees_persons}
    if sees_persons:
        people = access.employees_for(request.user)
        if unit_filter is not None:
            people = people.filter(employees_in_unit(unit_filter, "pk"))
        if competence is not None:
            holdings = reports.holders(competence, people, dates.today())
            context["holders"] = HolderTable(holdings, prefix="h-")
            RequestConfig(request, paginate={"per_page": 50}).configure(context["holders"])
            audit.record_bulk_read(request.user, Action.READ, "competence.completion",
                                   len(holdings), trust_id=_scope_trust_id(request),
                                   via=request.get_full_path(),
                                   persons=[holding.employee.pk for holding in holdings],
                                   filter=audit.filter_of(request.GET))
        teachers = (TeacherEntry.objects.filter(employee__in=people, active=True)
                    .select_related("employee", "competence"))
        if competence is not None:
            teachers = teachers.filter(competence=competence)
        context["teachers"] = TeacherTable(teachers, prefix="t-")
        RequestConfig(request, paginate={"per_page": 50}).configure(context["teachers"])
        shown = [row.record for row in context["teachers"].page.object_list]
        audit.record_list_read(request.user, Action.READ, "competence.teacherentry",
                               [([entry.employee_id], entry.employee.trust_id)
                                for entry in shown],
                               via=request.get_full_path(), filter=audit.filter_of(request.GET),
                               trust_id_if_empty=_scope_trust_id(request))
    packages = access.visible_packages(request.user).select_related("owner_unit") \
        .prefetch_related("competences")
    if competence is not None:
        packages = packages.filter(competences=competence)
    context["packages"] = PackageTable(packages, prefix="p-")
    RequestConfig(request, paginate={"per_page": 50}).configure(context["packages"])
    return render(request, "competence/overview.html", context)


def _scope_trust_id(request: HttpRequest) -> int | None:
    return access.scope_trust_id(request.user)


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    """Competences and requirement rules (reference data, read by everyone)."""
    competences = CompetenceTable(Competence.objects.filter(active=True), prefix="c-")
    rules = RuleTable(
        RequirementRule.objects.filter(active=True, competence__active=True)
        .select_related("competence", "profession", "unit"), prefix="r-")
    config = RequestConfig(request, paginate=False)
    config.configure(competences)
    config.configure(rules)
    return render(request, "competence/catalogue.html",
                  {"competences": competences, "rules": rules})
