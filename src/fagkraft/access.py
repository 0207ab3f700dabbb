"""Access control, in one place.

Every page, API endpoint and export asks this module what a user may see:

- employee: their own record only;
- unit leader: people who hold or held a position in their unit's subtree;
- HR / competence adviser: everyone in their health trust;
- regional planner: units of their region, aggregates only, counts under the
  suppression threshold hidden; no person-level records at all;
- administrator: everything.

Functions return querysets, so callers filter further but can never widen the scope.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from fagkraft.accounts.models import Role
from fagkraft.workforce.models import Employee, Position, SpecialistApproval, Unit, Vacancy

User = AbstractBaseUser | AnonymousUser


@dataclass(frozen=True)
class Scope:
    role: Role | None
    unit: Unit | None  # the leader's unit, adviser's trust or planner's region
    employee_id: int | None

    @property
    def sees_persons(self) -> bool:
        return self.role in (Role.EMPLOYEE, Role.LEADER, Role.ADVISER, Role.ADMIN)

    @property
    def sees_units(self) -> bool:
        return self.role in (Role.LEADER, Role.ADVISER, Role.PLANNER, Role.ADMIN)

    @property
    def suppresses_small_counts(self) -> bool:
        return self.role == Role.PLANNER


def scope_of(user: User) -> Scope:
    """The user's role and anchor unit. Cached on the user object for the request."""
    cached = getattr(user, "_fagkraft_scope", None)
    if cached is not None:
        return cached
    if not user.is_authenticated:
        scope = Scope(None, None, None)
    elif user.is_superuser:
        scope = Scope(Role.ADMIN, None, getattr(_profile(user), "employee_id", None))
    else:
        profile = _profile(user)
        if profile is None:
            scope = Scope(None, None, None)
        else:
            scope = Scope(Role(profile.role), profile.unit, profile.employee_id)
    user._fagkraft_scope = scope  # type: ignore[union-attr]
    return scope


def _profile(user: User):
    from fagkraft.accounts.models import Profile

    try:
        return Profile.objects.select_related("unit").get(user=user)
    except Profile.DoesNotExist:
        return None


def suppression_threshold() -> int:
    return settings.FAGKRAFT["SUPPRESSION_THRESHOLD"]


# --- Units --------------------------------------------------------------------------


def units_for(user: User) -> QuerySet[Unit]:
    """Units whose pages (aggregates) the user may open."""
    scope = scope_of(user)
    units = Unit.objects.all()
    if scope.role == Role.ADMIN:
        return units
    if scope.role in (Role.LEADER, Role.ADVISER, Role.PLANNER) and scope.unit is not None:
        return units.filter(Unit.subtree_q(scope.unit.path))
    return units.none()


def home_unit(user: User) -> Unit | None:
    """Where a user's unit pages start: leader's unit, adviser's trust, planner's region."""
    scope = scope_of(user)
    if scope.unit is not None:
        return scope.unit
    if scope.role == Role.ADMIN:
        return Unit.objects.filter(parent__isnull=True).order_by("path").first()
    return None


def may_see_persons_in(user: User, unit: Unit) -> bool:
    """Whether person-level data (staff tables, exports) of this unit is open to the user."""
    scope = scope_of(user)
    if scope.role == Role.ADMIN:
        return True
    if scope.role in (Role.LEADER, Role.ADVISER) and scope.unit is not None:
        return unit.path.startswith(scope.unit.path)
    return False


def unit_or_403(user: User, pk: int) -> Unit:
    unit = units_for(user).filter(pk=pk).first()
    if unit is None:
        raise PermissionDenied
    return unit


# --- Persons ------------------------------------------------------------------------


def employees_for(user: User) -> QuerySet[Employee]:
    scope = scope_of(user)
    employees = Employee.objects.all()
    if scope.role == Role.ADMIN:
        return employees
    if scope.role == Role.ADVISER and scope.unit is not None:
        return employees.filter(trust=scope.unit)
    if scope.role == Role.LEADER and scope.unit is not None:
        in_subtree = Position.objects.filter(Unit.subtree_q(scope.unit.path, "unit__"))
        return employees.filter(pk__in=in_subtree.values("employee_id"))
    if scope.role == Role.EMPLOYEE and scope.employee_id is not None:
        return employees.filter(pk=scope.employee_id)
    return employees.none()


