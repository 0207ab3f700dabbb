"""The back office (/admin/) in the interface's language, under Fagkraft's name.

Django's own bokmål catalogue for the admin is older than its templates: the strings
below are shown untranslated ("Skip to main content") unless a catalogue has them. Ours
comes first (LOCALE_PATHS), so they are translated there; naming them here keeps
makemessages from dropping them.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

admin.site.site_header = _("Fagkraft back office")
admin.site.site_title = _("Fagkraft back office")
admin.site.index_title = _("Registers and settings")

DJANGO_ADMIN_STRINGS = [
    gettext_noop("Skip to main content"),
    gettext_noop("Add link"),
    gettext_noop("Added:"),
    gettext_noop("Changed:"),
    gettext_noop("Deleted:"),
    gettext_noop("Change or view list link"),
    gettext_noop("Error:"),
    gettext_noop("Filter navigation items"),
    gettext_noop("Hide counts"),
    gettext_noop("Show counts"),
    gettext_noop("Model name"),
    gettext_noop("Sidebar"),
    gettext_noop("Start typing to filter…"),
    gettext_noop("Set password"),
    gettext_noop("Enable password-based authentication"),
    gettext_noop("Disable password-based authentication"),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Thanks for spending some quality time with the web site today."),
    gettext_noop("Forgotten your login credentials?"),
]
