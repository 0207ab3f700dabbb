"""Goals: services, status on the pages, disclosure control, export, API and to-do list.

The personas' world (tests/personas.py): Erik (psychologist, specialist approval from
2019-06-01) and Kari (doctor) hold permanent posts in BUP Nord (Nordvik HF) since
2015-01-01; Siri (nurse) in BUP Sør; Tor (social worker) in Solstad HF. Today is fixed at
2026-06-30.

Manual indicator worked by hand: baseline 10 on 2024-12-31, target 20 by 2027-12-31
(1095 days), higher is better.
  value 12 on 2025-12-31: path = 10 + 10 * 365/1095 = 13.33 -> 12 is short: off track;
  value 16 on 2026-06-30: path = 10 + 10 * 546/1095 = 14.99 -> on track;
  value 20: the target -> met.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from fagkraft.audit.models import AuditEvent
from fagkraft.core import dates
from fagkraft.core.todo import items_for
from fagkraft.engine.goals import Status
from fagkraft.goals import reports, services
from fagkraft.goals.models import Goal, ManualValue
from tests.personas import World

TODAY = dt.date(2026, 6, 30)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)


@pytest.fixture
def trust_goal(world: World) -> Goal:
    goal = services.create_goal(world.users["adviser_arne"], unit=world.trust,
                                text="Flere veiledere", deadline=dt.date(2027, 12, 31))
    indicator = services.add_indicator(None, goal, kind="manual", name="Veiledere",
                                       baseline=10, baseline_on=dt.date(2024, 12, 31),
                                       target=20)
    services.add_manual_value(None, indicator, period_end=dt.date(2025, 12, 31), value=12,
                              source="Telling")
    return goal


@pytest.fixture
def hires_goal(world: World) -> Goal:
    goal = services.create_goal(world.users["planner_pia"], unit=world.region,
                                text="Rekruttering", deadline=dt.date(2027, 12, 31))
    services.add_indicator(None, goal, kind="hires", profession_group="psychologist",
                           baseline=0, baseline_on=dt.date(2015, 12, 31), target=2)
    return goal


def test_services_write_and_audit(world: World, trust_goal: Goal) -> None:
    indicator = trust_goal.indicators.get()
    assert trust_goal.owner == world.users["adviser_arne"]
    assert indicator.unit == world.trust and indicator.direction == "higher"
    events = AuditEvent.objects.filter(object_type__startswith="goals.")
    assert sorted(events.values_list("object_type", flat=True)) == [
        "goals.goal", "goals.indicator", "goals.manualvalue"]
    # A second value for the same period replaces the first.
    services.add_manual_value(None, indicator, period_end=dt.date(2025, 12, 31), value=13,
                              source="Ny telling")
    assert list(ManualValue.objects.values_list("value", flat=True)) == [13]


def test_invalid_definitions_are_refused(world: World, trust_goal: Goal) -> None:
    with pytest.raises(ValidationError):  # a goal belongs to a trust or region
        services.create_goal(None, unit=world.section_a, text="x", deadline=TODAY)
    with pytest.raises(ValidationError):  # the scope lies outside the goal's trust
        services.add_indicator(None, trust_goal, kind="specialist_share",
                               unit=world.other_section, baseline=1,
                               baseline_on=TODAY, target=2)
    with pytest.raises(ValidationError):  # turnover of which profession?
        services.add_indicator(None, trust_goal, kind="leaver_rate", baseline=1,
                               baseline_on=TODAY, target=2)
    register = services.add_indicator(None, trust_goal, kind="long_vacancies", baseline=1,
                                      baseline_on=TODAY, target=0)
    with pytest.raises(ValidationError):  # register indicators take no typed values
        services.add_manual_value(None, register, period_end=TODAY, value=1, source="x")


def test_status_worked_by_hand(world: World, trust_goal: Goal) -> None:
    user = world.users["adviser_arne"]
    indicator = trust_goal.indicators.get()
    assert reports.goal_view(trust_goal, user, TODAY).status == Status.OFF_TRACK
    view = reports.indicator_view(indicator, user, TODAY)
    assert view.assessment.expected == pytest.approx(10 + 10 * 365 / 1095)
    services.add_manual_value(None, indicator, period_end=TODAY, value=16, source="Telling")
    assert reports.goal_view(trust_goal, user, TODAY).status == Status.ON_TRACK
    services.add_manual_value(None, indicator, period_end=TODAY, value=20, source="Telling")
    assert reports.goal_view(trust_goal, user, TODAY).status == Status.MET


def test_adviser_adds_a_value_on_the_page_and_the_status_changes(
        client, world: World, trust_goal: Goal) -> None:
    indicator = trust_goal.indicators.get()
    client.force_login(world.users["adviser_arne"])
    page = client.get(f"/goals/{trust_goal.pk}/").content.decode()
    assert 'id="goal-status">Ikke i rute<' in page
    response = client.post(f"/goals/indicators/{indicator.pk}/values/add/", {
        f"v{indicator.pk}-period_end": "30.06.2026", f"v{indicator.pk}-value": "16",
        f"v{indicator.pk}-source": "Egen telling"})
    assert response.status_code == 302
    page = client.get(f"/goals/{trust_goal.pk}/").content.decode()
    assert 'id="goal-status">I rute<' in page
    value = ManualValue.objects.get(period_end=TODAY)
    assert (value.value, value.entered_by) == (16, world.users["adviser_arne"])


def test_who_may_post_values(client, world: World, trust_goal: Goal) -> None:
    indicator = trust_goal.indicators.get()
    url = f"/goals/indicators/{indicator.pk}/values/add/"
    form = {f"v{indicator.pk}-period_end": "30.06.2026", f"v{indicator.pk}-value": "16",
            f"v{indicator.pk}-source": "x"}
    expected = {"leader_lise": 403, "employee_erik": 403, "adviser_sara": 404,
                "planner_pia": 302}
    for persona, status in expected.items():
        client.force_login(world.users[persona])
        assert client.post(url, form).status_code == status, persona
    assert ManualValue.objects.filter(period_end=TODAY).count() == 1  # the planner's


def test_register_indicator_with_disclosure_control(world: World, hires_goal: Goal) -> None:
    """Psychologist hires in the region: Erik in 2015, nobody since. 2015..2026 = 12
    values; the adviser's trust figure is not hidden for the administrator; the
    planner's 1 (under 5) is hidden, zeros are shown."""
    indicator = hires_goal.indicators.get()
    admin = reports.indicator_view(indicator, world.users["admin_ada"], TODAY)
    assert [point.value for point in admin.series] == [1.0] + [0.0] * 11
    assert admin.series[0].on == dt.date(2015, 12, 31) and admin.series[-1].on == TODAY
    planner = reports.indicator_view(indicator, world.users["planner_pia"], TODAY)
    assert [point.value for point in planner.series] == [None] + [0.0] * 11
    # Target 2 by 2027-12-31 from 0 on 2015-12-31; the latest 0 is short of the path.
    assert planner.status == Status.OFF_TRACK


