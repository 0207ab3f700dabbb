"""Unit dropdowns name the trust where several trusts meet (issue 12: "BUP Nord" three
times with no trust).

The personas' world plus a second "BUP Nord" in Solstad HF: adviser Arne's lists hold
Nordvik HF only and show bare names; administrator Ada's span both trusts, so every unit
below trust level carries its trust, and the trusts themselves (and the region) do not.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from fagkraft.workforce import services
from fagkraft.workforce.models import Unit


@pytest.fixture
def twin(world):
    return services.create_unit(None, code="SS-BUP-N", name="BUP Nord",
                                level=Unit.Level.SECTION, parent=world.other_section.parent)


def _options(html: str, select_name: str) -> list[str]:
    select = re.search(rf'<select name="{select_name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, select_name
    return [text.strip() for text in re.findall(r"<option[^>]*>([^<]*)</option>",
                                                select.group(1)) if text.strip() != "---------"]


@pytest.mark.parametrize(("url", "select"), [
    (reverse("competence:overview"), "unit"),
    (reverse("workforce:employee_list"), "unit"),
])
def test_the_administrator_sees_each_unit_with_its_trust(world, client, twin, url, select):
    client.force_login(world.users["admin_ada"])
    options = _options(client.get(url).content.decode(), select)
    assert "BUP Nord (Nordvik HF)" in options and "BUP Nord (Solstad HF)" in options
    assert "Nordvik HF" in options and "Helse Test RHF" in options  # trusts stay bare
    assert "BUP Nord" not in options


def test_an_adviser_of_one_trust_sees_bare_names(world, client, twin):
    client.force_login(world.users["adviser_arne"])
    options = _options(client.get(reverse("competence:overview")).content.decode(), "unit")
    assert "BUP Nord" in options and "BUP Sør" in options
    assert not any("(" in option for option in options)
