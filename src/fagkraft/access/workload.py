"""Workload / WISN (issue 5).

A WISN study holds no personal data, but it belongs to a unit: leaders see and edit
their subtree's studies, advisers their trust's, administrators all; planners see the
studies of their region read-only (existing staff from the register with fewer persons
than the threshold behind it hidden); employees see none.
"""

from __future__ import annotations

from django.db.models import QuerySet

from fagkraft.access.scope import (
    WISN_READERS,
    User,
    in_scope_or_404,
    require,
    scope_of,
    suppress,
)
from fagkraft.accounts.models import Role
from fagkraft.workforce.models import Unit
from fagkraft.workload.models import WisnStudy

WISN_EDITORS = (Role.LEADER, Role.ADVISER, Role.ADMIN)


def wisn_studies_for(user: User) -> QuerySet[WisnStudy]:
    scope = scope_of(user)
    if scope.role == Role.ADMIN:
        return WisnStudy.objects.all()
    if scope.role in WISN_READERS and scope.unit is not None:
        return WisnStudy.objects.filter(Unit.subtree_q(scope.unit.path, "unit__"))
    return WisnStudy.objects.none()


def may_read_wisn(user: User) -> bool:
    return scope_of(user).reads_wisn


def may_edit_wisn(user: User) -> bool:
    """Whether the role ever edits studies (planners read only, employees see none)."""
    return scope_of(user).role in WISN_EDITORS


def may_create_wisn_study(user: User, unit: Unit) -> bool:
    scope = scope_of(user)
    if scope.role == Role.ADMIN:
        return True
    return (scope.role in WISN_EDITORS and scope.unit is not None
            and unit.path.startswith(scope.unit.path))


def may_edit_wisn_study(user: User, study: WisnStudy) -> bool:
    return may_create_wisn_study(user, study.unit)


def wisn_study_or_404(user: User, pk: object, *, edit: bool = False) -> WisnStudy:
    """A study: 403 for a role that never opens (employees) or, for an edit, never edits
    (planners) a study, whatever the id; 404 for a study outside the scope."""
    require(may_edit_wisn(user) if edit else may_read_wisn(user))
    study = in_scope_or_404(wisn_studies_for(user).select_related("unit"), pk)
    if edit:
        require(may_edit_wisn_study(user, study))
    return study


def wisn_existing_visible(user: User, headcount: int) -> bool:
    """Whether register-based existing staff resting on `headcount` persons is shown."""
    return suppress(headcount, user) is not None or headcount == 0
