"""Tables whose rows are written directly (`core/_direct_rows_table.html`).

django-tables2's generic row resolves every cell through accessors and inspects each
render method's signature, per cell: on a page of 50 rows that costs more than the page's
queries. A table with `DirectRows` works out each column's value itself (its own `render_*`
methods, a value or None) in `cells_html(record)` and hands them to `cells_of`, which
writes them as the generic row does: the column's default where the value is empty,
localized and escaped. Each such table has a test that its output equals the generic
rendering (tests/test_staff_table_rows.py, test_candidate_table_rows.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

EMPTY = (None, "")  # django-tables2's default empty values: the column's default shows


class DirectRows:
    """Mixin for a django_tables2.Table (listed before it) with `cells_html(record)`."""

    _cell_layout: list[tuple[str, str, Any]] | None = None

    def cells_of(self, values: Mapping[str, Any]) -> SafeString:
        """One row's cells from each column's value (by column name)."""
        if self._cell_layout is None:  # the columns, their td attributes and defaults
            self._cell_layout = [(column.name, column.attrs["td"].as_html(), column.default)
                                 for column in self.columns]  # type: ignore[attr-defined]
        cells = []
        for name, attrs, default in self._cell_layout:
            value = values[name]
            cells.append(format_html("<td {}>{}</td>", mark_safe(attrs),  # noqa: S308
                                     localize(default if value in EMPTY else value)))
        return mark_safe("".join(cells))  # noqa: S308 - every part escaped by format_html
