"""Funding pages posted to as people do (the programme of tests/funding_support.py): the
forms' refusals in Norwegian, the ranking table, the close-out workbook."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from fagkraft.funding import services
from fagkraft.funding.models import Application, Review
from tests.funding_support import build_funding
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


def _text(response) -> str:
    return response.content.decode().replace("\xa0", " ")


def test_a_conflicted_reviewer_is_warned_and_cannot_post_scores(client, world, funding):
    client.force_login(world.users["planner_pia"])
    response = client.post(f"/funding/applications/{funding['joint'].pk}/assign/",
                           {"reviewer": funding["conflicted"].pk}, follow=True)
    assert "Inhabil: vurdereren tilhører et søkende helseforetak og kan ikke gi poeng." \
        in _text(response)
    assignment = funding["joint"].assignments.get(reviewer=funding["conflicted"])
    client.force_login(funding["cato"])
    scores = {f"score_{key}": 4 for key in ("relevance", "feasibility", "transfer")}
    scores |= {f"why_{key}": "Bra" for key in ("relevance", "feasibility", "transfer")}
    response = client.post(f"/funding/reviews/{assignment.pk}/",
                           {**scores, "recommendation": "approve"}, follow=True)
    assert "Inhabil: vurdereren tilhører et søkende helseforetak." in _text(response)
    assert not Review.objects.filter(assignment=assignment).exists()


def test_a_decision_over_the_year_budget_is_refused_on_the_page_with_the_figures(
        client, world, funding):
    services.submit_review(actor=None, assignment=funding["kim_assignment"],
                           recommendation="approve",
                           scores={k: (3, "Greit") for k in ("relevance", "feasibility",
                                                             "transfer")})
    client.force_login(world.users["planner_pia"])
    # 2024: 5 MNOK allocated + 31 = 36 > 35, 1 MNOK over; 31 > 15 per project, 16 over.
    response = client.post(f"/funding/applications/{funding['joint'].pk}/decide/", {
        "outcome": "approved", "decided_on": "20.05.2024", "amount_2024": "31000000"},
        follow=True)
    text = _text(response)
    assert ("2024: 31 000 000 kr i tillegg til 5 000 000 kr som allerede er tildelt "
            "overstiger årets ramme på 35 000 000 kr med 1 000 000 kr.") in text
    assert ("Prosjektets sum på 31 000 000 kr overstiger maksimum per prosjekt på "
            "15 000 000 kr med 16 000 000 kr.") in text
    funding["joint"].refresh_from_db()
    assert funding["joint"].state == Application.State.UNDER_ASSESSMENT


def test_the_ranking_table_shows_weighted_totals_sums_and_averages(client, world, funding):
    services.submit_review(actor=None, assignment=funding["kim_assignment"],
                           recommendation="reject",
                           scores={k: (2, "Svak") for k in ("relevance", "feasibility",
                                                            "transfer")})
    client.force_login(world.users["planner_pia"])
    text = _text(client.get(f"/funding/calls/{funding['call'].pk}/ranking/"))
    # "Felles LIS-løp": 3.9 + 3.9 = 7.8, average 3.9; the joint one: 3.9 + 2.0 = 5.9,
    # average 2.95 (weights 0.5, 0.3, 0.2; scores 4, 3, 5 and 2, 2, 2).
    rows = text.split("<tr>")
    lis = next(row for row in rows if "Felles LIS-løp" in row)
    joint = next(row for row in rows if "Psykologspesialister i BUP" in row)
    assert "7,80" in lis and "3,90" in lis
    assert "5,90" in joint and "2,95" in joint and "2,00" in joint
    assert text.index("Felles LIS-løp") < text.index("Psykologspesialister i BUP")


def test_a_draft_past_its_deadline_opens_locked(client, world, funding):
    late = services.create_application(
        actor=None, call=funding["call"], project_lead=world.users["employee_erik"],
        lead_trust=world.trust, title="Gammelt utkast",
        now=funding["call"].opens_at)
    client.force_login(world.users["employee_erik"])
    response = client.get(f"/funding/applications/{late.pk}/edit/", follow=True)
    assert "Søknaden er låst" in _text(response)
    assert client.post(f"/funding/applications/{late.pk}/submit/", follow=True) \
        .status_code == 200
    late.refresh_from_db()
    assert late.state == Application.State.DRAFT


def test_only_the_partner_contact_confirms(client, world, funding):
    partner = funding["joint"].partners.get()
    client.force_login(world.users["employee_erik"])  # the lead, not the contact
    assert client.post(f"/funding/partners/{partner.pk}/confirm/").status_code == 404


def test_the_closeout_workbook_has_one_row_per_application_decided_or_waiting(
        client, world, funding):
    client.force_login(world.users["planner_pia"])
    response = client.get(f"/funding/programmes/{funding['programme'].pk}/closeout.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Runde", "Prosjekt", "Ansvarlig foretak", "Samarbeidende foretak",
                           "Status")
    by_title = {row[1]: row for row in rows[1:]}
    # Approved: 5 MNOK in 2024, none later; the joint one is still under assessment.
    assert by_title["Felles LIS-løp"][5:9] == (5_000_000, 0, 0, 5_000_000)
    assert by_title["Psykologspesialister i BUP"][4] == "Under vurdering"
    assert "Utkast" not in by_title
