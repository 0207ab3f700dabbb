"""Every page and API endpoint, requested as every persona: who gets in and who does not.

One declarative table (NetBox-style view tests per role). Each row names a URL and the
personas that get it (status 200); everyone else must be refused: 403 or 404 for a
logged-in user, a redirect to the login page (pages) or 403 (API) for an anonymous one.
A completeness test makes sure that no URL pattern of the project is left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from fagkraft.competence import services as competence
from fagkraft.imports.services import create_job, preview_job
from tests import (
    matrix_education,
    matrix_fhir,
    matrix_funding,
    matrix_goals,
    matrix_jobs,
    matrix_projections,
    matrix_retention,
    matrix_workload,
)
from tests.matrix_support import (
    ADVISERS_AND_UP,
    EVERYONE,
    IMPORTERS,
    PERSON_READERS,
    PERSONAS,
    SECTION_A_PERSON_READERS,
    SECTION_A_READERS,
    Case,
    only,
    page,
)
from tests.personas import World
from tests.shared_data import building, fresh, shared_data, shared_fixture

APP_CASES = (matrix_education, matrix_workload, matrix_projections, matrix_fhir,
             matrix_funding, matrix_retention, matrix_jobs, matrix_goals)

CASES: list[Case] = [
    # Pages
    Case("workforce:unit", page("workforce:unit", "section_a"), SECTION_A_READERS),
    Case("workforce:unit", page("workforce:unit", "trust"),
         only("adviser_arne", "planner_pia", "admin_ada")),
    Case("workforce:unit", page("workforce:unit", "region"), only("planner_pia", "admin_ada")),
    Case("workforce:unit_staff_export", page("workforce:unit_staff_export", "section_a", "=xlsx"),
         SECTION_A_PERSON_READERS),
    Case("workforce:unit_staff_export", page("workforce:unit_staff_export", "section_a", "=csv"),
         SECTION_A_PERSON_READERS),
    Case("workforce:unit_staff_report", page("workforce:unit_staff_report", "section_a"),
         SECTION_A_PERSON_READERS),
    Case("workforce:unit_vacancy_export",
         page("workforce:unit_vacancy_export", "section_a", "=xlsx"), SECTION_A_READERS),
    Case("workforce:employee_list", page("workforce:employee_list"), PERSON_READERS),
    Case("workforce:employee_export", page("workforce:employee_export", "=csv"), PERSON_READERS),
    Case("workforce:employee", page("workforce:employee", "erik"),
         only("employee_erik", "leader_lise", "adviser_arne", "admin_ada")),
    Case("workforce:employee", page("workforce:employee", "siri"),
         only("leader_ola", "adviser_arne", "admin_ada")),
    Case("workforce:employee", page("workforce:employee", "tor"),
         only("adviser_sara", "admin_ada")),
    Case("workforce:vacancy_list", page("workforce:vacancy_list"),
         only("leader_lise", "leader_ola", "adviser_arne", "adviser_sara", "planner_pia",
              "admin_ada")),
    Case("workforce:vacancy_export", page("workforce:vacancy_export", "=xlsx"),
         only("leader_lise", "leader_ola", "adviser_arne", "adviser_sara", "planner_pia",
              "admin_ada")),
    # Search with a query that matches people in every trust ("e": Erik, Kari, Siri, Tor).
    Case("workforce:search", lambda world, extra: reverse("workforce:search") + "?q=e",
         only("leader_lise", "leader_ola", "adviser_arne", "adviser_sara", "admin_ada")),
    Case("imports:upload", page("imports:upload"), IMPORTERS),
    Case("imports:history", page("imports:history"), IMPORTERS),
    Case("imports:blank", page("imports:blank", "=employees"), IMPORTERS),
    Case("imports:job", page("imports:job", "arne_job"), ADVISERS_AND_UP),
    Case("imports:maps", page("imports:maps"), IMPORTERS),
    Case("imports:map_create", page("imports:map_create"), IMPORTERS),
    Case("audit:list", page("audit:list"), ADVISERS_AND_UP | only("adviser_sara")),
    Case("audit:export", page("audit:export", "=csv"), ADVISERS_AND_UP | only("adviser_sara")),
    Case("admin:index", page("admin:index"), only("admin_ada")),
    # API
    # The start page's to-do list (counts, each app's own access rules): for every role.
    Case("todo", page("todo"), EVERYONE),
    Case("api-root", page("api-root"), EVERYONE),
    Case("api-schema", page("api-schema"), EVERYONE),
    Case("api-docs", page("api-docs"), EVERYONE),
    Case("unit-list", page("unit-list"), EVERYONE),
    Case("unit-detail", page("unit-detail", "section_a"), SECTION_A_READERS),
    Case("unit-summary", page("unit-summary", "section_a"), SECTION_A_READERS),
    Case("profession-list", page("profession-list"), EVERYONE),
    Case("profession-detail", page("profession-detail", "nurse"), EVERYONE),
    Case("specialty-list", page("specialty-list"), EVERYONE),
    Case("employee-list", page("employee-list"), PERSON_READERS),
    Case("employee-detail", page("employee-detail", "erik"),
         only("employee_erik", "leader_lise", "adviser_arne", "admin_ada")),
    Case("employee-detail", page("employee-detail", "tor"), only("adviser_sara", "admin_ada")),
    Case("position-list", page("position-list"), PERSON_READERS),
    Case("position-detail", page("position-detail", "erik_position"),
         only("employee_erik", "leader_lise", "adviser_arne", "admin_ada")),
    Case("approval-list", page("approval-list"), PERSON_READERS),
    Case("approval-detail", page("approval-detail", "erik_approval"),
         only("employee_erik", "leader_lise", "adviser_arne", "admin_ada")),
    Case("vacancy-list", page("vacancy-list"), EVERYONE),
    Case("auditevent-list", page("auditevent-list"), ADVISERS_AND_UP | only("adviser_sara")),
    # Competence pages (issue 3)
    Case("competence:mine", page("competence:mine"), only("employee_erik")),
    Case("competence:person", page("competence:person", "kari"),
         only("leader_lise", "adviser_arne", "admin_ada")),
    Case("competence:unit", page("competence:unit", "section_a"),
         only("leader_lise", "adviser_arne", "admin_ada")),
    Case("competence:unit_export", page("competence:unit_export", "section_a"),
         only("leader_lise", "adviser_arne", "admin_ada")),
    Case("competence:certificate", page("competence:certificate", "erik_certificate"),
         only("employee_erik", "leader_lise", "adviser_arne", "admin_ada")),
    Case("competence:rollup", page("competence:rollup", "trust"),
         only("adviser_arne", "planner_pia", "admin_ada")),
    Case("competence:education_plan", page("competence:education_plan", "section_a"),
         SECTION_A_READERS),
    Case("competence:education_plan_export",
         page("competence:education_plan_export", "section_a"), SECTION_A_PERSON_READERS),
    Case("competence:overview", page("competence:overview"), EVERYONE),
    Case("competence:catalogue", page("competence:catalogue"), EVERYONE),
    # Competence API
    Case("competence-api-root", page("competence-api-root"), EVERYONE),
    Case("competence-list", page("competence-list"), EVERYONE),
    Case("competence-detail", page("competence-detail", "suicide_course"), EVERYONE),
    Case("requirementrule-list", page("requirementrule-list"), EVERYONE),
    Case("requirementrule-detail", page("requirementrule-detail", "rule"), EVERYONE),
    Case("teachingpackage-list", page("teachingpackage-list"), EVERYONE),
    Case("teachingpackage-detail", page("teachingpackage-detail", "package"), EVERYONE),
    Case("completion-list", page("completion-list"), PERSON_READERS),
    Case("completion-detail", page("completion-detail", "erik_completion"),
         only("employee_erik", "leader_lise", "adviser_arne", "admin_ada")),
    Case("plan-list", page("plan-list"), PERSON_READERS),
    Case("plan-detail", page("plan-detail", "erik_plan"),
         only("employee_erik", "leader_lise", "adviser_arne", "admin_ada")),
    Case("teacherentry-list", page("teacherentry-list"), PERSON_READERS),
    Case("teacherentry-detail", page("teacherentry-detail", "erik_teaches"),
         only("employee_erik", "leader_lise", "adviser_arne", "admin_ada")),
    Case("competence-status", page("competence-status"), PERSON_READERS),
]

# URL names that are not data pages: authentication (password and single sign-on),
# language, the public health check (tests/test_healthz.py), admin internals, and the
# DRF routes that only differ by a format suffix (covered by their plain counterparts).
# approve/reject and confirm only take POST: their own tests cover who may post.
NOT_IN_MATRIX = {"login", "logout", "sso_start", "sso_callback", "admin_login", "set_language",
                 "home", "healthz", "imports:confirm",
                 "imports:map_edit", "auditevent-detail", "vacancy-detail",
                 "specialty-detail", "competence:approve", "competence:reject"}
for _app in APP_CASES:
    CASES.extend(_app.CASES)
    NOT_IN_MATRIX |= _app.NOT_IN_MATRIX


@shared_fixture()
def module_extra(module_world: World, django_db_blocker) -> Iterator[dict]:
    """Built once for the module, inside the module's world (see tests/shared_data.py)."""
    with shared_data(django_db_blocker):
        with building(django_db_blocker):
            data = build_extra(module_world)
        yield data


