"""Upload -> preview -> confirm -> result, plus the import history and column maps.

Open to unit leaders (their subtree), advisers (their trust) and administrators; the
import service checks each row's unit against the same scope.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from fagkraft import access
from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.competence.imports import COMPLETION_COLUMNS
from fagkraft.competence.models import Competence
from fagkraft.core import xlsx
from fagkraft.imports import jobs as import_jobs
from fagkraft.imports import services
from fagkraft.imports.blanks import BLANKS, blank_workbook
from fagkraft.imports.filtersets import ImportJobFilterSet
from fagkraft.imports.forms import ColumnMapForm, UploadForm
from fagkraft.imports.models import ImportJob
from fagkraft.imports.tables import ColumnMapTable, ImportJobTable
from fagkraft.workforce.hr_columns import (
    EMPLOYEE_COLUMNS,
    LEAVING_REASON_WORDS,
    POSITION_KIND_WORDS,
    SEX_WORDS,
    accepted_values,
)
from fagkraft.workforce.models import Employee, Position, PositionKind, Profession


def _require_importer(request: HttpRequest) -> None:
    access.require_importer(request.user)


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        job = services.create_job(request.user, file_name=upload_file.name,
                                  data=upload_file.read(),
                                  column_map=form.cleaned_data["column_map"],
                                  kind=form.cleaned_data["kind"])
        services.preview_job(request.user, job)
        messages.info(request, _("The file was read; nothing is saved until you confirm "
                                 "the preview below."))
        return redirect("imports:job", pk=job.pk)
    return render(request, "imports/upload.html", {
        "form": form, "columns": EMPLOYEE_COLUMNS, "completion_columns": COMPLETION_COLUMNS,
        "recent": access.jobs_for(request.user).defer("data")[:5],
        **_accepted_values(),
    })


def _accepted_values() -> dict[str, Any]:
    """The words the imports accept, from the same vocabularies and registers they read."""
    return {
        "professions": Profession.objects.order_by("name").only("code", "name"),
        "vocabularies": [
            ("stillingstype", accepted_values(POSITION_KIND_WORDS, PositionKind)),
            ("sluttårsak", accepted_values(LEAVING_REASON_WORDS, Position.LeavingReason)),
            ("kjønn", accepted_values(SEX_WORDS, Employee.Sex)),
        ],
        "competences": Competence.objects.order_by("code")
        .only("code", "name", "kind"),
    }


@login_required
def blank(request: HttpRequest, kind: str) -> HttpResponse:
    """An empty import file with the accepted columns; reference data only, no person."""
    _require_importer(request)
    if kind not in BLANKS:
        raise Http404
    return xlsx.xlsx_response(blank_workbook(BLANKS[kind]), BLANKS[kind].basename)


@login_required
def job(request: HttpRequest, pk: int) -> HttpResponse:
    _require_importer(request)
    import_job = access.in_scope_or_404(access.jobs_for(request.user).defer("data"), pk)
    summary = import_job.summary or {}
    context = {
        "job": import_job,
        "summary": summary,
        "errors": summary.get("errors", []),
        "error_count": summary.get("error_count", 0),
        "preview": [_display_completion(row) if import_job.kind == ImportJob.Kind.COMPLETIONS
                    else _display_row(row) for row in summary.get("preview", [])],
        "may_confirm": (import_job.status == ImportJob.Status.PREVIEWED
                        and import_job.user_id == request.user.pk),
        "units": access.units_for(request.user).filter(pk__in=summary.get("unit_ids", [])),
    }
    _log_preview_read(request, import_job, summary.get("preview", []))
    return render(request, "imports/job.html", context)


def _log_preview_read(request: HttpRequest, import_job: ImportJob, rows: list[dict]) -> None:
    """The preview shows people from the file: name those already on the register."""
    numbers = sorted({str(row["employee_number"]) for row in rows if row.get("employee_number")})
    persons = access.employees_for(request.user).filter(
        employee_number__in=numbers).values_list("pk", flat=True)
    audit.record(request.user, AuditEvent.Action.READ, import_job, via=request.path,
                 persons=list(persons), detail={"filter": {"employee_number": numbers}})


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    _require_importer(request)
    import_job = access.in_scope_or_404(access.jobs_for(request.user), pk)
    if import_job.user_id != request.user.pk:
        raise PermissionDenied
    if import_job.status == ImportJob.Status.PREVIEWED:
        # Checking again and writing a large file takes a while: a background job.
        background = import_jobs.commit_in_background(request.user, import_job)
        messages.info(request, _("The import was started; this page shows its progress "
                                 "and the result."))
        return redirect("jobs:detail", pk=background.pk)
    return redirect("imports:job", pk=import_job.pk)


@login_required
def history(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    jobs = access.jobs_for(request.user).defer("data").select_related("user")
    filterset = ImportJobFilterSet(request.GET or None, queryset=jobs, request=request)
    table = ImportJobTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return render(request, "imports/history.html", {"filter": filterset, "table": table})


@login_required
def map_list(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    table = ColumnMapTable(access.column_maps_for(request.user).select_related("trust"))
    RequestConfig(request, paginate=False).configure(table)
    return render(request, "imports/maps.html", {"table": table})


@login_required
def map_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_importer(request)
    instance = (access.in_scope_or_404(access.editable_column_maps_for(request.user), pk)
                if pk else None)
    form = ColumnMapForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.save_column_map(request.user, form.unsaved())
        messages.success(request, _("The column map was saved."))
        return redirect("imports:maps")
    return render(request, "imports/map_form.html", {
        "form": form, "column_map": instance, "columns": EMPLOYEE_COLUMNS,
    })


def _display_row(row: dict[str, Any]) -> dict[str, Any]:
    """A stored preview row with real dates and numbers, so templates localise them."""
    shown = dict(row)
    shown["start_date"] = _date(row.get("start_date"))
    shown["end_date"] = _date(row.get("end_date"))
    shown["fte_percent"] = Decimal(row["fte_percent"]) if row.get("fte_percent") else None
    kind = row.get("kind", "")
    shown["kind"] = PositionKind(kind).label if kind in PositionKind.values else kind
    reason = row.get("leaving_reason", "")
    reasons = Position.LeavingReason
    shown["leaving_reason"] = reasons(reason).label if reason in reasons.values else reason
    return shown


def _display_completion(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "completed_on": _date(row.get("completed_on")),
            "hours": Decimal(row["hours"]) if row.get("hours") else None}


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None
