"""WISN pages and API: who may do what, and the figures they show.

The world (tests/personas.py) has in BUP Nord (section_a) one psychologist (Erik, 100 %)
and one doctor (Kari, 100 %). Working time of 2025 with the default settings: 261
weekdays - 9 public holidays - 25 days of leave - 7 % sick leave of 227 agreed days
(15.89) = 211.11 days * 7.5 h = 1583.325 h.
"""

from __future__ import annotations

import io

import pytest
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from fagkraft.audit.models import AuditEvent
from fagkraft.workload import services
from fagkraft.workload.models import WisnStudy, WorkloadActivity
from tests.personas import World

AWT = 1583.325


@pytest.fixture
def study(world: World) -> WisnStudy:
    study = services.create_study(None, unit=world.section_a, name="BUP Nord 2025", year=2025)
    psychologist = services.add_category(None, study, name="psychologist",
                                         profession_group="psychologist")
    services.add_activity(None, psychologist, name="contact", annual_workload=1500,
                          minutes_per_unit=60)
    nurse = services.add_category(None, study, name="nurse", existing_staff_override=2)
    services.add_activity(None, nurse, name="contact", annual_workload=300,
                          minutes_per_unit=60)
    return study


def login(client, world: World, persona: str) -> None:
    client.force_login(world.users[persona])


def test_leader_creates_a_study_with_staff_from_the_register(client, world: World) -> None:
    login(client, world, "leader_lise")
    response = client.post(f"/workload/units/{world.section_a.pk}/new/",
                           {"name": "Ny studie", "year": "2025", "standard_categories": "on"})
    study = WisnStudy.objects.get(name="Ny studie")
    assert response.status_code == 302
    assert (study.working_days, study.public_holidays, study.annual_leave) == (261, 9, 25)
    page = client.get(f"/workload/studies/{study.pk}/")
    assert page.status_code == 200
    rows = {row.result.name: row for row in page.context["report"].rows}
    assert rows["Psykolog"].existing == 1.0 and rows["Psykolog"].existing_source == "register"
    assert rows["Lege"].existing == 1.0
    assert rows["Sykepleier"].existing == 0.0  # the nurse works in BUP Sør


