"""Imports: who may upload files, which jobs and column maps they see."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from fagkraft.access.persons import employees_for
from fagkraft.access.scope import User, require_role, scope_of
from fagkraft.access.units import units_for
from fagkraft.accounts.models import Role
from fagkraft.imports.models import ColumnMap, ImportJob
from fagkraft.workforce.models import Unit

IMPORT_ROLES = (Role.LEADER, Role.ADVISER, Role.ADMIN)


def may_import(user: User) -> bool:
    return scope_of(user).role in IMPORT_ROLES


def require_importer(user: User) -> None:
    """Import pages are for leaders, advisers and administrators (403 for the others)."""
    require_role(user, *IMPORT_ROLES)


def import_unit_ids(user: User | None) -> set[int] | None:
    """Units the actor may import positions into; None means all (CLI, administrators)."""
    if user is None:
        return None
    scope = scope_of(user)
    if scope.role == Role.ADMIN:
        return None
    if scope.role in (Role.LEADER, Role.ADVISER):
        return set(units_for(user).values_list("pk", flat=True))
    return set()


def import_employee_ids(user: User | None) -> set[int] | None:
    """People whose records the actor's import may touch; None means all."""
    if user is None or scope_of(user).role == Role.ADMIN:
        return None
    if scope_of(user).role in (Role.LEADER, Role.ADVISER):
        return set(employees_for(user).values_list("pk", flat=True))
    return set()


def import_changes_limited_to_scope(user: User | None) -> bool:
    """A leader may give an existing trust employee a position in their units (someone
    moving in), but only people already in their scope may have personal details changed."""
    return user is not None and scope_of(user).role == Role.LEADER


def jobs_for(user: User) -> QuerySet[ImportJob]:
    """Own imports, and those uploaded by people whose area lies inside the user's."""
    if scope_of(user).role == Role.ADMIN:
        return ImportJob.objects.all()
    return ImportJob.objects.filter(Q(user=user) | Q(scope_unit__in=units_for(user)))


def import_trust_of(user: User) -> Unit | None:
    """The health trust a leader's or adviser's role lies in; None for administrators."""
    unit = scope_of(user).unit
    if unit is None:
        return None
    return unit if unit.level == Unit.Level.TRUST else unit.trust


def column_maps_for(user: User) -> QuerySet[ColumnMap]:
    """Column maps a user may choose: shared ones and those of their trust."""
    if scope_of(user).role == Role.ADMIN:
        return ColumnMap.objects.all()
    return ColumnMap.objects.filter(Q(trust__isnull=True) | Q(trust=import_trust_of(user)))


def editable_column_maps_for(user: User) -> QuerySet[ColumnMap]:
    """Shared maps are the administrators'; others edit their own trust's maps."""
    if scope_of(user).role == Role.ADMIN:
        return ColumnMap.objects.all()
    return ColumnMap.objects.filter(trust=import_trust_of(user), trust__isnull=False)


def chooses_column_map_trust(user: User) -> bool:
    """Only administrators set a column map's trust (others' maps are their trust's)."""
    return scope_of(user).role == Role.ADMIN