def positions_for(user: User) -> QuerySet[Position]:
    scope = scope_of(user)
    positions = Position.objects.all()
    if scope.role == Role.ADMIN:
        return positions
    if scope.role == Role.ADVISER and scope.unit is not None:
        return positions.filter(employee__trust=scope.unit)
    if scope.role == Role.LEADER and scope.unit is not None:
        # A leader sees every position of their people, so moves out stay visible.
        return positions.filter(employee__in=employees_for(user))
    if scope.role == Role.EMPLOYEE and scope.employee_id is not None:
        return positions.filter(employee_id=scope.employee_id)
    return positions.none()


def approvals_for(user: User) -> QuerySet[SpecialistApproval]:
    return SpecialistApproval.objects.filter(employee__in=employees_for(user))


def vacancies_for(user: User) -> QuerySet[Vacancy]:
    """Vacancies are not personal data; planners see them for their region."""
    return Vacancy.objects.filter(unit__in=units_for(user))


# --- Aggregates ---------------------------------------------------------------------


def suppress(count: int | None, user: User) -> int | None:
    """A count as the user may see it: None stands for 'fewer than the threshold'."""
    if count is None:
        return None
    if scope_of(user).suppresses_small_counts and 0 < count < suppression_threshold():
        return None
    return count


def audit_events_for(user: User):
    from fagkraft.audit.models import AuditEvent

    scope = scope_of(user)
    if scope.role == Role.ADMIN:
        return AuditEvent.objects.all()
    if scope.role == Role.ADVISER and scope.unit is not None:
        return AuditEvent.objects.filter(trust=scope.unit)
    return AuditEvent.objects.none()


def require_role(user: User, *roles: Role) -> Scope:
    scope = scope_of(user)
    if scope.role not in roles:
        raise PermissionDenied
    return scope


# --- Education pathways (issue 4) -----------------------------------------------------
# Who sees a candidate on an education pathway:
# - the candidate (their own pathways) and their assigned supervisors (see below);
# - a leader: candidates whose unit is in the leader's subtree;
# - an adviser: candidates employed in the adviser's trust; an administrator: all;
# - a planner: no candidate at all, only pipeline and capacity aggregates of units_for,
#   counts under the threshold suppressed (`suppress`).
# Supervisor rights are granted by assignment, nothing else: an Employee named as a
# candidate's supervisor (CandidateSupervisor) whose assignment is running today may see
# that candidate, sign the candidate's learning activities and log supervision sessions
# as themself, whatever their role. Leaders, advisers and administrators who may see a
# candidate (never their own pathway) manage it: approve learning goals, plan, register
# practice, courses and supervision, assign supervisors. Signing stays with supervisors:
# the signature is a named specialist's, not an office's.


def supervision_assignments(employee_id: int | None, day=None):
    import datetime as dt

    from fagkraft.education.models import CandidateSupervisor

    if employee_id is None:
        return CandidateSupervisor.objects.none()
    day = day or dt.date.today()
    return CandidateSupervisor.objects.filter(
        supervisor_id=employee_id, start_date__lte=day,
    ).exclude(end_date__lt=day)


def candidates_for(user: User):
    from django.db.models import Q

    from fagkraft.education.models import Candidate

    scope = scope_of(user)
    candidates = Candidate.objects.all()
    if scope.role == Role.ADMIN:
        return candidates
    own = Q(pk__in=supervision_assignments(scope.employee_id).values("candidate_id"))
    if scope.employee_id is not None:
        own |= Q(employee_id=scope.employee_id)
    if scope.role == Role.ADVISER and scope.unit is not None:
        return candidates.filter(Q(employee__trust=scope.unit) | own)
    if scope.role == Role.LEADER and scope.unit is not None:
        return candidates.filter(Unit.subtree_q(scope.unit.path, "unit__") | own)
    if scope.role == Role.EMPLOYEE and scope.employee_id is not None:
        return candidates.filter(own)
    return candidates.none()


def supervises(user: User, candidate) -> bool:
    """Whether the user is an assigned supervisor of the candidate today."""
    scope = scope_of(user)
    return (scope.employee_id is not None and scope.employee_id != candidate.employee_id
            and supervision_assignments(scope.employee_id).filter(candidate=candidate).exists())


def manages_candidate(user: User, candidate) -> bool:
    """Leaders, advisers and administrators in whose scope the candidate is (not themself)."""
    scope = scope_of(user)
    if scope.role not in (Role.LEADER, Role.ADVISER, Role.ADMIN):
        return False
    if scope.employee_id is not None and scope.employee_id == candidate.employee_id:
        return False
    if scope.role == Role.ADMIN:
        return True
    if scope.role == Role.ADVISER:
        return scope.unit is not None and candidate.employee.trust_id == scope.unit.pk
    return scope.unit is not None and candidate.unit.path.startswith(scope.unit.path)


