"""The unit page's staff table lists exactly the people employed in the unit now.

Regression: the filter form checks the unit against the units the request's user may
see; built without the request, the unit filter was silently dropped.
"""

import datetime as dt
import re

from django.urls import reverse

from fagkraft.workforce import services


def staff_numbers(html: str) -> set[str]:
    table = html[html.index('id="staff-table"'):]
    return set(re.findall(r"<td\s*>(\d{4})</td>", table))


def test_trust_page_lists_current_staff_only(world, login):
    """Nordvik HF: Erik, Kari (NV-BUP-A) and Siri (NV-BUP-B) work there now. Kari retires
    on 31.12.2020: she stays in the register but not in the staff table."""
    services.end_position(None, world.kari.positions.get(), end_date=dt.date(2020, 12, 31),
                          reason="retired")
    html = login("adviser_arne").get(reverse("workforce:unit", args=[world.trust.pk]))
    assert staff_numbers(html.content.decode()) == {"1001", "1003"}


def test_position_type_means_a_position_in_this_unit(world, login):
    """Siri (1003) is permanent in NV-BUP-B and takes a temporary 20 % in NV-BUP-A. On
    NV-BUP-B's page, "temporary" finds nobody: her position there is permanent."""
    services.add_position(None, world.siri, unit=world.section_a, fte_percent=20,
                          kind="temporary", start_date=dt.date(2024, 1, 1))
    client = login("adviser_arne")
    url = reverse("workforce:unit", args=[world.section_b.pk])
    assert staff_numbers(client.get(url + "?position_kind=temporary").content.decode()) == set()
    assert staff_numbers(client.get(url + "?position_kind=permanent").content.decode()) == {
        "1003"}
    url_a = reverse("workforce:unit", args=[world.section_a.pk])
    assert staff_numbers(client.get(url_a + "?position_kind=temporary").content.decode()) == {
        "1003"}
