"""WISN studies: staffing need from workload, per unit, with task-sharing scenarios.

A study belongs to a unit and a year and holds the working time; staff categories
(psychologist, doctor, nurse ...) hold their activities with annual workload and time
per unit, their category and individual allowances, and optionally an existing-staff
figure that overrides the register (FTE of the category's profession group in the
unit subtree). Scenarios move a share of an activity to another category.
No personal data lives here.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from fagkraft.workforce.models import Profession, Unit

ZERO = Decimal(0)
POSITIVE = MinValueValidator(Decimal("0.01"))
NOT_NEGATIVE = MinValueValidator(ZERO)
PERCENT = [MinValueValidator(ZERO), MaxValueValidator(Decimal(100))]


class WisnStudy(models.Model):
    class Basis(models.TextChoices):
        DAYS = "days", _("Days a year")
        PERCENT = "percent", _("Contractual hours less percentages")

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="wisn_studies")
    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    basis = models.CharField(_("working-time basis"), max_length=8, choices=Basis.choices,
                             default=Basis.DAYS)
    working_days = models.DecimalField(_("possible working days"), max_digits=6,
                                       decimal_places=2, default=Decimal(260),
                                       validators=[NOT_NEGATIVE])
    public_holidays = models.DecimalField(_("public holidays"), max_digits=6,
                                          decimal_places=2, default=ZERO,
                                          validators=[NOT_NEGATIVE])
    annual_leave = models.DecimalField(_("annual leave (days)"), max_digits=6,
                                       decimal_places=2, default=ZERO,
                                       validators=[NOT_NEGATIVE])
    sick_leave = models.DecimalField(_("sick leave (days)"), max_digits=6, decimal_places=2,
                                     default=ZERO, validators=[NOT_NEGATIVE])
    other_leave = models.DecimalField(_("other leave (days)"), max_digits=6, decimal_places=2,
                                      default=ZERO, validators=[NOT_NEGATIVE])
    hours_per_day = models.DecimalField(_("hours a day"), max_digits=5, decimal_places=2,
                                        default=Decimal("7.5"), validators=[POSITIVE])
    contract_hours = models.DecimalField(_("contractual hours a year"), max_digits=7,
                                         decimal_places=2, null=True, blank=True,
                                         validators=[POSITIVE])
    deductions_percent = models.JSONField(_("deductions (%)"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "name", "pk"]
        verbose_name = _("WISN study")
        verbose_name_plural = _("WISN studies")

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    def clean(self) -> None:
        if self.basis == self.Basis.PERCENT:
            if self.contract_hours is None:
                raise ValidationError(
                    {"contract_hours": _("Give the contractual hours a year.")})
            total = sum(Decimal(str(value)) for value in (self.deductions_percent or {}).values())
            if total >= 100:
                raise ValidationError(
                    {"deductions_percent": _("The deductions must add up to less than 100 %.")})
        else:
            off = self.public_holidays + self.annual_leave + self.sick_leave + self.other_leave
            if off >= self.working_days:
                raise ValidationError(
                    {"working_days": _("Holidays and leave use up every working day.")})


class StaffCategory(models.Model):
    study = models.ForeignKey(WisnStudy, verbose_name=_("study"), on_delete=models.CASCADE,
                              related_name="categories")
    name = models.CharField(_("name"), max_length=100)
    profession_group = models.CharField(
        _("profession group in the register"), max_length=16,
        choices=Profession.Group.choices, blank=True,
        help_text=_("Existing staff is the FTE of this group in the unit and its subunits."))
    existing_staff_override = models.DecimalField(
        _("existing staff (FTE), if not from the register"), max_digits=8, decimal_places=2,
        null=True, blank=True, validators=[NOT_NEGATIVE])
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["study", "name"],
                                               name="wisn_category_unique_name")]
        verbose_name = _("staff category")
        verbose_name_plural = _("staff categories")

    def __str__(self) -> str:
        return self.name

    @property
    def unit(self) -> Unit:
        return self.study.unit


class WorkloadActivity(models.Model):
    category = models.ForeignKey(StaffCategory, verbose_name=_("staff category"),
                                 on_delete=models.CASCADE, related_name="activities")
    name = models.CharField(_("activity"), max_length=200)
    annual_workload = models.DecimalField(_("annual workload (units)"), max_digits=12,
                                          decimal_places=2, validators=[NOT_NEGATIVE])
    minutes_per_unit = models.DecimalField(_("minutes per unit"), max_digits=8,
                                           decimal_places=2, validators=[POSITIVE])
    source = models.CharField(_("source of the workload figure"), max_length=300, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["category", "name"],
                                               name="wisn_activity_unique_name")]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.name

    @property
    def unit(self) -> Unit:
        return self.category.study.unit


class CategoryAllowance(models.Model):
    class Per(models.TextChoices):
        DAY = "day", _("a day")
        WEEK = "week", _("a week")
        MONTH = "month", _("a month")
        YEAR = "year", _("a year")

    category = models.ForeignKey(StaffCategory, verbose_name=_("staff category"),
                                 on_delete=models.CASCADE, related_name="category_allowances")
    name = models.CharField(_("name"), max_length=200)
    percent = models.DecimalField(_("percent of working time"), max_digits=5,
                                  decimal_places=2, null=True, blank=True, validators=PERCENT)
    hours = models.DecimalField(_("hours"), max_digits=7, decimal_places=2, null=True,
                                blank=True, validators=[POSITIVE])
    per = models.CharField(_("per"), max_length=5, choices=Per.choices, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("category allowance")
        verbose_name_plural = _("category allowances")

    def __str__(self) -> str:
        return self.name

    @property
    def unit(self) -> Unit:
        return self.category.study.unit

    def clean(self) -> None:
        as_percent = self.percent is not None
        as_time = self.hours is not None or bool(self.per)
        if as_percent == as_time or (as_time and (self.hours is None or not self.per)):
            raise ValidationError(
                _("Give either a percentage or hours with a period (day, week, month, year)."))


class IndividualAllowance(models.Model):
    category = models.ForeignKey(StaffCategory, verbose_name=_("staff category"),
                                 on_delete=models.CASCADE, related_name="individual_allowances")
    name = models.CharField(_("name"), max_length=200)
    staff = models.DecimalField(_("staff doing it"), max_digits=6, decimal_places=2,
                                validators=[POSITIVE])
    hours_per_year = models.DecimalField(_("hours a year each"), max_digits=7,
                                         decimal_places=2, validators=[POSITIVE])

    class Meta:
        ordering = ["pk"]
        verbose_name = _("individual allowance")
        verbose_name_plural = _("individual allowances")

    def __str__(self) -> str:
        return self.name

    @property
    def unit(self) -> Unit:
        return self.category.study.unit


class Scenario(models.Model):
    """Task sharing (oppgavedeling): moves of work between the study's categories."""

    study = models.ForeignKey(WisnStudy, verbose_name=_("study"), on_delete=models.CASCADE,
                              related_name="scenarios")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["study", "name"],
                                               name="wisn_scenario_unique_name")]
        verbose_name = _("task-sharing scenario")
        verbose_name_plural = _("task-sharing scenarios")

    def __str__(self) -> str:
        return self.name

    @property
    def unit(self) -> Unit:
        return self.study.unit


