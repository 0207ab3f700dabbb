"""The start page's to-do list, per persona, on hand-made data.

Competence (T = today; both rules apply to everyone, deadline 90 days), as in
tests/test_competence_pages.py:
  Erik (NV-BUP-A)  SUI met (never expires);  MAP done T-13 months -> overdue
  Kari (NV-BUP-A)  SUI missing;              MAP expires in ~10 days -> due soon
  Siri (NV-BUP-B)  SUI missing;              MAP done T-30 days -> met (due in 11 months)
  Tor  (SSHF)      outside Nordvik HF.
  Erik has reported MAP again today: one report awaiting approval.
Falling due within 90 days or late: Erik 1 (MAP); BUP Nord 3 (Erik MAP, Kari SUI, Kari
MAP); Nordvik HF 4 (those and Siri SUI).

Education (tests/education_support.py): Kari on LIS3 since 1 Jan 2024, not behind (the
plan's end stands); one activity signed by Erik: 1 learning goal ready for approval. No
supervisor capacity is recorded, so BUP Nord is short of supervision next month: 1 unit.
The planner sees one candidate, under the threshold: hidden, so nothing is counted.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from fagkraft.competence import services
from fagkraft.competence.models import Competence
from fagkraft.core import todo
from fagkraft.education import services as education
from fagkraft.engine.compliance import add_months
from tests.education_support import lis_candidate


@pytest.fixture
def case(world):
    today = timezone.localdate()
    sui = services.create_competence(None, code="SUI", name="Suicide day course",
                                     kind="course", hours=7.5)
    map_ = services.create_competence(None, code="MAP", name="Aggression course",
                                      kind="course", validity_months=12)
    services.create_rule(None, competence=sui, deadline_days=90)
    services.create_rule(None, competence=map_, deadline_days=90)
    for person, competence, day in [(world.erik, sui, dt.date(2016, 1, 1)),
                                    (world.erik, map_, add_months(today, -13)),
                                    (world.kari, map_, add_months(today, -12)
                                     + dt.timedelta(days=10)),
                                    (world.siri, map_, today - dt.timedelta(days=30))]:
        services.record_completion(None, employee=person, competence=competence,
                                   completed_on=day)
    services.record_completion(None, employee=world.erik, competence=map_,
                               completed_on=today, source="employee")
    kari = lis_candidate(world)
    goal = education.goals_of(kari.template).first()
    activity = education.add_activity(None, kari, goal=goal, title="Veiledet samtale",
                                      done_on=dt.date(2024, 3, 1))
    education.sign_activity(None, activity, supervisor=world.erik)
    return {"kari": kari}


def counts(world, username: str) -> dict[str, int]:
    with translation.override("en"):
        return {item.label: item.count for item in todo.items_for(world.users[username])}


DUE_MINE = "Your requirements overdue or falling due"
PENDING = "Reported courses awaiting your approval"
DUE_UNITS = "Requirements overdue or falling due in your units"
GOALS = "Learning goals awaiting your approval"
SHORT = "Units short of supervision next month"


@pytest.mark.parametrize("username,expected", [
    ("employee_erik", {DUE_MINE: 1}),
    ("leader_lise", {PENDING: 1, DUE_UNITS: 3, GOALS: 1, SHORT: 1}),
    ("adviser_arne", {PENDING: 1, DUE_UNITS: 4, GOALS: 1, SHORT: 1}),
    ("leader_ola", {DUE_UNITS: 1}),  # BUP Sør: Siri's SUI; Kari is not his
    ("planner_pia", {}),
])
def test_counts_per_persona(world, case, username, expected):
    assert counts(world, username) == expected


def _start_page_list(client) -> str:
    """The start page's placeholder, then the list HTMX loads into it (core.views.todo)."""
    home = client.get(reverse("home"), follow=True).content.decode()
    placeholder = re.search(r'<section class="card" id="todo".*?</section>', home, re.S).group(0)
    assert f'hx-get="{reverse("todo")}" hx-trigger="load"' in placeholder
    assert "<li>" not in placeholder  # the page does not wait for the counts
    answer = client.get(reverse("todo")).content.decode()
    return re.search(r'<section class="card" id="todo".*?</section>', answer, re.S).group(0)


