"""Daily reminder e-mails (`fagkraft send-reminders`).

- Unit leaders hear of reports by their people waiting for approval, once a day while any
  are waiting.
- Employees hear of a certificate (the newest approved completion of a competence with a
  validity period) running out, once per threshold of FAGKRAFT_REMINDER_EXPIRY_DAYS
  (90 and 30 days before); fagkraft.engine.reminders decides which threshold is due.

What went out is remembered in ReminderSent, so running the command twice a day, or
every day, sends nothing twice. Each mail is in the recipient's language (their profile;
bokmål unless set) and goes through Django's e-mail backend (console in development).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fagkraft import access
from fagkraft.accounts.models import Profile
from fagkraft.competence import services
from fagkraft.competence.models import Completion, ReminderSent
from fagkraft.core.conf import setting
from fagkraft.engine.reminders import threshold_due
from fagkraft.workforce.models import Position

Kind = ReminderSent.Kind


def send_reminders(*, today: dt.date) -> dict[str, int]:
    """Send today's reminders; how many of each kind went out (and who had no address)."""
    counts: Counter[str] = Counter(approvals=0, expiry=0, no_address=0)
    _send_approval_reminders(today, counts)
    _send_expiry_reminders(today, counts)
    return dict(counts)


def _language(user: Any) -> str:
    profile = Profile.objects.filter(user=user).first()
    return profile.language if profile and profile.language else "nb"


def _link(name: str, *args: Any) -> str:
    return setting("SITE_URL").rstrip("/") + reverse(name, args=args)


def _mail(user: Any, subject: str, body: str) -> None:
    send_mail(subject, body, None, [user.email])


def _send_approval_reminders(today: dt.date, counts: Counter[str]) -> None:
    for user in access.approval_reminder_recipients().order_by("pk"):
        if ReminderSent.objects.filter(kind=Kind.APPROVALS, user=user, sent_on=today).exists():
            continue
        waiting = access.pending_to_decide(user).count()
        if not waiting:
            continue
        unit = access.home_unit(user)
        with translation.override(_language(user)):
            subject = ngettext("%(count)d course report awaits your approval",
                               "%(count)d course reports await your approval",
                               waiting) % {"count": waiting}
            body = "\n\n".join([
                _("Hello %(name)s,") % {"name": user.get_full_name() or user.get_username()},
                _("Reports of completed courses by your staff are waiting for your "
                  "approval. They do not count until you approve them."),
                _link("competence:unit", unit.pk) if unit else _link("home"),
                _("This is an automatic message from Fagkraft."),
            ])
        with transaction.atomic(durable=True):  # remembered only if it went out
            services.record_reminder(None, kind=Kind.APPROVALS, user=user, sent_on=today)
            _mail(user, subject, body)
        counts["approvals"] += 1


def _newest_expiring(today: dt.date) -> list[Completion]:
    """The newest approved completion per person and competence with a validity period,
    of people employed today."""
    employed = Position.objects.filter(Position.active_on_q(today)).values("employee_id")
    completions = (Completion.objects.filter(
        status=Completion.Status.APPROVED, competence__validity_months__isnull=False,
        employee__in=employed).select_related("competence", "employee")
        .order_by("employee_id", "competence_id", "-completed_on", "-pk"))
    newest: dict[tuple[int, int], Completion] = {}
    for completion in completions:
        newest.setdefault((completion.employee_id, completion.competence_id), completion)
    return list(newest.values())


def _send_expiry_reminders(today: dt.date, counts: Counter[str]) -> None:
    thresholds = setting("REMINDER_EXPIRY_DAYS")
    users = {profile.employee_id: profile.user for profile in Profile.objects.filter(
        employee__isnull=False, user__is_active=True).select_related("user")}
    for completion in _newest_expiring(today):
        expires_on = completion.expires_on
        if expires_on is None:
            continue
        sent = set(ReminderSent.objects.filter(kind=Kind.EXPIRY, completion=completion)
                   .values_list("threshold_days", flat=True))
        due = threshold_due(expires_on, today, thresholds, sent)
        if due is None:
            continue
        user = users.get(completion.employee_id)
        if user is None or not user.email:
            counts["no_address"] += 1
            continue
        with translation.override(_language(user)):
            name = completion.competence.name
            subject = _("%(competence)s expires on %(date)s") % {
                "competence": name, "date": formats.date_format(expires_on, "d.m.Y")}
            left = (expires_on - today).days
            body = "\n\n".join([
                _("Hello %(name)s,") % {"name": completion.employee.first_name},
                ngettext("Your %(competence)s expires in %(days)d day, on %(date)s. Renew it "
                         "and report the new completion in Fagkraft.",
                         "Your %(competence)s expires in %(days)d days, on %(date)s. Renew it "
                         "and report the new completion in Fagkraft.", left) % {
                    "competence": name, "days": left,
                    "date": formats.date_format(expires_on, "d.m.Y")},
                _link("competence:mine"),
                _("This is an automatic message from Fagkraft."),
            ])
        with transaction.atomic(durable=True):
            services.record_reminder(None, kind=Kind.EXPIRY, user=user, completion=completion,
                                     threshold_days=due, sent_on=today)
            _mail(user, subject, body)
        counts["expiry"] += 1

