"""The API filters are the list pages' FilterSets, applied inside the user's scope.

World (tests/personas.py): NV-BUP-A has Erik (psychologist, child-psychology specialist
since 2019) and Kari (doctor); NV-BUP-B has Siri (nurse); SSHF has Tor (social worker).
"""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from fagkraft.workforce import services


def first_names(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["first_name"] for row in response.json()["results"]}


def test_employee_filters(world, login):
    arne = login("adviser_arne")  # sees Erik, Kari, Siri
    assert first_names(arne.get(f"/api/employees/?profession={world.psychologist.pk}")) == {
        "Erik"}
    assert first_names(arne.get(f"/api/employees/?unit={world.section_b.pk}")) == {"Siri"}
    # The department's subtree holds both sections.
    assert first_names(arne.get(f"/api/employees/?unit={world.department.pk}")) == {
        "Erik", "Kari", "Siri"}
    assert first_names(arne.get("/api/employees/?specialist=true")) == {"Erik"}
    assert first_names(arne.get("/api/employees/?specialist=false")) == {"Kari", "Siri"}
    assert first_names(arne.get("/api/employees/?q=sykepleier")) == {"Siri"}
    assert first_names(arne.get("/api/employees/?sex=F")) == {"Kari", "Siri"}


def test_filters_never_widen_the_scope(world, login):
    """Lise leads NV-BUP-A. Units outside her subtree are not valid filter values at all:
    the API answers 400 and shows no one, instead of reading other units' staff."""
    lise = login("leader_lise")
    for unit in (world.section_b, world.other_section, world.department):
        response = lise.get(f"/api/employees/?unit={unit.pk}")
        assert response.status_code == 400
        assert "unit" in response.json()
    assert first_names(lise.get(f"/api/employees/?unit={world.section_a.pk}")) == {
        "Erik", "Kari"}


def test_unknown_filter_value_is_a_400(world, login):
    response = login("adviser_arne").get("/api/employees/?profession=999999")
    assert response.status_code == 400
    assert "profession" in response.json()


def test_current_and_position_kind_filters_follow_history(world, login):
    """Kari leaves on 31.12.2020 (retired): no longer current, still in the record."""
    services.end_position(None, world.kari.positions.get(), end_date=dt.date(2020, 12, 31),
                          reason="retired")
    arne = login("adviser_arne")
    assert first_names(arne.get("/api/employees/?current=true")) == {"Erik", "Siri"}
    assert first_names(arne.get("/api/employees/?current=false")) == {"Kari"}
    assert first_names(arne.get("/api/employees/?position_kind=permanent")) == {"Erik", "Siri"}
    ended = arne.get("/api/positions/?ended_from=2020-01-01&ended_to=2020-12-31").json()
    assert [row["employee"] for row in ended["results"]] == [world.kari.pk]
    assert ended["results"][0]["leaving_reason"] == "retired"


def test_unit_filters_for_a_planner(world, login):
    """Region TST: 3 sections (NV-BUP-A, NV-BUP-B, SS-DPS-A); NVHF's subtree has 5 units."""
    pia = login("planner_pia")
    sections = pia.get("/api/units/?level=section").json()["results"]
    assert {row["code"] for row in sections} == {"NV-BUP-A", "NV-BUP-B", "SS-DPS-A"}
    within = pia.get(f"/api/units/?within={world.trust.pk}").json()
    assert within["count"] == 5


def test_vacancy_filters(world, login):
    """Two vacancies in NV-BUP-A (psychologist, doctor), one filled; one in NV-BUP-B."""
    open_one = services.open_vacancy(None, unit=world.section_a, profession=world.psychologist,
                                     fte_percent=100, opened_on=dt.date(2026, 1, 5))
    filled = services.open_vacancy(None, unit=world.section_a, profession=world.doctor,
                                   fte_percent=50, opened_on=dt.date(2025, 3, 1))
    services.fill_vacancy(None, filled, filled_on=dt.date(2025, 6, 1))
    services.open_vacancy(None, unit=world.section_b, profession=world.nurse, fte_percent=80,
                          opened_on=dt.date(2026, 2, 1))
    pia = login("planner_pia")

    def ids(query: str) -> list[int]:
        return [row["id"] for row in pia.get(f"/api/vacancies/{query}").json()["results"]]

    assert ids(f"?unit={world.section_a.pk}&is_open=true") == [open_one.pk]
    assert ids(f"?profession={world.doctor.pk}") == [filled.pk]
    row = pia.get(f"/api/vacancies/{filled.pk}/").json()
    # Filled 01.06.2025 after opening 01.03.2025: 31 (March) + 30 (April) + 31 (May) = 92 days.
    assert (row["is_open"], row["days_open"], row["fte_percent"]) == (False, 92, 50.0)
    assert "filled_by" not in row  # who filled it is personal data; planners read this


def test_limit_offset_pagination(world, login):
    """Admin sees 4 people, ordered by last name: Ansatt, Lege, Sykepleier, Terapeut."""
    admin = login("admin_ada")
    page = admin.get("/api/employees/?limit=2&offset=2").json()
    assert page["count"] == 4
    assert [row["last_name"] for row in page["results"]] == ["Sykepleier", "Terapeut"]
    assert page["next"] is None and page["previous"] is not None


def test_list_query_count_does_not_grow_with_rows(world, login):
    """select_related keeps a page at a fixed number of queries (no N+1)."""
    admin = login("admin_ada")

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert admin.get(url).status_code == 200
        return len(captured)

    urls = ["/api/employees/", "/api/positions/", "/api/approvals/", "/api/vacancies/"]
    services.open_vacancy(None, unit=world.section_a, profession=world.doctor, fte_percent=100,
                          opened_on=dt.date(2026, 1, 5))
    before = [queries(url) for url in urls]
    psychiatric_nursing = services.create_specialty(
        None, code="SP-PSYK", name="Psykiatrisk sykepleie", profession=world.nurse)
    for number in range(10):
        person = services.create_employee(
            None, trust=world.trust, employee_number=f"9{number:03d}", first_name="Ny",
            last_name=f"Person{number}", birth_year=1990, profession=world.nurse)
        services.add_position(None, person, unit=world.section_b, fte_percent=60,
                              kind="temporary", start_date=dt.date(2024, 1, 1))
        services.add_approval(None, person, specialty=psychiatric_nursing,
                              approved_on=dt.date(2024, 1, 1))
        services.open_vacancy(None, unit=world.section_b, profession=world.nurse,
                              fte_percent=100, opened_on=dt.date(2026, 1, 5))
    assert [queries(url) for url in urls] == before
