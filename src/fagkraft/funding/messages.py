"""The funding rules' failures (fagkraft.engine.funding) as sentences for people.

The engine names a rule and its figures; here each becomes one Norwegian sentence (via
gettext) with amounts in kroner grouped the way the language writes them.
"""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from fagkraft.engine.funding import Failure, Rule
from fagkraft.funding.models import Call


def kroner(amount: int) -> str:
    return _("%(amount)s kr") % {"amount": formats.number_format(amount, force_grouping=True)}


def _field_label(name: str) -> str:
    try:
        return str(Call.Field(name).label)
    except ValueError:
        return name


def _when(value: object) -> str:
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value)  # type: ignore[arg-type]
    return formats.date_format(value, "d.m.Y H:i")


MONEY_RULES = (Rule.OVER_PROJECT_MAX, Rule.OVER_CALL_BUDGET, Rule.OVER_YEAR_BUDGET)


def message(failure: Failure, criteria: dict[str, str] | None = None) -> str:
    f = dict(failure.figures)
    if failure.rule in MONEY_RULES:
        for key in ("amount", "maximum", "over", "allocated", "budget"):
            if key in f:
                f[key] = kroner(f[key])
    if "criterion" in f and criteria:
        f["criterion"] = criteria.get(f["criterion"], f["criterion"])
    rule = failure.rule
    if rule == Rule.TOO_FEW_TRUSTS:
        return _("At least %(minimum)s health trusts must apply together; the application "
                 "has %(count)s.") % f
    if rule == Rule.PARTNER_UNCONFIRMED:
        return _("%(trust)s has not confirmed its participation.") % f
    if rule == Rule.NO_SUB_GOAL:
        return _("The application must be anchored in at least one sub-goal.")
    if rule == Rule.OVER_PROJECT_MAX:
        return _("The project's total of %(amount)s exceeds the maximum per project of "
                 "%(maximum)s by %(over)s.") % f
    if rule == Rule.DEADLINE_PASSED:
        return _("The deadline %(closes_at)s has passed.") % {"closes_at": _when(f["closes_at"])}
    if rule == Rule.NOT_OPEN:
        return _("The call opens %(opens_at)s.") % {"opens_at": _when(f["opens_at"])}
    if rule == Rule.MISSING_FIELD:
        return _("Required field missing: %(field)s.") % {"field": _field_label(f["field"])}
    if rule == Rule.OVER_CALL_BUDGET:
        return _("%(amount)s on top of %(allocated)s already allocated exceeds the call's "
                 "budget of %(budget)s by %(over)s.") % f
    if rule == Rule.OVER_YEAR_BUDGET:
        return _("%(year)s: %(amount)s on top of %(allocated)s already allocated exceeds the "
                 "year's budget of %(budget)s by %(over)s.") % f
    if rule == Rule.SCORE_MISSING:
        return _("%(criterion)s: a score is required.") % f
    if rule == Rule.SCORE_OUT_OF_RANGE:
        return _("%(criterion)s: the score must be from %(minimum)s to %(maximum)s.") % f
    if rule == Rule.JUSTIFICATION_MISSING:
        return _("%(criterion)s: a justification is required.") % f
    return _("Conflict of interest: the reviewer belongs to an applying health trust.")
