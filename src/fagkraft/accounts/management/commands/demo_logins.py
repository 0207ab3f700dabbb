"""`fagkraft demo-logins`: print the demo logins, one per role."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from fagkraft.accounts.models import Role
from fagkraft.demo.logins import ALL_LOGINS as LOGINS
from fagkraft.demo.logins import PASSWORD, START_URL


class Command(BaseCommand):
    help = "Print the demo logins (created by seed-demo): role, user name, password, scope."

    def handle(self, *args: Any, **options: Any) -> None:
        existing = set(get_user_model().objects.filter(
            username__in=[login.username for login in LOGINS]).values_list("username", flat=True))
        headers = (_("Role"), _("User name"), _("Password"), _("What they see"))
        rows = [(str(Role(login.role).label), login.username, PASSWORD, str(login.sees))
                for login in LOGINS]
        widths = [max(len(row[i]) for row in (headers, *rows)) for i in range(3)]

        def line(row: tuple[str, ...]) -> str:
            cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
            return "  ".join([*cells, row[3]])

        self.stdout.write(_("Demo logins (start at %(url)s):") % {"url": START_URL})
        self.stdout.write(line(headers))
        for login, row in zip(LOGINS, rows, strict=True):
            self.stdout.write(line(row))
            if login.username not in existing:
                self.stdout.write(self.style.WARNING(
                    _("  (not created yet: run `fagkraft seed-demo`)")))
