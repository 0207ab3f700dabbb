"""core.renderers.FastSelectRenderer writes exactly the markup of Django's select
templates: hand-made fields with every case the templates handle (groups, selection,
escaping, safe text, lazy text, boolean attributes, numbers), and whole pages of the app
with their filter and entry forms, rendered once each way."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test import override_settings
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from fagkraft.core.renderers import FastSelectRenderer

TEMPLATES = DjangoTemplates()
FAST = FastSelectRenderer()


class EveryCase(forms.Form):
    plain = forms.ChoiceField(choices=[("a", "Alfa"), ("b", 'B <b>&"\'')], initial="b")
    grouped = forms.ChoiceField(choices=[
        ("", "---------"),
        ("Nord", [("1", "BUP Nord"), ("2", "BUP Øst")]),
        ("Sør", [("3", mark_safe("<em>Sør</em>"))]),
        ("4", "Ingen gruppe"),
    ], initial="3")
    lazy = forms.ChoiceField(choices=[("x", gettext_lazy("Unit")), ("y", gettext_lazy("Name"))])
    many = forms.MultipleChoiceField(choices=[("p", "P"), ("q", "Q"), ("r", "R")],
                                     initial=["p", "r"])
    yes_no = forms.NullBooleanField()
    numbers = forms.TypedChoiceField(choices=[(1, 1000), (2, 2.5)], coerce=int)
    with_attrs = forms.ChoiceField(
        choices=[("a", "A")], required=False,
        widget=forms.Select(attrs={"class": 'x "y"', "disabled": True, "data-off": False,
                                   "hx-get": "/a/?b=1&c=2"}))
    empty = forms.ChoiceField(choices=[])


def _rendered(form: forms.Form, renderer: DjangoTemplates) -> dict[str, str]:
    form.renderer = renderer
    return {name: str(form[name]) for name in form.fields}


def test_every_case_gives_the_templates_markup():
    fast = _rendered(EveryCase(), FAST)
    assert fast == _rendered(EveryCase(), TEMPLATES)
    # What the cases are about, read off the markup itself.
    assert '<option value="b" selected>B &lt;b&gt;&amp;&quot;&#x27;</option>' in fast["plain"]
    assert '<optgroup label="Sør">' in fast["grouped"]
    assert "<em>Sør</em></option>" in fast["grouped"]
    assert 'class="x &quot;y&quot;" disabled hx-get="/a/?b=1&amp;c=2"' in fast["with_attrs"]
    assert "data-off" not in fast["with_attrs"]
    assert fast["many"].count(" selected>") == 2


def test_a_bound_form_with_errors_gives_the_templates_markup():
    data = {"plain": "zzz", "grouped": "2", "many": ["q"], "yes_no": "true", "numbers": "2"}
    assert _rendered(EveryCase(data), FAST) == _rendered(EveryCase(data), TEMPLATES)


def test_numbers_as_labels_are_left_to_the_templates():
    # The template would localize them; the fast path takes text only.
    fast = _rendered(EveryCase(), FAST)["numbers"]
    assert fast == _rendered(EveryCase(), TEMPLATES)["numbers"]
    assert '<option value="1">1\xa0000</option>' in fast  # bokmål: a space in thousands
    assert '<option value="2">2,5</option>' in fast


def test_the_project_uses_the_fast_renderer(settings):
    from django.forms.renderers import get_default_renderer
    assert isinstance(get_default_renderer(), FastSelectRenderer)


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize(("persona", "url_of"), [
    ("adviser_arne", lambda world: reverse("education:unit", args=[world.trust.pk])),
    ("adviser_arne", lambda world: reverse("competence:unit", args=[world.trust.pk])),
    ("adviser_arne", lambda world: reverse("workforce:employee_list")),
    ("planner_pia", lambda world: reverse("projections:list")),
    ("leader_lise", lambda world: reverse("competence:unit", args=[world.section_a.pk])),
])
def test_pages_are_the_same_with_either_renderer(login, world, persona, url_of):
    client = login(persona)
    url = url_of(world)
    fast = _page(client, url)
    with override_settings(FORM_RENDERER="django.forms.renderers.DjangoTemplates"):
        templated = _page(client, url)
    assert "<select" in fast
    # The CSRF token differs per response; everything else must not.
    assert _without_tokens(fast) == _without_tokens(templated)


def _without_tokens(html: str) -> str:
    return re.sub(r'[A-Za-z0-9]{64}', "", html)
