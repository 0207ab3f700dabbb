"""projections.services and register.build: a scenario from the register, validated and
audited writes, assumptions, copies."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from fagkraft.adapter import projections as adapter
from fagkraft.audit.models import AuditEvent
from fagkraft.projections import runs, services
from fagkraft.projections.models import Scenario
from tests.personas import World
from tests.projections_support import TODAY, add_projection_staff

PROFESSIONS = ["psychologist", adapter.CHILD_PSYCHIATRIST]


@pytest.fixture
def scenario(world: World, settings) -> Scenario:
    settings.FAGKRAFT = {**settings.FAGKRAFT, "PROJECTION_WEB_DRAWS": 40}
    add_projection_staff(world)
    return services.create_from_register(
        world.users["planner_pia"], name="PHBU", unit=world.trust, service_area="phbu",
        professions=PROFESSIONS, today=TODAY, base_year=2026, end_year=2040)


def test_document_from_the_register(scenario: Scenario):
    """Psychologists: stock 2 persons of 46 with 1.5 FTE; demand 1.5 + 1.0 vacant = 2.5;
    every band has under 10 person-years, so every band gets the pooled rate
    1 leaver ÷ (9.0 + 2.5) person-years = 8.70 %; 1 recruit in 5 years at 41."""
    psychologists = scenario.document["professions"]["psychologist"]
    assert psychologists["demand"]["base_fte"] == 2.5
    supply = psychologists["supply"]
    assert supply["stock"] == [{"age": 46, "fte": 1.5, "headcount": 2.0}]
    assert supply["turnover_percent"] == 8.7
    assert supply["turnover_percent_by_age"] == {
        "-29": 8.7, "30-39": 8.7, "40-49": 8.7, "50-61": 8.7, "62-": 8.7}
    assert supply["recruits_per_year"] == 0.2
    assert supply["recruit_age"] == 41.0
    assert scenario.document["population"]["ages"] == [0, 17]  # PHBU serves 0-17
    basis = scenario.register_basis["professions"]["psychologist"]
    assert basis["turnover_pooled"]["leavers"] == 1
    assert all(row["pooled"] for row in basis["turnover"])
    child = scenario.document["professions"][adapter.CHILD_PSYCHIATRIST]
    assert child["demand"]["base_fte"] == 1.5
    assert child["supply"]["turnover_percent"] == 0.0  # Kari never left


def test_writes_are_audited(scenario: Scenario, world: World):
    services.update_scenario(world.users["planner_pia"], scenario, notes="Til styret")
    actions = list(AuditEvent.objects.filter(object_type="projections.scenario",
                                             object_id=str(scenario.pk))
                   .order_by("pk").values_list("action", "username"))
    assert actions == [("create", "planner_pia"), ("update", "planner_pia")]


def test_an_invalid_document_is_refused_with_its_paths(scenario: Scenario, world: World):
    document = {**scenario.document, "end_year": 2020}
    document["professions"]["psychologist"]["supply"]["turnover_percent"] = 140
    with pytest.raises(ValidationError) as raised:
        services.update_scenario(world.users["planner_pia"], scenario, document=document)
    messages = raised.value.message_dict["document"]
    assert any(message.startswith("end_year:") for message in messages)
    assert any(message.startswith("professions.psychologist.supply.turnover_percent:")
               for message in messages)
    scenario.refresh_from_db()
    assert scenario.document["end_year"] == 2040


def test_higher_turnover_widens_the_gap(scenario: Scenario, world: World):
    before = runs.run(scenario.document)["professions"]["psychologist"]["table"][-1]
    services.set_assumptions(world.users["planner_pia"], scenario, "psychologist",
                             {"supply.turnover_percent": 25.0,
                              "supply.turnover_percent_by_age": None})
    supply = scenario.document["professions"]["psychologist"]["supply"]
    assert supply["turnover_percent"] == 25.0 and "turnover_percent_by_age" not in supply
    after = runs.run(scenario.document)["professions"]["psychologist"]["table"][-1]
    assert after["demand_fte"] == before["demand_fte"]
    assert after["supply_fte"] < before["supply_fte"]
    assert after["gap_fte"] > before["gap_fte"]


def test_a_copy_belongs_to_whoever_copied(scenario: Scenario, world: World):
    copy = services.copy_scenario(world.users["adviser_arne"], scenario, name="Min variant")
    assert copy.owner == world.users["adviser_arne"]
    assert copy.document["name"] == "Min variant"
    assert copy.document["professions"] == scenario.document["professions"]


def test_delete(scenario: Scenario, world: World):
    services.delete_scenario(world.users["planner_pia"], scenario)
    assert not Scenario.objects.exists()
    assert AuditEvent.objects.filter(object_type="projections.scenario",
                                     action="delete").count() == 1


def test_a_rate_above_one_per_person_year_is_capped():
    """2 leavers over 1.5 person-years is 133 % by the formula; as the yearly share of the
    staff who leave it cannot exceed everyone, so the document gets 100 %."""
    from fagkraft.projections.register import _percent

    assert _percent(2 / 1.5) == 100.0
    assert _percent(1 / 11.5) == 8.7
    assert _percent(None) == 0.0
