"""The candidate page: a supervisor signs, the leader approves, progress moves; who may
post what; the rules not yet met named in words; the pipeline's small counts hidden."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fagkraft.education import services
from fagkraft.education.models import Candidate, GoalApproval, LearningActivity
from tests.education_support import lis_candidate


@pytest.fixture
def kari(world):
    return lis_candidate(world)


def _activity(kari) -> LearningActivity:
    goal = services.goals_of(kari.template).first()
    return services.add_activity(None, kari, goal=goal, title="Veiledet samtale",
                                 done_on=dt.date(2024, 3, 1))


def test_sign_then_approve_moves_progress(kari, client, world):
    activity = _activity(kari)
    page = reverse("education:candidate", args=[kari.pk])

    client.force_login(world.users["employee_erik"])
    before = client.get(page)
    # 0 of 18 goals: the rule not yet met, in words (bokmål by default).
    assert "Godkjente læringsmål: 0 av 18" in before.content.decode()
    client.post(reverse("education:sign_activity", args=[activity.pk]))
    activity.refresh_from_db()
    assert activity.signed_by == world.erik

    client.force_login(world.users["leader_lise"])
    client.post(reverse("education:approve_goal", args=[kari.pk, activity.goal_id]))
    assert GoalApproval.objects.filter(candidate=kari, goal=activity.goal).exists()
    after = client.get(page).content.decode()
    # 1 of 18 goals approved: progress 1/18 = 5.56 %, shown with one decimal as 5,6 %.
    assert "Godkjente læringsmål: 1 av 18" in after
    assert "5,6\xa0%" in after.replace(" %", "\xa0%")


@pytest.mark.parametrize("persona,status", [
    ("leader_lise", 403), ("adviser_arne", 403),  # they see Kari but do not supervise her
    ("leader_ola", 404),  # Kari is outside his scope: as if she did not exist
])
def test_only_an_assigned_supervisor_signs(kari, client, world, persona, status):
    activity = _activity(kari)
    client.force_login(world.users[persona])
    response = client.post(reverse("education:sign_activity", args=[activity.pk]))
    assert response.status_code == status
    activity.refresh_from_db()
    assert not activity.signed


# Erik supervises Kari (sees her, may not approve); Ola and Sara do not see her (404);
# planners never see candidates (403).
@pytest.mark.parametrize("persona,status", [("employee_erik", 403), ("leader_ola", 404),
                                            ("adviser_sara", 404), ("planner_pia", 403)])
def test_only_managers_approve_goals(kari, client, world, persona, status):
    activity = _activity(kari)
    services.sign_activity(None, activity, supervisor=world.erik)
    client.force_login(world.users[persona])
    url = reverse("education:approve_goal", args=[kari.pk, activity.goal_id])
    assert client.post(url).status_code == status
    assert not GoalApproval.objects.filter(candidate=kari).exists()


def test_supervisor_logs_own_supervision(kari, client, world):
    client.force_login(world.users["employee_erik"])
    part = kari.template.parts.get()
    response = client.post(reverse("education:candidate", args=[kari.pk]), {
        "action": "session", "session-part": part.pk, "session-held_on": "2024-04-02",
        "session-minutes": "90", "session-individual": "on"})
    assert response.status_code == 302
    session = kari.sessions.get()
    assert (session.supervisor, session.minutes, session.logged_by.username) == (
        world.erik, 90, "employee_erik")
    # A supervisor may not register courses (managers do).
    response = client.post(reverse("education:candidate", args=[kari.pk]), {
        "action": "course", "course-part": part.pk, "course-title": "Kurs",
        "course-held_on": "2024-04-02", "course-hours": "7,5"})
    assert response.status_code == 403


def test_leader_plans_the_next_six_months(kari, client, world):
    client.force_login(world.users["leader_lise"])
    page = reverse("education:candidate", args=[kari.pk])
    assert "Ingenting planlagt" in client.get(page).content.decode()
    target = (dt.date.today() + dt.timedelta(days=60)).isoformat()
    client.post(page, {"action": "plan", "plan-title": "Hospitering BUP døgn",
                       "plan-target_date": target})
    html = client.get(page).content.decode()
    assert "Hospitering BUP døgn" in html and "Ingenting planlagt" not in html


def test_unit_page_flags_behind_and_exports(kari, client, world):
    # Started 1 Jan 2024, nothing approved after more than 90 days: the plan's end
    # 1 Jan 2029 stands (no pace yet), so not behind.
    client.force_login(world.users["leader_lise"])
    html = client.get(reverse("education:unit", args=[world.section_a.pk])).content.decode()
    assert f'id="candidate-{kari.pk}"' in html and "I rute" in html
    response = client.get(reverse("education:unit_export", args=[world.section_a.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, [cell.value for cell in sheet[2]], strict=False))
    assert row["Ansattnummer"] == 1002  # a number cell (core.cells.ID)
    assert row["Planlagt slutt"].date() == dt.date(2029, 1, 1)
    assert "Godkjente læringsmål: 0 av 18" in row["Ikke oppfylt ennå"]
    # The progress share is a typed percentage with one decimal, as the pages show shares.
    assert sheet.cell(row=2, column=10).number_format == "0.0 %"


def test_late_within_the_grace_is_not_shown_as_on_track(kari, client, world):
    """Issue 12. Planned end 30 days ago, no pace yet: expected today, 30 days late, within
    the 90 days' grace (EDUCATION_BEHIND_GRACE_DAYS): neither "I rute" nor "Forsinket"."""
    Candidate.objects.filter(pk=kari.pk).update(
        planned_end=dt.date.today() - dt.timedelta(days=30))
    client.force_login(world.users["leader_lise"])
    label = "Etter planlagt slutt, innenfor 90 dagers slingringsmonn"
    html = client.get(reverse("education:unit", args=[world.section_a.pk])).content.decode()
    row = re.search(rf'<tr[^>]*id="candidate-{kari.pk}"(.*?)</tr>', html, re.S).group(1)
    assert label in row and "I rute" not in row
    html = client.get(reverse("education:candidate", args=[kari.pk])).content.decode()
    schedule = re.search(r'<div class="kpi" id="schedule">(.*?)</div></div>', html, re.S)
    assert label in schedule.group(1) and "I rute" not in schedule.group(1)