def edits_pathway_templates(user: User) -> bool:
    """Templates and learning goals are the trust's reference data: advisers and admins."""
    return scope_of(user).role in (Role.ADVISER, Role.ADMIN)



# --- Workload / WISN (issue 5) --------------------------------------------------------
# A WISN study holds no personal data, but it belongs to a unit: leaders see and edit
# their subtree's studies, advisers their trust's, administrators all; planners see the
# studies of their region read-only (existing staff from the register with fewer persons
# than the threshold behind it hidden); employees see none.

WISN_EDITORS = (Role.LEADER, Role.ADVISER, Role.ADMIN)
WISN_READERS = (Role.LEADER, Role.ADVISER, Role.PLANNER, Role.ADMIN)


def wisn_studies_for(user: User):
    from fagkraft.workload.models import WisnStudy

    scope = scope_of(user)
    if scope.role == Role.ADMIN:
        return WisnStudy.objects.all()
    if scope.role in WISN_READERS and scope.unit is not None:
        return WisnStudy.objects.filter(Unit.subtree_q(scope.unit.path, "unit__"))
    return WisnStudy.objects.none()


def may_read_wisn(user: User) -> bool:
    return scope_of(user).role in WISN_READERS


def may_create_wisn_study(user: User, unit: Unit) -> bool:
    scope = scope_of(user)
    if scope.role == Role.ADMIN:
        return True
    return (scope.role in WISN_EDITORS and scope.unit is not None
            and unit.path.startswith(scope.unit.path))


def may_edit_wisn_study(user: User, study) -> bool:
    return may_create_wisn_study(user, study.unit)


def wisn_study_or_403(user: User, pk: int, *, edit: bool = False):
    from django.http import Http404

    from fagkraft.workload.models import WisnStudy

    study = wisn_studies_for(user).select_related("unit").filter(pk=pk).first()
    if study is None:
        if not WisnStudy.objects.filter(pk=pk).exists():
            raise Http404
        raise PermissionDenied
    if edit and not may_edit_wisn_study(user, study):
        raise PermissionDenied
    return study


def wisn_existing_visible(user: User, headcount: int) -> bool:
    """Whether register-based existing staff resting on `headcount` persons is shown."""
    return suppress(headcount, user) is not None or headcount == 0



# --- Projections (issue 6) ------------------------------------------------------------

# Projection scenarios (docs/projections_web.md). A scenario is built from a unit's staff
# and shows aggregates only (stock by age, turnover counts, FTE), so:
# - admin: every scenario; adviser: scenarios of units in their trust; planner: of units
#   in their region (counts of persons under the threshold hidden); leader: of units in
#   their subtree, because planning their own staffing is part of a leader's job;
# - employees: none.
# Anyone who may see a scenario may run it, export it and save a copy of it; only its
# owner and administrators change or delete it, so nobody overwrites a colleague's work.
PROJECTION_ROLES = (Role.LEADER, Role.ADVISER, Role.PLANNER, Role.ADMIN)


def may_use_projections(user: User) -> bool:
    return scope_of(user).role in PROJECTION_ROLES


def projection_units_for(user: User) -> QuerySet[Unit]:
    """Units a user may build a scenario from."""
    if not may_use_projections(user):
        return Unit.objects.none()
    return units_for(user)


def scenarios_for(user: User):
    from fagkraft.projections.models import Scenario

    scope = scope_of(user)
    if scope.role == Role.ADMIN:
        return Scenario.objects.all()
    if scope.role in PROJECTION_ROLES and scope.unit is not None:
        return Scenario.objects.filter(Unit.subtree_q(scope.unit.path, "unit__"))
    return Scenario.objects.none()


def scenario_or_403(user: User, pk: int):
    from fagkraft.projections.models import Scenario

    scenario = scenarios_for(user).select_related("unit", "owner").filter(pk=pk).first()
    if scenario is None:
        if Scenario.objects.filter(pk=pk).exists():
            raise PermissionDenied
        from django.http import Http404

        raise Http404
    return scenario


def may_edit_scenario(user: User, scenario) -> bool:
    scope = scope_of(user)
    if scope.role == Role.ADMIN:
        return True
    return (scope.role in PROJECTION_ROLES and scenario.owner_id is not None
            and scenario.owner_id == getattr(user, "pk", None)
            and scenarios_for(user).filter(pk=scenario.pk).exists())
