"""The date of "today" for every page, report and rule: one definition, one place to patch."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    """Today's date in the project's time zone."""
    return timezone.localdate()