def test_region_page_compares_trusts_with_complementary_hiding(
        client, world: World, hires_goal: Goal) -> None:
    """Per trust, 2015: Nordvik 1, Solstad 0. For the planner Nordvik's 1 is hidden, and
    Solstad's 0 with it (the region's 1 minus Solstad's 0 would give Nordvik's away)."""
    comparison = reports.region_comparison(hires_goal, world.users["planner_pia"], TODAY)[0]
    first = {unit.code: view.series[0].value for unit, view in comparison.rows}
    assert first == {"NVHF": None, "SSHF": None}
    second = {unit.code: view.series[1].value for unit, view in comparison.rows}
    assert second == {"NVHF": 0.0, "SSHF": 0.0}
    admin = reports.region_comparison(hires_goal, world.users["admin_ada"], TODAY)[0]
    assert {unit.code: view.series[0].value for unit, view in admin.rows} == {
        "NVHF": 1.0, "SSHF": 0.0}
    client.force_login(world.users["planner_pia"])
    page = client.get(f"/goals/{hires_goal.pk}/region/")
    assert page.status_code == 200 and "Solstad HF" in page.content.decode()


def test_goal_page_shows_baseline_target_and_chart_data(client, world: World,
                                                       hires_goal: Goal) -> None:
    client.force_login(world.users["planner_pia"])
    response = client.get(f"/goals/{hires_goal.pk}/")
    html = response.content.decode()
    assert 'class="baseline">0,0 (31.12.2015)' in html
    assert 'class="target">2,0 (31.12.2027)' in html
    assert '"baseline": {"x": ["2015-12-31", "2027-12-31"], "y": [0.0, 0.0]}' in html
    assert response.context["rows"][0]["view"].series[0].value is None  # hidden "x"


