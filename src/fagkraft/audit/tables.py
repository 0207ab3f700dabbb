"""The audit log as a table (the page) and as rows (the exports)."""

from __future__ import annotations

from collections.abc import Iterator

import django_tables2 as tables
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from fagkraft.audit.filtersets import record_type_label
from fagkraft.audit.models import AuditEvent


def record_label(event: AuditEvent) -> str:
    """What was touched. A bulk read (list, export) stores only how many rows it covered."""
    if not event.object_id and event.object_repr.isdigit():
        count = int(event.object_repr)
        return ngettext("%(count)d record", "%(count)d records", count) % {"count": count}
    return event.object_repr


class AuditEventTable(tables.Table):
    # id breaks ties: events written in one batch can share a timestamp.
    at = tables.DateTimeColumn(format="SHORT_DATETIME_FORMAT", verbose_name=_("Time"),
                               order_by=("at", "id"))
    username = tables.Column(verbose_name=_("User"))
    action = tables.Column(verbose_name=_("Action"))
    object_type = tables.Column(verbose_name=_("Record type"))
    object_repr = tables.Column(verbose_name=_("Record"), orderable=False, empty_values=())
    trust = tables.Column(verbose_name=_("Health trust"), orderable=False)
    via = tables.Column(verbose_name=_("Via"), orderable=False)

    class Meta:
        model = AuditEvent
        fields = ["at", "username", "action", "object_type", "object_repr", "trust", "via"]
        order_by = ("-at",)
        attrs = {"class": "audit-log"}
        empty_text = _("No events match the filters.")

    def render_action(self, record: AuditEvent) -> str:
        return record.get_action_display()

    def render_object_type(self, record: AuditEvent) -> str:
        return record_type_label(record.object_type)

    def render_object_repr(self, record: AuditEvent) -> str:
        return record_label(record)


def export_header() -> list[str]:
    return [str(_("Time")), str(_("User")), str(_("Action")), str(_("Record type")),
            str(_("Record id")), str(_("Record")), str(_("Health trust")), str(_("Via"))]


def export_rows(events) -> Iterator[list]:
    """Rows for CSV/xlsx, in local time; `events` should select_related("trust")."""
    for event in events.iterator(chunk_size=2000):
        yield [
            timezone.localtime(event.at).replace(tzinfo=None),
            event.username,
            event.get_action_display(),
            record_type_label(event.object_type),
            event.object_id,
            record_label(event),
            event.trust.name if event.trust else "",
            event.via,
        ]
