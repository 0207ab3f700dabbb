"""The competence pages: who may open what, the leader's matrix, reporting and approving.

Hand-made case (T = today; both rules apply to everyone, deadline 90 days):
  SUI  "Suicide day course", never expires;  MAP "Aggression course", valid 12 months.

  person (unit)          hired     SUI                       MAP
  Erik (NV-BUP-A)        2015      done 2016 -> met          done T-13 months: expired a
                                                             month ago, deadline 2015 ->
                                                             overdue
  Kari (NV-BUP-A)        2015      never, deadline 2015      done T-12 months+10 days:
                                   -> missing                expires in ~10 days -> due soon
  Nina (NV-BUP-A)        T-10 d    never, deadline T+80      never, deadline T+80 ->
                                   -> not yet due (80 > 30)  not yet due
  Siri (NV-BUP-B)        2015      never -> missing          done T-30 d -> met
  Tor  (SS-DPS-A, SSHF)  2015      never -> missing          never -> missing

Per requirement in NV-BUP-A: SUI 3 persons, 1 not yet due (apart), compliant 1 (met) of
2 due = 50 %; MAP 3 persons, 1 not yet due, compliant 1 (due soon) of 2 due = 50 %.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from fagkraft.audit.models import AuditEvent
from fagkraft.competence import services
from fagkraft.competence.models import Completion
from fagkraft.engine.compliance import add_months
from fagkraft.workforce import services as workforce

PERSONAS = ["employee_erik", "leader_lise", "leader_ola", "adviser_arne", "adviser_sara",
            "planner_pia", "admin_ada"]


@pytest.fixture
def case(world):
    today = timezone.localdate()
    sui = services.create_competence(None, code="SUI", name="Suicide day course",
                                     kind="course", hours=7.5)
    map_ = services.create_competence(None, code="MAP", name="Aggression course",
                                      kind="course", validity_months=12)
    services.create_rule(None, competence=sui, deadline_days=90)
    services.create_rule(None, competence=map_, deadline_days=90)
    nina = workforce.create_employee(
        None, trust=world.trust, employee_number="1004", first_name="Nina", last_name="Ny",
        birth_date=dt.date(1995, 1, 1), sex="F", profession=world.nurse)
    workforce.add_position(None, nina, unit=world.section_a, fte_percent=100,
                           kind="permanent", start_date=today - dt.timedelta(days=10))

    def done(person, competence, day):
        services.record_completion(None, employee=person, competence=competence,
                                   completed_on=day)

    done(world.erik, sui, dt.date(2016, 1, 1))
    done(world.erik, map_, add_months(today, -13))
    done(world.kari, map_, add_months(today, -12) + dt.timedelta(days=10))
    done(world.siri, map_, today - dt.timedelta(days=30))
    return {"sui": sui, "map": map_, "nina": nina, "today": today}


def cell(html: str, employee_pk: int, competence_pk: int) -> tuple[str, str]:
    """(css class, status) of one matrix cell."""
    found = re.search(
        rf'<span class="badge ?(\w*)" data-status="(\w+)" id="cell-{employee_pk}-{competence_pk}"',
        html)
    assert found, f"no cell {employee_pk}-{competence_pk}"
    return found.group(1), found.group(2)


def status_code(client, url: str, username: str) -> int:
    client.logout()
    client.force_login(client_user(username))
    return client.get(url).status_code


def client_user(username: str):
    from django.contrib.auth.models import User

    return User.objects.get(username=username)


# --- Who gets 200, who 403 (never this kind of page) and who 404 (out of scope) --------


@pytest.mark.parametrize(("page", "allowed", "forbidden"), [
    ("mine", {"employee_erik"}, set(PERSONAS) - {"employee_erik"}),
    ("person_kari", {"leader_lise", "adviser_arne", "admin_ada"}, {"planner_pia"}),
    ("unit_a", {"leader_lise", "adviser_arne", "admin_ada"}, {"employee_erik", "planner_pia"}),
    ("unit_a_export", {"leader_lise", "adviser_arne", "admin_ada"},
     {"employee_erik", "planner_pia"}),
    ("rollup_region", {"planner_pia", "admin_ada"}, {"employee_erik"}),
    ("rollup_trust", {"adviser_arne", "planner_pia", "admin_ada"}, {"employee_erik"}),
    ("education_plan_a", {"leader_lise", "adviser_arne", "planner_pia", "admin_ada"},
     {"employee_erik"}),
    ("education_plan_a_export", {"leader_lise", "adviser_arne", "admin_ada"},
     {"employee_erik", "planner_pia"}),
    ("overview", set(PERSONAS), set()),
    ("catalogue", set(PERSONAS), set()),
])
def test_who_may_open_each_page(client, world, case, page, allowed, forbidden):
    urls = {
        "mine": reverse("competence:mine"),
        "person_kari": reverse("competence:person", args=[world.kari.pk]),
        "unit_a": reverse("competence:unit", args=[world.section_a.pk]),
        "unit_a_export": reverse("competence:unit_export", args=[world.section_a.pk]),
        "rollup_region": reverse("competence:rollup", args=[world.region.pk]),
        "rollup_trust": reverse("competence:rollup", args=[world.trust.pk]),
        "education_plan_a": reverse("competence:education_plan", args=[world.section_a.pk]),
        "education_plan_a_export": reverse("competence:education_plan_export",
                                           args=[world.section_a.pk]),
        "overview": reverse("competence:overview"),
        "catalogue": reverse("competence:catalogue"),
    }
    got = {username: status_code(client, urls[page], username) for username in PERSONAS}
    assert got == {username: 200 if username in allowed else 403 if username in forbidden
                   else 404 for username in PERSONAS}


def test_anonymous_users_are_sent_to_login(client, world):
    response = client.get(reverse("competence:catalogue"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_own_person_page_is_my_page(login, world):
    client = login("employee_erik")
    response = client.get(reverse("competence:person", args=[world.erik.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("competence:mine")


# --- The leader's matrix -----------------------------------------------------------------


def test_matrix_colours_for_the_hand_made_case(login, world, case):
    html = login("leader_lise").get(
        reverse("competence:unit", args=[world.section_a.pk])).content.decode()
    sui, map_, nina = case["sui"].pk, case["map"].pk, case["nina"].pk
    assert cell(html, world.erik.pk, sui) == ("ok", "met")
    assert cell(html, world.erik.pk, map_) == ("bad", "overdue")
    assert cell(html, world.kari.pk, sui) == ("bad", "missing")
    assert cell(html, world.kari.pk, map_) == ("warn", "due_soon")
    assert cell(html, nina, sui) == ("", "not_yet_due")
    assert cell(html, nina, map_) == ("", "not_yet_due")
    # Siri works in the other section: not in this matrix.
    assert f"cell-{world.siri.pk}-" not in html
    # Columns: persons, met, due soon, overdue, missing, compliant of those due, share,
    # not yet due (issue 12: apart, outside the share). SUI: Erik met, Kari missing, Nina
    # not yet due; MAP: Kari due soon, Erik overdue, Nina not yet due. 1 of 2 due: 50 %.
    expected = {sui: ["3", "1", "0", "0", "1", "1 av 2", "50,0 %", "1"],
                map_: ["3", "0", "1", "1", "0", "1 av 2", "50,0 %", "1"]}
    for pk, numbers in expected.items():
        row = re.search(rf'<tr id="requirement-{pk}">(.*?)</tr>', html, re.S).group(1)
        assert re.findall(r'<td class="num">([^<]*)</td>', row) == numbers
    # The key figures come from the same statuses: 6 requirements, 2 not yet due, 4 due,
    # 2 compliant (Erik SUI, Kari MAP): 50,0 %, "2 av 4".
    kpis = re.search(r'<section class="kpis".*?</section>', html, re.S).group(0)
    assert re.search(r'id="kpi-share"><div class="value">50,0 %</div>', kpis)
    assert "2 av 4" in kpis
    assert re.search(r'id="kpi-not-yet-due"><div class="value">2</div>', kpis)
    # The matrix's per-person count, on the same base: Erik (SUI met, MAP overdue) and
    # Kari (SUI missing, MAP due soon) 1/2; Nina has nothing due yet: "–", not "2/2".
    matrix = re.search(r'<table[^>]*id="matrix".*?</table>', html, re.S).group(0)
    for name, expected in (("Ansatt, Erik", "1/2"), ("Lege, Kari", "1/2"), ("Ny, Nina", "–")):
        person_row = next(r for r in re.findall(r"<tr.*?</tr>", matrix, re.S) if name in r)
        assert re.findall(r'<td class="num">([^<]*)</td>', person_row) == [expected], name
    chart = json.loads(re.search(r'id="share-chart"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert chart["x"] == ["Aggression course", "Suicide day course"]  # names, not codes


def test_department_shows_its_sections_for_drill_down(login, world, case):
    """NV-BUP: section A has 6 requirements, 2 in breach (Erik MAP, Kari SUI), 2 not yet
    due (Nina): 2 of 4 due = 50 %; section B has Siri's 2, 1 in breach (SUI missing), none
    not yet due: 1 of 2 = 50 %."""
    html = login("adviser_arne").get(
        reverse("competence:unit", args=[world.department.pk])).content.decode()
    table = re.search(r'<table id="child-units">(.*?)</table>', html, re.S).group(1)
    assert reverse("competence:unit", args=[world.section_a.pk]) in table
    rows = re.findall(r"<tr><td>.*?</tr>", table, re.S)
    numbers = [re.findall(r'<td class="num">([^<]*)</td>', row) for row in rows]
    assert numbers == [["3", "6", "2", "50,0 %", "2"], ["1", "2", "1", "50,0 %", "0"]]


def test_due_list_holds_overdue_missing_and_soon_due(login, world, case):
    """Due within 90 days or late: Erik MAP (overdue), Kari SUI (missing), Kari MAP (due
    soon), Nina SUI and MAP (deadline T+80). Erik's SUI never expires: not listed."""
    html = login("leader_lise").get(
        reverse("competence:unit", args=[world.section_a.pk])).content.decode()
    due = re.search(r'<table id="due-list".*?</table>', html, re.S).group(0)
    assert due.count('data-status=') == 5
    assert due.count('data-status="not_yet_due"') == 2


