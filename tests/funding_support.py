"""A funding programme on the personas' world (tests/personas.py), through the services.

Programme "Kritisk kompetanse" of Helse Test RHF, 2024-2026: 100 MNOK in all, 35 MNOK in
2024, 35 in 2025, 30 in 2026, at most 15 MNOK per project. Call 1 (budget 40 MNOK, max
15 MNOK) runs 01.01.2024 08:00 - 15.04.2024 23:59 with criteria relevance 0.5,
feasibility 0.3, transfer 0.2; call 2 opens 16.04.2024 and stays open (to 2099), so its
drafts can be edited and submitted on any day the tests run. A third trust, Vestby HF,
applies nowhere, so its KTV reviewer has no conflict.

Offices: planner_pia administers the programme; leader_ola is an RBU reviewer (no trust);
"ktv_kim" (a user outside the personas) is a KTV reviewer of Vestby HF; "conflicted_cato"
an ordinary reviewer of Nordvik HF. employee_erik leads the applications; adviser_sara is
the Solstad partner's contact.

Applications: "joint" (Nordvik + Solstad, confirmed, 6 MNOK) is under assessment with
Ola's review done and Kim assigned; "approved" went all the way: 5 MNOK in 2024 approved;
"draft" is still a draft with Solstad as unconfirmed partner (no contact).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from fagkraft.accounts.models import Role
from fagkraft.funding import services
from fagkraft.funding.models import ProgrammeMember
from fagkraft.workforce import services as workforce
from fagkraft.workforce.models import Unit
from tests.personas import World, make_user

MNOK = 1_000_000
TZ = timezone.get_default_timezone()
OPENS = dt.datetime(2024, 1, 1, 8, 0, tzinfo=TZ)
CLOSES = dt.datetime(2024, 4, 15, 23, 59, tzinfo=TZ)
IN_TIME = dt.datetime(2024, 3, 1, 12, 0, tzinfo=TZ)
CRITERIA = [("relevance", "Relevans", Decimal("0.5")),
            ("feasibility", "Gjennomførbarhet", Decimal("0.3")),
            ("transfer", "Overføringsverdi", Decimal("0.2"))]
SUB_GOALS = ["Sammenhengende pasientforløp", "Beholde og rekruttere fagfolk",
             "God ledelse og administrasjon", "Samarbeid med kommunale tjenester",
             "Samarbeid med utdanningsinstitusjoner"]
GOOD = {"relevance": (4, "Godt forankret i delmål 2"), "feasibility": (3, "Realistisk plan"),
        "transfer": (5, "Kan tas i bruk i hele regionen")}


def build_funding(world: World) -> dict[str, Any]:
    users = world.users
    third = workforce.create_unit(None, code="VBHF", name="Vestby HF",
                                  level=Unit.Level.TRUST, parent=world.region)
    programme = services.create_programme(
        actor=None, owner=world.region, name="Kritisk kompetanse", case_number="93/23",
        start_year=2024, end_year=2026, total_budget=100 * MNOK, max_per_project=15 * MNOK,
        year_budgets={2024: 35 * MNOK, 2025: 35 * MNOK, 2026: 30 * MNOK},
        sub_goals=SUB_GOALS, priority_groups=["Barn og unge", "Alvorlig psykisk syke"])
    call = services.create_call(
        actor=None, programme=programme, number=1, title="Utlysning 1", opens_at=OPENS,
        closes_at=CLOSES, budget=40 * MNOK, max_per_project=15 * MNOK, criteria=CRITERIA,
        required_fields=["summary"], decision_by=dt.date(2024, 5, 24),
        reporting_requirements="Halvårlig rapport")
    later = services.create_call(
        actor=None, programme=programme, number=2, title="Utlysning 2",
        opens_at=dt.datetime(2024, 4, 16, 8, 0, tzinfo=TZ),
        closes_at=dt.datetime(2099, 12, 31, 23, 59, tzinfo=TZ), budget=40 * MNOK,
        max_per_project=15 * MNOK, criteria=CRITERIA)
    ktv_user = make_user("ktv_kim", Role.EMPLOYEE)
    cato = make_user("conflicted_cato", Role.EMPLOYEE)
    member = services.add_member
    admin = member(actor=None, programme=programme, user=users["planner_pia"],
                   kind=ProgrammeMember.Kind.ADMINISTRATOR)
    rbu = member(actor=None, programme=programme, user=users["leader_ola"], kind="reviewer",
                 reviewer_kind="rbu")
    ktv = member(actor=None, programme=programme, user=ktv_user, kind="reviewer",
                 reviewer_kind="ktv", trust=third)
    conflicted = member(actor=None, programme=programme, user=cato, kind="reviewer",
                        reviewer_kind="ordinary", trust=world.trust)

    def joint_application(title: str, amount_2024: int, amount_2025: int = 0) -> Any:
        application = services.create_application(
            actor=None, call=call, project_lead=users["employee_erik"], lead_trust=world.trust,
            title=title, summary="Felles rekruttering av psykologspesialister",
            now=IN_TIME)
        services.update_application(actor=None, application=application, changes={},
                                    sub_goals=[programme.sub_goals.get(number=2)], now=IN_TIME)
        partner = services.add_partner(actor=None, application=application,
                                       trust=world.other_trust, contact=users["adviser_sara"],
                                       now=IN_TIME)
        services.confirm_partner(actor=None, partner=partner, now=IN_TIME)
        services.set_budget(actor=None, application=application,
                            lines=[(2024, "personnel", amount_2024),
                                   (2025, "personnel", amount_2025)], now=IN_TIME)
        services.add_indicator(actor=None, application=application, indicator="turnover",
                               unit=world.section_a, baseline_year=2023, now=IN_TIME)
        services.submit(actor=None, application=application, now=IN_TIME)
        return application

    approved = joint_application("Felles LIS-løp", 5 * MNOK)
    for reviewer in (ktv, rbu):
        assignment = services.assign_reviewer(actor=None, application=approved,
                                              reviewer=reviewer)
        services.submit_review(actor=None, assignment=assignment, scores=GOOD,
                               recommendation="approve")
    services.decide(actor=None, application=approved, outcome="approved",
                    amounts={2024: 5 * MNOK}, decided_on=dt.date(2024, 5, 20))
    approved_decision = approved.decisions.get()
    joint = joint_application("Psykologspesialister i BUP", 2 * MNOK, 4 * MNOK)
    ola_assignment = services.assign_reviewer(actor=None, application=joint, reviewer=rbu)
    services.submit_review(actor=None, assignment=ola_assignment, scores=GOOD,
                           recommendation="approve")
    kim_assignment = services.assign_reviewer(actor=None, application=joint, reviewer=ktv)
    draft = services.create_application(
        actor=None, call=later, project_lead=users["employee_erik"], lead_trust=world.trust,
        title="Utkast", now=IN_TIME)
    services.add_partner(actor=None, application=draft, trust=world.other_trust,
                         now=IN_TIME)
    return {
        "programme": programme, "call": call, "later_call": later, "third_trust": third,
        "admin_member": admin, "rbu": rbu, "ktv": ktv, "conflicted": conflicted,
        "ktv_user": ktv_user, "cato": cato, "joint": joint, "approved": approved,
        "approved_decision": approved_decision, "draft": draft,
        "ola_assignment": ola_assignment, "kim_assignment": kim_assignment,
        "ola_review": ola_assignment.review,
    }
