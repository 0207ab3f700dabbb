"""`core/_direct_rows_table.html`: django-tables2's header and pager, with each row's
cells written by the table's own `cells_html(record)` (see fagkraft.core.rows)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def row_cells(table: Any, record: Any) -> str:
    return table.cells_html(record)