@pytest.fixture
def extra(module_extra: dict, world: World) -> dict:
    """Objects the URLs need beyond the personas' world (the test's own copy)."""
    return fresh(module_extra)


def build_extra(world: World) -> dict:
    """The objects the matrix's URLs need, built on `world` (also used by
    tests/test_audit_coverage.py)."""
    arne = world.users["adviser_arne"]
    data = ("ansattnummer;fornavn;etternavn;fødselsdato;kjønn;hpr_nummer;yrke;enhet;"
            "stillingsprosent;stillingstype;startdato;sluttdato;sluttårsak\n"
            "1001;Erik;Ansatt;01.05.1980;M;;psychologist;NV-BUP-A;100;fast;01.01.2015;;\n")
    job = create_job(arne, file_name="kontroll.csv", data=data.encode("utf-8"), column_map=None)
    preview_job(arne, job)
    suicide_course = competence.create_competence(
        None, code="SUI", name="Suicidologi og vurdering av selvmordsfare", kind="course")
    data = {
        "suicide_course": suicide_course,
        "rule": competence.create_rule(None, competence=suicide_course, deadline_days=90),
        "package": competence.create_teaching_package(
            None, code="PKG", name="Selvmordsfare for nyansatte", shared=True,
            competences=[suicide_course]),
        "erik_completion": competence.record_completion(
            None, employee=world.erik, competence=suicide_course,
            completed_on=dt.date(2024, 3, 1)),
        "erik_certificate": competence.record_completion(
            None, employee=world.erik, competence=suicide_course,
            completed_on=dt.date(2025, 3, 1), source="employee",
            certificate=SimpleUploadedFile("bevis.pdf", b"%PDF-1.4\n%%EOF\n")),
        "erik_plan": competence.create_plan(None, employee=world.erik, kind="development",
                                            year=2026),
        "erik_teaches": competence.add_teacher(None, employee=world.erik,
                                               competence=suicide_course, role="teacher"),
        "arne_job": job,
        "erik_position": world.erik.positions.get(),
        "erik_approval": world.erik.approvals.get(),
    }
    for app in APP_CASES:
        data.update(app.extra(world))
    return data


