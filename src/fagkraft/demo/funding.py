"""Demo funding programme: Helse Midt-Norge's case 93/23 played out in Helse Demo RHF,
through the funding services.

From the case and the published practice (../shared/DOMAIN.md, "The funding programme"):
up to 100 MNOK for 2024-2026, about 35 MNOK in 2024 (ASSUMPTION: 35 in 2025 and 30 in
2026), at most 15 MNOK per project over the period, five sub-goals, two priority groups.
Round 1: nine applications, four approved on 05.02.2024, five moved to round 2 (deadline
15.04.2024 23:59, allocation by 24.05.2024). In round 2, two of the five are approved
on 24.05.2024 and three are still under assessment, so the secretariat has decisions to
make. A third round is open around the seeding day, with the project lead's draft in it.
Project titles, amounts and scores are invented; the same seed gives the same programme.

Offices: `programadmin` (the RHF secretariat), `ktv` (employee representative of
Fjellmark HF) and two more KTV/KVO representatives (one per trust, so every joint
application has one without a conflict of interest), `rbu` (regional user committee, an
external member), `planlegger` as an ordinary reviewer, `prosjektleder` (a psychologist in
Nordvik HF) leading one approved project and the open draft.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from fagkraft.accounts import services as account_services
from fagkraft.accounts.models import Role
from fagkraft.demo.logins import PASSWORD
from fagkraft.funding import services
from fagkraft.funding.models import Application, Call, Programme, ProgrammeMember
from fagkraft.workforce.models import Employee, Position, Unit

MNOK = 1_000_000
TZ = timezone.get_default_timezone()
REGION = "DEMO"
TRUSTS = ("NVHF", "SSHF", "FMHF")
SUB_GOALS = (
    "Sammenhengende pasientforløp",
    "Beholde og rekruttere fagfolk",
    "God ledelse og administrasjon",
    "Samarbeid med kommunale tjenester",
    "Samarbeid med utdanningsinstitusjoner",
)
PRIORITY_GROUPS = ("Barn og unge", "Personer med alvorlige psykiske lidelser")
CRITERIA = (
    ("relevance", "Relevans for delmålene", Decimal("0.40")),
    ("effect", "Forventet effekt på rekruttering og stabilitet", Decimal("0.30")),
    ("feasibility", "Gjennomførbarhet", Decimal("0.20")),
    ("transfer", "Overføringsverdi i regionen", Decimal("0.10")),
)
# (title, lead, partner, sub-goal numbers, priority groups, NOK per year 2024-2026)
ROUND_ONE = (
    ("Felles rekrutteringsløp for psykologspesialister i BUP", "NVHF", "SSHF", (2,), (0,),
     (4_000_000, 5_000_000, 3_000_000)),
    ("LIS-rotasjon i psykisk helsevern mellom foretakene", "SSHF", "FMHF", (2, 5), (1,),
     (3_000_000, 4_000_000, 3_000_000)),
    ("Ledere som beholder: lederutvikling i DPS", "FMHF", "NVHF", (3,), (1,),
     (2_500_000, 3_000_000, 2_000_000)),
    ("Sammen med kommunene om barn med sammensatte behov", "NVHF", "FMHF", (1, 4), (0,),
     (3_500_000, 4_000_000, 4_000_000)),
    ("Digital veiledning for spesialistkandidater", "SSHF", "NVHF", (5,), (0,),
     (4_000_000, 5_000_000, 5_000_000)),
    ("Oppgavedeling mellom psykolog og spesialsykepleier", "FMHF", "SSHF", (2,), (1,),
     (3_000_000, 4_000_000, 4_000_000)),
    ("Felles akutteam for ungdom i TSB", "NVHF", "SSHF", (1,), (0, 1),
     (2_000_000, 3_000_000, 3_000_000)),
    ("Utdanningsstillinger for psykologer i DPS", "SSHF", "FMHF", (2, 5), (1,),
     (3_000_000, 3_500_000, 3_500_000)),
    ("Kompetanseplaner for alle ansatte i BUP", "FMHF", "NVHF", (3,), (0,),
     (1_500_000, 2_000_000, 2_000_000)),
)
APPROVED_IN_ROUND_ONE = 4  # the first four; the other five move to round two
APPROVED_IN_ROUND_TWO = 2
PROJECT_LEAD_PROJECT = 0  # prosjektleder leads the first project


def _at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=TZ)


def _employee_in(trust: Unit, today: dt.date, skip: set[int]) -> Employee | None:
    """A psychologist (else anyone) working in the trust today, by employee number."""
    active = Position.objects.filter(Position.active_on_q(today), unit__trust=trust)
    people = Employee.objects.filter(pk__in=active.values("employee_id")).exclude(pk__in=skip)
    preferred = people.filter(profession__code="psychologist").order_by("employee_number")
    return preferred.first() or people.order_by("employee_number").first()


def _login(username: str, role: Role, *, unit: Unit | None = None,
           employee: Employee | None = None, name: tuple[str, str] = ("", "")) -> Any:
    first, last = (employee.first_name, employee.last_name) if employee else name
    return account_services.create_login(
        None, username=username, password=PASSWORD, role=role, unit=unit, employee=employee,
        first_name=first, last_name=last)


def _people(trusts: dict[str, Unit], today: dt.date) -> dict[str, Any]:
    users = get_user_model().objects
    taken = set(users.exclude(profile__employee=None).values_list(
        "profile__employee_id", flat=True))
    people: dict[str, Any] = {}
    lead = _employee_in(trusts["NVHF"], today, taken)
    if lead is not None:
        taken.add(lead.pk)
    people["prosjektleder"] = _login("prosjektleder", Role.EMPLOYEE, employee=lead)
    for code in TRUSTS:
        employee = _employee_in(trusts[code], today, taken)
        if employee is not None:
            taken.add(employee.pk)
        username = "ktv" if code == "FMHF" else f"ktv-{code.lower()}"
        people[f"ktv:{code}"] = _login(username, Role.EMPLOYEE, employee=employee)
    people["rbu"] = _login("rbu", Role.EXTERNAL, name=("Randi", "Brukerrepresentant"))
    people["programadmin"] = _login("programadmin", Role.PLANNER,
                                    unit=Unit.objects.get(code=REGION),
                                    name=("Per", "Programsekretær"))
    people["planlegger"] = users.get(username="planlegger")
    return people


def _other_lead(index: int, trust: Unit, today: dt.date) -> Any:
    """The lead of another project: a login of its own ("prosjektleder-2" ...)."""
    users = get_user_model().objects
    taken = set(users.exclude(profile__employee=None).values_list(
        "profile__employee_id", flat=True))
    return _login(f"prosjektleder-{index + 1}", Role.EMPLOYEE,
                  employee=_employee_in(trust, today, taken))


def _programme(region: Unit) -> Programme:
    return services.create_programme(
        actor=None, owner=region, case_number="93/23",
        name="Sikre kritisk kompetanse i psykisk helsevern og TSB",
        description=_("Development projects that two or more health trusts run together, "
                      "anchored in the pre-project's five sub-goals."),
        start_year=2024, end_year=2026, total_budget=100 * MNOK, max_per_project=15 * MNOK,
        year_budgets={2024: 35 * MNOK, 2025: 35 * MNOK, 2026: 30 * MNOK},
        sub_goals=SUB_GOALS, priority_groups=PRIORITY_GROUPS)


def _calls(programme: Programme, today: dt.date) -> list[Call]:
    requirements = {
        "evaluation_requirements": "Prosjektet evalueres ved slutt, med ansatt- og "
                                   "brukerrepresentanter.",
        "reporting_requirements": "Framdriftsrapport hvert halvår og sluttrapport.",
        "implementation_requirements": "Plan for implementering i alle deltakende foretak.",
        "required_fields": ["summary", "employee_representatives", "user_representatives",
                            "budget"],
    }
    one = services.create_call(
        actor=None, programme=programme, number=1, title="Utlysning 1 (2024)",
        opens_at=_at(2023, 10, 2, 8), closes_at=_at(2024, 1, 8, 23, 59),
        decision_by=dt.date(2024, 2, 5), budget=50 * MNOK, max_per_project=15 * MNOK,
        criteria=CRITERIA, report_due_dates=[dt.date(2024, 12, 31), dt.date(2025, 6, 30)],
        **requirements)
    two = services.create_call(
        actor=None, programme=programme, number=2, title="Utlysning 2 (2024)",
        opens_at=_at(2024, 2, 6, 8), closes_at=_at(2024, 4, 15, 23, 59),
        decision_by=dt.date(2024, 5, 24), budget=40 * MNOK, max_per_project=15 * MNOK,
        criteria=CRITERIA, **requirements)
    opens = dt.datetime.combine(today - dt.timedelta(days=30), dt.time(8), tzinfo=TZ)
    three = services.create_call(
        actor=None, programme=programme, number=3, title="Utlysning 3",
        opens_at=opens, closes_at=opens + dt.timedelta(days=90, hours=15, minutes=59),
        budget=10 * MNOK, max_per_project=5 * MNOK, criteria=CRITERIA, **requirements)
    return [one, two, three]


def _indicator_unit(trust: Unit) -> Unit:
    units = Unit.objects.filter(trust=trust, level=Unit.Level.DEPARTMENT).order_by("path")
    return units.filter(service_area=Unit.ServiceArea.PHBU).first() or units.first() or trust


def _apply(programme: Programme, call: Call, spec: tuple, trusts: dict[str, Unit],
           lead_user: Any, now: dt.datetime) -> Application:
    title, lead, partner, goals, groups, amounts = spec
    application = services.create_application(
        actor=None, call=call, project_lead=lead_user, lead_trust=trusts[lead], title=title,
        now=now, summary=_("A joint project of %(lead)s and %(partner)s.")
        % {"lead": trusts[lead].name, "partner": trusts[partner].name},
        activities="Kartlegging, pilot i to enheter, spredning i foretakene.",
        employee_representatives="Hovedtillitsvalgt og verneombud i begge foretak",
        user_representatives="Brukerrådet i begge foretak")
    services.update_application(
        actor=None, application=application, changes={}, now=now,
        sub_goals=[programme.sub_goals.get(number=n) for n in goals],
        priority_groups=[list(programme.priority_groups.order_by("pk"))[g] for g in groups])
    partner_row = services.add_partner(actor=None, application=application,
                                       trust=trusts[partner], now=now)
    services.confirm_partner(actor=None, partner=partner_row, now=now)
    services.set_budget(actor=None, application=application, now=now, lines=[
        (year, "personnel", amount) for year, amount in zip(programme.years, amounts,
                                                             strict=True)])
    services.add_milestone(actor=None, application=application, name="Pilot i gang",
                           due_on=dt.date(2024, 9, 1), now=now)
    services.add_milestone(actor=None, application=application, name="Sluttrapport",
                           due_on=dt.date(2026, 12, 31), now=now)
    services.add_indicator(actor=None, application=application, indicator="turnover",
                           unit=_indicator_unit(trusts[lead]), baseline_year=2023, now=now)
    services.add_indicator(actor=None, application=application, indicator="specialist_share",
                           unit=_indicator_unit(trusts[lead]), baseline_year=2023, now=now)
    services.submit(actor=None, application=application, now=now)
    return application


def _assess(application: Application, reviewers: dict[str, ProgrammeMember],
            rng: random.Random, strong: bool) -> None:
    applying = services.applying_trust_ids(application)
    ktv = next(m for key, m in reviewers.items()
               if key.startswith("ktv:") and m.trust_id not in applying)
    for member in (ktv, reviewers["rbu"], reviewers["ordinary"]):
        assignment = services.assign_reviewer(actor=None, application=application,
                                              reviewer=member)
        low = 3 if strong else 1
        scores = {key: (rng.randint(low, low + 2), "Vurdert etter utlysningens kriterier")
                  for key, _name, _weight in CRITERIA}
        services.submit_review(actor=None, assignment=assignment, scores=scores,
                               recommendation="approve" if strong else "move",
                               comment="", now=_at(2024, 1, 25))


def _report(application: Application, spent_share: float, final: bool) -> None:
    total = services.budget_total(application)
    services.submit_report(
        actor=None, application=application, kind="progress", period_end=dt.date(2024, 12, 31),
        progress="Pilot startet i to enheter; rekruttering i gang.",
        spent=int(total * spent_share / 3), milestones="Pilot i gang: nådd",
        risks="Vakanser kan forsinke opplæringen.", now=_at(2025, 1, 20))
    services.submit_report(
        actor=None, application=application, kind="progress", period_end=dt.date(2025, 6, 30),
        progress="Tiltakene er tatt i bruk i begge foretak.",
        spent=int(total * spent_share / 2), milestones="Spredning startet",
        risks="Ingen nye.", now=_at(2025, 7, 15))
    if final:
        services.submit_report(
            actor=None, application=application, kind="final",
            period_end=dt.date(2025, 12, 31), progress="Prosjektet er gjennomført.",
            spent=int(total * spent_share), milestones="Alle nådd", risks="",
            evaluation="Lavere turnover i pilotenhetene; tiltaket videreføres i drift.",
            now=_at(2026, 1, 31))


def seed_funding(*, seed: int, today: dt.date, progress: Callable[[str], None]) -> int:
    """The programme, its three calls, the applications and their follow-up; returns the
    number of applications."""
    progress(_("Writing the funding programme ..."))
    rng = random.Random(seed * 31 + 14)
    trusts = {code: Unit.objects.get(code=code) for code in TRUSTS}
    people = _people(trusts, today)
    programme = _programme(Unit.objects.get(code=REGION))
    one, two, three = _calls(programme, today)
    member = services.add_member
    member(actor=None, programme=programme, user=people["programadmin"],
           kind=ProgrammeMember.Kind.ADMINISTRATOR)
    reviewers = {f"ktv:{code}": member(actor=None, programme=programme,
                                       user=people[f"ktv:{code}"], kind="reviewer",
                                       reviewer_kind="ktv", trust=trusts[code])
                 for code in TRUSTS}
    reviewers["rbu"] = member(actor=None, programme=programme, user=people["rbu"],
                              kind="reviewer", reviewer_kind="rbu")
    reviewers["ordinary"] = member(actor=None, programme=programme,
                                   user=people["planlegger"], kind="reviewer",
                                   reviewer_kind="ordinary")
    admin_user = people["programadmin"]
    applications = []
    for index, spec in enumerate(ROUND_ONE):
        lead_user = people["prosjektleder"] if index == PROJECT_LEAD_PROJECT else \
            _other_lead(index, trusts[spec[1]], today)
        applications.append(_apply(programme, one, spec, trusts, lead_user,
                                   _at(2023, 12, 1 + index)))
    for index, application in enumerate(applications):
        approved = index < APPROVED_IN_ROUND_ONE
        _assess(application, reviewers, rng, strong=approved)
        amounts = dict(zip(programme.years, ROUND_ONE[index][5], strict=True))
        services.decide(actor=admin_user, application=application,
                        outcome="approved" if approved else "moved",
                        amounts=amounts if approved else None, decided_on=dt.date(2024, 2, 5),
                        note="" if approved else "Flyttet til runde 2 (frist 15.04.2024).")
    moved = applications[APPROVED_IN_ROUND_ONE:]
    for index, application in enumerate(moved):
        application.refresh_from_db()
        services.submit(actor=None, application=application, now=_at(2024, 4, 10 + index))
        # The round-one reviews (KTV/KVO and RBU among them) stay on record for round two.
        if index < APPROVED_IN_ROUND_TWO:
            services.decide(actor=admin_user, application=application, outcome="approved",
                            amounts=dict(zip(programme.years,
                                             ROUND_ONE[APPROVED_IN_ROUND_ONE + index][5],
                                             strict=True)),
                            decided_on=dt.date(2024, 5, 24))
    for index, application in enumerate(applications[:APPROVED_IN_ROUND_ONE]):
        _report(application, spent_share=0.9 - 0.1 * index, final=index == 0)
    draft = services.create_application(
        actor=None, call=three, project_lead=people["prosjektleder"],
        lead_trust=trusts["NVHF"], title="Spesialistsykepleiere i akutteam",
        summary="Utkast", now=dt.datetime.combine(today, dt.time(9), tzinfo=TZ))
    services.add_partner(actor=None, application=draft, trust=trusts["SSHF"],
                         now=dt.datetime.combine(today, dt.time(9), tzinfo=TZ))
    return len(applications) + 1