def test_changing_the_time_per_unit_changes_required_staff(client, world: World,
                                                           study: WisnStudy) -> None:
    """1500 contacts: at 60 min 1500 / 1583.325 = 0.94737 FTE; at 90 min 1.42105."""
    activity = WorkloadActivity.objects.get(category__name="psychologist")
    login(client, world, "leader_lise")
    before = client.get(f"/workload/studies/{study.pk}/").context["report"]
    assert before.rows[0].result.required_staff == pytest.approx(1500 / AWT)
    response = client.post(f"/workload/activities/{activity.pk}/update/",
                           {f"a{activity.pk}-annual_workload": "1500",
                            f"a{activity.pk}-minutes_per_unit": "90"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    after = response.context["report"].rows[0]
    assert after.result.required_staff == pytest.approx(1500 * 1.5 / AWT)
    assert "1,42" in response.content.decode()
    activity.refresh_from_db()
    assert activity.minutes_per_unit == 90
    assert AuditEvent.objects.filter(action="update", object_type="workload.workloadactivity",
                                     username="leader_lise").exists()


def test_bad_input_is_reported_and_nothing_changes(client, world: World,
                                                   study: WisnStudy) -> None:
    activity = WorkloadActivity.objects.get(category__name="psychologist")
    login(client, world, "leader_lise")
    response = client.post(f"/workload/activities/{activity.pk}/update/",
                           {f"a{activity.pk}-annual_workload": "1500",
                            f"a{activity.pk}-minutes_per_unit": "0"}, HTTP_HX_REQUEST="true")
    assert response.context["problems"]
    activity.refresh_from_db()
    assert activity.minutes_per_unit == 60


@pytest.mark.parametrize("persona", ["leader_ola", "planner_pia", "employee_erik",
                                     "adviser_sara"])
def test_others_may_not_edit(client, world: World, study: WisnStudy, persona: str) -> None:
    activity = WorkloadActivity.objects.get(category__name="psychologist")
    login(client, world, persona)
    response = client.post(f"/workload/activities/{activity.pk}/update/",
                           {f"a{activity.pk}-annual_workload": "1",
                            f"a{activity.pk}-minutes_per_unit": "1"})
    assert response.status_code in (403, 404)
    assert client.post(f"/workload/studies/{study.pk}/delete/").status_code in (403, 404)
    activity.refresh_from_db()
    assert activity.annual_workload == 1500


def test_planner_reads_results_with_small_register_figures_hidden(client, world: World,
                                                                  study: WisnStudy) -> None:
    """The psychologist figure rests on one person (Erik): hidden from the planner; the
    nurse figure was entered in the study: shown (2 / (300 / 1583.325) = 10.56)."""
    login(client, world, "planner_pia")
    page = client.get(f"/workload/studies/{study.pk}/")
    rows = {row.result.name: row for row in page.context["report"].rows}
    assert rows["psychologist"].hidden and rows["psychologist"].existing is None
    assert rows["psychologist"].ratio is None
    assert rows["nurse"].ratio == pytest.approx(2 / (300 / AWT))
    assert not page.context["editable"]
    assert 'id="suppression-note"' in page.content.decode()
    results = client.get(f"/api/workload/studies/{study.pk}/results/").json()
    psychologist = results["categories"][0]
    assert psychologist["existing_staff"] is None and psychologist["existing_staff_hidden"]
    assert psychologist["required_staff"] == round(1500 / AWT, 4)


def test_api_results_for_the_leader(client, world: World, study: WisnStudy) -> None:
    login(client, world, "leader_lise")
    data = client.get(f"/api/workload/studies/{study.pk}/results/").json()
    psychologist = data["categories"][0]
    assert psychologist["available_hours"] == round(AWT, 2)
    assert psychologist["existing_staff"] == 1.0
    assert psychologist["wisn_ratio"] == round(1 / (1500 / AWT), 4)
    assert data["required_staff"] == round(1800 / AWT, 4)
    listing = client.get("/api/workload/studies/").json()
    assert [row["id"] for row in listing["results"]] == [study.pk]
    login(client, world, "adviser_sara")
    assert client.get("/api/workload/studies/").json()["results"] == []


def test_scenario_compares_before_and_after(client, world: World, study: WisnStudy) -> None:
    """Half of the 1500 psychologist contacts to the nurses at 75 minutes:
    psychologist 750 h, nurse 300 + 750 * 1.25 = 1237.5 h (over 1583.325 h)."""
    login(client, world, "leader_lise")
    client.post(f"/workload/studies/{study.pk}/scenarios/add/", {"name": "Oppgavedeling"})
    scenario = study.scenarios.get()
    activity = WorkloadActivity.objects.get(category__name="psychologist")
    nurse = study.categories.get(name="nurse")
    response = client.post(f"/workload/scenarios/{scenario.pk}/moves/add/", {
        f"s{scenario.pk}-activity": activity.pk, f"s{scenario.pk}-to_category": nurse.pk,
        f"s{scenario.pk}-share_percent": "50", f"s{scenario.pk}-minutes_per_unit": "75"})
    assert response.status_code == 302
    comparison = client.get(f"/workload/studies/{study.pk}/").context["report"].comparisons[0]
    after = {row.category: row.required_after for row in comparison.rows}
    assert after == pytest.approx({"psychologist": 750 / AWT, "nurse": 1237.5 / AWT})


def xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_workload_import(client, world: World, study: WisnStudy) -> None:
    login(client, world, "leader_lise")
    good = xlsx([["Kategori", "Aktivitet", "Årlig arbeidsmengde", "Minutter per enhet", "Kilde"],
                 ["psychologist", "contact", 1800, None, "NPR 2023"],
                 ["nurse", "home visit", 120, 90, ""]])
    upload = io.BytesIO(good)
    upload.name = "arbeidsmengde.xlsx"
    response = client.post(f"/workload/studies/{study.pk}/import/", {"file": upload})
    assert response.status_code == 302
    contact = WorkloadActivity.objects.get(category__name="psychologist", name="contact")
    assert (contact.annual_workload, contact.minutes_per_unit, contact.source) == \
        (1800, 60, "NPR 2023")
    assert WorkloadActivity.objects.get(name="home visit").minutes_per_unit == 90

    bad = io.BytesIO(xlsx([["kategori", "aktivitet", "årlig_arbeidsmengde"],
                           ["doctor", "contact", 10],
                           ["nurse", "new thing", "mange"]]))
    bad.name = "feil.xlsx"
    response = client.post(f"/workload/studies/{study.pk}/import/", {"file": bad})
    errors = [(e.row, e.column) for e in response.context["result"].errors]
    assert errors == [(2, "kategori"), (3, "årlig_arbeidsmengde"), (3, "minutter_per_enhet")]
    assert not WorkloadActivity.objects.filter(name="new thing").exists()


def test_export(client, world: World, study: WisnStudy) -> None:
    login(client, world, "adviser_arne")
    response = client.get(f"/workload/studies/{study.pk}/export.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    results = book["Resultat"]
    assert results["A2"].value == "psychologist"
    assert results["I2"].value == pytest.approx(1500 / AWT)
    assert results["J2"].value == 1.0


def test_leader_sets_working_time_by_hand_and_back_from_the_calendar(client, world: World,
                                                                      study: WisnStudy) -> None:
    """Percentage basis: 1950 h less 10,6 % and 6 % = 1626.3 h; then back to the calendar
    of 2025 (1583.325 h)."""
    login(client, world, "leader_lise")
    response = client.post(f"/workload/studies/{study.pk}/edit/", {
        "name": study.name, "year": "2025", "basis": "percent", "working_days": "261",
        "public_holidays": "9", "annual_leave": "25", "sick_leave": "15,89",
        "other_leave": "0", "hours_per_day": "7,5", "contract_hours": "1950",
        "deductions_percent": "ferie: 10,6\nsykefravær: 6", "note": ""})
    assert response.status_code == 302
    report = client.get(f"/workload/studies/{study.pk}/").context["report"]
    assert report.rows[0].result.available.hours == pytest.approx(1626.3)
    bad = client.post(f"/workload/studies/{study.pk}/edit/", {
        "name": study.name, "year": "2025", "basis": "percent", "working_days": "261",
        "public_holidays": "9", "annual_leave": "25", "sick_leave": "0", "other_leave": "0",
        "hours_per_day": "7,5", "contract_hours": "1950", "deductions_percent": "alt 50"})
    assert bad.status_code == 200 and bad.context["form"].errors["deductions_percent"]
    client.post(f"/workload/studies/{study.pk}/calendar/")
    report = client.get(f"/workload/studies/{study.pk}/").context["report"]
    assert report.rows[0].result.available.hours == pytest.approx(AWT)


def test_new_study_page_shows_the_year_without_a_thousands_separator(client, world: World
                                                                     ) -> None:
    login(client, world, "leader_lise")
    page = client.get(f"/workload/units/{world.section_a.pk}/new/").content.decode()
    year = timezone.localdate().year
    assert f'name="year" value="{year}"' in page