class ScenarioMove(models.Model):
    scenario = models.ForeignKey(Scenario, verbose_name=_("scenario"),
                                 on_delete=models.CASCADE, related_name="moves")
    activity = models.ForeignKey(WorkloadActivity, verbose_name=_("activity"),
                                 on_delete=models.CASCADE, related_name="+")
    to_category = models.ForeignKey(StaffCategory, verbose_name=_("to category"),
                                    on_delete=models.CASCADE, related_name="+")
    share_percent = models.DecimalField(_("share moved (%)"), max_digits=5, decimal_places=2,
                                        validators=PERCENT)
    minutes_per_unit = models.DecimalField(
        _("minutes per unit in the receiving category"), max_digits=8, decimal_places=2,
        null=True, blank=True, validators=[POSITIVE],
        help_text=_("Leave empty if the receiving profession takes the same time."))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("move")
        verbose_name_plural = _("moves")

    def __str__(self) -> str:
        return f"{self.activity} → {self.to_category} ({self.share_percent} %)"

    @property
    def unit(self) -> Unit:
        return self.scenario.study.unit

    def clean(self) -> None:
        if not (self.activity_id and self.to_category_id and self.scenario_id):
            return
        category = self.activity.category
        if category.study_id != self.scenario.study_id or \
                self.to_category.study_id != self.scenario.study_id:
            raise ValidationError(_("The activity and the category must belong to the study."))
        if category.pk == self.to_category_id:
            raise ValidationError(
                {"to_category": _("Choose another category than the activity's own.")})
