"""Funding programme pages: programmes, calls, applications (drafts, submission),
reviews, ranking, decisions, follow-up reports and the close-out report.

Who sees and does what is decided in fagkraft.access (access/funding.py): out of scope
is 404. Writes go through fagkraft.funding.services, which refuse with every failed rule
named; those messages are shown as they are. Reads of applications and reviews are
audit-logged (they name the people who act in the programme).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from fagkraft import access
from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.core import dates, xlsx
from fagkraft.funding import reports, services
from fagkraft.funding.filtersets import ApplicationFilterSet
from fagkraft.funding.forms import (
    ApplicationCreateForm,
    ApplicationForm,
    AssignForm,
    BudgetForm,
    DecisionForm,
    IndicatorForm,
    MilestoneForm,
    PartnerForm,
    ReportForm,
    ReviewForm,
)
from fagkraft.funding.messages import kroner, message
from fagkraft.funding.models import Application, ProgrammeMember
from fagkraft.funding.tables import ApplicationTable, ProgrammeTable

READ = AuditEvent.Action.READ


def _errors(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [m for ms in error.message_dict.values() for m in ms]
    return list(error.messages)


def _attempt(request: HttpRequest, write: Callable[[], Any]) -> bool:
    """Run a service call; its refusals become error messages on the next page."""
    try:
        write()
    except ValidationError as error:
        for problem in _errors(error):
            messages.error(request, problem)
        return False
    return True


def _form_errors(request: HttpRequest, form: Any) -> None:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = access.funding_programmes_for(request.user).select_related("owner")
    table = ProgrammeTable(programmes)
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    return render(request, "funding/programme_list.html", {"table": table})


@login_required
def programme(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.programme_or_404(request.user, pk)
    return render(request, "funding/programme.html", {
        "programme": item, "allocation": reports.allocation(item),
        "calls": item.calls.all(), "administers": access.administers(request.user, item),
        "assignments": access.own_assignments(request.user).filter(
            application__call__programme=item).select_related("application", "review"),
        "own_applications": access.applications_for(request.user).filter(
            call__programme=item, project_lead=request.user).select_related("call"),
    })


@login_required
def call(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.call_or_404(request.user, pk)
    visible = access.applications_for(request.user).filter(call=item).select_related(
        "lead_trust", "project_lead")
    filterset = ApplicationFilterSet(request.GET, queryset=visible, request=request)
    table = ApplicationTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    audit.record(request.user, READ, item, via=request.path,
                 detail={"applications": sorted(a.pk for a in filterset.qs)})
    return render(request, "funding/call.html", {
        "call": item, "table": table, "filter": filterset,
        "administers": access.administers(request.user, item.programme),
        "open": timezone.now() <= item.closes_at,
        "create_form": ApplicationCreateForm(call=item),
    })


@login_required
def application_create(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.call_or_404(request.user, pk)
    access.require(access.scope_of(request.user).uses_funding)
    form = ApplicationCreateForm(request.POST or None, call=item)
    if request.method == "POST" and form.is_valid():
        created: list[Application] = []
        if _attempt(request, lambda: created.append(services.create_application(
                actor=request.user, call=item, project_lead=request.user,
                lead_trust=form.cleaned_data["lead_trust"], title=form.cleaned_data["title"]))):
            messages.success(request, _("Draft saved."))
            return redirect("funding:application_edit", created[0].pk)
        return redirect("funding:call", item.pk)
    return render(request, "funding/application_create.html", {"call": item, "form": form})


def _application_context(request: HttpRequest, application: Application) -> dict[str, Any]:
    sees = access.sees_assessment(request.user, application)
    context: dict[str, Any] = {
        "application": application, "call": application.call,
        "programme": application.call.programme,
        "partners": application.partners.select_related("trust", "contact"),
        "budget": application.budget_lines.all(),
        "budget_total": services.budget_total(application),
        "milestones": application.milestones.all(),
        "indicators": reports.indicator_rows(application, dates.today()),
        "allocated": services.allocated(application),
        "decisions": application.decisions.prefetch_related("amounts"),
        "reports": application.reports.all(),
        "leads": access.leads(request.user, application),
        "editable": access.leads(request.user, application) and services.is_open(application),
        "failures": [],
        "sees_assessment": sees,
        "user_id": request.user.pk,
    }
    if context["editable"]:
        context["failures"] = [message(f) for f in services.submission_failures(application)]
    if sees:
        context["assignments"] = application.assignments.select_related(
            "reviewer__user", "review").prefetch_related("review__scores__criterion")
        context["assign_form"] = AssignForm(application=application)
        context["missing_kinds"] = [ProgrammeMember.ReviewerKind(k).label
                                    for k in services.missing_reviewer_kinds(application)]
    return context


@login_required
def application(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.application_or_404(request.user, pk)
    audit.record(request.user, READ, item, via=request.path)
    return render(request, "funding/application.html", _application_context(request, item))


@login_required
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.editable_application_or_404(request.user, pk)
    if not services.is_open(item):
        messages.error(request, _("The application is locked: it has been submitted or the "
                                  "deadline has passed."))
        return redirect("funding:application", item.pk)
    form = ApplicationForm(request.POST or None, instance=item, prefix="a")
    budget = BudgetForm(request.POST or None, application=item, prefix="b")
    if request.method == "POST":
        if form.is_valid() and budget.is_valid():
            data = form.cleaned_data
            changes = {name: data[name] for name in services.APPLICATION_FIELDS}
            if _attempt(request, lambda: (
                    services.update_application(
                        actor=request.user, application=item, changes=changes,
                        sub_goals=data["sub_goals"], priority_groups=data["priority_groups"]),
                    services.set_budget(actor=request.user, application=item,
                                        lines=budget.lines()))):
                messages.success(request, _("Draft saved."))
                return redirect("funding:application", item.pk)
        else:
            _form_errors(request, form)
            _form_errors(request, budget)
        item.refresh_from_db()
    return render(request, "funding/application_edit.html", {
        "application": item, "form": form, "budget": budget,
        "partner_form": PartnerForm(application=item),
        "milestone_form": MilestoneForm(), "indicator_form": IndicatorForm(application=item),
        "partners": item.partners.select_related("trust", "contact"),
        "milestones": item.milestones.all(), "indicators": item.indicators.select_related("unit"),
    })


@login_required
@require_POST
def application_add(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    """Add a partner trust, a milestone or a target indicator to the lead's draft."""
    item = access.editable_application_or_404(request.user, pk)
    if what == "partner":
        form: Any = PartnerForm(request.POST, application=item)
        if form.is_valid():
            username = form.cleaned_data["contact"].strip()
            contact = get_user_model().objects.filter(username=username).first() \
                if username else None
            if username and contact is None:
                messages.error(request, _("No user named %(name)s.") % {"name": username})
            else:
                _attempt(request, lambda: services.add_partner(
                    actor=request.user, application=item, trust=form.cleaned_data["trust"],
                    contact=contact))
    elif what == "milestone":
        form = MilestoneForm(request.POST)
        if form.is_valid():
            _attempt(request, lambda: services.add_milestone(
                actor=request.user, application=item, **form.cleaned_data))
    elif what == "indicator":
        form = IndicatorForm(request.POST, application=item)
        if form.is_valid():
            _attempt(request, lambda: services.add_indicator(
                actor=request.user, application=item, **form.cleaned_data))
    else:
        raise Http404
    if not form.is_valid():
        _form_errors(request, form)
    return redirect("funding:application_edit", item.pk)