def test_export_writes_every_period(client, world: World, hires_goal: Goal) -> None:
    client.force_login(world.users["planner_pia"])
    response = client.get(f"/goals/{hires_goal.pk}/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 12  # 2015..2026
    assert rows[0][-1] == "x" and rows[1][-1] == 0
    assert rows[0][3:6] == (0, dt.datetime(2015, 12, 31), 2)


def test_api_status_follows_the_access_policy(client, world: World, trust_goal: Goal,
                                              hires_goal: Goal) -> None:
    client.force_login(world.users["planner_pia"])
    data = client.get(f"/api/goals/goals/{hires_goal.pk}/status/").json()
    assert data["status"] == "off_track"
    assert data["indicators"][0]["series"][0] == {"on": "2015-12-31", "value": None}
    client.force_login(world.users["adviser_sara"])
    listed = client.get("/api/goals/goals/").json()
    ids = {row["id"] for row in listed["results"]} if "results" in listed else {
        row["id"] for row in listed}
    assert ids == {hires_goal.pk}  # the region's, not Nordvik's
    assert client.get(f"/api/goals/goals/{trust_goal.pk}/").status_code == 404


def test_todo_shows_goals_off_track_to_owner_and_leaders(world: World,
                                                         trust_goal: Goal) -> None:
    def off_track(persona: str) -> int:
        found = [item for item in items_for(world.users[persona])
                 if item.url.startswith("/goals/")]
        return found[0].count if found else 0

    # Nordvik's goal is off track (12 short of 13.33): its owner sees it, and so does
    # the planner, whose region it lies in; Solstad's adviser and a section leader not
    # (the goal is their trust's, not of their own units).
    assert off_track("adviser_arne") == 1
    assert off_track("planner_pia") == 1
    assert off_track("adviser_sara") == 0
    assert off_track("leader_lise") == 0
    assert off_track("employee_erik") == 0


def test_adviser_defines_a_goal_and_an_indicator_on_the_pages(client, world: World) -> None:
    client.force_login(world.users["adviser_arne"])
    response = client.post("/goals/new/", {
        "unit": world.trust.pk, "text": "Færre ledige stillinger", "kind": "result",
        "programme": "", "deadline": "31.12.2027"})
    goal = Goal.objects.get(text="Færre ledige stillinger")
    assert response.status_code == 302 and goal.owner == world.users["adviser_arne"]
    # Solstad HF is not the adviser's: not a valid choice.
    refused = client.post("/goals/new/", {"unit": world.other_trust.pk, "text": "x",
                                          "kind": "effect", "deadline": "31.12.2027"})
    assert refused.status_code == 200 and Goal.objects.count() == 1
    form = {"kind": "leaver_rate", "unit": world.section_a.pk, "profession_group": "",
            "name": "", "baseline": "10,5", "baseline_on": "31.12.2024", "target": "8",
            "direction": "lower"}
    missing_group = client.post(f"/goals/{goal.pk}/indicators/add/", form)
    assert "Velg en yrkesgruppe." in missing_group.content.decode()
    added = client.post(f"/goals/{goal.pk}/indicators/add/",
                        {**form, "profession_group": "psychologist"})
    assert added.status_code == 302
    indicator = goal.indicators.get()
    assert (indicator.unit, indicator.baseline, indicator.target) == (world.section_a, 10.5, 8)
    # The region's planner may change the trust's goal; the trust's leader may not.
    client.force_login(world.users["leader_lise"])
    assert client.get(f"/goals/{goal.pk}/indicators/add/").status_code == 403


def test_the_to_do_link_lists_what_it_counts(client, world: World, trust_goal: Goal,
                                             hires_goal: Goal) -> None:
    """The planner: the region's hires goal (owned, off track) and Nordvik's (in the
    region, off track) -> 2, and the list behind the link shows those two; a goal whose
    deadline has passed is left out of both."""
    services.create_goal(world.users["planner_pia"], unit=world.region, text="Gammelt mål",
                         deadline=dt.date(2020, 12, 31))
    planner = world.users["planner_pia"]
    item = next(item for item in items_for(planner) if item.url.startswith("/goals/"))
    assert item.count == 2
    client.force_login(planner)
    table = client.get(item.url).context["table"]
    assert sorted(row.record.pk for row in table.rows) == sorted([trust_goal.pk,
                                                                  hires_goal.pk])
    assert [row.record.indicator_count for row in table.rows] == [1, 1]
