"""Unit, employee and vacancy pages and their exports. All access goes through fagkraft.access."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from fagkraft import access
from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.core import dates, xlsx
from fagkraft.workforce import exports
from fagkraft.workforce.filtersets import EmployeeFilterSet, VacancyFilterSet
from fagkraft.workforce.models import Employee, Position, Unit, Vacancy
from fagkraft.workforce.reports import UnitSummary, unit_summary
from fagkraft.workforce.tables import (
    STAFF_PAGE_SIZE,
    StaffTable,
    VacancyTable,
    with_staff_columns,
)

STAFF_TABLE_ID = "staff-table"
UNIT_STAFF_FILTERS = ("profession", "position_kind", "specialist")
# The unit page lists the vacancies open longest; the vacancy list has them all.
UNIT_PAGE_VACANCIES = 15


# --- Unit page ------------------------------------------------------------------------


def _unit_staff(request: HttpRequest, unit: Unit) -> tuple[EmployeeFilterSet, QuerySet[Employee]]:
    """People with a current position in the unit's subtree, filtered as the form asks.

    The unit goes into the filter data so "position type" means a position in this unit.
    """
    data = QueryDict(mutable=True)
    for name in UNIT_STAFF_FILTERS:
        if name in request.GET:
            data[name] = request.GET[name]
    data["unit"] = str(unit.pk)  # the filter keeps people with a current position here
    filterset = EmployeeFilterSet(
        data, queryset=access.employees_for(request.user), request=request
    )
    return filterset, filterset.qs


def _staff_table(request: HttpRequest, people: QuerySet[Employee], unit: Unit | None) -> StaffTable:
    table = StaffTable(with_staff_columns(people, unit, dates.today()), today=dates.today())
    RequestConfig(request, paginate={"per_page": STAFF_PAGE_SIZE}).configure(table)
    # The page of people shown (full page or HTMX swap) is a read of their records.
    shown = [([row.record.pk], row.record.trust_id) for row in table.page.object_list]
    audit.record_list_read(request.user, AuditEvent.Action.READ, "workforce.employee", shown,
                           via=request.path, filter=audit.filter_of(request.GET),
                           trust_id_if_empty=_scope_trust_id(request))
    return table


def _charts(summary: UnitSummary) -> dict[str, Any]:
    """Chart data for Plotly; None (suppressed) becomes null and shows as a gap."""
    def percent(value: float | None) -> float | None:
        return round(value * 100, 1) if value is not None else None

    return {
        "separators": f"{get_format('DECIMAL_SEPARATOR')}{get_format('THOUSAND_SEPARATOR')}",
        "fte": {
            "title": _("FTE by profession"),
            "x": [group.label for group in summary.fte_by_profession],
            "y": [group.fte for group in summary.fte_by_profession],
        },
        "age": {
            "title": _("Age profile (persons)"),
            "x": [band["label"] for band in summary.age_bands],
            "y": [band["count"] for band in summary.age_bands],
        },
        "turnover": {
            "title": _("Left the unit (%): left the trust + moved within the trust"),
            "x": [str(year["year"]) for year in summary.turnover],
            "left_trust": [percent(year["left_trust_rate"]) for year in summary.turnover],
            "internal": [percent(year["internal_move_rate"]) for year in summary.turnover],
            "left_trust_label": _("Left the trust"),
            "internal_label": _("Moved within the trust"),
        },
    }


@login_required
def unit_page(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access.unit_or_404(request.user, pk)
    shows_staff = access.may_see_persons_in(request.user, unit)
    context: dict[str, Any] = {
        "unit": unit, "shows_staff": shows_staff, "threshold": access.suppression_threshold(),
    }
    if shows_staff:
        filterset, people = _unit_staff(request, unit)
        context["filterset"] = filterset
        context["filter_fields"] = [filterset.form[name] for name in UNIT_STAFF_FILTERS]
        context["table"] = _staff_table(request, people, unit)
        context["export_query"] = request.GET.urlencode()
        if request.htmx and request.htmx.target == STAFF_TABLE_ID:
            return render(request, "workforce/_staff_table.html", context)
    summary = unit_summary(unit, request.user)
    visible = access.units_for(request.user)
    context.update({
        "summary": summary,
        "charts": _charts(summary),
        "breadcrumbs": visible.filter(pk__in=unit.ancestors()).order_by("path"),
        "this_year": summary.turnover_this_year,
        "grace_days": settings.FAGKRAFT["INTERNAL_MOVE_GRACE_DAYS"],
        "vacancy_rows": UNIT_PAGE_VACANCIES,
        "vacancy_slice": f":{UNIT_PAGE_VACANCIES}",
    })
    return render(request, "workforce/unit.html", context)


def _export_fmt(fmt: str) -> str:
    if fmt not in exports.FORMATS:
        raise Http404
    return fmt


def _log_export(
    request: HttpRequest, object_type: str, count: int, trust_id: int | None, **detail: Any
) -> None:
    audit.record_bulk_read(
        request.user, AuditEvent.Action.EXPORT, object_type, count, trust_id=trust_id,
        via=request.get_full_path(), detail=detail,
    )


def _staff_export(
    request: HttpRequest, people: QuerySet[Employee], fmt: str, basename: str,
    trust_id: int | None,
) -> HttpResponse:
    positions = access.positions_for(request.user).filter(employee__in=people)
    rows = exports.staff_rows(positions)
    audit.record_list_read(
        request.user, AuditEvent.Action.EXPORT, "workforce.position",
        (([person], trust) for person, trust in
         positions.values_list("employee_id", "employee__trust_id")),
        via=request.get_full_path(), filter=audit.filter_of(request.GET),
        detail={"format": fmt, "people": people.count()}, trust_id_if_empty=trust_id)
    return exports.file_response(fmt, basename, exports.staff_headers(), rows, _("Staff"))


@login_required
def unit_staff_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    fmt = _export_fmt(fmt)
    unit = access.persons_unit_or_404(request.user, pk)
    _filterset, people = _unit_staff(request, unit)
    return _staff_export(request, people, fmt, f"ansatte-{unit.code}", unit.trust_id)


@login_required
def unit_staff_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The unit's staff for people to read in Excel; access and audit as the staff export."""
    unit = access.persons_unit_or_404(request.user, pk)
    _filterset, people = _unit_staff(request, unit)
    # Today's positions in this unit's subtree: not a person's earlier or other jobs.
    positions = access.positions_for(request.user).filter(
        Position.active_on_q(dates.today()), Unit.subtree_q(unit.path, "unit__"),
        employee__in=people)
    rows = exports.staff_report_rows(positions, dates.today())
    audit.record_list_read(
        request.user, AuditEvent.Action.EXPORT, "workforce.position",
        (([person], trust) for person, trust in
         positions.values_list("employee_id", "employee__trust_id")),
        via=request.get_full_path(), filter=audit.filter_of(request.GET),
        detail={"format": "report", "people": people.count()}, trust_id_if_empty=unit.trust_id)
    content = xlsx.report_workbook(_("Staff"), exports.staff_report_columns(), rows)
    return xlsx.xlsx_response(content, f"ansatteliste-{unit.code}")