@login_required
@require_POST
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.editable_application_or_404(request.user, pk)
    if _attempt(request, lambda: services.submit(actor=request.user, application=item)):
        messages.success(request, _("The application has been submitted."))
    return redirect("funding:application", item.pk)


@login_required
@require_POST
def partner_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    partner = access.partner_to_confirm_or_404(request.user, pk)
    if _attempt(request, lambda: services.confirm_partner(actor=request.user, partner=partner)):
        messages.success(request, _("Participation confirmed."))
    return redirect("funding:application", partner.application_id)


@login_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.administered_application_or_404(request.user, pk)
    form = AssignForm(request.POST, application=item)
    assigned: list[Any] = []
    if form.is_valid():
        if _attempt(request, lambda: assigned.append(services.assign_reviewer(
                actor=request.user, application=item,
                reviewer=form.cleaned_data["reviewer"]))) and assigned[0].conflict:
            messages.warning(request, _("Conflict of interest: the reviewer belongs to an "
                                        "applying health trust and cannot score it."))
    else:
        _form_errors(request, form)
    return redirect("funding:application", item.pk)


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = access.assignment_or_404(request.user, pk)
    item = assignment.application
    done = getattr(assignment, "review", None)
    form = ReviewForm(request.POST or None, call=item.call)
    if request.method == "POST" and done is None and form.is_valid() and _attempt(
            request, lambda: services.submit_review(
                actor=request.user, assignment=assignment, scores=form.scores(),
                recommendation=form.cleaned_data["recommendation"],
                comment=form.cleaned_data["comment"])):
        messages.success(request, _("Review submitted."))
        return redirect("funding:review", assignment.pk)
    if done is not None:
        audit.record(request.user, READ, done, via=request.path)
    return render(request, "funding/review.html", {
        "assignment": assignment, "application": item, "form": form, "done": done,
        "scores": done.scores.select_related("criterion") if done else [],
        "partners": item.partners.select_related("trust"),
        "budget_total": services.budget_total(item),
    })


