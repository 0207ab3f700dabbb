"""Styled 403, 404 and 500 pages: bokmål by default, English when chosen, with the menu.

The personas (tests/personas.py): Lise leads BUP Nord, so her menu starts with "Enheter"
(Units); Erik is an employee, for whom the WISN pages are closed (403).
"""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from fagkraft import urls
from fagkraft.core.views import server_error
from tests.personas import World


def test_404_is_in_bokmal_with_the_navigation(client, world: World) -> None:
    client.force_login(world.users["leader_lise"])
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="nb">' in html and "<h1>Siden finnes ikke</h1>" in html
    assert f'<a href="/units/{world.section_a.pk}/">Enheter</a>' in html
    assert '<header class="topbar">' in html


def test_404_raised_by_a_view_is_the_same_page(client, world: World) -> None:
    client.force_login(world.users["leader_lise"])
    response = client.get("/workload/studies/999999/")
    assert response.status_code == 404
    assert "<h1>Siden finnes ikke</h1>" in response.content.decode()


def test_404_in_english_when_english_is_chosen(client, world: World) -> None:
    client.force_login(world.users["leader_lise"])
    client.cookies["django_language"] = "en"
    html = client.get("/no-such-page/").content.decode()
    assert "<h1>Page not found</h1>" in html
    assert f'<a href="/units/{world.section_a.pk}/">Units</a>' in html


def test_403_is_in_bokmal_with_the_navigation(client, world: World) -> None:
    client.force_login(world.users["employee_erik"])
    response = client.get("/workload/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Ingen tilgang</h1>" in html
    assert f'<a href="{reverse("competence:mine")}">Min kompetanse</a>' in html


def _database_down() -> None:
    raise OperationalError("connection refused")


@pytest.mark.parametrize(("language", "heading"), [("nb", "Noe gikk galt"),
                                                   ("en", "Something went wrong")])
def test_500_renders_without_the_database_or_a_request_context(language: str,
                                                               heading: str) -> None:
    """No `db` fixture: pytest-django refuses every query, as a database that is down
    would; and the user, whose loading needs the database, raises if touched."""
    request = RequestFactory().get("/units/1/")
    request.user = SimpleLazyObject(_database_down)
    with translation.override(language):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert f"<h1>{heading}</h1>" in html
    assert '<header class="topbar">' in html and 'name="csrfmiddlewaretoken"' in html


def test_the_project_uses_the_500_handler() -> None:
    assert urls.handler500 == "fagkraft.core.views.server_error"