# --- Report, approve, met ----------------------------------------------------------------


def test_employee_report_waits_for_the_leader_and_then_counts(login, client, world, case):
    map_ = case["map"]
    today = case["today"]
    erik = login("employee_erik")
    response = erik.post(reverse("competence:mine"), {
        "report-competence": map_.pk, "report-completed_on": today.isoformat(),
        "report-hours": "7,5", "report-note": "Refresher"})
    assert response.status_code == 302
    report = Completion.objects.get(employee=world.erik, competence=map_, completed_on=today)
    assert (report.status, report.source, str(report.hours)) == ("pending", "employee", "7.50")

    client.logout()
    lise = login("leader_lise")
    url = reverse("competence:unit", args=[world.section_a.pk])
    html = lise.get(url).content.decode()
    assert cell(html, world.erik.pk, map_.pk) == ("bad", "overdue")  # pending: not yet
    assert f'id="pending-{report.pk}"' in html

    response = lise.post(reverse("competence:approve", args=[report.pk]), {"next": url})
    assert response.status_code == 302 and response["Location"] == url
    report.refresh_from_db()
    assert report.status == "approved"
    # Completed today, valid 12 months: more than 30 days left, so met.
    assert cell(lise.get(url).content.decode(), world.erik.pk, map_.pk) == ("ok", "met")


