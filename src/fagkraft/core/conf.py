"""The one way code reads Fagkraft's own settings.

Every key is declared in `settings.FAGKRAFT` from an environment variable, so a missing
key is a programming error (KeyError), never a silent hidden default.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings


def setting(name: str) -> Any:
    """The value of `FAGKRAFT[name]` as declared in settings.py."""
    return settings.FAGKRAFT[name]
