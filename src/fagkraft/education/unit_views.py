"""Education pages of a unit: its candidates (leaders, advisers), the pipeline and the
supervision capacity (aggregates: planners too, small counts hidden).

Access (fagkraft.access): candidates of the unit page are `candidates_for(user)` in the
unit's subtree, and the page needs `may_see_persons_in(user, unit)`; pipeline and
capacity need the unit in `units_for(user)`, with `access.suppress` hiding small counts
for planners. Adding candidates and supervision capacity: leaders, advisers and
administrators who see persons in the unit.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from fagkraft import access
from fagkraft.access import disclosure
from fagkraft.adapter.frames import chunks
from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.core import dates
from fagkraft.core.xlsx import xlsx_response
from fagkraft.education import exports, reports, services
from fagkraft.education.filtersets import CandidateFilterSet
from fagkraft.education.forms import CapacityForm, NewCandidateForm
from fagkraft.education.models import (
    Candidate,
    GoalApproval,
    LearningActivity,
    LearningGoal,
    SupervisorCapacity,
)
from fagkraft.education.tables import CandidateTable
from fagkraft.workforce.models import Employee, Position, PositionKind, Unit

Action = AuditEvent.Action

CANDIDATE_PAGE_SIZE = 50




def unit_candidates(user: Any, unit: Unit) -> QuerySet[Candidate]:
    return reports.scoped_candidates(access.candidates_for(user).filter(
        Unit.subtree_q(unit.path, "unit__")))


def _people_in(user: Any, unit: Unit) -> QuerySet[Employee]:
    current = Position.objects.filter(Position.active_on_q(dates.today()),
                                      Unit.subtree_q(unit.path, "unit__"))
    me = access.own_employee_id(user)
    people = access.employees_for(user).filter(pk__in=current.values("employee_id"))
    return people.exclude(pk=me) if me else people


def _add_candidate(request: HttpRequest, form: NewCandidateForm) -> bool:
    if not form.is_valid():
        return False
    data = dict(form.cleaned_data)
    # The education position: the person's education position running at the start.
    data["education_position"] = Position.objects.filter(
        Position.active_on_q(data["start_date"]), employee=data["employee"],
        kind=PositionKind.EDUCATION).first()
    try:
        made = services.create_candidate(request.user, **data)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, _("%(name)s is now on %(pathway)s.")
                     % {"name": made.employee.full_name, "pathway": made.template.name})
    return True


@login_required
def unit(request: HttpRequest, pk: int) -> HttpResponse:
    """Candidates in the unit's subtree with their progress; leaders' to-do list."""
    here = access.persons_unit_or_404(request.user, pk)
    manages = access.manages_unit_candidates(request.user, here)
    subtree = access.units_for(request.user).filter(Unit.subtree_q(here.path))
    form = NewCandidateForm(request.POST or None, people=_people_in(request.user, here),
                            units=subtree, prefix="new")
    if request.method == "POST":
        if not manages:
            raise PermissionDenied
        if _add_candidate(request, form):
            return redirect("education:unit", pk=here.pk)
    candidates = unit_candidates(request.user, here)
    filters = CandidateFilterSet(request.GET or None, queryset=candidates, request=request)
    today = dates.today()
    views = reports.candidate_views(filters.qs, today)
    table = CandidateTable(views)
    RequestConfig(request, paginate={"per_page": CANDIDATE_PAGE_SIZE}).configure(table)
    ready = ready_goals(views)
    unsigned = (LearningActivity.objects.filter(candidate__in=candidates,
                                                signed_at__isnull=True)
                .select_related("candidate__employee", "goal").order_by("done_on"))
    # The people the page names: the table's page, the goals ready for approval and the
    # unsigned activities (as the staff table audits its page; the key figures above
    # them are counts). A trust's page listed a thousand persons in every view's event.
    shown = {row.record.candidate.employee_id for row in table.page.object_list}
    shown.update(view.candidate.employee_id for view, _goal in ready)
    shown.update(activity.candidate.employee_id for activity in unsigned)
    audit.record_bulk_read(request.user, Action.READ, "education.candidate", len(shown),
                           trust_id=here.trust_id, via=request.path, persons=sorted(shown),
                           filter=audit.filter_of(request.GET))
    active = [v for v in views if v.candidate.status == Candidate.Status.ACTIVE]
    return render(request, "education/unit.html", {
        "unit": here, "table": table, "filters": filters, "form": form, "manages": manages,
        "active": len(active), "behind": sum(1 for v in active if v.forecast.behind),
        "within_year": sum(1 for v in active
                           if v.forecast.expected_on <= today + dt.timedelta(days=365)),
        "ready": ready, "unsigned": unsigned,
        "breadcrumbs": access.units_for(request.user).filter(pk__in=here.ancestors())
        .order_by("path"),
    })


def ready_goal_ids(candidate_ids: Sequence[int]) -> dict[int, set[int]]:
    """Per candidate, the goals with a signed activity and no approval yet (waiting for
    the leader's approval): one query per chunk of candidates."""
    approved = GoalApproval.objects.filter(candidate_id=OuterRef("candidate_id"),
                                           goal_id=OuterRef("goal_id"))
    ready: dict[int, set[int]] = defaultdict(set)
    for part in chunks(list(candidate_ids)):
        pairs = (LearningActivity.objects.filter(candidate_id__in=part, signed_at__isnull=False,
                                                 goal__isnull=False)
                 .exclude(Exists(approved)).order_by()
                 .values_list("candidate_id", "goal_id").distinct())
        for candidate_id, goal_id in pairs:
            ready[candidate_id].add(goal_id)
    return ready


def ready_goals(views: Sequence[reports.CandidateView]
                ) -> list[tuple[reports.CandidateView, LearningGoal]]:
    """`ready_goal_ids` of the views' candidates: per candidate in the views' order, the
    goals in their own order, in two queries (a trust has a thousand candidates)."""
    ready = ready_goal_ids([view.candidate.pk for view in views])
    goals = list(LearningGoal.objects.filter(
        pk__in={goal for goals in ready.values() for goal in goals}))  # in their ordering
    return [(view, goal) for view in views for goal in goals
            if goal.pk in ready.get(view.candidate.pk, ())]


@login_required
def unit_export(request: HttpRequest, pk: int) -> HttpResponse:
    here = access.persons_unit_or_404(request.user, pk)
    views = reports.candidate_views(unit_candidates(request.user, here), dates.today())
    audit.record_bulk_read(request.user, Action.EXPORT, "education.candidate", len(views),
                           trust_id=here.trust_id, via=request.get_full_path(),
                           detail={"format": "xlsx"},
                           persons=[view.candidate.employee_id for view in views],
                           filter=audit.filter_of(request.GET))
    return xlsx_response(exports.candidates_workbook(views), f"utdanning-{here.code}")


def _hide(request: HttpRequest):
    return lambda count: access.suppress(count, request.user)


def _separators() -> str:
    return f"{get_format('DECIMAL_SEPARATOR')}{get_format('THOUSAND_SEPARATOR')}"


@login_required
def pipeline(request: HttpRequest, pk: int) -> HttpResponse:
    here = access.unit_or_404(request.user, pk)
    data = reports.pipeline(here, dates.today(), protected=disclosure.controls(
        request.user, here))
    chart = {
        "separators": _separators(), "title": _("Expected specialist completions per year"),
        "years": data.years,
        "series": [{"name": f"{row.profession} {row.specialty}".strip(), "y": row.counts}
                   for row in data.rows],
    }
    return render(request, "education/pipeline.html", {
        "unit": here, "data": data, "chart": chart,
        "threshold": access.suppression_threshold(),
        "suppresses": disclosure.controls(request.user, here),
        "sees_persons": access.may_see_persons_in(request.user, here),
    })


@login_required
def pipeline_export(request: HttpRequest, pk: int) -> HttpResponse:
    here = access.unit_or_404(request.user, pk)
    data = reports.pipeline(here, dates.today(), protected=disclosure.controls(
        request.user, here))
    return xlsx_response(exports.pipeline_workbook(data), f"utdanningsløp-{here.code}")


@login_required
def capacity(request: HttpRequest, pk: int) -> HttpResponse:
    here = access.unit_or_404(request.user, pk)
    manages = access.manages_unit_candidates(request.user, here)
    subtree = access.units_for(request.user).filter(Unit.subtree_q(here.path))
    form = None
    if manages:
        form = CapacityForm(request.POST or None, people=_people_in(request.user, here),
                            units=subtree, prefix="capacity")
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            services.set_capacity(request.user, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("education:capacity", pk=here.pk)
    months, rows = reports.capacity(here, dates.today(), _hide(request))
    records = None
    if manages:
        records = (SupervisorCapacity.objects.filter(Unit.subtree_q(here.path, "unit__"),
                                                     employee__in=access.employees_for(
                                                         request.user))
                   .select_related("employee", "unit"))
        audit.record_list_read(request.user, Action.READ, "education.supervisorcapacity",
                               [([record.employee_id], record.employee.trust_id)
                                for record in records],
                               via=request.path, filter=audit.filter_of(request.GET),
                               trust_id_if_empty=here.trust_id)
    return render(request, "education/capacity.html", {
        "unit": here, "months": months, "rows": rows, "form": form, "records": records,
        "short_units": sum(1 for row in rows if row.short_months),
        "suppresses": access.suppresses_small_counts(request.user),
        "threshold": access.suppression_threshold(),
    })
