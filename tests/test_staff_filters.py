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


def shown_value(html: str, name: str) -> str:
    """The value the filter form shows for one field: the selected option or the text."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    if select is None:
        found = re.search(rf'<input type="text" name="{name}"[^>]*>', html)
        assert found, f"no field {name}"
        value = re.search(r'value="([^"]*)"', found.group(0))
        return value.group(1) if value else ""
    chosen = re.findall(r'<option value="([^"]*)"[^>]*\bselected\b', select.group(1))
    assert len(chosen) <= 1, f"{name}: several options selected {chosen}"
    return chosen[0] if chosen else ""


def test_employee_list_form_shows_every_filter_in_force(world, login):
    """Issue 12: with ?specialist=true the list was filtered but the dropdown said "All", so
    pressing Filter again dropped the filter. Every field now shows the request's value.
    Erik (1001) is the one who is in NV-BUP-A, a psychologist, permanent, specialist,
    employed now, male and named "Ansatt"."""
    query = {"q": "Ansatt", "unit": str(world.section_a.pk),
             "profession": str(world.psychologist.pk), "position_kind": "permanent",
             "specialist": "true", "current": "true", "sex": "M"}
    html = login("adviser_arne").get(reverse("workforce:employee_list"), query).content.decode()
    assert staff_numbers(html) == {"1001"}
    form = html[:html.index('id="staff-table"')]
    assert {name: shown_value(form, name) for name in query} == query


def test_a_no_stays_no_and_the_unit_page_keeps_its_filters(world, login):
    """"No" is a value of its own, not "All": specialist=false keeps Kari (1002) and Siri
    (1003). On NV-BUP-A's page specialist=true leaves Erik, and the dropdown says so."""
    client = login("adviser_arne")
    html = client.get(reverse("workforce:employee_list"),
                      {"specialist": "false", "current": "true"}).content.decode()
    assert staff_numbers(html) == {"1002", "1003"}
    assert (shown_value(html, "specialist"), shown_value(html, "current")) == ("false", "true")

    query = {"specialist": "true", "profession": str(world.psychologist.pk),
             "position_kind": "permanent"}
    html = client.get(reverse("workforce:unit", args=[world.section_a.pk]), query)
    html = html.content.decode()
    assert staff_numbers(html) == {"1001"}
    assert {name: shown_value(html, name) for name in query} == query


def test_without_filters_the_list_shows_its_default(world, login):
    """/employees/ with no query starts with today's staff: the form says "Employed now:
    Yes" (and nothing else), so what is shown is what pressing Filter keeps."""
    html = login("adviser_arne").get(reverse("workforce:employee_list")).content.decode()
    assert staff_numbers(html) == {"1001", "1002", "1003"}
    shown = {name: shown_value(html, name) for name in ("q", "specialist", "current", "unit")}
    assert shown == {"q": "", "specialist": "", "current": "true", "unit": ""}


def test_a_name_in_the_staff_table_is_a_page_of_its_own(world, login):
    """The table swaps itself on paging and sorting (hx-boost); a person's name must leave
    the boost, or the whole employee page lands inside the table card."""
    html = login("adviser_arne").get(reverse("workforce:employee_list")).content.decode()
    url = reverse("workforce:employee", args=[world.erik.pk])
    assert f'<a href="{url}" hx-boost="false">Ansatt, Erik</a>' in html
