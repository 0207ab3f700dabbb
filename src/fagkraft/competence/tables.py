"""Tables of the competence pages (django-tables2: sorting and paging)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import django_tables2 as tables
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django_tables2.data import TableListData

from fagkraft.competence.dashboard import PersonLine
from fagkraft.competence.models import Competence, RequirementRule, TeacherEntry, TeachingPackage
from fagkraft.competence.reports import STATUS_CLASSES, STATUS_LABELS, Row
from fagkraft.core import cells

MATRIX_PAGE_SIZE = 50
NUM = {"td": {"class": "num"}, "th": {"class": "num"}}


def short_date(value: Any) -> str:
    return date_filter(value, "SHORT_DATE_FORMAT") if value else "–"


def percent_text(fraction: float | None) -> str:
    return cells.shown_as(fraction, cells.PERCENT)


def status_badge(row: Row | None, cell_id: str = "") -> SafeString | str:
    """A green/yellow/red/grey badge with the status; the due date in the tooltip."""
    if row is None:
        return ""
    title = STATUS_LABELS[row.status]
    if row.due_on:
        title = f"{title} · {_('due')} {short_date(row.due_on)}"
    return format_html(
        '<span class="badge {}" data-status="{}"{} title="{}">{}</span>',
        STATUS_CLASSES[row.status], row.status,
        format_html(' id="{}"', cell_id) if cell_id else "", title, STATUS_LABELS[row.status],
    )


def person_link(employee: Any) -> SafeString:
    return format_html('<a href="{}">{}, {}</a>', reverse("competence:person", args=[employee.pk]),
                       employee.last_name, employee.first_name)


class StatusColumn(tables.Column):
    """One requirement's column of the matrix: the person's status badge."""

    def __init__(self, competence: Competence, **kwargs: Any) -> None:
        self.competence_id = competence.pk
        super().__init__(
            verbose_name=competence.code, orderable=False, empty_values=(),
            attrs={"th": {"title": competence.name}}, **kwargs)

    def render(self, record: dict[str, Any]) -> SafeString | str:
        row = record.cells.get(self.competence_id)
        return status_badge(row, f"cell-{record.person.pk}-{self.competence_id}")


class MatrixRecord:
    """A row of the matrix: the person's line and, once the page is known, its cells.
    The share to sort by is asked for only when the table is sorted by it (then every
    line's counts are read; otherwise only the page's, see dashboard.PersonCounts)."""

    __slots__ = ("person", "cells")

    def __init__(self, person: Any) -> None:
        self.person = person
        self.cells: dict[int, Any] = {}

    @property
    def name(self) -> Any:
        return self.person

    @property
    def compliant(self) -> Any:
        return self.person

    @property
    def sort_name(self) -> tuple[str, str]:
        return (self.person.last_name, self.person.first_name)

    @property
    def sort_share(self) -> float:
        share = self.person.share_compliant
        return 1.0 if share is None else share  # no requirement: sorts as fully compliant


class MatrixTable(tables.Table):
    """People x requirements, from each person's name and counts (dashboard.PersonLine
    or reports.PersonSummary); the cells of the page shown are read by `show_cells`
    once the table is sorted and paged."""

    name = tables.Column(verbose_name=_("Name"), order_by=("sort_name",))
    compliant = tables.Column(verbose_name=_("Compliant"), attrs=NUM, order_by=("sort_share",))

    class Meta:
        attrs = {"class": "matrix", "id": "matrix"}
        empty_text = _("Nobody works here today.")
        # django-tables2's header and pager, with the rows written by `cells_html`.
        template_name = "core/_direct_rows_table.html"

    def __init__(self, people: Sequence[PersonLine], competences: list[Competence],
                 **kwargs: Any) -> None:
        data = [MatrixRecord(person) for person in people]
        extra = [(f"c{competence.pk}", StatusColumn(competence)) for competence in competences]
        super().__init__(data, extra_columns=extra, **kwargs)

    def cells_html(self, record: dict[str, Any]) -> SafeString:
        """One row's cells, as django-tables2's own row template writes them: the page's
        13 columns x 50 people through its generic cells (accessors, each render method's
        signature inspected per cell) cost more than the page's queries. The same render
        methods, called directly (tests/test_matrix_table_rows.py checks the output equals
        the generic rendering)."""
        cells = []
        for column in self.columns:
            if column.name == "name":
                content: SafeString | str = self.render_name(record.name)
            elif column.name == "compliant":
                content = self.render_compliant(record.compliant)
            else:
                content = column.column.render(record=record)
            cells.append(format_html("<td {}>{}</td>", column.attrs["td"].as_html(), content))
        return mark_safe("".join(cells))  # noqa: S308 - every part escaped by format_html

    def show_cells(self, cells_for: Callable[[Iterable[int]], dict[int, dict[int, Row]]]
                   ) -> list[int]:
        """Read the cells of the people on the page shown; returns their ids."""
        records = [row.record for row in self.page.object_list]
        ids = [record.person.pk for record in records]
        cells = cells_for(ids)
        for record in records:
            record.cells = cells[record.person.pk]
        return ids

    def render_name(self, value: Any) -> SafeString:
        return person_link(value)

    def render_compliant(self, value: PersonLine) -> str:
        # Of the requirements due (not yet due stand apart), like the unit's figures.
        due = value.tally.due
        return f"{value.compliant}/{due}" if due else "–"


class DueTable(tables.Table):
    employee = tables.Column(verbose_name=_("Name"), accessor="employee", orderable=False)
    competence = tables.Column(verbose_name=_("Competence"), accessor="competence",
                               orderable=False)
    due_on = tables.Column(verbose_name=_("Due"), orderable=False)
    status = tables.Column(verbose_name=_("Status"), accessor="status", orderable=False,
                           empty_values=())

    class Meta:
        attrs = {"id": "due-list"}
        empty_text = _("Nothing falls due in the next 90 days.")

    def __init__(self, rows: Sequence[Row], **kwargs: Any) -> None:
        # Wrapped as it is: the rows may be a dashboard.DueList, read a page at a time
        # (django-tables2 would otherwise copy them into a list, reading every one).
        super().__init__(TableListData(rows), **kwargs)

    def render_employee(self, value: Any) -> SafeString:
        return person_link(value)

    def render_due_on(self, value: Any) -> str:
        return short_date(value)

    def render_status(self, record: Row) -> SafeString | str:
        return status_badge(record)


class CompetenceTable(tables.Table):
    code = tables.Column(verbose_name=_("Code"))
    name = tables.Column(verbose_name=_("Name"))
    kind = tables.Column(verbose_name=_("Kind"))
    hours = tables.Column(verbose_name=_("Hours"), attrs=NUM, default="–")
    validity_months = tables.Column(verbose_name=_("Valid for (months)"), attrs=NUM,
                                    default=_("No expiry"))
    renewal = tables.Column(verbose_name=_("Renewal"), accessor="renewal_note",
                            default="–", orderable=False)

    class Meta:
        model = Competence
        fields: tuple[str, ...] = ()
        sequence = ("code", "name", "kind", "hours", "validity_months", "renewal")
        attrs = {"id": "competences"}
        empty_text = _("The catalogue is empty.")

    def render_hours(self, value: Any) -> str:
        return number_format(value.normalize(), use_l10n=True)


class RuleTable(tables.Table):
    competence = tables.Column(verbose_name=_("Competence"), accessor="competence__name")
    applies_to = tables.Column(verbose_name=_("Applies to"), accessor="pk", orderable=False)
    deadline_days = tables.Column(verbose_name=_("Deadline"), attrs=NUM)
    note = tables.Column(verbose_name=_("Note"), default="–", orderable=False)

    class Meta:
        model = RequirementRule
        fields: tuple[str, ...] = ()
        sequence = ("competence", "applies_to", "deadline_days", "note")
        attrs = {"id": "rules"}
        empty_text = _("No requirement rules.")

    def render_deadline_days(self, record: RequirementRule) -> str:
        return record.deadline_text

    def render_applies_to(self, record: RequirementRule) -> str:
        parts = [
            str(record.profession) if record.profession_id else "",
            record.get_profession_group_display() if record.profession_group else "",
            str(record.unit) if record.unit_id else "",
            record.get_service_area_display() if record.service_area else "",
            record.get_care_level_display() if record.care_level else "",
            record.get_position_kind_display() if record.position_kind else "",
        ]
        return " · ".join(part for part in parts if part) or str(_("Everyone"))


class HolderTable(tables.Table):
    employee = tables.Column(verbose_name=_("Name"), orderable=False)
    completed_on = tables.Column(verbose_name=_("Completed on"), orderable=False)
    expires_on = tables.Column(verbose_name=_("Valid until"), orderable=False, default="–")

    class Meta:
        attrs = {"id": "holders"}
        empty_text = _("Nobody in your scope holds this competence.")

    def render_employee(self, value: Any) -> SafeString:
        return person_link(value)

    def render_completed_on(self, value: Any) -> str:
        return short_date(value)

    def render_expires_on(self, value: Any) -> str:
        return short_date(value)


class TeacherTable(tables.Table):
    competence = tables.Column(verbose_name=_("Competence"), accessor="competence__name")
    role = tables.Column(verbose_name=_("Role"))
    employee = tables.Column(verbose_name=_("Name"), order_by=("employee__last_name",))
    note = tables.Column(verbose_name=_("Note"), default="–", orderable=False)

    class Meta:
        model = TeacherEntry
        fields: tuple[str, ...] = ()
        sequence = ("competence", "role", "employee", "note")
        attrs = {"id": "teachers"}
        empty_text = _("No teachers or supervisors registered.")

    def render_employee(self, value: Any) -> SafeString:
        return person_link(value)


class PackageTable(tables.Table):
    name = tables.Column(verbose_name=_("Name"))
    owner_unit = tables.Column(verbose_name=_("Offered by"), default="–")
    competences = tables.ManyToManyColumn(verbose_name=_("Competences"), default="–")
    hours = tables.Column(verbose_name=_("Hours"), attrs=NUM, default="–")
    shared = tables.BooleanColumn(verbose_name=_("Shared"))
    description = tables.Column(verbose_name=_("Description"), default="–", orderable=False)

    class Meta:
        model = TeachingPackage
        fields: tuple[str, ...] = ()
        sequence = ("name", "owner_unit", "competences", "hours", "shared", "description")
        attrs = {"id": "packages"}
        empty_text = _("No teaching packages.")

    def render_hours(self, value: Any) -> str:
        return number_format(value.normalize(), use_l10n=True)
