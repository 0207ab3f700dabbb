from django.contrib import admin

from fagkraft.audit.admin_mixins import AuditedReadsMixin
from fagkraft.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(AuditedReadsMixin, admin.ModelAdmin):
    """Read-only; reading the log here is logged like reading it on the audit page."""

    list_display = ["at", "username", "action", "object_type", "object_repr", "trust"]
    list_filter = ["action", "object_type"]
    search_fields = ["username", "object_repr"]

    # The log is evidence: nobody edits or deletes it through the admin.
    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False
