"""The only code that writes logins and their profiles (role and scope)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db import transaction

from fagkraft.accounts.models import Profile, Role
from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.audit.services import Actor
from fagkraft.workforce.models import Employee, Unit


@transaction.atomic(durable=True)
def create_login(
    actor: Actor,
    *,
    username: str,
    password: str,
    role: Role | str,
    unit: Unit | None = None,
    employee: Employee | None = None,
    first_name: str = "",
    last_name: str = "",
) -> AbstractUser:
    """Create a user with a role, or reset an existing one to exactly this role and scope.

    Administrators are superusers and staff (they use the admin site); others are neither.
    """
    admin = Role(role) == Role.ADMIN
    user, created = get_user_model().objects.get_or_create(username=username)
    user.first_name, user.last_name = first_name, last_name
    user.is_superuser = user.is_staff = admin
    user.is_active = True
    user.set_password(password)
    user.save()
    profile = Profile.objects.filter(user=user).first() or Profile(user=user)
    profile.role, profile.unit, profile.employee = Role(role), unit, employee
    profile.full_clean()
    profile.save()
    audit.record(actor, AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
                 profile, detail={"role": str(profile.role)})
    return user
