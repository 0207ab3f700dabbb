"""core.personfield: a drop-down of people while the list is short, the employee number
when it is long (a trust of 20,000 people made a 2 MB select on every education page).

The personas' world: Nordvik HF holds Erik 1001, Kari 1002 and Siri 1003; Solstad HF
holds Tor 2001. The limit is lowered to 2 for the long list.
"""

from __future__ import annotations

import re

from django import forms
from django.urls import reverse
from django.utils import translation

from fagkraft.core import personfield
from fagkraft.core.personfield import PersonChoiceField
from fagkraft.workforce import services as workforce
from fagkraft.workforce.models import Employee


def _form(people, data=None) -> forms.Form:
    class PickForm(forms.Form):
        employee = PersonChoiceField(queryset=Employee.objects.none())

    form = PickForm(data)
    form.fields["employee"].queryset = people
    return form


def test_a_short_list_is_a_drop_down_of_names(world) -> None:
    form = _form(Employee.objects.filter(trust=world.trust))
    html = str(form["employee"])
    assert "<select" in html and "Ansatt, Erik (1001)" in html
    assert _form(Employee.objects.filter(trust=world.trust),
                 {"employee": world.kari.pk}).is_valid()


def test_a_long_list_takes_the_employee_number_of_someone_in_it(world, monkeypatch) -> None:
    monkeypatch.setattr(personfield, "PICK_LIST_LIMIT", 2)
    nordvik = Employee.objects.filter(trust=world.trust)  # 3 people: over the limit
    html = str(_form(nordvik)["employee"])
    assert 'type="text"' in html and "<option" not in html and "Erik" not in html
    form = _form(nordvik, {"employee": " 1002 "})
    assert form.is_valid() and form.cleaned_data["employee"] == world.kari
    with translation.override("en"):
        outside = _form(nordvik, {"employee": "2001"})  # Tor, Solstad HF: not in the list
        assert not outside.is_valid()
        assert outside.errors["employee"] == [
            "No one with employee number 2001 among the people you can choose here."]
    # Shown again after an error: what was typed, not a key.
    assert 'value="2001"' in str(outside["employee"])


def test_a_number_used_in_two_trusts_is_refused_not_guessed(world, monkeypatch) -> None:
    monkeypatch.setattr(personfield, "PICK_LIST_LIMIT", 2)
    workforce.create_employee(None, trust=world.other_trust, employee_number="1001",
                              first_name="Eli", last_name="Annen", sex="F",
                              birth_date=world.erik.birth_date, profession=world.nurse)
    with translation.override("en"):
        form = _form(Employee.objects.all(), {"employee": "1001"})
        assert not form.is_valid()
        assert "used in more than one trust" in form.errors["employee"][0]


def test_the_education_page_asks_an_adviser_for_a_number_in_a_large_trust(
        client, world, monkeypatch) -> None:
    monkeypatch.setattr(personfield, "PICK_LIST_LIMIT", 2)
    client.force_login(world.users["adviser_arne"])
    html = client.get(reverse("education:unit", args=[world.trust.pk])).content.decode()
    box = re.search(r'<input type="text" name="new-employee"[^>]*>', html)
    assert box is not None and "required" in box.group(0)
    assert "Ansatt, Erik (1001)" not in html  # no drop-down of the trust's people
    assert "Ansattnummeret (mer enn 2 personer å velge mellom)." in html
