"""Issue 12.2: one definition of a unit's staff count, stated on the unit page, and the
same figure on the unit page and on /employees/ filtered on the unit.

BUP Nord holds Erik and Kari (100 % each) and Nina with two half posts there today, and
Siri's post there ended in 2014: 3 people now (Nina once), on both pages.
"""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse

from fagkraft.workforce import services


def test_the_unit_page_and_the_employee_list_count_the_same_people(world, client):
    nina = services.create_employee(
        None, trust=world.trust, employee_number="1004", first_name="Nina", last_name="Ny",
        birth_date=dt.date(1990, 1, 1), sex="F", profession=world.nurse)
    for _ in range(2):
        services.add_position(None, nina, unit=world.section_a, fte_percent=50,
                              kind="permanent", start_date=dt.date(2024, 1, 1))
    services.add_position(None, world.siri, unit=world.section_a, fte_percent=100,
                          kind="temporary", start_date=dt.date(2012, 1, 1),
                          end_date=dt.date(2014, 12, 31), leaving_reason="end_of_contract")
    client.force_login(world.users["leader_lise"])
    page = client.get(reverse("workforce:unit", args=[world.section_a.pk])).content.decode()
    kpi = re.search(r'id="kpi-headcount"><div class="value">([^<]+)', page).group(1)
    assert kpi == "3"
    assert "hver person telt én gang" in page.split('id="headcount-definition">')[1]
    listing = client.get(reverse("workforce:employee_list"), {"unit": world.section_a.pk})
    assert listing.context["table"].paginator.count == 3
