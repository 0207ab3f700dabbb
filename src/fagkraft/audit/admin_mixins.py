"""Back-office edits are writes too: they go into the audit log like any other."""

from __future__ import annotations

from django.contrib import admin

from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent

Action = AuditEvent.Action


class AuditedModelAdmin(admin.ModelAdmin):
    """Records who created, changed or deleted what through the admin site."""

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        audit.record(request.user, Action.UPDATE if change else Action.CREATE, obj,
                     via="admin", detail={"changed": list(form.changed_data)})

    def delete_model(self, request, obj) -> None:
        audit.record(request.user, Action.DELETE, obj, via="admin")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        audit.record_many(request.user, Action.DELETE, list(queryset), via="admin")
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change) -> None:
        # Deleted inline rows must be logged before they disappear.
        for deleted in formset.deleted_forms:
            if deleted.instance.pk:
                audit.record(request.user, Action.DELETE, deleted.instance, via="admin")
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            audit.record(request.user, Action.CREATE, obj, via="admin")
        for obj, changed in formset.changed_objects:
            audit.record(request.user, Action.UPDATE, obj, via="admin",
                         detail={"changed": list(changed)})
