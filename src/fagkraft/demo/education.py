"""Demo education data, written through the education services.

- The pathway templates of fagkraft.education.catalogue with placeholder learning goals
  marked "EKSEMPEL" (never official goal texts).
- Every doctor in an education position today in a mental-health unit is a LIS3
  candidate of the unit's specialty; every psychologist without a specialist approval is
  a candidate of the psychologist programme. Each starts when they were hired (the
  psychologists at most six years back) with a planned length of five years.
- Pace (ASSUMPTION, not from the seeds): 60 % of candidates keep the planned pace, 25 %
  go at 70 % of it (behind once far enough in) and 15 % at 40 % (clearly behind). The
  records that pace makes are generated month by month: practice at that share of full
  time, supervision in two relationships, courses each half year, learning goals signed
  and approved in order, the written work near the end.
- Supervisors are specialists of the same profession group in the candidate's
  department (else the trust); each sets aside 2-6 hours a month in their unit.
- The demo employee login ("ansatt") supervises a LIS candidate in the BUP department,
  with one learning activity waiting for a signature: the browser test signs it and the
  leader ("leder") approves the goal. Demo simplification: in real life the signing
  supervisor of a LIS is a specialist doctor.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fagkraft.demo import logins
from fagkraft.education import services
from fagkraft.education.models import (
    Candidate,
    CandidateSupervisor,
    CourseRecord,
    GoalApproval,
    LearningActivity,
    PathwayPart,
    PathwayTemplate,
    PlanItem,
    PracticePeriod,
    SupervisionSession,
    SupervisorCapacity,
)
from fagkraft.engine.compliance import add_months
from fagkraft.workforce.models import Employee, Position, PositionKind, SpecialistApproval, Unit

VIA = "seed-demo"
PACES = ((0.6, 1.0), (0.25, 0.7), (0.15, 0.4))  # (share of candidates, pace)
LIS_TEMPLATE = {"phbu": "lis3-bup", "phv": "lis3-psyk", "tsb": "lis3-rus"}
PSY_TEMPLATE = {"phbu": "psy-bu", "phv": "psy-voksen", "tsb": "psy-rus"}
MAX_PSY_YEARS = 6
SHOWCASE_DEPARTMENT = logins.LEADER_UNIT


def _pace(rng: random.Random) -> float:
    draw = rng.random()
    for share, pace in PACES:
        if draw < share:
            return pace
        draw -= share
    return PACES[-1][1]


def _months(start: dt.date, today: dt.date) -> list[dt.date]:
    days, day = [], start
    while day <= today:
        days.append(day)
        day = add_months(day, 1)
    return days


class Builder:
    """Generates one candidate's records at their pace, up to today."""

    def __init__(self, rng: random.Random, today: dt.date, now: dt.datetime) -> None:
        self.rng, self.today, self.now = rng, today, now
        self.records: list = []
        self.goals: dict[int, list] = {}
        self._parts: dict[int, list[PathwayPart]] = {}

    def parts(self, template: PathwayTemplate) -> list[PathwayPart]:
        """The template's parts in order, read once per template."""
        if template.pk not in self._parts:
            self._parts[template.pk] = list(template.parts.order_by("order"))
        return self._parts[template.pk]

    def psychologist(self, candidate: Candidate, pace: float, supervisors: list) -> None:
        parts = self.parts(candidate.template)
        start, fte = candidate.start_date, Decimal(round(pace * 100))
        boundary = start
        for part in parts:
            months = round(float(part.practice_years) * 12 / pace)
            end = add_months(boundary, months) - dt.timedelta(days=1)
            if boundary > self.today:
                break
            self.records.append(PracticePeriod(
                candidate=candidate, part=part, unit=candidate.unit, start_date=boundary,
                end_date=end if end < self.today else None, fte_percent=fte))
            for index, month in enumerate(_months(boundary, min(end, self.today))):
                held_on = month + dt.timedelta(days=self.rng.randint(0, 20))
                if supervisors and held_on <= self.today:
                    # The first supervisor for the first half of the programme, then the
                    # second: two relationships of well over 40 hours.
                    who = supervisors[0] if month < add_months(start, round(30 / pace)) \
                        else supervisors[-1]
                    self.records.append(SupervisionSession(
                        candidate=candidate, supervisor=who, part=part,
                        held_on=held_on, minutes=max(45, round(180 * pace)),
                        individual=self.rng.random() < 0.8, logged_by=None))
                if index % 6 == 5:
                    per_half_year = part.course_hours / Decimal(
                        max(1, round(float(part.practice_years) * 2 / pace)))
                    self.records.append(CourseRecord(
                        candidate=candidate, part=part, title=f"Kurs: {part.name}",
                        held_on=month, hours=per_half_year.quantize(Decimal("0.5"))))
            boundary = end + dt.timedelta(days=1)

    def lis(self, candidate: Candidate, pace: float, supervisors: list, goals: list) -> int:
        """LIS3 records; returns the number of goals approved."""
        parts = self.parts(candidate.template)
        part = parts[0] if parts else None
        elapsed = (self.today - candidate.start_date).days / 365.25
        done = min(len(goals), int(len(goals) * elapsed * pace / 5))
        span = max(1, (self.today - candidate.start_date).days)
        self.records.append(PracticePeriod(
            candidate=candidate, part=part, unit=candidate.unit,
            start_date=candidate.start_date, fte_percent=Decimal(100)))
        for number, goal in enumerate(goals[:done], start=1):
            day = candidate.start_date + dt.timedelta(days=span * number // (done + 1))
            signer = supervisors[-1] if supervisors else None
            self.records.append(LearningActivity(
                candidate=candidate, goal=goal, title=f"Læringsaktivitet {goal.code}",
                done_on=day, signed_by=signer,
                signed_at=self.now if signer else None))
            if signer:
                self.records.append(GoalApproval(
                    candidate=candidate, goal=goal,
                    approved_on=min(self.today, day + dt.timedelta(days=14))))
        if supervisors:
            for month in _months(candidate.start_date, self.today)[::2]:
                self.records.append(SupervisionSession(
                    candidate=candidate, supervisor=supervisors[0], part=part,
                    held_on=month, minutes=60, individual=True))
        return done if supervisors else 0

    def plan(self, candidate: Candidate, goals: list, approved: int) -> None:
        if self.rng.random() < 0.2:
            return  # some candidates have no plan for the next six months
        upcoming = goals[approved:approved + 2]
        for offset, goal in enumerate(upcoming, start=1):
            self.records.append(PlanItem(candidate=candidate, goal=goal,
                                         title=f"Læringsaktivitet {goal.code}",
                                         target_date=add_months(self.today, 2 * offset)))
        if not upcoming:
            self.records.append(PlanItem(candidate=candidate, title="Kurs og veiledning",
                                         target_date=add_months(self.today, 3)))


def _specialists(today: dt.date) -> dict[str, dict[int, list[Employee]]]:
    """Specialists with an approval in force and a position today, per group and unit."""
    approved = SpecialistApproval.objects.filter(SpecialistApproval.active_on_q(today))
    positions = (Position.objects.filter(Position.active_on_q(today),
                                         employee__in=approved.values("employee_id"))
                 .select_related("employee__profession", "unit").order_by(
                     "employee__employee_number"))
    found: dict[str, dict[int, list[Employee]]] = {}
    for position in positions:
        group = position.employee.profession.group
        found.setdefault(group, {}).setdefault(position.unit_id, []).append(position.employee)
    return found


class _Near:
    """The units near a unit (its parent's subtree) and of its trust, read once per unit
    and trust rather than once per candidate."""

    def __init__(self) -> None:
        self._near: dict[int, set[int]] = {}
        self._trust: dict[int | None, set[int]] = {}

    def near(self, unit: Unit) -> set[int]:
        if unit.pk not in self._near:
            parent = unit.parent
            self._near[unit.pk] = set(Unit.objects.filter(
                Unit.subtree_q(parent.path if parent else unit.path))
                .values_list("pk", flat=True))
        return self._near[unit.pk]

    def trust(self, unit: Unit) -> set[int]:
        if unit.trust_id not in self._trust:
            self._trust[unit.trust_id] = set(Unit.objects.filter(trust_id=unit.trust_id)
                                             .values_list("pk", flat=True))
        return self._trust[unit.trust_id]


def _pick(rng: random.Random, pool: dict[int, list[Employee]], unit: Unit, exclude: int,
          near: _Near, count: int = 2) -> list[Employee]:
    ids = near.near(unit)
    people = [p for unit_id, persons in sorted(pool.items()) if unit_id in ids
              for p in persons if p.pk != exclude]
    if len(people) < count:
        trust = near.trust(unit)
        people += [p for unit_id, persons in sorted(pool.items()) if unit_id in trust
                   for p in persons if p.pk != exclude and p not in people]
    return rng.sample(people, min(count, len(people)))


def _candidates(today: dt.date) -> list[tuple[Employee, Position, str]]:
    """(employee, position today, template code) of the demo's candidates."""
    current = (Position.objects.filter(Position.active_on_q(today))
               .select_related("employee__profession", "unit").order_by(
                   "employee__employee_number", "start_date"))
    approved = set(SpecialistApproval.objects.filter(SpecialistApproval.active_on_q(today))
                   .values_list("employee_id", flat=True))
    found, seen = [], set()
    for position in current:
        employee, area = position.employee, position.unit.service_area
        if employee.pk in seen:
            continue
        code = employee.profession.code
        if code == "doctor" and position.kind == PositionKind.EDUCATION \
                and area in LIS_TEMPLATE:
            found.append((employee, position, LIS_TEMPLATE[area]))
        elif code == "psychologist" and employee.pk not in approved and area in PSY_TEMPLATE:
            found.append((employee, position, PSY_TEMPLATE[area]))
        else:
            continue
        seen.add(employee.pk)
    return found


def seed_education(*, seed: int, today: dt.date, progress: Callable[[str], None]) -> int:
    """Write the demo education data; returns the number of main records written.

    No transaction around it all: the candidates go in through a durable bulk service."""
    services.seed_templates(None, example_goals=True)
    templates = {t.code: t for t in PathwayTemplate.objects.all()}
    rng = random.Random(f"{seed}-education")
    builder = Builder(rng, today, timezone.now())
    pools = _specialists(today)
    showcase_supervisor = logins.demo_employee(today)
    chosen = [row for row in _candidates(today) if row[2] in templates
              and (showcase_supervisor is None or row[0].pk != showcase_supervisor.pk)]
    progress(_("Writing %(count)s candidates on education pathways ...")
             % {"count": len(chosen)})
    hires = {e: start for e, start in Position.objects.order_by().values_list(
        "employee_id", "start_date").order_by("-start_date")}
    goals_by_template = {template.pk: list(services.goals_of(template))
                         for template in templates.values()}
    near = _Near()
    assignments: list = []
    candidates = []
    written_work: list[tuple[Candidate, dt.date]] = []
    for employee, position, code in chosen:
        template = templates[code]
        start = hires.get(employee.pk, position.start_date)
        if template.kind == PathwayTemplate.Kind.PSYCHOLOGIST:
            start = max(start, add_months(today, -12 * MAX_PSY_YEARS))
        # Written below, all at once, as create_candidate would (planned end from the
        # template); the records made for it meanwhile get its id then.
        candidate = Candidate(
            employee=employee, template=template, unit=position.unit, start_date=start,
            education_position=position if position.kind == PositionKind.EDUCATION
            else None,
            permanent_unit=position.unit if rng.random() < 0.5 else None)
        group = "doctor" if template.kind == PathwayTemplate.Kind.LIS3 else "psychologist"
        supervisors = _pick(rng, pools.get(group, {}), position.unit, employee.pk, near)
        for supervisor in supervisors:
            assignments.append(CandidateSupervisor(
                candidate=candidate, supervisor=supervisor, start_date=start))
        goals = goals_by_template[template.pk]
        pace, approved = _pace(rng), 0
        if template.kind == PathwayTemplate.Kind.PSYCHOLOGIST:
            builder.psychologist(candidate, pace, supervisors)
            if (today - start).days * pace > 365 * 4.6 and rng.random() < 0.7:
                written_work.append((candidate,
                                     today - dt.timedelta(days=rng.randint(10, 200))))
        else:
            approved = builder.lis(candidate, pace, supervisors, goals)
        builder.plan(candidate, goals, approved)
        candidates.append((candidate, supervisors))
    # As create_candidate one by one (no `via`): the same rows and log.
    services.bulk_create_candidates(actor=None, candidates=[c for c, _s in candidates])
    with transaction.atomic():
        for candidate, approved_on in written_work:
            services.update_candidate(None, candidate, written_work_approved_on=approved_on)
    services.bulk_add_records(None, assignments, via=VIA)
    services.bulk_add_records(None, builder.records, via=VIA)
    capacity = _capacity(rng, candidates, today)
    _showcase(showcase_supervisor, today)
    return len(candidates) + len(builder.records) + capacity


def _capacity(rng: random.Random, candidates: list, today: dt.date) -> int:
    """Each supervisor sets aside 2, 4 or 6 hours a month in their unit (ASSUMPTION)."""
    supervisors = {s.pk: s for _, chosen in candidates for s in chosen}
    units = dict(Position.objects.filter(Position.active_on_q(today),
                                         employee_id__in=list(supervisors))
                 .order_by("start_date").values_list("employee_id", "unit_id"))
    rows = [SupervisorCapacity(employee=supervisors[pk], unit_id=units[pk],
                               hours_per_month=Decimal(rng.choice((2, 4, 6))),
                               start_date=add_months(today, -12))
            for pk in sorted(supervisors) if pk in units]
    return services.bulk_add_records(None, rows, via=VIA)


def _showcase(supervisor: Employee | None, today: dt.date) -> None:
    """The demo login 'ansatt' supervises a LIS in the BUP department, one activity waiting."""
    department = Unit.objects.filter(code=SHOWCASE_DEPARTMENT).first()
    if supervisor is None or department is None:
        return
    candidate = (Candidate.objects.filter(Unit.subtree_q(department.path, "unit__"),
                                          template__kind=PathwayTemplate.Kind.LIS3,
                                          status=Candidate.Status.ACTIVE)
                 .select_related("template", "employee").order_by("employee__employee_number")
                 .first())
    if candidate is None:
        return
    services.assign_supervisor(None, candidate, supervisor=supervisor,
                               role=CandidateSupervisor.Role.SIGNING,
                               start_date=add_months(today, -6))
    approved = GoalApproval.objects.filter(candidate=candidate).values("goal_id")
    goal = services.goals_of(candidate.template).exclude(pk__in=approved).first()
    if goal is not None:
        services.add_activity(None, candidate, goal=goal, title="Veiledet pasientsamtale",
                              done_on=today - dt.timedelta(days=3))