def test_planner_sees_small_pipeline_counts_hidden(kari, client, world):
    client.force_login(world.users["planner_pia"])
    html = client.get(reverse("education:pipeline", args=[world.region.pk])).content.decode()
    # One candidate (Kari, 2029): hidden (marked "x") for the planner ...
    assert '<td class="num">x</td>' in html
    client.force_login(world.users["adviser_arne"])
    html = client.get(reverse("education:pipeline", args=[world.trust.pk])).content.decode()
    # ... shown to the adviser of her trust.
    assert '<td class="num">x</td>' not in html


def test_adviser_edits_the_template_rules(world, client):
    from fagkraft.education.models import PathwayTemplate

    services.seed_templates(None)
    psy = PathwayTemplate.objects.get(code="psy-bu")
    client.force_login(world.users["adviser_arne"])
    page = client.get(reverse("education:template", args=[psy.pk]))
    form = page.context["form"]
    data = {f"template-{name}": value for name, value in form.initial.items()
            if value is not None and value is not False}
    data["template-min_supervisors"] = "3"
    formset = page.context["parts_formset"]
    data.update({f"parts-{key}": value
                 for key, value in formset.management_form.initial.items()})
    for index, part_form in enumerate(formset.forms):
        data[f"parts-{index}-id"] = part_form.instance.pk
        for name, value in part_form.initial.items():
            if name != "id" and value not in (None, False):
                data[f"parts-{index}-{name}"] = value
    data["parts-0-supervision_hours"] = "61"
    response = client.post(reverse("education:template", args=[psy.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    psy.refresh_from_db()
    assert psy.min_supervisors == 3
    assert psy.parts.get(code="felles").supervision_hours == 61
    # A leader may read the template but not change it.
    client.force_login(world.users["leader_lise"])
    assert client.post(reverse("education:template", args=[psy.pk]), data).status_code == 403


def test_the_unit_page_audits_the_candidates_it_shows(kari, client, world, monkeypatch):
    """One candidate a page: of Kari and Erik, the read names the one on the page only
    (nothing awaits approval or a signature); the key figures above it name nobody."""
    from fagkraft.audit.models import AuditEvent
    from fagkraft.education import unit_views

    services.create_candidate(None, employee=world.erik, template=kari.template,
                              unit=world.section_a, start_date=dt.date(2024, 2, 1))
    monkeypatch.setattr(unit_views, "CANDIDATE_PAGE_SIZE", 1)
    client.force_login(world.users["leader_lise"])
    html = client.get(reverse("education:unit", args=[world.section_a.pk])).content.decode()
    event = AuditEvent.objects.filter(action="read", object_type="education.candidate").get()
    persons = set(event.persons.values_list("employee_id", flat=True))
    assert len(persons) == 1 and persons <= {world.erik.pk, world.kari.pk}
    shown = world.kari if f'id="candidate-{kari.pk}"' in html else world.erik
    assert persons == {shown.pk} and event.object_repr == "1"
