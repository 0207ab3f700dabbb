"""Programme goals and the indicators that follow them (issue 13, point 2).

A goal belongs to a trust or a region (a unit of that level) and has an owner, a text,
a kind (effect or result goal) and a deadline. Each indicator measures one thing
(a kind from `goals.indicators.REGISTRY`) over a unit scope inside the goal's unit,
from a baseline value on a date towards a target, higher or lower being better.
Manual indicators take a value per period typed in with its source. Goals hold
aggregates only, no personal data.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from fagkraft.workforce.models import Profession, Unit


class Goal(models.Model):
    class Kind(models.TextChoices):
        EFFECT = "effect", _("Effect goal")
        RESULT = "result", _("Result goal")

    unit = models.ForeignKey(Unit, verbose_name=_("trust or region"),
                             on_delete=models.PROTECT, related_name="goals")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"),
                              null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="owned_goals")
    text = models.TextField(_("goal"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices,
                            default=Kind.EFFECT)
    programme = models.CharField(_("programme"), max_length=200, blank=True)
    deadline = models.DateField(_("deadline"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.text[:80]

    def clean(self) -> None:
        if self.unit_id and self.unit.level not in (Unit.Level.REGION, Unit.Level.TRUST):
            raise ValidationError(
                {"unit": _("A goal belongs to a health trust or a region.")})


class Indicator(models.Model):
    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    goal = models.ForeignKey(Goal, verbose_name=_("goal"), on_delete=models.CASCADE,
                             related_name="indicators")
    kind = models.CharField(_("indicator"), max_length=40)
    unit = models.ForeignKey(Unit, verbose_name=_("unit scope"), on_delete=models.PROTECT,
                             related_name="+")
    profession_group = models.CharField(_("profession group"), max_length=16, blank=True,
                                        choices=Profession.Group.choices)
    name = models.CharField(_("name"), max_length=200, blank=True,
                            help_text=_("For manual indicators: what is counted."))
    baseline = models.FloatField(_("baseline"))
    baseline_on = models.DateField(_("baseline date"))
    target = models.FloatField(_("target"))
    direction = models.CharField(_("direction"), max_length=6, choices=Direction.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["goal", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        # The registry reaches the access package, which imports these models.
        from fagkraft.goals.indicators import label_of  # noqa: PLC0415

        return label_of(self)

    def clean(self) -> None:
        from fagkraft.goals.indicators import REGISTRY  # noqa: PLC0415

        definition = REGISTRY.get(self.kind)
        if definition is None:
            raise ValidationError({"kind": _("Unknown indicator.")})
        if definition.needs_group and not self.profession_group:
            raise ValidationError({"profession_group": _("Choose a profession group.")})
        if definition.manual and not self.name:
            raise ValidationError({"name": _("Say what a manual indicator counts.")})
        if self.goal_id and self.unit_id and not self.unit.path.startswith(
                self.goal.unit.path):
            raise ValidationError(
                {"unit": _("The unit scope must lie within the goal's trust or region.")})


class ManualValue(models.Model):
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"),
                                  on_delete=models.CASCADE, related_name="values")
    period_end = models.DateField(_("period end"),
                                  help_text=_("The last day of the period the value is for."))
    value = models.FloatField(_("value"))
    source = models.CharField(_("source"), max_length=300)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator", "period_end"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [models.UniqueConstraint(fields=["indicator", "period_end"],
                                               name="goals_one_value_per_period")]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period_end}: {self.value}"


class YearEndValue(models.Model):
    """A register indicator's value on a past 31 December, kept for the day it was
    computed on (goals.history): a closed year's value is worked out at most once a day,
    not again after every write. Derived figures, as the user group sees them (`hides`,
    `threshold`: the disclosure control applied); no personal data."""

    kind = models.CharField(max_length=40)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    profession_group = models.CharField(max_length=16, blank=True)
    hides = models.BooleanField()
    threshold = models.PositiveSmallIntegerField()
    on = models.DateField()
    value = models.FloatField(null=True)  # None: hidden, or no value that year
    computed_on = models.DateField()
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["kind", "unit", "profession_group", "hides", "threshold", "on"],
            name="goals_one_year_end_value")]

    def __str__(self) -> str:
        return f"{self.kind} {self.unit_id} {self.on}: {self.value}"
