"""The site menu comes from a registry the apps fill in; core imports no feature app.

The menus expected below are worked out by hand from the personas (tests/personas.py) and
each app's navigation rules: the employee Erik has no home unit, the planner Pia's home
unit is the region, and the administrator's is the root unit (the region, TST).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse

from fagkraft.accounts.models import Role
from fagkraft.core import menu
from fagkraft.core.context_processors import navigation
from tests.personas import World, make_user

CORE = Path(menu.__file__).resolve().parent
# accounts holds the users and their roles, which core (like the access policy) builds on;
# every other app of the project is a feature app.
# accounts (roles) and audit (every read and write is logged, by the API bases too) are
# shared by every app, like core itself; the rest are feature apps core must not import.
FEATURE_APPS = {app for app in settings.INSTALLED_APPS if app.startswith("fagkraft.")} - {
    "fagkraft.core", "fagkraft.accounts", "fagkraft.audit"}


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_core_imports_no_feature_app() -> None:
    offending = {
        f"{path.relative_to(CORE)}: {name}"
        for path in CORE.rglob("*.py")
        for name in _imported_modules(path)
        if any(name == app or name.startswith(app + ".") for app in FEATURE_APPS)
    }
    assert offending == set()


def test_every_feature_app_with_pages_registers_its_menu() -> None:
    assert [section.app for section in menu.sections()] == [
        "workforce", "competence", "imports", "education", "workload", "projections", "funding",
        "retention", "goals",
        "audit", "jobs"]


def _menu(world: World, persona: str) -> list[tuple[str, str]]:
    request = RequestFactory().get("/")
    request.user = world.users[persona]
    context = navigation(request)
    # The bar, then its "More" dropdown: the menu as a person reads it.
    return [(str(label), href) for label, href in context["nav_items"] + context["nav_more"]]


def test_the_log_api_and_administration_wait_under_more(world: World) -> None:
    request = RequestFactory().get("/")
    request.user = world.users["admin_ada"]
    context = navigation(request)
    assert [str(label) for label, _ in context["nav_more"]] == [
        "Tilskuddsprogram", "Stabilitet og turnover", "Prioriteringsregelen", "Mål",
        "Logg over innsyn og endringer", "Mine jobber", "API", "Administrasjon"]
    assert "API" not in [str(label) for label, _ in context["nav_items"]]


def test_someone_with_nothing_on_the_bar_gets_more_on_the_bar(db) -> None:
    # An RBU member from outside the trusts has only the funding programme (and the API):
    # a "Mer" dropdown beside an empty bar would hide the one page they came for.
    request = RequestFactory().get("/")
    request.user = make_user("rbu_randi", Role.EXTERNAL)
    context = navigation(request)
    assert [str(label) for label, _ in context["nav_items"]] == [
        "Tilskuddsprogram", "Mine jobber", "API"]
    assert context["nav_more"] == []


def test_the_employee_sees_their_own_pages(world: World) -> None:
    assert _menu(world, "employee_erik") == [
        ("Ansatte", reverse("workforce:employee_list")),
        ("Min kompetanse", reverse("competence:mine")),
        ("Min utdanning", reverse("education:mine")),
        ("Tilskuddsprogram", reverse("funding:programme_list")),
        ("Mine jobber", reverse("jobs:list")), ("API", reverse("api-docs"))]


def test_the_planner_sees_aggregates_of_the_region(world: World) -> None:
    region = world.region.pk
    assert _menu(world, "planner_pia") == [
        ("Enheter", reverse("workforce:unit", args=[region])),
        ("Ledige stillinger", reverse("workforce:vacancy_list")),
        ("Kompetanse", reverse("competence:rollup", args=[region])),
        ("Utdanningsløp", reverse("education:pipeline", args=[region])),
        ("Bemanningsbehov", reverse("workload:study_list")),
        ("Framskrivinger", reverse("projections:list")),
        ("Tilskuddsprogram", reverse("funding:programme_list")),
        ("Stabilitet og turnover", reverse("retention:unit", args=[region])),
        ("Prioriteringsregelen", reverse("retention:priority", args=[region])),
        ("Mål", reverse("goals:goal_list")), ("Mine jobber", reverse("jobs:list")),
        ("API", reverse("api-docs"))]


def test_the_administrator_sees_every_section_in_menu_order(world: World) -> None:
    assert [label for label, _ in _menu(world, "admin_ada")] == [
        "Enheter", "Ansatte", "Ledige stillinger", "Kompetanse", "Import", "Utdanning",
        "Bemanningsbehov", "Framskrivinger", "Tilskuddsprogram", "Stabilitet og turnover",
        "Prioriteringsregelen", "Mål", "Logg over innsyn og endringer", "Mine jobber",
        "API", "Administrasjon"]


def test_every_role_finds_its_own_jobs_in_the_menu(world: World) -> None:
    # Every persona of tests/personas.py, whatever the role: "Mine jobber" leads to the
    # list of the user's own jobs (tests/test_jobs.py shows it holds no one else's).
    for persona in world.users:
        assert ("Mine jobber", reverse("jobs:list")) in _menu(world, persona), persona


def test_a_section_registered_again_replaces_the_first_and_sorts_by_order() -> None:
    saved = dict(menu._sections)
    try:
        menu._sections.clear()
        menu.register("audit", 70, lambda scope, unit: [("Logg", "/audit/")])
        menu.register("workload", 50, lambda scope, unit: [("WISN", "/workload/")])
        menu.register("audit", 5, lambda scope, unit: [("Logg først", "/audit/")])
        assert [section.app for section in menu.sections()] == ["audit", "workload"]
        assert menu.entries(None, None) == [("Logg først", "/audit/"), ("WISN", "/workload/")]
    finally:
        menu._sections.clear()
        menu._sections.update(saved)


def test_a_wrong_dotted_path_fails_at_registration() -> None:
    with pytest.raises(ImportError):
        menu.register("nowhere", 1, "fagkraft.nowhere.navigation.items")
    assert "nowhere" not in {section.app for section in menu.sections()}
