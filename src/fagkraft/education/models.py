"""Education pathways: templates with their rules, candidates and what they have done.

A pathway template (LIS1, LIS3 in a specialty, the psychologist specialist programme in a
specialty, a clinical specialist programme) holds the rules as data an adviser edits: its
parts with practice years, supervision and course hours, and the rules for the whole
pathway (supervisors, individual hours, written work, learning goals). The checks
themselves are in fagkraft.engine.pathways; nothing about progress is stored, it is
derived from the records below each time.

A candidate is an Employee on one template, in a unit (for scope and supervision
capacity), optionally in an education position (a workforce Position) with a permanent
post lined up at the end. Supervisors are Employees assigned to the candidate; an
assigned supervisor may sign the candidate's learning activities and log supervision
(the rule lives in fagkraft.access).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fagkraft.workforce.models import Employee, Position, Profession, Specialty, Unit

HOURS = {"max_digits": 7, "decimal_places": 2, "validators": [MinValueValidator(Decimal(0))]}
YEARS = {"max_digits": 4, "decimal_places": 2, "validators": [MinValueValidator(Decimal(0))]}
PERCENT = {"max_digits": 5, "decimal_places": 2,
           "validators": [MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(100))]}


class PathwayTemplate(models.Model):
    class Kind(models.TextChoices):
        LIS1 = "lis1", _("LIS1 (doctors, first part)")
        LIS3 = "lis3", _("LIS3 (doctors, specialty part)")
        PSYCHOLOGIST = "psychologist", _("Psychologist specialist programme")
        CLINICAL = "clinical", _("Clinical specialist programme")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    profession = models.ForeignKey(
        Profession, verbose_name=_("profession when done"), on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The profession the candidate counts as in projections when done."),
    )
    specialty = models.ForeignKey(
        Specialty, verbose_name=_("specialty"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    leads_to_specialist = models.BooleanField(
        _("leads to a specialist approval"), default=True,
        help_text=_("Off for LIS1: finishing it does not make a specialist."),
    )
    nominal_months = models.PositiveSmallIntegerField(
        _("planned length (months at full time)"), validators=[MinValueValidator(1)])
    uses_common_goals = models.BooleanField(
        _("common competence goals apply"), default=False,
        help_text=_("The common competence goals (felles kompetansemål) count too."),
    )
    min_supervisors = models.PositiveSmallIntegerField(_("at least this many supervisors"),
                                                       default=0)
    min_relationship_hours = models.DecimalField(
        _("one supervision relationship of at least (hours)"), default=0, **HOURS)
    min_individual_hours = models.DecimalField(
        _("individual supervision hours, at least"), default=0, **HOURS)
    supervision_minutes_per_hour = models.PositiveSmallIntegerField(
        _("minutes in a supervision hour"), default=60,
        validators=[MinValueValidator(1), MaxValueValidator(60)])
    course_share_in_practice = models.DecimalField(
        _("more than this share of course hours in supervised practice"), default=0,
        max_digits=3, decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
        help_text=_("0.5 means more than half; 0: no rule."),
    )
    written_work_required = models.BooleanField(_("written work required"), default=False)
    supervision_hours_per_month = models.DecimalField(
        _("supervision need (hours a month at full time)"), default=0, **HOURS,
        help_text=_("Planning figure for supervision capacity."),
    )
    renewal_competence = models.ForeignKey(
        "competence.Competence", verbose_name=_("renewal rule"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Competence in the catalogue holding the renewal hours, once approved."),
    )
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("pathway template")
        verbose_name_plural = _("pathway templates")

    def __str__(self) -> str:
        return self.name


class PathwayPart(models.Model):
    template = models.ForeignKey(PathwayTemplate, verbose_name=_("pathway template"),
                                 on_delete=models.CASCADE, related_name="parts")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    practice_years = models.DecimalField(_("practice (full-time years)"), default=0, **YEARS)
    supervision_hours = models.DecimalField(_("supervision hours"), default=0, **HOURS)
    course_hours = models.DecimalField(_("course hours"), default=0, **HOURS)
    individual_hours_count = models.BooleanField(
        _("individual hours count towards the minimum"), default=False)

    class Meta:
        ordering = ["template", "order", "pk"]
        verbose_name = _("pathway part")
        verbose_name_plural = _("pathway parts")
        constraints = [models.UniqueConstraint(fields=["template", "code"],
                                               name="education_part_code_unique")]

    def __str__(self) -> str:
        return f"{self.template.code}: {self.name}"


class LearningGoal(models.Model):
    """A learning goal of one template, or a common competence goal (template empty)."""

    template = models.ForeignKey(
        PathwayTemplate, verbose_name=_("pathway template"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="goals",
        help_text=_("Empty: a common competence goal for every template that uses them."),
    )
    code = models.CharField(_("code"), max_length=40)
    text = models.TextField(_("learning goal"))
    order = models.PositiveIntegerField(_("order"), default=0)
    activities = models.TextField(_("suggested learning activities"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["template", "order", "code"]
        verbose_name = _("learning goal")
        verbose_name_plural = _("learning goals")
        constraints = [
            models.UniqueConstraint(fields=["template", "code"],
                                    name="education_goal_code_unique"),
            models.UniqueConstraint(fields=["code"], condition=Q(template__isnull=True),
                                    name="education_common_goal_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"


class Candidate(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("In progress")
        COMPLETED = "completed", _("Completed")
        DISCONTINUED = "discontinued", _("Discontinued")

    employee = models.ForeignKey(Employee, verbose_name=_("employee"),
                                 on_delete=models.CASCADE, related_name="pathways")
    template = models.ForeignKey(PathwayTemplate, verbose_name=_("pathway"),
                                 on_delete=models.PROTECT, related_name="candidates")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="+")
    start_date = models.DateField(_("start date"))
    planned_end = models.DateField(_("planned end"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.ACTIVE)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    education_position = models.ForeignKey(
        Position, verbose_name=_("education position"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    permanent_unit = models.ForeignKey(
        Unit, verbose_name=_("permanent post lined up in"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Where the permanent post at the end of the education position is."),
    )
    written_work_approved_on = models.DateField(_("written work approved on"), null=True,
                                                blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["employee__last_name", "employee__first_name", "pk"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        constraints = [
            models.UniqueConstraint(fields=["employee", "template"],
                                    name="education_one_candidate_per_template"),
            models.CheckConstraint(condition=Q(planned_end__gt=models.F("start_date")),
                                   name="education_candidate_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.employee} – {self.template}"

    def clean(self) -> None:
        if self.status == self.Status.COMPLETED and self.completed_on is None:
            raise ValidationError({"completed_on": _("A completed pathway needs its date.")})
        if self.education_position_id and self.education_position.employee_id != \
                self.employee_id:
            raise ValidationError({"education_position": _(
                "The education position belongs to someone else.")})


class CandidateSupervisor(models.Model):
    class Role(models.TextChoices):
        SUPERVISOR = "supervisor", _("Supervisor (veileder)")
        SIGNING = "signing", _("Supervising specialist (supervisør)")

    candidate = models.ForeignKey(Candidate, verbose_name=_("candidate"),
                                  on_delete=models.CASCADE, related_name="supervisors")
    # RESTRICT: a supervisor cannot be deleted while assigned, unless the assignment goes
    # in the same deletion (the candidate's employee record deleted too).
    supervisor = models.ForeignKey(Employee, verbose_name=_("supervisor"),
                                   on_delete=models.RESTRICT, related_name="supervising")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices,
                            default=Role.SUPERVISOR)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["candidate", "start_date", "pk"]
        verbose_name = _("assigned supervisor")
        verbose_name_plural = _("assigned supervisors")

    def __str__(self) -> str:
        return f"{self.supervisor} → {self.candidate.employee}"

    @property
    def employee(self) -> Employee:
        # The audit log finds the health trust through `employee`.
        return self.candidate.employee

    def clean(self) -> None:
        if self.supervisor_id and self.supervisor_id == self.candidate.employee_id:
            raise ValidationError({"supervisor": _("A candidate cannot supervise themself.")})
        if self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end is before the start.")})


class _CandidateRecord(models.Model):
    """Something a candidate did; the audit log reaches the trust through `employee`."""

    candidate: models.ForeignKey  # each subclass names its own reverse relation

    class Meta:
        abstract = True

    @property
    def employee(self) -> Employee:
        return self.candidate.employee


class PracticePeriod(_CandidateRecord):
    candidate = models.ForeignKey(Candidate, verbose_name=_("candidate"),
                                  on_delete=models.CASCADE, related_name="periods")
    part = models.ForeignKey(PathwayPart, verbose_name=_("part"), on_delete=models.PROTECT,
                             related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("place of practice"), null=True,
                             blank=True, on_delete=models.SET_NULL, related_name="+")
    place = models.CharField(_("place (outside the register)"), max_length=200, blank=True,
                             help_text=_("E.g. the municipality of a LIS1 part."))
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True)
    fte_percent = models.DecimalField(_("share of full time (%)"), default=100, **PERCENT)
    supervised = models.BooleanField(_("relevant practice with supervision"), default=True)

    class Meta:
        ordering = ["candidate", "start_date", "pk"]
        verbose_name = _("practice period")
        verbose_name_plural = _("practice periods")
        constraints = [models.CheckConstraint(
            condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
            name="education_period_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.part.name} {self.start_date:%d.%m.%Y} ({self.fte_percent} %)"


class SupervisionSession(_CandidateRecord):
    candidate = models.ForeignKey(Candidate, verbose_name=_("candidate"),
                                  on_delete=models.CASCADE, related_name="sessions")
    supervisor = models.ForeignKey(Employee, verbose_name=_("supervisor"),
                                   on_delete=models.RESTRICT, related_name="+")
    part = models.ForeignKey(PathwayPart, verbose_name=_("part"), on_delete=models.PROTECT,
                             related_name="+")
    held_on = models.DateField(_("date"))
    minutes = models.PositiveIntegerField(_("minutes"),
                                          validators=[MinValueValidator(1),
                                                      MaxValueValidator(600)])
    individual = models.BooleanField(_("individual (not group)"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("logged by"),
                                  null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")

    class Meta:
        ordering = ["candidate", "-held_on", "pk"]
        verbose_name = _("supervision session")
        verbose_name_plural = _("supervision sessions")

    def __str__(self) -> str:
        return f"{self.held_on:%d.%m.%Y} {self.minutes} min"


class CourseRecord(_CandidateRecord):
    candidate = models.ForeignKey(Candidate, verbose_name=_("candidate"),
                                  on_delete=models.CASCADE, related_name="courses")
    part = models.ForeignKey(PathwayPart, verbose_name=_("part"), on_delete=models.PROTECT,
                             related_name="+")
    title = models.CharField(_("course"), max_length=200)
    held_on = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), **HOURS)

    class Meta:
        ordering = ["candidate", "-held_on", "pk"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d.%m.%Y})"


class LearningActivity(_CandidateRecord):
    """A learning activity done towards a goal; counts once a supervisor has signed it."""

    candidate = models.ForeignKey(Candidate, verbose_name=_("candidate"),
                                  on_delete=models.CASCADE, related_name="activities")
    goal = models.ForeignKey(LearningGoal, verbose_name=_("learning goal"),
                             on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("activity"), max_length=200)
    done_on = models.DateField(_("done on"))
    signed_by = models.ForeignKey(Employee, verbose_name=_("signed by"), null=True,
                                  blank=True, on_delete=models.RESTRICT, related_name="+")
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)

    class Meta:
        ordering = ["candidate", "-done_on", "pk"]
        verbose_name = _("learning activity")
        verbose_name_plural = _("learning activities")

    def __str__(self) -> str:
        return self.title

    @property
    def signed(self) -> bool:
        return self.signed_at is not None


class GoalApproval(_CandidateRecord):
    """The leader's approval of one learning goal, after hearing the supervisors."""

    candidate = models.ForeignKey(Candidate, verbose_name=_("candidate"),
                                  on_delete=models.CASCADE, related_name="approvals")
    goal = models.ForeignKey(LearningGoal, verbose_name=_("learning goal"),
                             on_delete=models.PROTECT, related_name="+")
    approved_on = models.DateField(_("approved on"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["candidate", "goal"]
        verbose_name = _("approved learning goal")
        verbose_name_plural = _("approved learning goals")
        constraints = [models.UniqueConstraint(fields=["candidate", "goal"],
                                               name="education_goal_approved_once")]

    def __str__(self) -> str:
        return f"{self.goal.code} ({self.approved_on:%d.%m.%Y})"


class PlanItem(_CandidateRecord):
    """One entry of the candidate's individual education plan (about six months ahead)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    candidate = models.ForeignKey(Candidate, verbose_name=_("candidate"),
                                  on_delete=models.CASCADE, related_name="plan_items")
    title = models.CharField(_("what"), max_length=200)
    goal = models.ForeignKey(LearningGoal, verbose_name=_("learning goal"), null=True,
                             blank=True, on_delete=models.SET_NULL, related_name="+")
    target_date = models.DateField(_("target date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PLANNED)

    class Meta:
        ordering = ["candidate", "target_date", "pk"]
        verbose_name = _("education plan item")
        verbose_name_plural = _("education plan items")

    def __str__(self) -> str:
        return self.title


class SupervisorCapacity(models.Model):
    """Hours a month a supervisor sets aside for supervision in a unit."""

    employee = models.ForeignKey(Employee, verbose_name=_("supervisor"),
                                 on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="+")
    hours_per_month = models.DecimalField(_("hours a month"), **HOURS)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["unit", "employee", "start_date"]
        verbose_name = _("supervision capacity")
        verbose_name_plural = _("supervision capacity")
        constraints = [models.CheckConstraint(
            condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
            name="education_capacity_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.employee} – {self.unit} ({self.hours_per_month} h)"
