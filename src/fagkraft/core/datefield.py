"""One date field for every form: typed and shown as dd.mm.yyyy whatever the browser's locale.

A browser's `<input type=date>` shows the date in the browser's own locale (mm/dd/yyyy in an
English Chromium), so the forms use a plain text input instead, with a pattern and a
numeric keypad on phones. ISO dates (yyyy-mm-dd) are still accepted: older links, tests and
API-like clients send them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DISPLAY_FORMAT = "%d.%m.%Y"
INPUT_FORMATS = [DISPLAY_FORMAT, "%Y-%m-%d"]
# d.m.yyyy or dd.mm.yyyy, or yyyy-mm-dd; the browser checks the shape, the field the date.
PATTERN = r"\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}"
_SHAPE = re.compile(rf"^(?:{PATTERN})$")


class DateInput(forms.DateInput):
    """A text input showing dd.mm.yyyy, with the placeholder users read as the format."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {
            "placeholder": _("dd.mm.yyyy"),
            "inputmode": "numeric",
            "pattern": PATTERN,
            "autocomplete": "off",
            "size": 10,
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=DISPLAY_FORMAT)


class DateField(forms.DateField):
    """dd.mm.yyyy (or yyyy-mm-dd) in; a date that does not exist gets its own message."""

    widget = DateInput
    input_formats = INPUT_FORMATS
    default_error_messages = {
        "invalid": _("Enter a date as dd.mm.yyyy, for example 01.02.2026."),
        "no_such_day": _("%(value)s is not a date in the calendar."),
    }

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, str) and _SHAPE.match(value.strip()):
            try:
                return super().to_python(value)
            except ValidationError:
                # The shape is right, so the day itself is wrong (31.02, 29.02 in 2025).
                raise ValidationError(self.error_messages["no_such_day"],
                                      code="no_such_day",
                                      params={"value": value.strip()}) from None
        return super().to_python(value)
