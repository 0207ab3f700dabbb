"""Tables for the staff and vacancy lists (django-tables2: sorting and paging in SQL)."""

from __future__ import annotations

import datetime as dt

import django_tables2 as tables
from django.db.models import Exists, OuterRef, QuerySet, Subquery, Sum
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from fagkraft.core.rows import EMPTY, DirectRows
from fagkraft.workforce.models import (
    Employee,
    Position,
    PositionKind,
    SpecialistApproval,
    Unit,
    Vacancy,
)

STAFF_PAGE_SIZE = 50
NUMBER_ATTRS = {"td": {"class": "num"}, "th": {"class": "num"}}


def percent_number(value) -> str:
    """A share of full time in the active locale: 100, 80,5."""
    return number_format(value, decimal_pos=0 if value == int(value) else 1)


def with_staff_columns(
    employees: QuerySet[Employee], unit: Unit | None, today: dt.date
) -> QuerySet[Employee]:
    """Annotate what the staff table shows: current FTE, position type and unit, specialist.

    Correlated subqueries are evaluated only for the page shown (and for sorting), so a
    trust with tens of thousands of people still pages quickly. With a unit, only
    positions in its subtree count.
    """
    current = Position.objects.filter(Position.active_on_q(today), employee_id=OuterRef("pk"))
    if unit is not None and unit.level not in (Unit.Level.REGION, Unit.Level.TRUST):
        # A literal id list keeps each per-row subquery on the employee index; a join to
        # the unit table by path made PostgreSQL walk every unit for every row shown.
        # Trust and region pages need no filter: all of a person's positions are inside.
        current = current.filter(unit_id__in=list(unit.subtree().values_list("pk", flat=True)))
    main = current.order_by("-fte_percent", "start_date")
    total_fte = current.order_by().values("employee_id").annotate(total=Sum("fte_percent"))
    approved = SpecialistApproval.objects.filter(
        SpecialistApproval.active_on_q(today), employee_id=OuterRef("pk")
    )
    return employees.select_related("profession").annotate(
        current_fte=Subquery(total_fte.values("total")[:1]),
        current_kind=Subquery(main.values("kind")[:1]),
        current_unit=Subquery(main.values("unit__name")[:1]),
        is_specialist=Exists(approved),
    )


class StaffTable(DirectRows, tables.Table):
    name = tables.Column(
        verbose_name=_("Name"), accessor="last_name", order_by=("last_name", "first_name")
    )
    employee_number = tables.Column(verbose_name=_("Employee number"))
    profession = tables.Column(verbose_name=_("Profession"), accessor="profession__name")
    current_unit = tables.Column(verbose_name=_("Unit"), default="–")
    current_kind = tables.Column(verbose_name=_("Position type"), default="–")
    current_fte = tables.Column(
        verbose_name=_("Share of full time"), default="–", attrs=NUMBER_ATTRS
    )
    is_specialist = tables.Column(verbose_name=_("Specialist"))
    age = tables.Column(
        verbose_name=_("Age"), accessor="birth_year", order_by=("-birth_year", "-birth_date"),
        attrs=NUMBER_ATTRS,
    )

    class Meta:
        model = Employee
        fields: tuple[str, ...] = ()
        sequence = ("name", "employee_number", "profession", "current_unit", "current_kind",
                    "current_fte", "is_specialist", "age")
        attrs = {"class": "staff"}
        empty_text = _("No employees match.")
        # django-tables2's header and pager, with the rows written by `cells_html`.
        template_name = "core/_direct_rows_table.html"

    def __init__(self, *args, today: dt.date, **kwargs) -> None:
        self.today = today
        super().__init__(*args, **kwargs)

    def cells_html(self, record: Employee) -> str:
        """One row's cells, as django-tables2's own row template writes them.

        The generic path resolves every cell through accessors and inspects each render
        method's signature, per cell: on a page of 50 that cost more than the page's
        queries. Here each column's value is taken from the annotated record directly and
        passed to the same `render_*` methods (tests/test_staff_table_rows.py checks the
        output equals the generic rendering).
        """
        return self.cells_of({
            "name": self.render_name(record),
            "employee_number": record.employee_number,
            "profession": record.profession.name if record.profession_id else None,
            "current_unit": record.current_unit,
            "current_kind": (self.render_current_kind(record.current_kind)
                             if record.current_kind not in EMPTY else None),
            "current_fte": (self.render_current_fte(record.current_fte)
                            if record.current_fte not in EMPTY else None),
            "is_specialist": (self.render_is_specialist(record.is_specialist)
                              if record.is_specialist not in EMPTY else None),
            "age": self.render_age(record) if record.birth_year not in EMPTY else None,
        })

    def render_name(self, record: Employee) -> str:
        # The table sits in an hx-boost region that swaps itself (paging, sorting): the
        # person's page is a page of its own, not a swap into the table.
        return format_html('<a href="{}" hx-boost="false">{}, {}</a>', _employee_url(record.pk),
                           record.last_name, record.first_name)

    def render_current_kind(self, value: str) -> str:
        return PositionKind(value).label

    def render_current_fte(self, value) -> str:
        return percent_number(value)

    def render_is_specialist(self, value: bool) -> str:
        if value:
            return format_html('<span class="badge ok">{}</span>', _("Yes"))
        return format_html('<span class="muted">{}</span>', _("No"))

    def render_age(self, record: Employee) -> int:
        return record.age_on(self.today)


def _employee_url(pk: int) -> str:
    return reverse("workforce:employee", args=[pk])


class VacancyTable(tables.Table):
    unit = tables.Column(verbose_name=_("Unit"), accessor="unit__name")
    profession = tables.Column(verbose_name=_("Profession"), accessor="profession__name")
    fte_percent = tables.Column(verbose_name=_("Share of full time"), attrs=NUMBER_ATTRS)
    kind = tables.Column(verbose_name=_("Position type"))
    opened_on = tables.DateColumn(verbose_name=_("Opened"), short=True)
    filled_on = tables.DateColumn(verbose_name=_("Filled"), short=True, default="–")
    closed_on = tables.DateColumn(verbose_name=_("Withdrawn"), short=True, default="–")
    days_open = tables.Column(
        verbose_name=_("Days open"), accessor="opened_on", orderable=False, empty_values=(),
        attrs=NUMBER_ATTRS,
    )

    class Meta:
        model = Vacancy
        fields: tuple[str, ...] = ()
        sequence = ("unit", "profession", "fte_percent", "kind", "opened_on", "filled_on",
                    "closed_on", "days_open")
        empty_text = _("No vacancies match.")

    def __init__(self, *args, today: dt.date, **kwargs) -> None:
        self.today = today
        super().__init__(*args, **kwargs)

    def render_fte_percent(self, value) -> str:
        return percent_number(value)

    def render_days_open(self, record: Vacancy) -> int:
        return record.days_open(self.today)
