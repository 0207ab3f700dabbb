"""The header search: units and people in the user's scope only, and every search audited.

Personas' world (tests/personas.py): "BUP" is in the names or codes of BUP-avdelingen
(NV-BUP), BUP Nord (NV-BUP-A) and BUP Sør (NV-BUP-B); "Klinikk PHBU" and Solstad's units
do not contain it. Siri Sykepleier (1003) works in BUP Sør: Ola's and Arne's, not Lise's.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from fagkraft.audit.models import AuditEvent


def found(client, query: str, list_id: str) -> list[str]:
    html = client.get(reverse("workforce:search"), {"q": query}).content.decode()
    block = re.search(rf'<ul id="{list_id}">.*?</ul>', html, re.S)
    return re.findall(r'<a href="[^"]+">([^<]+)</a>', block.group(0)) if block else []


@pytest.mark.parametrize("username,units", [
    ("leader_lise", ["BUP Nord"]),
    ("adviser_arne", ["BUP-avdelingen", "BUP Nord", "BUP Sør"]),
    ("adviser_sara", []),
])
def test_units_only_in_scope(client, world, username, units):
    client.force_login(world.users[username])
    assert found(client, "BUP", "search-units") == units


@pytest.mark.parametrize("username,query,people", [
    ("adviser_arne", "1003", ["Siri Sykepleier"]),  # employee number, exact
    ("leader_ola", "sykepleier siri", ["Siri Sykepleier"]),  # every word must match
    ("leader_lise", "1003", []),  # Siri exists, but not for Lise
    ("leader_lise", "kari", ["Kari Lege"]),
])
def test_people_only_in_scope(client, world, username, query, people):
    client.force_login(world.users[username])
    assert found(client, query, "search-people") == people


def test_a_search_is_audited_with_its_query_and_persons(client, world):
    client.force_login(world.users["adviser_arne"])
    found(client, "1003", "search-people")
    event = AuditEvent.objects.filter(user=world.users["adviser_arne"]).latest("pk")
    assert event.detail["filter"] == {"q": "1003"}
    assert [p.employee_id for p in event.persons.all()] == [world.siri.pk]


@pytest.mark.parametrize("username", ["employee_erik", "planner_pia"])
def test_employees_and_planners_may_not_search(client, world, username):
    client.force_login(world.users[username])
    assert client.get(reverse("workforce:search"), {"q": "e"}).status_code == 403


def test_the_header_has_the_box_for_managers_only(client, world):
    client.force_login(world.users["leader_lise"])
    assert 'role="search"' in client.get(reverse("workforce:vacancy_list")).content.decode()
    client.force_login(world.users["planner_pia"])
    assert 'role="search"' not in client.get(reverse("workforce:vacancy_list")).content.decode()
