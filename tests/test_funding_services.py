"""The funding programme's services and pages: the rules of case 93/23 on the programme of
tests/funding_support.py (figures worked out by hand in each test)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from fagkraft.audit.models import AuditEvent
from fagkraft.funding import services
from fagkraft.funding.models import Application
from tests.funding_support import CLOSES, GOOD, IN_TIME, MNOK, build_funding
from tests.personas import World
from tests.shared_data import building, fresh, shared_data, shared_fixture


@shared_fixture()
def module_funding(module_world: World, django_db_blocker):
    with shared_data(django_db_blocker):
        with building(django_db_blocker):
            data = build_funding(module_world)
        yield data


@pytest.fixture
def funding(module_funding: dict, world: World) -> dict:
    return fresh(module_funding)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def refusal(call) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.messages


def test_a_single_trust_application_is_refused_naming_the_rule(world: World, funding: dict):
    lone = services.create_application(
        actor=None, call=funding["call"], project_lead=world.users["employee_erik"],
        lead_trust=world.trust, title="Alene", summary="Bare Nordvik", now=IN_TIME)
    services.update_application(actor=None, application=lone, changes={}, now=IN_TIME,
                                sub_goals=[funding["programme"].sub_goals.get(number=1)])
    messages = refusal(lambda: services.submit(actor=None, application=lone, now=IN_TIME))
    assert messages == ["At least 2 health trusts must apply together; the application has 1."]
    lone.refresh_from_db()
    assert lone.state == Application.State.DRAFT


def test_every_failed_rule_is_named_at_once(world: World, funding: dict):
    # The draft: Solstad unconfirmed, no sub-goal; call 2 requires nothing more.
    messages = refusal(lambda: services.submit(actor=None, application=funding["draft"],
                                               now=dt.datetime(2024, 5, 1, tzinfo=CLOSES.tzinfo)))
    assert messages == ["Solstad HF has not confirmed its participation.",
                        "The application must be anchored in at least one sub-goal."]


def test_a_late_submission_is_refused_and_the_draft_locked(world: World, funding: dict):
    late = services.create_application(
        actor=None, call=funding["call"], project_lead=world.users["employee_erik"],
        lead_trust=world.trust, title="Sent", summary="x", now=IN_TIME)
    minute_late = CLOSES + dt.timedelta(minutes=1)
    messages = refusal(lambda: services.submit(actor=None, application=late, now=minute_late))
    assert "The deadline 15.04.2024 23:59 has passed." in messages
    assert refusal(lambda: services.update_application(
        actor=None, application=late, changes={"summary": "y"}, now=minute_late)) == [
        "The application is locked: it has been submitted or the deadline has passed."]


def test_a_reviewer_from_an_applying_trust_is_flagged_and_cannot_score(funding: dict):
    assignment = services.assign_reviewer(actor=None, application=funding["joint"],
                                          reviewer=funding["conflicted"])
    assert assignment.conflict is True
    messages = refusal(lambda: services.submit_review(
        actor=None, assignment=assignment, scores=GOOD, recommendation="approve"))
    assert messages == ["Conflict of interest: the reviewer belongs to an applying health "
                        "trust."]
    assert not hasattr(assignment, "review")


def test_a_review_needs_scores_0_to_5_and_justifications(funding: dict):
    messages = refusal(lambda: services.submit_review(
        actor=None, assignment=funding["kim_assignment"], recommendation="approve",
        scores={"relevance": (6, "Svært relevant"), "feasibility": (3, ""),
                "transfer": (None, "Uklart")}))
    assert messages == ["Relevans: the score must be from 0 to 5.",
                        "Gjennomførbarhet: a justification is required.",
                        "Overføringsverdi: a score is required."]


def _kim_scores_joint(funding: dict) -> None:
    services.submit_review(actor=None, assignment=funding["kim_assignment"],
                           recommendation="reject",
                           scores={key: (2, "Middels") for key in GOOD})


def test_a_decision_over_the_years_budget_and_15_mnok_is_refused_with_the_figures(
        funding: dict):
    _kim_scores_joint(funding)
    # 2024: 5 MNOK approved already + 31 = 36 > 35 (1 over); the project 31 > 15 (16 over);
    # the call 5 + 31 = 36 <= 40 passes.
    messages = refusal(lambda: services.decide(
        actor=None, application=funding["joint"], outcome="approved",
        amounts={2024: 31 * MNOK}))
    assert messages == [
        "2024: 31,000,000 kr on top of 5,000,000 kr already allocated exceeds the year's "
        "budget of 35,000,000 kr by 1,000,000 kr.",
        "The project's total of 31,000,000 kr exceeds the maximum per project of "
        "15,000,000 kr by 16,000,000 kr."]
    # Within every budget: 2 + 4 MNOK (2024: 5 + 2 = 7 <= 35; the call 5 + 6 = 11 <= 40).
    decision = services.decide(actor=None, application=funding["joint"], outcome="approved",
                               amounts={2024: 2 * MNOK, 2025: 4 * MNOK})
    assert [(a.year, a.amount) for a in decision.amounts.all()] == [(2024, 2 * MNOK),
                                                                    (2025, 4 * MNOK)]
    assert services.allocated(funding["joint"]) == {2024: 2 * MNOK, 2025: 4 * MNOK}


def test_a_decision_needs_a_ktv_and_an_rbu_review(funding: dict):
    # Only Ola (RBU) has reviewed the joint application; Kim (KTV) has not.
    messages = refusal(lambda: services.decide(
        actor=None, application=funding["joint"], outcome="rejected"))
    assert messages == ["A review by Employee representative (KTV/KVO) is needed before a "
                        "decision."]


def test_ranking_weighted_scores_by_hand(funding: dict):
    _kim_scores_joint(funding)
    ranked = services.ranking(funding["call"])
    # "Felles LIS-løp": KTV and RBU both 4*0.5 + 3*0.3 + 5*0.2 = 3.9; average 3.9.
    # "Psykologspesialister i BUP": RBU 3.9, KTV 2*0.5 + 2*0.3 + 2*0.2 = 2.0; (3.9+2.0)/2.
    assert [(r.key.title, r.rank, r.average, [t for _, t in r.totals]) for r in ranked] == [
        ("Felles LIS-løp", 1, Decimal("3.9"), [Decimal("3.9"), Decimal("3.9")]),
        ("Psykologspesialister i BUP", 2, Decimal("2.95"), [Decimal("3.9"), Decimal("2.0")]),
    ]


def test_moving_to_the_next_round_reopens_the_application_there(funding: dict):
    _kim_scores_joint(funding)
    joint = funding["joint"]
    services.decide(actor=None, application=joint, outcome="moved")
    joint.refresh_from_db()
    assert (joint.state, joint.call, joint.moved_from) == (
        Application.State.MOVED, funding["later_call"], funding["call"])
    in_round_two = dt.datetime(2024, 6, 1, tzinfo=CLOSES.tzinfo)
    assert services.is_open(joint, in_round_two)
    services.submit(actor=None, application=joint, now=in_round_two)
    assert joint.state == Application.State.SUBMITTED


def test_every_write_is_audited(funding: dict):
    events = AuditEvent.objects.filter(object_type="funding.application",
                                       object_id=str(funding["approved"].pk))
    assert {e.action for e in events} == {"create", "update"}


def test_programme_page_shows_allocation_by_year_sub_goal_and_trust(login, funding: dict):
    page = login("employee_erik").get(f"/funding/programmes/{funding['programme'].pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    # 5 MNOK approved in 2024 of 35: 30 MNOK left; all of it under sub-goal 2 and Nordvik.
    # (The page is in bokmål: thousands grouped by no-break spaces.)
    assert "5\xa0000\xa0000 kr" in text and "30\xa0000\xa0000 kr" in text
    assert "allocation-chart-data" in text and "Nordvik HF" in text


def test_an_applicant_never_sees_scores_or_reviewers(login, funding: dict):
    client = login("employee_erik")
    page = client.get(f"/funding/applications/{funding['joint'].pk}/").content.decode()
    assert "leader_ola" not in page and "Relevans 4" not in page and 'id="assessment"' not in page
    assert client.get(f"/funding/reviews/{funding['ola_assignment'].pk}/").status_code == 404
    assert client.get("/api/funding/reviews/").status_code == 403
    admin_page = login("planner_pia").get(f"/funding/applications/{funding['joint'].pk}/")
    assert "leader_ola" in admin_page.content.decode()


def test_the_submission_page_names_failed_rules_in_norwegian(login, funding: dict):
    page = login("employee_erik").get(
        f"/funding/applications/{funding['draft'].pk}/").content.decode()
    assert "Solstad HF har ikke bekreftet deltakelsen." in page