def _status_ok(status: int) -> bool:
    return status == 200


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.name}:{sorted(c.allowed)[:2]}")
def test_access_matrix(case: Case, world: World, extra: dict, client):
    url = case.url(world, extra)
    outcomes = {}
    for persona in PERSONAS:
        client.force_login(world.users[persona])
        outcomes[persona] = client.get(url).status_code
        client.logout()
    granted = {persona for persona, status in outcomes.items() if _status_ok(status)}
    refused = {persona for persona, status in outcomes.items() if status in (302, 403, 404)}
    assert granted == set(case.allowed), f"{url}: {outcomes}"
    assert refused == set(PERSONAS) - set(case.allowed), f"{url}: {outcomes}"


@pytest.mark.parametrize("case", [c for c in CASES if c.name not in
                                  {"api-schema", "api-docs"}], ids=lambda c: c.name)
def test_anonymous_is_refused(case: Case, world: World, extra: dict, client):
    response = client.get(case.url(world, extra))
    if response.status_code == 302:
        assert "login" in response["Location"]
    else:
        assert response.status_code == 403


def _named_patterns(patterns, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace == "admin":
                continue  # Django's own admin; its index is in the matrix
            names |= _named_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_is_in_the_matrix():
    covered = {case.name for case in CASES} | NOT_IN_MATRIX
    assert sorted(_named_patterns(get_resolver().url_patterns) - covered) == []