def test_the_list_is_on_the_start_page_only(client, world, case):
    client.force_login(world.users["leader_lise"])
    todo_list = _start_page_list(client)
    competence = reverse("competence:unit", args=[world.section_a.pk])
    assert f'href="{competence}"' in todo_list
    assert todo_list.count("<li>") == 4
    other = client.get(reverse("workforce:unit", args=[world.department.pk])).content.decode()
    assert 'id="todo"' not in other


def test_an_employee_sees_the_list_on_their_own_page(client, world, case):
    client.force_login(world.users["employee_erik"])
    todo_list = _start_page_list(client)
    assert f'href="{reverse("competence:mine")}"' in todo_list


def test_goals_ready_are_counted_once_per_goal_and_not_once_approved(world, case):
    """Kari: goal 1 signed twice (one goal ready), goal 2 signed and approved (not
    ready), goal 3 with an activity nobody has signed (not ready): 1, as the education
    unit page's list of goals ready for approval has it."""
    from fagkraft.education import reports
    from fagkraft.education.todo import ready_goal_count
    from fagkraft.education.unit_views import ready_goals

    kari = case["kari"]
    first, second, third = list(education.goals_of(kari.template)[:3])
    again = education.add_activity(None, kari, goal=first, title="Ny samtale",
                                   done_on=dt.date(2024, 4, 1))
    education.sign_activity(None, again, supervisor=world.erik)
    signed = education.add_activity(None, kari, goal=second, title="Kurs",
                                    done_on=dt.date(2024, 5, 1))
    education.sign_activity(None, signed, supervisor=world.erik)
    education.approve_goal(None, kari, second)
    education.add_activity(None, kari, goal=third, title="Ikke signert",
                           done_on=dt.date(2024, 6, 1))
    assert ready_goal_count([kari.pk]) == 1
    views = reports.candidate_views([kari], timezone.localdate())
    assert [goal.pk for _view, goal in ready_goals(views)] == [first.pk]
    assert counts(world, "leader_lise")[GOALS] == 1



def test_goals_ready_of_many_candidates_take_two_queries(world, case,
                                                        django_assert_num_queries):
    """Siri (a second candidate) signs goals 3 and then 1; Kari has goal 1 ready (the
    case). Listed per candidate in the views' order (Siri, Kari), each one's goals in the
    goals' own order: Siri 1, Siri 3, Kari 1. Two queries whatever the number of
    candidates (the activities, the goals): the unit page of a trust has a thousand."""
    from fagkraft.education import reports
    from fagkraft.education.unit_views import ready_goals

    kari = case["kari"]
    siri = education.create_candidate(None, employee=world.siri, template=kari.template,
                                      unit=world.section_b, start_date=dt.date(2024, 1, 1))
    education.assign_supervisor(None, siri, supervisor=world.erik,
                                start_date=dt.date(2024, 1, 1))
    first, _second, third = list(education.goals_of(kari.template)[:3])
    for goal in (third, first):
        activity = education.add_activity(None, siri, goal=goal, title="Samtale",
                                          done_on=dt.date(2024, 5, 1))
        education.sign_activity(None, activity, supervisor=world.erik)
    views = reports.candidate_views([siri, kari], timezone.localdate())
    with django_assert_num_queries(2):
        ready = ready_goals(views)
    assert [(view.candidate.pk, goal.pk) for view, goal in ready] == [
        (siri.pk, first.pk), (siri.pk, third.pk), (kari.pk, first.pk)]


def test_the_list_is_computed_again_only_after_a_write_or_in_another_language(world, case):
    """Kept per user, language, day and data version (core.todo.items_for): Lise's list
    (4 items in the case) is read from the cache until a write moves the data version."""
    calls = []

    def counting(user):
        calls.append(user.pk)
        return [todo.Item("probe", 1, "/")]

    todo.register("zz-probe", 99, counting)
    try:
        lise = world.users["leader_lise"]
        first = todo.items_for(lise)
        assert todo.items_for(lise) == first and len(calls) == 1
        with translation.override("en"):
            todo.items_for(lise)
        assert len(calls) == 2
        todo.items_for(world.users["leader_ola"])  # another user: their own list
        assert len(calls) == 3
        services.record_completion(None, employee=world.siri,
                                   competence=Competence.objects.get(code="SUI"),
                                   completed_on=timezone.localdate())
        todo.items_for(lise)
        assert len(calls) == 4
    finally:
        todo._sources.pop("zz-probe")
