"""The staff table's rows written directly (`StaffTable.cells_html`) equal django-tables2's
generic rendering of the same table, cell for cell (issue 16: the generic path cost more
than the page's queries)."""

from __future__ import annotations

import re

from django.test import RequestFactory

from fagkraft.core import dates
from fagkraft.workforce.models import Employee
from fagkraft.workforce.tables import StaffTable, with_staff_columns
from tests.personas import World


def _html(table: StaffTable, template: str | None) -> str:
    if template is not None:
        table.template_name = template
    html = table.as_html(RequestFactory().get("/"))
    # The templates differ in indentation only.
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


def test_direct_rows_equal_the_generic_rendering(world: World) -> None:
    today = dates.today()
    for unit in (world.section_a, world.trust, None):
        people = Employee.objects.all()
        rows = with_staff_columns(people, unit, today)
        direct = _html(StaffTable(rows, today=today), None)
        generic = _html(StaffTable(rows, today=today), "django_tables2/table.html")
        assert direct == generic
        # The people are there (Erik in BUP Nord, with his 100 % position).
        assert "Ansatt, Erik" in direct and 'class="num">100</td>' in direct