def test_htmx_approve_returns_the_updated_row(login, world, case):
    report = services.record_completion(None, employee=world.kari, competence=case["sui"],
                                        completed_on=case["today"], source="employee")
    response = login("leader_lise").post(reverse("competence:approve", args=[report.pk]),
                                         HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and html.startswith(f'<tr id="pending-{report.pk}">')
    assert 'class="badge ok"' in html


def test_htmx_decision_on_the_dashboard_updates_the_waiting_count(login, world, case):
    """Issue 12: after an approval the row changed but "Awaiting approval" kept the old count.
    Kari and Erik (NV-BUP-A) each report SUI: the dashboard shows 2 waiting. Approving
    Kari's sends back her row and, out of band, the count 1; rejecting Erik's then 0."""
    def report(person):
        return services.record_completion(None, employee=person, competence=case["sui"],
                                          completed_on=case["today"], source="employee")

    karis, eriks = report(world.kari), report(world.erik)
    lise = login("leader_lise")
    dashboard = lise.get(reverse("competence:unit", args=[world.section_a.pk])).content.decode()
    assert waiting(dashboard) == "2"
    assert f'name="unit" value="{world.section_a.pk}"' in dashboard
    on_unit = {"unit": world.section_a.pk}
    html = lise.post(reverse("competence:approve", args=[karis.pk]), on_unit,
                     HTTP_HX_REQUEST="true").content.decode()
    assert html.startswith(f'<tr id="pending-{karis.pk}">') and waiting(html, oob=True) == "1"
    html = lise.post(reverse("competence:reject", args=[eriks.pk]),
                     {**on_unit, "reason": "No certificate"}, HTTP_HX_REQUEST="true")
    assert waiting(html.content.decode(), oob=True) == "0"


def test_a_decision_on_a_unit_out_of_scope_changes_nothing(login, world, case):
    """Lise leads NV-BUP-A only: naming NV-BUP-B's dashboard is "not found", before the
    approval is written."""
    karis = services.record_completion(None, employee=world.kari, competence=case["sui"],
                                       completed_on=case["today"], source="employee")
    response = login("leader_lise").post(reverse("competence:approve", args=[karis.pk]),
                                         {"unit": world.section_b.pk}, HTTP_HX_REQUEST="true")
    assert response.status_code == 404
    karis.refresh_from_db()
    assert karis.status == "pending"


def waiting(html: str, oob: bool = False) -> str:
    """The "Awaiting approval" key figure, from the page or from an out-of-band swap."""
    swap = ' hx-swap-oob="true"' if oob else ""
    found = re.search(rf'<div class="kpi" id="kpi-pending"{swap}><div class="value">(\d+)</div>',
                      html)
    assert found, "no awaiting-approval figure"
    return found.group(1)


def test_reject_keeps_the_requirement_open(login, world, case):
    report = services.record_completion(None, employee=world.kari, competence=case["sui"],
                                        completed_on=case["today"], source="employee")
    login("leader_lise").post(reverse("competence:reject", args=[report.pk]),
                              {"reason": "No certificate"})
    report.refresh_from_db()
    assert report.status == "rejected" and "No certificate" in report.note


@pytest.mark.parametrize(("username", "status"), [
    ("leader_ola", 404), ("adviser_sara", 404),  # Kari is outside their scope
    ("planner_pia", 403),  # planners never see persons
    ("employee_erik", 404),  # an employee sees only their own completions
])
def test_only_the_persons_own_leaders_approve(client, world, case, username, status):
    report = services.record_completion(None, employee=world.kari, competence=case["sui"],
                                        completed_on=case["today"], source="employee")
    client.force_login(client_user(username))
    assert client.post(reverse("competence:approve", args=[report.pk])).status_code == status
    report.refresh_from_db()
    assert report.status == "pending"


def test_nobody_approves_their_own_report(client, world, case):
    """A leader who is also an employee (Kari leads herself here) cannot approve herself."""
    from fagkraft.accounts.models import Role
    from tests.personas import make_user

    kari_leader = make_user("leader_kari", Role.LEADER, unit=world.section_a,
                            employee=world.kari)
    report = services.record_completion(None, employee=world.kari, competence=case["sui"],
                                        completed_on=case["today"], source="employee")
    client.force_login(kari_leader)
    assert client.post(reverse("competence:approve", args=[report.pk])).status_code == 403


def test_leader_registers_a_completion_and_the_person_turns_green(login, world, case):
    url = reverse("competence:unit", args=[world.section_a.pk])
    lise = login("leader_lise")
    response = lise.post(url, {
        "record-employee": world.kari.pk, "record-competence": case["sui"].pk,
        "record-completed_on": case["today"].isoformat(), "record-hours": "7,5"})
    assert response.status_code == 302
    completion = Completion.objects.get(employee=world.kari, competence=case["sui"])
    assert (completion.status, completion.source) == ("approved", "leader")
    assert cell(lise.get(url).content.decode(), world.kari.pk, case["sui"].pk) == ("ok", "met")


def test_leader_cannot_register_for_someone_elses_person(login, world, case):
    response = login("leader_lise").post(
        reverse("competence:unit", args=[world.section_a.pk]), {
            "record-employee": world.siri.pk, "record-competence": case["sui"].pk,
            "record-completed_on": case["today"].isoformat()})
    assert response.status_code == 200  # the form refuses Siri: not a choice
    assert not Completion.objects.filter(employee=world.siri, competence=case["sui"]).exists()


def test_employee_cannot_post_on_another_persons_page(login, world, case):
    response = login("employee_erik").post(
        reverse("competence:person", args=[world.kari.pk]),
        {"action": "record", "record-competence": case["sui"].pk,
         "record-completed_on": case["today"].isoformat()})
    assert response.status_code == 404  # Kari is outside an employee's scope
    assert not Completion.objects.filter(employee=world.kari, competence=case["sui"]).exists()


def test_future_completion_date_is_refused(login, world, case):
    tomorrow = case["today"] + dt.timedelta(days=1)
    response = login("employee_erik").post(reverse("competence:mine"), {
        "report-competence": case["sui"].pk, "report-completed_on": tomorrow.isoformat()})
    assert response.status_code == 200
    assert "Gjennomføringsdatoen er fram i tid." in response.content.decode()
    assert not Completion.objects.filter(completed_on=tomorrow).exists()


# --- Plans ---------------------------------------------------------------------------------


def test_leader_adds_plan_activities_and_the_employee_sees_them(login, client, world, case):
    lise = login("leader_lise")
    url = reverse("competence:person", args=[world.erik.pk])
    response = lise.post(url, {
        "action": "activity", "activity-kind": "development", "activity-year": "2026",
        "activity-title": "Family therapy course", "activity-target_date": "2026-10-01",
        "activity-status": "planned", "activity-notes": "From the annual appraisal"})
    assert response.status_code == 302
    plan = world.erik.plans.get()
    assert (plan.kind, plan.year) == ("development", 2026)
    activity = plan.activities.get()
    lise.post(url, {"action": "activity_status", "activity": activity.pk,
                    "status": "in_progress"})
    activity.refresh_from_db()
    assert activity.status == "in_progress"

    client.logout()
    html = login("employee_erik").get(reverse("competence:mine")).content.decode()
    assert "Family therapy course" in html and "01.10.2026" in html
    assert 'name="action" value="activity"' not in html  # the employee only reads


def test_an_activity_needs_a_competence_or_a_title(login, world, case):
    response = login("leader_lise").post(
        reverse("competence:person", args=[world.erik.pk]),
        {"action": "activity", "activity-kind": "competence", "activity-year": "2026",
         "activity-status": "planned"})
    assert response.status_code == 200 and not world.erik.plans.exists()


# --- Roll-up and suppression -----------------------------------------------------------------


def rollup_row(html: str, code: str) -> list[str]:
    row = re.search(rf'<tr id="rollup-{code}">(.*?)</tr>', html, re.S).group(1)
    return [unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", td)).strip())
            for td in re.findall(r'<td class="num">(.*?)</td>', row, re.S)]


def test_planner_sees_small_counts_as_less_than_five(login, world, case):
    """Region TST: 5 persons. MAP (alphabetically first column): Erik overdue, Kari due
    soon, Nina not yet due, Siri met, Tor missing: 2 compliant of the 4 fallen due, 2 in
    breach, 1 not yet due -> all hidden, so is the share. SUI: Erik met, Nina not yet
    due, the other three in breach: 1 of 4, 1 apart: hidden. Trust NVHF: 4 persons ->
    hidden; everything behind it hidden too. Hidden figures all read "x" (one mark for
    primary and complementary cells)."""
    html = login("planner_pia").get(
        reverse("competence:rollup", args=[world.region.pk])).content.decode()
    hidden = "– x/x +x ikke forfalt ennå"
    assert rollup_row(html, "TST") == ["5", hidden, hidden]
    assert rollup_row(html, "NVHF") == ["x", hidden, hidden]
    assert 'id="suppression-note"' in html
    assert f'{reverse("competence:unit", args=[world.trust.pk])}"' not in html  # no person drill


def test_adviser_sees_the_exact_rollup_of_the_trust(login, world, case):
    """NVHF (Erik, Kari, Nina, Siri): MAP: Kari due soon and Siri met of the 3 fallen due
    (Erik overdue) = 2/3 = 66,7 % (one decimal, as every share), Nina not yet due apart;
    SUI: Erik met of 3 (Kari and Siri in breach) = 33,3 %, Nina apart. (Not yet due
    counted apart since issue 16.)"""
    html = login("adviser_arne").get(
        reverse("competence:rollup", args=[world.trust.pk])).content.decode()
    row = ["4", "66,7 % 2/3 +1 ikke forfalt ennå", "33,3 % 1/3 +1 ikke forfalt ennå"]
    assert rollup_row(html, "NVHF") == row
    assert rollup_row(html, "NV-PHBU") == row
    assert "suppression-note" not in html


# --- Audit ------------------------------------------------------------------------------------


def test_reading_a_persons_competence_page_is_logged(login, world, case):
    login("leader_lise").get(reverse("competence:person", args=[world.kari.pk]))
    event = AuditEvent.objects.get(action="read", object_type="workforce.employee")
    assert (event.username, event.object_id, event.trust_id) == (
        "leader_lise", str(world.kari.pk), world.trust.pk)
    assert event.detail == {"page": "competence"}


def test_reading_my_own_page_is_logged_too(login, world, case):
    login("employee_erik").get(reverse("competence:mine"))
    assert AuditEvent.objects.filter(action="read", username="employee_erik",
                                     object_id=str(world.erik.pk)).count() == 1


# --- Education plan, overview, catalogue -----------------------------------------------------


def test_education_plan_counts_needs_and_plans(login, world, case):
    """NV-BUP-A, horizon T+365. SUI needed by Kari (missing, deadline 2015) and Nina
    (not yet due, T+80): 2, by Kari's 2015 deadline; Erik's never expires. MAP: Erik
    (overdue), Kari (due soon), Nina (T+80): 3. Kari has MAP planned: planned 1, 2 unplanned.
    """
    plan = services.create_plan(None, employee=world.kari, kind="competence", year=2026)
    services.add_activity(None, plan, competence=case["map"])
    services.add_activity(None, plan, title="Mentoring", status="done")  # done: not open
    html = login("leader_lise").get(
        reverse("competence:education_plan", args=[world.section_a.pk])).content.decode()
    for code, expected in (("SUI", ["2", "0", "2", "0"]), ("MAP", ["3", "1", "2", "0"])):
        row = re.search(rf'<tr id="need-{code}">(.*?)</tr>', html, re.S).group(1)
        assert re.findall(r'<td class="num">([^<]*)</td>', row) == expected
    assert "Mentoring" not in html


def test_education_plan_keeps_planned_within_needed(login, world, case):
    """Issue 12. Erik's SUI never expires (met): he needs no SUI, yet plans it. SUI: needed
    2 (Kari, Nina), of them planned 0, not planned 2; Erik's plan counts apart: 1. The
    earliest due date is Kari's 2015 deadline, already past: shown as overdue, not as 2015.
    """
    plan = services.create_plan(None, employee=world.erik, kind="competence", year=2026)
    services.add_activity(None, plan, competence=case["sui"])
    html = login("leader_lise").get(
        reverse("competence:education_plan", args=[world.section_a.pk])).content.decode()
    row = re.search(r'<tr id="need-SUI">(.*?)</tr>', html, re.S).group(1)
    assert re.findall(r'<td class="num">([^<]*)</td>', row) == ["2", "0", "2", "1"]
    by = re.search(r'<td class="by">(.*?)</td>', row, re.S).group(1)
    assert "2015" not in by and "Nå (forfalt)" in by


def test_planner_reads_the_split_plan_with_small_counts_hidden(login, world, case):
    """The same SUI row as above for the planner (disclosure control, threshold 5):
    needed 2, not planned 2 and Erik's 1 planned without a need are 1..4: hidden ("x");
    of them planned 0 is shown (a zero names nobody). The due date goes with the count."""
    plan = services.create_plan(None, employee=world.erik, kind="competence", year=2026)
    services.add_activity(None, plan, competence=case["sui"])
    html = login("planner_pia").get(
        reverse("competence:education_plan", args=[world.section_a.pk])).content.decode()
    row = re.search(r'<tr id="need-SUI">(.*?)</tr>', html, re.S).group(1)
    assert re.findall(r'<td class="num">([^<]*)</td>', row) == ["x", "0", "x", "x"]
    assert re.search(r'<td class="by">(.*?)</td>', row, re.S).group(1) == "–"


def test_overview_shows_holders_within_scope(login, world, case):
    """MAP is valid for Kari (expires in ~10 days) and Siri; Erik's expired. Lise sees
    NV-BUP-A only: Kari."""
    services.add_teacher(None, employee=world.siri, competence=case["map"], role="teacher")
    services.create_teaching_package(None, code="MAP-PAKKE", name="MAP package",
                                     shared=True, owner_unit=world.section_b,
                                     competences=[case["map"]])
    services.create_teaching_package(None, code="LOKAL", name="Local secret package",
                                     owner_unit=world.other_section)
    html = login("leader_lise").get(reverse("competence:overview"),
                                    {"competence": case["map"].pk}).content.decode()
    holders = re.search(r'<table[^>]*id="holders".*?</table>', html, re.S).group(0)
    assert "Lege, Kari" in holders and "Sykepleier" not in holders and "Ansatt" not in holders
    assert "Sykepleier, Siri" not in re.search(r'id="teachers".*?</table>', html, re.S).group(0)
    assert "MAP package" in html and "Local secret package" not in html


def test_catalogue_lists_competences_and_rules(login, world, case):
    html = login("employee_erik").get(reverse("competence:catalogue")).content.decode()
    assert "Suicide day course" in html and "Aggression course" in html
    rules = re.search(r'<table[^>]*id="rules".*?<tbody[^>]*>(.*?)</tbody>', html, re.S).group(1)
    assert rules.count("<tr") == 2


def test_the_dashboard_audits_the_people_it_shows(login, world, case, monkeypatch):
    """One person a page: the matrix shows Erik (Ansatt, first by last name) and the due
    list its earliest row (Kari's SUI, deadline 2015, or Erik's MAP): the read names
    those, never Nina (Ny), who is last in both; the aggregates above name nobody."""
    from fagkraft.competence import views

    monkeypatch.setattr(views, "MATRIX_PAGE_SIZE", 1)
    login("leader_lise").get(reverse("competence:unit", args=[world.section_a.pk]))
    event = AuditEvent.objects.filter(action="read", object_type="competence.status").get()
    persons = set(event.persons.values_list("employee_id", flat=True))
    assert world.erik.pk in persons and case["nina"].pk not in persons
    assert persons <= {world.erik.pk, world.kari.pk}
    assert event.object_repr == str(len(persons))


def test_reports_awaiting_approval_come_a_page_at_a_time(login, world, case, monkeypatch):
    """Kari reports SUI on 1 March and Nina on 2 March (oldest first): with one a page,
    page 1 shows Kari's and says "1–1 av 2", page 2 shows Nina's; the KPI counts both,
    and each page's read names the reporter shown on it."""
    from fagkraft.competence import views

    monkeypatch.setattr(views, "MATRIX_PAGE_SIZE", 1)
    reports = [services.record_completion(None, employee=person, competence=case["sui"],
                                          completed_on=dt.date(2026, 3, day), source="employee")
               for person, day in ((world.kari, 1), (case["nina"], 2))]
    lise = login("leader_lise")
    url = reverse("competence:unit", args=[world.section_a.pk])
    pages = [lise.get(url).content.decode(), lise.get(url + "?pending_page=2").content.decode()]
    for html, shown, other in ((pages[0], reports[0], reports[1]),
                               (pages[1], reports[1], reports[0])):
        assert f'id="pending-{shown.pk}"' in html and f'id="pending-{other.pk}"' not in html
        assert re.search(r'id="kpi-pending"><div class="value">2<', html)
    assert "1–1 av 2, eldste først" in pages[0] and "pending_page=2" in pages[0]
    assert "2–2 av 2, eldste først" in pages[1] and "pending_page=1" in pages[1]
    events = AuditEvent.objects.filter(action="read", object_type="competence.status")
    persons = [set(event.persons.values_list("employee_id", flat=True))
               for event in events.order_by("pk")]
    # Nina is on neither the matrix's first page (Erik) nor the due list's (she falls due
    # last): only the waiting report on page 2 names her.
    assert case["nina"].pk not in persons[0] and case["nina"].pk in persons[1]
