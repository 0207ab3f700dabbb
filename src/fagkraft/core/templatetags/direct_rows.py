"""`core/_direct_rows_table.html`: django-tables2's header and pager, with each row's
cells written by the table's own `cells_html(record)`.

The generic row resolves every cell through accessors and inspects each render method's
signature, per cell: on a page of 50 rows that costs more than the page's queries (the
staff table, the compliance matrix, the candidate list). A table using this template
writes the same cells directly, and a test per table checks the output equals the
generic rendering."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def row_cells(table: Any, record: Any) -> str:
    return table.cells_html(record)
