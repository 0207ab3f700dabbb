"""A candidate's pathway: the candidate's own view, their supervisors' and their leader's.

Who may do what is decided in fagkraft.access (section "Education pathways"):
- see the page: `candidates_for(user)` (the candidate, assigned supervisors, leaders of the
  candidate's unit subtree, advisers of the trust, administrators); reads are audited;
- sign learning activities: assigned supervisors only (`access.supervises`);
- log supervision: assigned supervisors (as themselves) and those who manage the
  candidate (for any assigned supervisor);
- add learning activities: the candidate, supervisors and managers;
- approve learning goals, register practice and courses, assign supervisors, edit the
  pathway: managers (`access.manages_candidate`), never for their own pathway;
- the individual education plan: the candidate and managers.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagkraft import access
from fagkraft.adapter import competence as adapter
from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.core import dates
from fagkraft.education import reports, services
from fagkraft.education.forms import (
    ActivityForm,
    CandidateUpdateForm,
    CourseForm,
    PeriodForm,
    PlanItemForm,
    SessionForm,
    SupervisorForm,
)
from fagkraft.education.models import (
    Candidate,
    CourseRecord,
    GoalApproval,
    LearningActivity,
    LearningGoal,
    PlanItem,
    PracticePeriod,
    SupervisionSession,
)
from fagkraft.engine.compliance import add_months
from fagkraft.workforce.models import Employee

Action = AuditEvent.Action


def candidate_or_404(user: Any, pk: int) -> Candidate:
    return access.candidate_or_404(
        user, pk, scoped=reports.scoped_candidates(access.candidates_for(user)))


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """My own pathways, and the candidates I supervise."""
    me = access.own_employee_id_or_403(request.user)
    visible = reports.scoped_candidates(access.candidates_for(request.user))
    own = list(visible.filter(employee_id=me))
    supervised = list(visible.filter(pk__in=access.supervision_assignments(me)
                                     .values("candidate_id")).exclude(employee_id=me))
    unsigned = defaultdict(int)
    for candidate_id in LearningActivity.objects.filter(
            candidate__in=supervised, signed_at__isnull=True).values_list("candidate_id",
                                                                          flat=True):
        unsigned[candidate_id] += 1
    today = dates.today()
    # The supervised candidates' pathways are others' personal data; one's own is too.
    audit.record_list_read(request.user, Action.READ, "education.candidate",
                           [([candidate.employee_id], candidate.employee.trust_id)
                            for candidate in own + supervised],
                           via=request.path, filter=audit.filter_of(request.GET))
    return render(request, "education/mine.html", {
        "own": reports.candidate_views(own, today),
        "supervised": [(view, unsigned[view.candidate.pk])
                       for view in reports.candidate_views(supervised, today)],
    })


# --- One candidate -------------------------------------------------------------------


class Rights:
    def __init__(self, user: Any, candidate: Candidate) -> None:
        self.employee_id = access.own_employee_id(user)
        self.is_self = self.employee_id == candidate.employee_id
        self.supervises = access.supervises(user, candidate)
        self.manages = access.manages_candidate(user, candidate)

    @property
    def adds_activities(self) -> bool:
        return self.is_self or self.supervises or self.manages

    @property
    def logs_supervision(self) -> bool:
        return self.supervises or self.manages

    @property
    def plans(self) -> bool:
        return self.is_self or self.manages


def _forms(request: HttpRequest, candidate: Candidate, rights: Rights,
           bound: str | None = None) -> dict[str, Any]:
    """Every form the user may use on this page; `bound` names the one posted."""
    data = request.POST if bound else None
    goals = services.goals_of(candidate.template)
    units = access.units_for(request.user)
    me = Employee.objects.filter(pk=rights.employee_id).first() \
        if rights.supervises and not rights.manages else None

    def data_for(name: str) -> Any:
        return data if bound == name else None

    forms: dict[str, Any] = {}
    if rights.adds_activities and goals.exists():
        forms["activity_form"] = ActivityForm(data_for("activity"), goals=goals,
                                              prefix="activity")
    if rights.logs_supervision:
        forms["session_form"] = SessionForm(data_for("session"), candidate=candidate,
                                            supervisor=me, prefix="session")
    if rights.plans:
        forms["plan_form"] = PlanItemForm(data_for("plan"), goals=goals, prefix="plan")
    if rights.manages:
        forms["course_form"] = CourseForm(data_for("course"), candidate=candidate,
                                          prefix="course")
        forms["period_form"] = PeriodForm(data_for("period"), candidate=candidate,
                                          units=units, prefix="period")
        forms["supervisor_form"] = SupervisorForm(
            data_for("supervisor"), people=Employee.objects.filter(
                trust_id=candidate.employee.trust_id).exclude(pk=candidate.employee_id),
            prefix="supervisor")
        forms["update_form"] = CandidateUpdateForm(data_for("update"), instance=candidate,
                                                   units=units, prefix="update")
    return forms


def _save(request: HttpRequest, candidate: Candidate, rights: Rights, action: str,
          form: Any) -> bool:
    """Write a valid posted form through the services; False when it has errors."""
    if not form.is_valid():
        return False
    data = dict(form.cleaned_data)
    user = request.user
    try:
        if action == "activity":
            services.add_activity(user, candidate, **data)
        elif action == "session":
            supervisor = data.pop("supervisor", None) or Employee.objects.get(
                pk=rights.employee_id)
            services.log_session(user, candidate, supervisor=supervisor, **data)
        elif action == "plan":
            services.add_plan_item(user, candidate, **data)
        elif action == "course":
            services.add_course(user, candidate, **data)
        elif action == "period":
            services.add_period(user, candidate, **data)
        elif action == "supervisor":
            services.assign_supervisor(user, candidate, **data)
        elif action == "update":
            services.update_candidate(user, candidate, **data)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, _("Saved."))
    return True


ACTION_FORMS = {"activity": "activity_form", "session": "session_form", "plan": "plan_form",
                "course": "course_form", "period": "period_form",
                "supervisor": "supervisor_form", "update": "update_form"}


def _plan_status(request: HttpRequest, candidate: Candidate) -> None:
    item = PlanItem.objects.filter(pk=request.POST.get("item"), candidate=candidate).first()
    status = request.POST.get("status")
    if item is None or status not in PlanItem.Status.values:
        raise Http404
    services.update_plan_item(request.user, item, status=status)
    messages.success(request, _("Saved."))


@login_required
def candidate(request: HttpRequest, pk: int) -> HttpResponse:
    here = candidate_or_404(request.user, pk)
    rights = Rights(request.user, here)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "plan_status":
            if not rights.plans:
                raise PermissionDenied
            _plan_status(request, here)
            return redirect("education:candidate", pk=here.pk)
        if action not in ACTION_FORMS:
            raise Http404
        forms = _forms(request, here, rights, bound=action)
        form = forms.get(ACTION_FORMS[action])
        if form is None:
            raise PermissionDenied
        if _save(request, here, rights, action, form):
            return redirect("education:candidate", pk=here.pk)
    else:
        forms = _forms(request, here, rights)
        audit.record(request.user, Action.READ, here, via=request.path,
                     detail={"page": "education"})
    return render(request, "education/candidate.html",
                  {**_context(here, rights, dates.today()), **forms})


def _context(here: Candidate, rights: Rights, today: dt.date) -> dict[str, Any]:
    view, = reports.candidate_views([here], today)
    goals = list(services.goals_of(here.template))
    activities = list(LearningActivity.objects.filter(candidate=here)
                      .select_related("goal", "signed_by").order_by("-done_on", "-pk"))
    approvals = {a.goal_id: a for a in GoalApproval.objects.filter(candidate=here)}
    by_goal: dict[int, list[LearningActivity]] = defaultdict(list)
    for activity in activities:
        by_goal[activity.goal_id].append(activity)
    goal_rows = [{"goal": goal, "activities": by_goal.get(goal.pk, []),
                  "approval": approvals.get(goal.pk),
                  "ready": goal.pk not in approvals
                  and any(a.signed for a in by_goal.get(goal.pk, []))} for goal in goals]
    sessions = list(SupervisionSession.objects.filter(candidate=here)
                    .select_related("supervisor", "part"))
    per_hour = here.template.supervision_minutes_per_hour
    hours: dict[Employee, float] = defaultdict(float)
    for session in sessions:
        hours[session.supervisor] += session.minutes / per_hour
    horizon = add_months(today, reports.PLAN_MONTHS)
    plan = list(PlanItem.objects.filter(candidate=here).select_related("goal"))
    renewal = None
    if here.status == Candidate.Status.COMPLETED and here.template.renewal_competence:
        rule = here.template.renewal_competence
        renewal = {"rule": rule,
                   "result": adapter.specialist_renewal_for(here.employee, rule, today)}
    return {
        "candidate": here, "view": view, "rights": rights, "today": today,
        "goal_rows": goal_rows,
        "goals_approved": sum(1 for row in goal_rows if row["approval"]),
        "activities": activities,
        "sessions": sessions,
        "supervisor_hours": sorted(hours.items(), key=lambda item: -item[1]),
        "minutes_per_hour": per_hour,
        "courses": CourseRecord.objects.filter(candidate=here).select_related("part"),
        "periods": PracticePeriod.objects.filter(candidate=here).select_related("part", "unit"),
        "supervisors": here.supervisors.select_related("supervisor"),
        "plan_next": [item for item in plan if today <= item.target_date <= horizon],
        "plan_other": [item for item in plan if not today <= item.target_date <= horizon],
        "plan_gap": not any(item.status == PlanItem.Status.PLANNED
                            and today <= item.target_date <= horizon for item in plan),
        "plan_horizon": horizon,
        "plan_statuses": PlanItem.Status.choices,
        "renewal": renewal,
    }


# --- Signing and approving ------------------------------------------------------------


def _back_to(request: HttpRequest, candidate: Candidate) -> HttpResponse:
    return redirect(reverse("education:candidate", args=[candidate.pk]))


@login_required
@require_POST
def sign_activity(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(access.sees_persons(request.user))  # planners: 403 whatever the id
    activity = access.in_scope_or_404(
        access.activities_for(request.user).select_related("candidate"), pk)
    here = candidate_or_404(request.user, activity.candidate_id)
    if not access.supervises(request.user, here):
        raise PermissionDenied
    me = Employee.objects.get(pk=access.own_employee_id(request.user))
    try:
        services.sign_activity(request.user, activity, supervisor=me)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Signed: %(what)s.") % {"what": activity.title})
    return _back_to(request, here)


@login_required
@require_POST
def approve_goal(request: HttpRequest, pk: int, goal: int) -> HttpResponse:
    here = candidate_or_404(request.user, pk)
    if not access.manages_candidate(request.user, here):
        raise PermissionDenied
    learning_goal = LearningGoal.objects.filter(pk=goal).first()
    if learning_goal is None:
        raise Http404
    try:
        services.approve_goal(request.user, here, learning_goal,
                              note=request.POST.get("note", "")[:200])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Learning goal approved: %(code)s.")
                         % {"code": learning_goal.code})
    return _back_to(request, here)
