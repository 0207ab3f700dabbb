"""`fagkraft send-reminders [--date DD.MM.YYYY]`: today's reminder e-mails (run daily).

Unit leaders hear of course reports waiting for their approval; employees of
certificates running out in 90 and 30 days (FAGKRAFT_REMINDER_EXPIRY_DAYS). Each is sent
once (fagkraft.competence.reminders); the mails go through FAGKRAFT_EMAIL_BACKEND.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from fagkraft.competence.reminders import send_reminders
from fagkraft.core.dates import today
from fagkraft.core.validation import parse_date


def _date_argument(text: str) -> dt.date:
    try:
        return parse_date(text)
    except ValueError:
        raise CommandError(_("Not a date: '%(value)s' (use dd.mm.yyyy)")
                           % {"value": text}) from None


class Command(BaseCommand):
    help = "Send today's reminder e-mails: pending approvals and expiring certificates."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=_date_argument, default=None,
                            help="the day to send for (dd.mm.yyyy); default today")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = send_reminders(today=options["date"] or today())
        self.stdout.write(
            _("Reminders sent: %(approvals)d about approvals, %(expiry)d about expiring "
              "certificates; %(no_address)d people have no e-mail address.") % counts)
