"""Competence catalogue, requirement rules, evidence, individual plans and teaching resources.

A person's requirements follow from the active RequirementRules and the positions the
person holds (fagkraft.engine.compliance explains how); they are kept, with their status,
in KeptRequirement (derived, rewritten by fagkraft.competence.kept). What is typed in is
evidence (Completion) and plans. Expiry is derived from the competence's
validity period, never typed in.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from fagkraft.engine.compliance import expiry_of
from fagkraft.workforce.models import Employee, PositionKind, Profession, Unit

HOURS = {"max_digits": 7, "decimal_places": 2, "validators": [MinValueValidator(Decimal(0))]}


class Competence(models.Model):
    class Kind(models.TextChoices):
        COURSE = "course", _("Course")
        E_LEARNING = "e_learning", _("E-learning")
        CONFERENCE = "conference", _("Conference")
        CERTIFICATION = "certification", _("Certification")
        APPROVAL = "approval", _("Approval")
        INTERNAL_TRAINING = "internal_training", _("Internal training")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    hours = models.DecimalField(_("hours"), null=True, blank=True, **HOURS)
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"), null=True, blank=True,
        help_text=_("Empty: a completion never expires."),
    )
    # Renewal by accumulated activities (e.g. a specialist approval): hours over a period,
    # of which a minimum must be courses or conferences.
    renewal_hours = models.DecimalField(
        _("hours needed for renewal"), null=True, blank=True, **HOURS
    )
    renewal_min_course_hours = models.DecimalField(
        _("of which courses or conferences (hours)"), null=True, blank=True, **HOURS
    )
    renewal_period_months = models.PositiveSmallIntegerField(
        _("renewal period (months)"), null=True, blank=True
    )
    renewal_note = models.TextField(_("renewal rule"), blank=True)
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("competence")
        verbose_name_plural = _("competences")

    def __str__(self) -> str:
        return self.name

    def expires_on(self, completed_on: dt.date) -> dt.date | None:
        return expiry_of(completed_on, self.validity_months)


class RequirementRule(models.Model):
    """Attaches a competence to every position matching all criteria set (empty = any)."""

    competence = models.ForeignKey(
        Competence, verbose_name=_("competence"), on_delete=models.PROTECT,
        related_name="rules",
    )
    profession = models.ForeignKey(
        Profession, verbose_name=_("profession"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    # A group ("doctor", "psychologist", ...) lets one rule cover every profession code
    # a trust uses for doctors, without knowing the codes.
    profession_group = models.CharField(
        _("profession group"), max_length=16, choices=Profession.Group.choices, blank=True
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit (and its subtree)"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    service_area = models.CharField(
        _("service area"), max_length=10, choices=Unit.ServiceArea.choices, blank=True
    )
    care_level = models.CharField(
        _("care level"), max_length=12, choices=Unit.CareLevel.choices, blank=True
    )
    position_kind = models.CharField(
        _("position type"), max_length=10, choices=PositionKind.choices, blank=True
    )
    deadline_days = models.PositiveIntegerField(
        _("deadline (days)"), default=90,
        help_text=_("Days after hiring or moving into a matching position."),
    )
    # "Within 3 months" means calendar months (1 Nov + 3 = 1 Feb), not 90 days.
    deadline_months = models.PositiveSmallIntegerField(
        _("deadline (months)"), null=True, blank=True,
        help_text=_("Calendar months after hiring or moving in; when set, it replaces the "
                    "days (a day the month lacks becomes its last day: 31 Jan + 1 = 28 Feb)."),
    )
    active = models.BooleanField(_("active"), default=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["competence__name", "pk"]
        verbose_name = _("requirement rule")
        verbose_name_plural = _("requirement rules")

    def __str__(self) -> str:
        return f"{self.competence} ({self.deadline_text})"

    @property
    def deadline_text(self) -> str:
        if self.deadline_months is not None:
            return ngettext("%(count)d month", "%(count)d months", self.deadline_months) % {
                "count": self.deadline_months}
        return ngettext("%(count)d day", "%(count)d days", self.deadline_days) % {
            "count": self.deadline_days}


class Completion(models.Model):
    """Evidence that a person completed a competence on a date."""

    class Source(models.TextChoices):
        LEADER = "leader", _("Registered by leader")
        EMPLOYEE = "employee", _("Reported by employee")
        IMPORT = "import", _("Imported")

    class Status(models.TextChoices):
        APPROVED = "approved", _("Approved")
        PENDING = "pending", _("Awaiting approval")
        REJECTED = "rejected", _("Rejected")

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE,
        related_name="completions",
    )
    competence = models.ForeignKey(
        Competence, verbose_name=_("competence"), on_delete=models.PROTECT,
        related_name="completions",
    )
    completed_on = models.DateField(_("completed on"))
    hours = models.DecimalField(_("hours"), null=True, blank=True, **HOURS)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approved by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    # A course certificate (fagkraft.competence.certificates): stored under a random name
    # in MEDIA_ROOT, its kind read from its content, the uploader's file name kept as text.
    certificate = models.FileField(_("certificate"), blank=True, max_length=100)
    certificate_type = models.CharField(_("certificate type"), max_length=40, blank=True)
    certificate_name = models.CharField(_("certificate file name"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["employee", "-completed_on", "pk"]
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        indexes = [
            models.Index(fields=["employee", "competence", "completed_on"]),
            models.Index(fields=["competence", "status"]),
            # The daily refresh finds completions dated since its last run.
            models.Index(fields=["completed_on"]),
            # Reports awaiting a decision: a few thousand among hundreds of thousands, so
            # a unit's are found from these and not from every completion of its people.
            models.Index(fields=["employee"], condition=models.Q(status="pending"),
                         name="completion_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.employee} – {self.competence} ({self.completed_on:%d.%m.%Y})"

    @property
    def expires_on(self) -> dt.date | None:
        return self.competence.expires_on(self.completed_on)


class Plan(models.Model):
    """An employee's competence plan or development plan, usually from the annual appraisal."""

    class Kind(models.TextChoices):
        COMPETENCE = "competence", _("Competence plan")
        DEVELOPMENT = "development", _("Development plan")

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="plans"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    appraisal_date = models.DateField(_("annual appraisal"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["employee", "-year", "kind"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.UniqueConstraint(fields=["employee", "kind", "year"],
                                    name="one_plan_per_kind_and_year"),
            models.CheckConstraint(
                condition=Q(period_end__isnull=True) | Q(period_start__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="plan_period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} – {self.employee}"


class PlanActivity(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="activities"
    )
    competence = models.ForeignKey(
        Competence, verbose_name=_("competence"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="plan_activities",
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["plan", "target_date", "pk"]
        verbose_name = _("planned activity")
        verbose_name_plural = _("planned activities")

    def __str__(self) -> str:
        return self.title or str(self.competence)

    @property
    def employee(self) -> Employee:
        # The audit log finds the health trust through `employee`.
        return self.plan.employee

    def clean(self) -> None:
        if self.competence_id is None and not self.title.strip():
            raise ValidationError({"title": _("Choose a competence or write a title.")})


class TeacherEntry(models.Model):
    """Someone in the internal pool who teaches or supervises a competence."""

    class Role(models.TextChoices):
        TEACHER = "teacher", _("Teacher")
        SUPERVISOR = "supervisor", _("Supervisor")

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE,
        related_name="teaching",
    )
    competence = models.ForeignKey(
        Competence, verbose_name=_("competence"), on_delete=models.PROTECT,
        related_name="teachers",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    active = models.BooleanField(_("active"), default=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["competence", "role", "employee"]
        verbose_name = _("teacher or supervisor")
        verbose_name_plural = _("teachers and supervisors")
        constraints = [
            models.UniqueConstraint(fields=["employee", "competence", "role"],
                                    name="one_teacher_entry_per_role"),
        ]

    def __str__(self) -> str:
        return f"{self.employee} – {self.competence} ({self.get_role_display()})"


class TeachingPackage(models.Model):
    """Teaching material and sessions a unit offers, optionally shared with other units."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # A package outlives a reorganisation: if its unit goes, it stays in the catalogue
    # without an owner until someone takes it over.
    owner_unit = models.ForeignKey(
        Unit, verbose_name=_("owner unit"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    shared = models.BooleanField(_("shared with other units"), default=False)
    competences = models.ManyToManyField(
        Competence, verbose_name=_("competences"), blank=True, related_name="packages"
    )
    hours = models.DecimalField(_("hours"), null=True, blank=True, **HOURS)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("teaching package")
        verbose_name_plural = _("teaching packages")

    def __str__(self) -> str:
        return self.name


class ReminderSent(models.Model):
    """A reminder e-mail that went out, so that `fagkraft send-reminders` sends each one
    once: an expiry warning once per completion and threshold (90, then 30 days before),
    a leader's pending-approvals digest once per day."""

    class Kind(models.TextChoices):
        EXPIRY = "expiry", _("Certificate expiring")
        APPROVALS = "approvals", _("Reports awaiting approval")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recipient"),
                             on_delete=models.CASCADE, related_name="+")
    completion = models.ForeignKey(Completion, verbose_name=_("completion"), null=True,
                                   blank=True, on_delete=models.CASCADE, related_name="+")
    threshold_days = models.PositiveSmallIntegerField(_("days before expiry"), null=True,
                                                      blank=True)
    sent_on = models.DateField(_("sent on"))

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["completion", "threshold_days"],
                                    condition=Q(kind="expiry"), name="expiry_reminder_once"),
            models.UniqueConstraint(fields=["user", "sent_on"], condition=Q(kind="approvals"),
                                    name="approvals_reminder_daily"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.user} {self.sent_on:%d.%m.%Y}"


class KeptRequirement(models.Model):
    """One current requirement of a person, with its status as of `KeptState.as_of`.

    Derived data, never typed in: written by fagkraft.competence.kept from the engine's
    rules whenever a completion, rule, catalogue item or position changes, and brought
    forward for the date by `fagkraft refresh-compliance`. One row per unit the person
    holds a position in today, so that a unit's figures are a GROUP BY over its rows;
    `shared` marks people with rows in more than one unit (counted once per roll-up).
    """

    # An HR import writes tens of thousands of these rows, and each index and key check
    # is a cost per row (issue 16, point 4). So: no single-column index on the keys (the
    # unique constraint leads with the employee, the counts index with the unit), and no
    # foreign-key constraints in the database. The rows are derived, written only by
    # fagkraft.competence.kept from ids it has just read or written, and deleted with
    # their person, unit or competence by the ORM's cascade; a database key would check
    # each row again (SQLite: a lookup per key and row; PostgreSQL: a trigger per key and
    # row at commit, more than the insert itself).
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+",
                                 db_index=False, db_constraint=False)
    competence = models.ForeignKey(Competence, on_delete=models.CASCADE, related_name="+",
                                   db_index=False, db_constraint=False)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", db_index=False,
                             db_constraint=False)
    deadline = models.DateField()
    due_on = models.DateField(null=True)
    completed_on = models.DateField(null=True)  # the latest approved completion
    expires_on = models.DateField(null=True)
    status = models.CharField(max_length=12)
    shared = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["employee", "competence", "unit"],
                                    name="one_kept_requirement_per_unit"),
        ]
        # The employee last: a unit's counts per requirement, per person and per child
        # unit are read off the index alone, without the rows. The rare reads by
        # competence (a rule or catalogue change) scan the unique constraint's index.
        indexes = [
            models.Index(fields=["unit", "competence", "status", "shared", "employee"],
                         name="kept_requirement_counts"),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id}/{self.competence_id}/{self.unit_id}: {self.status}"


class KeptMember(models.Model):
    """A person holding a position in a unit today (kept with KeptRequirement): the
    head counts of the compliance roll-ups, people without requirements included."""

    # Served by the unique constraint (employee first) and the (unit, shared) index; no
    # database keys, as for KeptRequirement.
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+",
                                 db_index=False, db_constraint=False)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", db_index=False,
                             db_constraint=False)
    shared = models.BooleanField(default=False)
    # The first day any of the person's statuses may change with the date alone (the
    # earliest engine.status_changes_on of their requirements; none: never). Kept here,
    # a row per person, rather than on each requirement: the daily refresh asks only
    # which people are due, and an index over a quarter of the rows costs an import less.
    next_change = models.DateField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["employee", "unit"], name="one_kept_member_per_unit"),
        ]
        indexes = [models.Index(fields=["unit", "shared"]), models.Index(fields=["next_change"])]

    def __str__(self) -> str:
        return f"{self.employee_id}/{self.unit_id}"


class KeptState(models.Model):
    """The single row saying which day the kept statuses hold for (none: not built)."""

    as_of = models.DateField()
    due_soon_days = models.PositiveSmallIntegerField()

    def __str__(self) -> str:
        return self.as_of.isoformat()
