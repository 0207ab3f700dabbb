"""The only code that writes logins and their profiles (role and scope)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db import transaction
from django.utils.translation import gettext as _

from fagkraft.accounts.models import ROLE_RANK, GroupClaimMapping, Profile, Role
from fagkraft.accounts.oidc import LoginRefused
from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.audit.services import Actor
from fagkraft.core.conf import setting
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


def _claim_text(claims: dict[str, Any], name: str) -> str:
    value = claims.get(name) if name else None
    return str(value).strip() if isinstance(value, str | int) else ""


def _groups(claims: dict[str, Any]) -> list[str]:
    value = claims.get(setting("OIDC_GROUPS_CLAIM"))
    if isinstance(value, str):  # a provider may send a single group as a plain string
        return [value]
    return [str(group) for group in value] if isinstance(value, list) else []


def _mapping_for(groups: list[str]) -> GroupClaimMapping | None:
    """The mapped role with most reach among the user's groups (ROLE_RANK)."""
    mappings = list(GroupClaimMapping.objects.filter(claim_value__in=groups)
                    .select_related("unit").order_by("pk"))
    return max(mappings, key=lambda mapping: ROLE_RANK.index(Role(mapping.role)), default=None)


def _own_employee(claims: dict[str, Any], profile: Profile | None) -> Employee | None:
    hpr_number = _claim_text(claims, setting("OIDC_HPR_CLAIM"))
    if hpr_number:
        found = Employee.objects.filter(hpr_number=hpr_number).order_by("pk").first()
        if found is not None:
            return found
    return profile.employee if profile is not None else None


@transaction.atomic(durable=True)
def sign_in_with_claims(claims: dict[str, Any]) -> AbstractUser:
    """The login a validated single sign-on belongs to, matched or created by its claim.

    Role and unit come from the group mappings at every login, so a change of groups at
    the login service takes effect at the next login; no mapped group, no login. The
    write (a new user, a changed role) is audited as any other; the login event itself is
    recorded by the caller once the session exists.
    """
    user_claim = setting("OIDC_USER_CLAIM")
    name = _claim_text(claims, user_claim)[:150]
    if not name:
        raise LoginRefused(
            _("The login service did not send %(claim)s, which Fagkraft identifies users by.")
            % {"claim": user_claim}, f"missing claim: {user_claim}")
    mapping = _mapping_for(_groups(claims))
    if mapping is None:
        raise LoginRefused(
            _("Your account has no access to Fagkraft: none of your groups gives a role. "
              "Ask your administrator."), f"no mapped group: {name}")
    user = get_user_model().objects.filter(username__iexact=name).order_by("pk").first()
    if user is not None and not user.is_active:
        raise LoginRefused(_("This account is deactivated. Ask your administrator."),
                           f"inactive: {name}")
    created = user is None
    if user is None:
        user = get_user_model()(username=name)
        user.set_unusable_password()  # single sign-on only, until an administrator sets one
    profile = Profile.objects.filter(user=user).first() if not created else None
    employee = _own_employee(claims, profile)
    if mapping.role == Role.EMPLOYEE and employee is None:
        raise LoginRefused(
            _("Your login is not tied to an employee record. Ask your administrator."),
            f"no employee record: {name}")
    admin = mapping.role == Role.ADMIN
    before = (user.first_name, user.last_name, user.email, user.is_staff,
              profile.role if profile else None, profile.unit_id if profile else None,
              profile.employee_id if profile else None)
    user.first_name = _claim_text(claims, "given_name")[:150] or user.first_name
    user.last_name = _claim_text(claims, "family_name")[:150] or user.last_name
    user.email = _claim_text(claims, "email")[:254] or user.email
    user.is_superuser = user.is_staff = admin
    user.save()
    profile = profile or Profile(user=user)
    profile.role, profile.unit, profile.employee = Role(mapping.role), mapping.unit, employee
    profile.full_clean()
    profile.save()
    after = (user.first_name, user.last_name, user.email, user.is_staff, profile.role,
             profile.unit_id, profile.employee_id)
    if created or before != after:
        audit.record(user, AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
                     profile, via="sso", detail={"role": str(profile.role),
                                                 "group": mapping.claim_value})
    return user


@transaction.atomic(durable=True)
def save_language(user: AbstractUser, language: str, *, actor: Actor) -> bool:
    """Keep the language a user chose with the switch on their profile: reminders are
    written in it and the next login starts in it. False if it is no language we offer
    or the user has no profile; nothing changes (nor is audited) when it is the same."""
    profile = Profile.objects.select_for_update().filter(user=user).first()
    if profile is None or language not in dict(settings.LANGUAGES):
        return False
    if profile.language != language:
        before = profile.language
        profile.language = language
        profile.save(update_fields=["language"])
        audit.record(actor, AuditEvent.Action.UPDATE, profile,
                     detail={"language": [before, language]})
    return True