@login_required
def ranking(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.administered_call_or_404(request.user, pk)
    ranked = services.ranking(item)
    rows = []
    for entry in ranked:
        rows.append({"application": entry.key, "rank": entry.rank, "tied": entry.tied,
                     "average": entry.average, "sum": sum(t for _, t in entry.totals),
                     "totals": [(_reviewer_label(key), total) for key, total in entry.totals],
                     "requested": services.budget_total(entry.key)})
    audit.record(request.user, READ, item, via=request.path, detail={"ranking": True})
    return render(request, "funding/ranking.html", {
        "call": item, "rows": rows, "criteria": item.criteria.all()})


def _reviewer_label(assignment_id: str) -> str:
    assignment = (ProgrammeMember.objects.filter(assignments__pk=assignment_id)
                  .select_related("user").first())
    if assignment is None:
        return assignment_id
    return f"{assignment.user.get_full_name() or assignment.user.get_username()} " \
           f"({assignment.get_reviewer_kind_display()})"


@login_required
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.administered_application_or_404(request.user, pk)
    form = DecisionForm(request.POST or None, application=item,
                        initial={"decided_on": dates.today()})
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            if _attempt(request, lambda: services.decide(
                    actor=request.user, application=item, outcome=data["outcome"],
                    amounts=form.amounts(), note=data["note"],
                    decided_on=data["decided_on"])):
                messages.success(request, _("Decision saved."))
                return redirect("funding:application", item.pk)
        else:
            _form_errors(request, form)
    allocation = reports.allocation(item.call.programme)
    return render(request, "funding/decide.html", {
        "application": item, "form": form, "allocation": allocation,
        "requested": services.budget_total(item),
        "amount_fields": [form[f"amount_{year}"] for year in form.years]})


@login_required
def report_create(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.editable_application_or_404(request.user, pk)
    if item.state != Application.State.APPROVED:
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _attempt(
            request, lambda: services.submit_report(
                actor=request.user, application=item, **form.cleaned_data)):
        messages.success(request, _("Report submitted."))
        return redirect("funding:application", item.pk)
    return render(request, "funding/report_form.html", {"application": item, "form": form,
                                                        "call": item.call})


def _closeout_programme(request: HttpRequest, pk: int) -> Any:
    item = access.programme_or_404(request.user, pk)
    if not access.administers(request.user, item):
        raise Http404
    return item


@login_required
def closeout_export(request: HttpRequest, pk: int) -> HttpResponse:
    item = _closeout_programme(request, pk)
    audit.record(request.user, AuditEvent.Action.EXPORT, item, via=request.path)
    return xlsx.xlsx_response(reports.closeout_workbook(item), f"avslutning-{item.pk}")


@login_required
def closeout_print(request: HttpRequest, pk: int) -> HttpResponse:
    item = _closeout_programme(request, pk)
    audit.record(request.user, READ, item, via=request.path)
    return render(request, "funding/closeout_print.html", {
        "programme": item, "allocation": reports.allocation(item),
        "columns": reports.closeout_columns(item), "rows": reports.closeout_rows(item),
        "kroner": kroner})