@login_required
def unit_vacancy_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    fmt = _export_fmt(fmt)
    unit = access.unit_or_404(request.user, pk)
    vacancies = access.vacancies_for(request.user).filter(
        Vacancy.open_on_q(dates.today()), Unit.subtree_q(unit.path, "unit__")
    )
    return _vacancy_export(request, vacancies, fmt, f"ledige-stillinger-{unit.code}",
                           unit.trust_id)


def _vacancy_export(
    request: HttpRequest, vacancies: QuerySet, fmt: str, basename: str, trust_id: int | None
) -> HttpResponse:
    rows = exports.vacancy_rows(vacancies, dates.today())
    _log_export(request, "workforce.vacancy", len(rows), trust_id, format=fmt)
    return exports.file_response(fmt, basename, exports.VACANCY_COLUMNS, rows, _("Vacancies"))


# --- Employee list and page -----------------------------------------------------------


def _scope_trust_id(request: HttpRequest) -> int | None:
    return access.scope_trust_id(request.user)


def _employee_filterset(request: HttpRequest) -> EmployeeFilterSet:
    access.require(access.sees_persons(request.user))
    data = request.GET.copy()
    if not data:
        data["current"] = "true"  # start with today's staff; former staff are one click away
    filterset = EmployeeFilterSet(
        data, queryset=access.employees_for(request.user), request=request
    )
    return filterset


@login_required
def employee_list(request: HttpRequest) -> HttpResponse:
    filterset = _employee_filterset(request)
    table = _staff_table(request, filterset.qs, None)
    context = {"filterset": filterset, "table": table, "export_query": request.GET.urlencode()}
    if request.htmx and request.htmx.target == STAFF_TABLE_ID:
        return render(request, "workforce/_staff_table.html", context)
    return render(request, "workforce/employee_list.html", context)


@login_required
def employee_export(request: HttpRequest, fmt: str) -> HttpResponse:
    fmt = _export_fmt(fmt)
    filterset = _employee_filterset(request)
    return _staff_export(request, filterset.qs, fmt, "ansatte", _scope_trust_id(request))


@login_required
def employee_page(request: HttpRequest, pk: int) -> HttpResponse:
    employee = access.employee_or_404(request.user, pk, related=("profession", "trust"))
    audit.record(request.user, AuditEvent.Action.READ, employee, via=request.path)
    today = dates.today()
    positions = (
        access.positions_for(request.user).filter(employee=employee)
        .select_related("unit").order_by("-start_date", "-pk")
    )
    approvals = (
        access.approvals_for(request.user).filter(employee=employee)
        .select_related("specialty").order_by("-approved_on")
    )
    return render(request, "workforce/employee.html", {
        "employee": employee,
        "age": employee.age_on(today),
        "positions": positions,
        "approvals": approvals,
        "today": today,
        "visible_unit_ids": set(access.units_for(request.user).values_list("pk", flat=True)),
    })


# --- Vacancies --------------------------------------------------------------------------


def _vacancy_filterset(request: HttpRequest) -> VacancyFilterSet:
    access.require(access.sees_units(request.user))
    data = request.GET.copy()
    if not data:
        data["is_open"] = "true"
    return VacancyFilterSet(
        data, queryset=access.vacancies_for(request.user).select_related("unit", "profession"),
        request=request,
    )


@login_required
def vacancy_list(request: HttpRequest) -> HttpResponse:
    filterset = _vacancy_filterset(request)
    table = VacancyTable(filterset.qs, today=dates.today())
    RequestConfig(request, paginate={"per_page": STAFF_PAGE_SIZE}).configure(table)
    return render(request, "workforce/vacancy_list.html", {
        "filterset": filterset, "table": table, "export_query": request.GET.urlencode(),
    })


@login_required
def vacancy_export(request: HttpRequest, fmt: str) -> HttpResponse:
    fmt = _export_fmt(fmt)
    filterset = _vacancy_filterset(request)
    return _vacancy_export(request, filterset.qs, fmt, "ledige-stillinger",
                           _scope_trust_id(request))
