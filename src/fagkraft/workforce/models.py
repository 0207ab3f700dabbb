"""Organisation and workforce register.

The organisation is a tree RHF -> HF -> clinic -> department -> section. Each unit keeps a
materialised `path` of unit codes ("/HSO/NVHF/NV-PHBU/"), so a subtree is one indexed
`path__startswith` query, and a denormalised `trust` so trust scoping needs no join.

History is never overwritten: a move ends one Position and starts another, a leaver's
positions keep their end date and reason, expired specialist approvals stay as rows.
Turnover and trends for past years are computed from these dates.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import connection, models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

UNIT_CODE_VALIDATOR = RegexValidator(
    r"^[A-Za-z0-9ÆØÅæøå_.\-]+$",
    _("Use letters, digits, '-', '_' or '.' only."),
)


class Unit(models.Model):
    class Level(models.TextChoices):
        REGION = "rhf", _("Regional health authority (RHF)")
        TRUST = "hf", _("Health trust (HF)")
        CLINIC = "clinic", _("Clinic")
        DEPARTMENT = "department", _("Department")
        SECTION = "section", _("Section")

    class ServiceArea(models.TextChoices):
        PHBU = "phbu", _("Mental health care for children and adolescents (PHBU)")
        PHV = "phv", _("Adult mental health care (PHV)")
        TSB = "tsb", _("Substance use treatment (TSB)")
        SOMATIC = "somatic", _("Somatic care")
        OTHER = "other", _("Other")

    class CareLevel(models.TextChoices):
        OUTPATIENT = "outpatient", _("Outpatient")
        INPATIENT = "inpatient", _("Inpatient")
        AMBULANT = "ambulant", _("Ambulant")
        OTHER = "other", _("Other")

    # Which level may sit under which: the tree is strict so roll-ups stay meaningful.
    CHILD_LEVEL = {
        Level.REGION: Level.TRUST,
        Level.TRUST: Level.CLINIC,
        Level.CLINIC: Level.DEPARTMENT,
        Level.DEPARTMENT: Level.SECTION,
    }

    code = models.CharField(
        _("code"), max_length=32, unique=True, validators=[UNIT_CODE_VALIDATOR]
    )
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    service_area = models.CharField(
        _("service area"), max_length=10, choices=ServiceArea.choices, default=ServiceArea.OTHER
    )
    care_level = models.CharField(
        _("care level"), max_length=12, choices=CareLevel.choices, default=CareLevel.OTHER
    )
    path = models.CharField(_("path"), max_length=400, db_index=True, editable=False)
    trust = models.ForeignKey(
        "self",
        verbose_name=_("health trust"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="trust_units",
        editable=False,
    )
    region = models.ForeignKey(
        "self",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="region_units",
        editable=False,
    )

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1

    def subtree(self) -> models.QuerySet[Unit]:
        return Unit.objects.filter(Unit.subtree_q(self.path))

    @staticmethod
    def subtree_q(path: str, prefix: str = "") -> Q:
        """Units whose path starts with `path` (prefix reaches it through a relation).

        SQLite cannot use an index for `LIKE 'path%' ESCAPE '\\'`, so there the prefix is
        written as a range: a path ends in "/", and every string that starts with
        "/A/B/" sorts (byte-wise, SQLite's BINARY collation) from "/A/B/" up to, but not
        including, "/A/B0" ("0" follows "/"). On PostgreSQL a range would depend on the
        database's collation; LIKE there uses the varchar_pattern_ops index Django adds.
        """
        if connection.vendor == "sqlite":
            return Q(**{f"{prefix}path__gte": path, f"{prefix}path__lt": path[:-1] + "0"})
        return Q(**{f"{prefix}path__startswith": path})

    def ancestors(self) -> models.QuerySet[Unit]:
        codes = [code for code in self.path.strip("/").split("/") if code]
        return Unit.objects.filter(code__in=codes).exclude(pk=self.pk).order_by("path")


class Profession(models.Model):
    """A profession as the trust codes it: by actual tasks, with HPR and STYRK-08 codes."""

    class Group(models.TextChoices):
        DOCTOR = "doctor", _("Doctor")
        PSYCHOLOGIST = "psychologist", _("Psychologist")
        NURSE = "nurse", _("Nurse")
        THERAPIST = "therapist", _("Other therapist")
        HEALTH_WORKER = "health_worker", _("Health worker")
        ADMINISTRATIVE = "administrative", _("Administrative")
        OTHER = "other", _("Other")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    group = models.CharField(_("group"), max_length=16, choices=Group.choices)
    hpr_category = models.CharField(
        _("HPR category code"),
        max_length=4,
        blank=True,
        help_text=_("Code in urn:oid:2.16.578.1.12.4.1.1.9060, e.g. LE, PS, SP."),
    )
    styrk_code = models.CharField(
        _("STYRK-08 code"),
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^\d{1,4}$", _("A STYRK-08 code is up to four digits."))],
    )
    # Doctors and psychologists are the professions whose specialist share the plans follow.
    specialist_track = models.BooleanField(_("counts in specialist share"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("profession")
        verbose_name_plural = _("professions")

    def __str__(self) -> str:
        return self.name


class Specialty(models.Model):
    """A specialist approval type (codes as in urn:oid:2.16.578.1.12.4.1.1.7426)."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=160)
    profession = models.ForeignKey(
        Profession, verbose_name=_("profession"), on_delete=models.PROTECT,
        related_name="specialties",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("specialty")
        verbose_name_plural = _("specialties")

    def __str__(self) -> str:
        return self.name


class Employee(models.Model):
    class Sex(models.TextChoices):
        FEMALE = "F", _("Female")
        MALE = "M", _("Male")
        UNKNOWN = "U", _("Not stated")

    trust = models.ForeignKey(
        Unit,
        verbose_name=_("health trust"),
        on_delete=models.PROTECT,
        related_name="employees",
        limit_choices_to={"level": Unit.Level.TRUST},
    )
    employee_number = models.CharField(_("employee number"), max_length=32)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    hpr_number = models.CharField(
        _("HPR number"),
        max_length=9,
        blank=True,
        validators=[RegexValidator(r"^\d{6,9}$", _("An HPR number has 6 to 9 digits."))],
    )
    profession = models.ForeignKey(
        Profession, verbose_name=_("profession"), on_delete=models.PROTECT,
        related_name="employees",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "employee_number"], name="employee_number_unique_in_trust"
            )
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return str(self)

    def age_on(self, day: dt.date) -> int:
        if self.birth_date:
            before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
            return day.year - self.birth_date.year - int(before_birthday)
        # Only the year is known: the age reached during that calendar year.
        return day.year - self.birth_year


class SpecialistApproval(models.Model):
    """One approval with its dates; renewals and expiries are kept as history."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE,
        related_name="approvals",
    )
    specialty = models.ForeignKey(
        Specialty, verbose_name=_("specialty"), on_delete=models.PROTECT,
        related_name="approvals",
    )
    approved_on = models.DateField(_("approved on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    ended_on = models.DateField(
        _("ended on"), null=True, blank=True,
        help_text=_("Set when the approval lapsed or was withdrawn."),
    )

    class Meta:
        ordering = ["employee", "-approved_on"]
        verbose_name = _("specialist approval")
        verbose_name_plural = _("specialist approvals")

    def __str__(self) -> str:
        return f"{self.specialty} ({self.approved_on:%d.%m.%Y})"

    @staticmethod
    def active_on_q(day: dt.date, prefix: str = "") -> Q:
        """Approvals in force on `day` (prefix lets callers filter through a relation)."""
        valid = Q(**{f"{prefix}valid_until__isnull": True}) | Q(
            **{f"{prefix}valid_until__gte": day}
        )
        not_ended = Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gt": day})
        return Q(**{f"{prefix}approved_on__lte": day}) & valid & not_ended


class PositionKind(models.TextChoices):
    PERMANENT = "permanent", _("Permanent")
    TEMPORARY = "temporary", _("Temporary")
    EDUCATION = "education", _("Education position")


class Position(models.Model):
    class LeavingReason(models.TextChoices):
        RESIGNED = "resigned", _("Resigned")
        RETIRED = "retired", _("Retired")
        INTERNAL_MOVE = "internal_move", _("Moved within the trust")
        END_OF_CONTRACT = "end_of_contract", _("End of temporary contract")
        EDUCATION_COMPLETED = "education_completed", _("Education position completed")
        DISMISSED = "dismissed", _("Dismissed")
        DEATH = "death", _("Death")
        OTHER = "other", _("Other")

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE,
        related_name="positions",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="positions"
    )
    fte_percent = models.DecimalField(
        _("share of full time (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    kind = models.CharField(_("position type"), max_length=10, choices=PositionKind.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    leaving_reason = models.CharField(
        _("reason for leaving"), max_length=20, choices=LeavingReason.choices, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["employee", "start_date"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        # (end_date, unit): a unit page asks whether a leaving falls later this month
        # (engine.unit_months); a date range first keeps that small in a trust.
        indexes = [models.Index(fields=["unit", "start_date", "end_date"]),
                   models.Index(fields=["end_date", "unit"], name="position_end_unit")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="position_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.employee} – {self.unit} ({self.fte_percent} %)"

    @property
    def fte(self) -> Decimal:
        return self.fte_percent / 100

    @staticmethod
    def active_on_q(day: dt.date, prefix: str = "") -> Q:
        return Q(**{f"{prefix}start_date__lte": day}) & (
            Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": day})
        )


class Vacancy(models.Model):
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="vacancies"
    )
    profession = models.ForeignKey(
        Profession, verbose_name=_("profession"), on_delete=models.PROTECT,
        related_name="vacancies",
    )
    fte_percent = models.DecimalField(
        _("share of full time (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    kind = models.CharField(
        _("position type"), max_length=10, choices=PositionKind.choices,
        default=PositionKind.PERMANENT,
    )
    opened_on = models.DateField(_("opened"))
    filled_on = models.DateField(_("filled"), null=True, blank=True)
    filled_by = models.ForeignKey(
        Employee, verbose_name=_("filled by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    closed_on = models.DateField(
        _("withdrawn"), null=True, blank=True,
        help_text=_("Set when the vacancy was withdrawn without being filled."),
    )

    class Meta:
        ordering = ["opened_on"]
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")

    def __str__(self) -> str:
        return f"{self.profession} – {self.unit} ({self.opened_on:%d.%m.%Y})"

    @property
    def is_open(self) -> bool:
        return self.filled_on is None and self.closed_on is None

    def days_open(self, today: dt.date) -> int:
        end = self.filled_on or self.closed_on or today
        return (end - self.opened_on).days

    @staticmethod
    def open_on_q(day: dt.date) -> Q:
        return (
            Q(opened_on__lte=day)
            & (Q(filled_on__isnull=True) | Q(filled_on__gt=day))
            & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))
        )


class UnitMonth(models.Model):
    """Kept monthly counts of a unit with its subtree (`engine.unit_months` says what each
    count means). Written by the workforce services in the transaction of every write to
    positions, rebuilt by `fagkraft rebuild-unit-months`; months without any count have
    no row. The unit pages read these rows instead of five years of positions."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="months")
    month = models.DateField(_("month"))  # its first day
    headcount = models.IntegerField(default=0)
    hires = models.IntegerField(default=0)
    left_unit = models.IntegerField(default=0)
    left_trust = models.IntegerField(default=0)
    ytd_left_unit = models.IntegerField(default=0)
    ytd_left_trust = models.IntegerField(default=0)

    class Meta:
        ordering = ["unit", "month"]
        verbose_name = _("unit month")
        verbose_name_plural = _("unit months")
        constraints = [
            models.UniqueConstraint(fields=["unit", "month"], name="unit_month_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.month:%m.%Y}"


class UnitMonthSpan(models.Model):
    """The months the kept counts cover (one row). Without it, or outside it, the pages
    compute from positions as before."""

    first_month = models.DateField()
    last_month = models.DateField()
    grace_days = models.IntegerField()

    class Meta:
        verbose_name = _("span of the kept monthly counts")

    def __str__(self) -> str:
        return f"{self.first_month:%m.%Y}-{self.last_month:%m.%Y}"
