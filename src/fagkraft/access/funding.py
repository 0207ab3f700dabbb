"""The regional funding programme (issue 14).

Programmes and calls are public to every signed-in user with a role: budgets, rules and
the allocation by year, sub-goal and trust name no person. The offices of a programme are
granted by records, like supervisor assignments:

- programme administrator (the RHF secretariat, a ProgrammeMember of kind administrator):
  every application of the programme once submitted (drafts stay with the applicants),
  reviewers, scores, ranking, decisions, the close-out report;
- reviewer (ordinary, KTV/KVO or RBU): the applications assigned to them and their own
  reviews, never another reviewer's scores;
- project lead (Application.project_lead) and partner contact (Partner.contact): their own
  application, drafts included; the lead edits, submits and reports, a contact confirms
  the partner trust's participation;
- the trust's leaders (leaders of a unit in an applying trust, that trust's advisers):
  read-only view of the trust's applications.

Applicants and trust leaders see the decision, never scores or reviewers' names. Site
administrators read everything and write nothing on an applicant's behalf. Out of scope is
404 like a record that does not exist.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from fagkraft.access.scope import User, in_scope_or_404, scope_of
from fagkraft.accounts.models import Role
from fagkraft.funding.models import (
    Application,
    Call,
    Decision,
    Partner,
    Programme,
    ProgrammeMember,
    ProgressReport,
    Review,
    ReviewerAssignment,
)
from fagkraft.workforce.models import Unit

ADMINISTRATOR = ProgrammeMember.Kind.ADMINISTRATOR
REVIEWER = ProgrammeMember.Kind.REVIEWER


def _user_id(user: User) -> int | None:
    return user.pk if user.is_authenticated else None


def _leader_trust_id(user: User) -> int | None:
    """The trust whose applications a leader or adviser may read."""
    scope = scope_of(user)
    if scope.role not in (Role.LEADER, Role.ADVISER) or scope.unit is None:
        return None
    if scope.unit.level == Unit.Level.TRUST:
        return scope.unit.pk
    return scope.unit.trust_id


def funding_programmes_for(user: User) -> QuerySet[Programme]:
    if not scope_of(user).uses_funding:
        return Programme.objects.none()
    return Programme.objects.all()


def programme_or_404(user: User, pk: object) -> Programme:
    return in_scope_or_404(funding_programmes_for(user), pk)


def calls_for(user: User) -> QuerySet[Call]:
    return Call.objects.filter(programme__in=funding_programmes_for(user))


def call_or_404(user: User, pk: object) -> Call:
    return in_scope_or_404(calls_for(user).select_related("programme"), pk)


def administered_programmes(user: User) -> QuerySet[Programme]:
    if scope_of(user).is_admin:
        return Programme.objects.all()
    return Programme.objects.filter(members__user_id=_user_id(user),
                                    members__kind=ADMINISTRATOR)


def administers(user: User, programme: Programme) -> bool:
    return administered_programmes(user).filter(pk=programme.pk).exists()


def administers_any_programme(user: User) -> bool:
    return administered_programmes(user).exists()


def applications_for(user: User) -> QuerySet[Application]:
    scope = scope_of(user)
    applications = Application.objects.all()
    if scope.is_admin:
        return applications
    user_id = _user_id(user)
    if user_id is None or not scope.uses_funding:
        return applications.none()
    submitted = ~Q(state=Application.State.DRAFT)
    visible = Q(project_lead_id=user_id) | Q(partners__contact_id=user_id)
    visible |= submitted & Q(call__programme__in=administered_programmes(user))
    visible |= submitted & Q(assignments__reviewer__user_id=user_id)
    trust_id = _leader_trust_id(user)
    if trust_id is not None:
        visible |= Q(lead_trust_id=trust_id) | Q(partners__trust_id=trust_id)
    return applications.filter(pk__in=applications.filter(visible).values("pk"))


def application_or_404(user: User, pk: object) -> Application:
    return in_scope_or_404(applications_for(user).select_related(
        "call__programme", "lead_trust", "project_lead"), pk)


def leads(user: User, application: Application) -> bool:
    """The project lead writes the application, submits it and reports on it."""
    return user.is_authenticated and application.project_lead_id == user.pk


def editable_application_or_404(user: User, pk: object) -> Application:
    """The lead's own application; anyone else who may read it gets 404 too (the form
    does not exist for them)."""
    application = application_or_404(user, pk)
    if not leads(user, application):
        raise Http404
    return application


def partner_to_confirm_or_404(user: User, pk: object) -> Partner:
    return in_scope_or_404(Partner.objects.filter(contact_id=_user_id(user))
                           .select_related("application", "trust"), pk)


def sees_assessment(user: User, application: Application) -> bool:
    """Scores, reviewers' names, ranking: the programme's administrators only."""
    return administers(user, application.call.programme)


def reviews_for(user: User) -> QuerySet[Review]:
    """All reviews of administered programmes; a reviewer's own; nothing for others."""
    return Review.objects.filter(
        Q(assignment__application__call__programme__in=administered_programmes(user))
        | Q(assignment__reviewer__user_id=_user_id(user))
    ).exclude(assignment__application__state=Application.State.DRAFT)


def own_assignments(user: User) -> QuerySet[ReviewerAssignment]:
    return ReviewerAssignment.objects.filter(
        reviewer__user_id=_user_id(user), reviewer__kind=REVIEWER,
    ).exclude(application__state=Application.State.DRAFT)


def assignment_or_404(user: User, pk: object) -> ReviewerAssignment:
    """The review form: only the reviewer assigned."""
    return in_scope_or_404(own_assignments(user).select_related(
        "application__call__programme", "reviewer"), pk)


def administered_call_or_404(user: User, pk: object) -> Call:
    """Ranking and decisions of a call: 404 unless the user administers its programme."""
    return in_scope_or_404(Call.objects.filter(
        programme__in=administered_programmes(user)).select_related("programme"), pk)


def administered_application_or_404(user: User, pk: object) -> Application:
    return in_scope_or_404(Application.objects.filter(
        call__programme__in=administered_programmes(user)).exclude(
        state=Application.State.DRAFT).select_related("call__programme", "lead_trust"), pk)


def decisions_for(user: User) -> QuerySet[Decision]:
    return Decision.objects.filter(application__in=applications_for(user))


def reports_for(user: User) -> QuerySet[ProgressReport]:
    return ProgressReport.objects.filter(application__in=applications_for(user))


def reviewer_memberships(user: User) -> QuerySet[ProgrammeMember]:
    return ProgrammeMember.objects.filter(user_id=_user_id(user), kind=REVIEWER)
