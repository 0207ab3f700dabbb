"""The audit log page and its exports: advisers see their trust, administrators all."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig
from openpyxl import Workbook

from fagkraft import access
from fagkraft.audit import services as audit
from fagkraft.audit.filtersets import AuditEventFilterSet
from fagkraft.audit.models import AuditEvent, AuditPerson
from fagkraft.audit.tables import AuditEventTable, export_header, export_rows
from fagkraft.core import cells
from fagkraft.core.csvfile import csv_lines
from fagkraft.core.xlsx import XLSX_TYPE, Column, write_only_row, write_only_sheet

PAGE_SIZE = 50
# Excel's sheet limit is 1,048,576 rows; the header takes one.
XLSX_MAX_ROWS = 1_048_575


def _filtered_events(request: HttpRequest) -> AuditEventFilterSet:
    # 403 for employees, leaders and planners before any query runs.
    access.require(access.may_read_audit_log(request.user))
    events = access.audit_events_for(request.user).select_related("trust")
    return AuditEventFilterSet(request.GET or None, queryset=events, request=request)


def log_reading_the_log(request, action: str, events, count: int) -> None:
    """Reading the log shows who looked at whom: that is itself a read of personal data.

    The event names the persons of the events shown (a page) and the filter asked for.
    """
    own_unit = access.own_unit(request.user)
    shown = [event.pk for event in events]
    persons = (AuditPerson.objects.filter(event_id__in=shown)
               .values_list("employee_id", flat=True).distinct())
    audit.record_bulk_read(request.user, action, "audit.auditevent", count,
                           trust_id=own_unit.pk if own_unit else None, via=request.path,
                           persons=list(persons), filter=audit.filter_of(request.GET))


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    filterset = _filtered_events(request)
    table = AuditEventTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": PAGE_SIZE}).configure(table)
    log_reading_the_log(request, AuditEvent.Action.READ,
                        [row.record for row in table.page.object_list],
                        table.page.paginator.count)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/event_list.html", {
        "filter": filterset,
        "table": table,
        "export_query": query.urlencode(),
    })


@login_required
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    filterset = _filtered_events(request)
    if filterset.is_bound and not filterset.is_valid():
        # The page shows a bad filter next to its field; an export would silently drop it.
        return HttpResponseBadRequest(filterset.errors.as_text())
    events = filterset.qs
    # Exporting the log copies personal data (names in the records) out: log that too.
    own_unit = access.own_unit(request.user)
    audit.record_bulk_read(request.user, AuditEvent.Action.EXPORT, "audit.auditevent",
                           events.count(), trust_id=own_unit.pk if own_unit else None,
                           via=request.path, detail={"format": fmt},
                           filter=audit.filter_of(request.GET))
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        return _csv_response(events, f"audit-log-{stamp}.csv")
    return _xlsx_response(events, f"audit-log-{stamp}.xlsx")


def _csv_response(events, filename: str) -> StreamingHttpResponse:
    # Streams through the one CSV writer (core.csvfile): semicolons, BOM, inert texts.
    response = StreamingHttpResponse(csv_lines(export_header(), export_rows(events)),
                                     content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _xlsx_response(events, filename: str) -> HttpResponse:
    workbook = Workbook(write_only=True)  # streams rows; memory stays flat for big logs
    kinds = [cells.DATETIME, cells.TEXT, cells.TEXT, cells.TEXT, cells.ID]
    sheet = write_only_sheet(workbook, _("Audit log"), [
        Column(header, kinds[index] if index < len(kinds) else cells.TEXT,
               width=[20, 16, 18, 22, 10, 40, 24, 40][index])
        for index, header in enumerate(export_header())])
    for number, row in enumerate(export_rows(events), start=1):
        if number > XLSX_MAX_ROWS:
            break
        sheet.append(write_only_row(sheet, row, kinds))
    response = HttpResponse(content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    workbook.save(response)
    return response
