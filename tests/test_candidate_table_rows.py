"""The candidate list's rows written directly (`CandidateTable.cells_html`) equal
django-tables2's generic rendering of the same table, cell for cell, in both languages
(as the staff table's, tests/test_staff_table_rows.py).

The candidates: Kari on LIS3 BUP in BUP Nord from 2024-01-01 (tests/education_support.py),
on track; Siri started 2010-01-01 on the same pathway with nothing done, so far behind;
Erik's pathway discontinued."""

from __future__ import annotations

import datetime as dt
import re

from django.test import RequestFactory
from django.utils import translation

from fagkraft.education import reports, services
from fagkraft.education.models import Candidate, PathwayTemplate
from fagkraft.education.tables import CandidateTable
from tests.education_support import lis_candidate
from tests.personas import World

TODAY = dt.date(2026, 6, 30)


def _html(candidates: list[Candidate], template: str | None, order: str = "") -> str:
    table = CandidateTable(reports.candidate_views(candidates, TODAY), order_by=order or None)
    if template is not None:
        table.template_name = template
    html = table.as_html(RequestFactory().get("/"))
    # The templates differ in indentation only.
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


def test_direct_rows_equal_the_generic_rendering(world: World) -> None:
    kari = lis_candidate(world)
    lis3 = PathwayTemplate.objects.get(code="lis3-bup")
    siri = services.create_candidate(None, employee=world.siri, template=lis3,
                                     unit=world.section_b, start_date=dt.date(2010, 1, 1))
    erik = services.create_candidate(None, employee=world.erik, template=lis3,
                                     unit=world.section_a, start_date=dt.date(2023, 1, 1))
    services.update_candidate(None, erik, status=Candidate.Status.DISCONTINUED)
    candidates = list(Candidate.objects.select_related(
        "employee", "template", "unit").order_by("pk"))
    assert [c.pk for c in candidates] == [kari.pk, siri.pk, erik.pk]
    for language in ("nb", "en"):
        with translation.override(language):
            for order in ("", "-expected"):
                direct = _html(candidates, None, order)
                assert direct == _html(candidates, "django_tables2/table.html", order)
            # Every kind of cell is there: a link, dates, the badges, the stopped pathway.
            assert 'href="/education/candidates/' in direct
            assert 'class="badge bad"' in direct and 'class="badge ok"' in direct
            assert str(Candidate.Status.DISCONTINUED.label) in direct
