"""A user's role and the part of the organisation it applies to."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from fagkraft.workforce.models import Unit


class Role(models.TextChoices):
    EMPLOYEE = "employee", _("Employee")
    LEADER = "leader", _("Unit leader")
    ADVISER = "adviser", _("HR / competence adviser")
    PLANNER = "planner", _("Regional planner")
    ADMIN = "admin", _("Administrator")
    # Someone outside the trusts' staff who holds an office in a funding programme only
    # (a member of the regional user committee, RBU): no register data at all.
    EXTERNAL = "external", _("External programme member")


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EMPLOYEE)
    # The unit a role applies to: the leader's unit (subtree), the adviser's trust, the
    # planner's region. Employees and administrators need none.
    unit = models.ForeignKey(
        "workforce.Unit", verbose_name=_("unit"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    employee = models.ForeignKey(
        "workforce.Employee", verbose_name=_("own employee record"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    # The language of e-mails to this user (reminders) and of the pages after login; the
    # switch at the top of the page saves it (accounts.services.save_language).
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES,
                                default="nb")

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    def clean(self) -> None:
        check_role_unit(self.role, self.unit)
        if self.role == Role.EMPLOYEE and self.employee is None:
            raise ValidationError({"employee": _("An employee login needs an employee record.")})


def check_role_unit(role: str, unit: Unit | None) -> None:
    """A role's unit: leaders need one, advisers a trust, planners a region."""
    expected = {
        Role.ADVISER: Unit.Level.TRUST,
        Role.PLANNER: Unit.Level.REGION,
    }.get(role)
    if role in (Role.LEADER, Role.ADVISER, Role.PLANNER) and unit is None:
        raise ValidationError({"unit": _("This role needs a unit.")})
    if expected and unit and unit.level != expected:
        raise ValidationError({"unit": _("This role needs a unit of level %(level)s.")
                               % {"level": Unit.Level(expected).label}})


# When a login's groups map to several roles, the one with most reach wins.
ROLE_RANK = [Role.EMPLOYEE, Role.LEADER, Role.ADVISER, Role.PLANNER, Role.ADMIN]


class GroupClaimMapping(models.Model):
    """A group from the login service (a value of the group claim) and the role it gives.

    Applied at every single sign-on login: the user's role and unit follow their groups,
    so a person taken out of a group loses the role at the next login.
    """

    claim_value = models.CharField(
        _("group"), max_length=255, unique=True,
        help_text=_("The group as the login service sends it in the group claim "
                    "(Entra ID: the group's object id)."))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    unit = models.ForeignKey(
        "workforce.Unit", verbose_name=_("unit"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        ordering = ["claim_value"]
        verbose_name = _("group mapping for single sign-on")
        verbose_name_plural = _("group mappings for single sign-on")

    def __str__(self) -> str:
        return f"{self.claim_value} → {self.get_role_display()}"

    def clean(self) -> None:
        check_role_unit(self.role, self.unit)
