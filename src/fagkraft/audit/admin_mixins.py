"""Back-office reads and edits go into the audit log like any other.

The admin's change form and delete run in one transaction (Django's changeform_view and
delete_view are atomic), so a change and its event are written together.
"""

from __future__ import annotations

from django.contrib import admin
from django.db import models

from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.core import changes

Action = AuditEvent.Action
AUTOCOMPLETE_PAGE = 20  # Django's AutocompleteJsonView.paginate_by


def holds_personal_data(model: type[models.Model]) -> bool:
    """People, accounts, and every record about an employee (it has an `employee`)."""
    return (model._meta.label_lower in {"workforce.employee", "auth.user", "audit.auditevent"}
            or hasattr(model, "employee"))


class AuditedReadsMixin:
    """Logs the admin's list and change pages of models that hold personal data."""

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None and holds_personal_data(self.model):
            rows = list(changelist.result_list)
            audit.record_list_read(
                request.user, Action.READ, self.model._meta.label_lower,
                [(audit.person_ids_of(row), audit.trust_id_of(row)) for row in rows],
                via=request.path, filter=audit.filter_of(request.GET))
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        original = getattr(response, "context_data", {}).get("original")
        if (request.method == "GET" and original is not None
                and holds_personal_data(self.model)):
            audit.record(request.user, Action.READ, original, via=request.path)
        return response


    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset,
                                                                  search_term)
        # The autocomplete of a form field (an employee picker) lists people too; the
        # change list logs its own page above.
        if request.path.endswith("/autocomplete/") and holds_personal_data(self.model):
            shown = list(results[:AUTOCOMPLETE_PAGE])
            audit.record_list_read(
                request.user, Action.READ, self.model._meta.label_lower,
                [(audit.person_ids_of(row), audit.trust_id_of(row)) for row in shown],
                via=request.path, filter={"term": [search_term]})
        return results, may_have_duplicates


class AuditedModelAdmin(AuditedReadsMixin, admin.ModelAdmin):
    """Records who read, created, changed or deleted what through the admin site."""

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        audit.record(request.user, Action.UPDATE if change else Action.CREATE, obj,
                     via="admin", detail={"changed": list(form.changed_data)})
        changes.records_changed([obj])  # derived data (kept compliance) follows

    def delete_model(self, request, obj) -> None:
        audit.record(request.user, Action.DELETE, obj, via="admin")
        super().delete_model(request, obj)
        changes.records_changed([obj])

    def delete_queryset(self, request, queryset) -> None:
        deleted = list(queryset)
        audit.record_many(request.user, Action.DELETE, deleted, via="admin")
        super().delete_queryset(request, queryset)
        changes.records_changed(deleted)

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
        changes.records_changed([*formset.new_objects, *formset.deleted_objects,
                                 *(obj for obj, _ in formset.changed_objects)])
