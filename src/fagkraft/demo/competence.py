"""Competence data for the demo: the seeds' catalogue, eight years of completions, pending
reports, individual plans, teachers and teaching packages.

Deterministic: the same seed, people and day give the same data. Everything is written
through fagkraft.competence.services. Completions are drawn per current requirement so
that units show a realistic mix (ASSUMPTION, not from the seeds): of the requirements
already due, about two in three are met, one in ten due soon, the rest overdue or
missing; people hired within the deadline have done some of theirs.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from fagkraft.adapter import competence as adapter
from fagkraft.competence import services
from fagkraft.competence.models import Competence, Completion, PlanActivity, TeachingPackage
from fagkraft.competence.services import CompletionRow, NewActivity, NewCompletion, NewPlan
from fagkraft.engine.compliance import add_months
from fagkraft.workforce.models import Employee, Position, SpecialistApproval, Unit

VIA = "seed-demo"
HISTORY_YEARS = 8
DUE_SOON_DAYS = 30
PLAN_PERIOD_MONTHS = 12
# Shares of requirements already past their deadline, by outcome (ASSUMPTION).
MET, DUE_SOON, OVERDUE = 0.62, 0.12, 0.16  # the rest (about 10 %) missing
DONE_BEFORE_DEADLINE = 0.4  # new hires who have already done a requirement
PENDING_SHARE = 0.1  # of overdue or missing requirements, with a report awaiting approval
COMPETENCE_PLAN_SHARE = 0.35
DEVELOPMENT_PLAN_SHARE = 0.2
DEVELOPMENT_TITLES = (
    "Videreutdanning i psykisk helsearbeid",
    "Kurs i traumebehandling",
    "Veiledning i familieterapi",
    "Hospitering i ambulant team",
    "Lederutviklingsprogram",
    "Kurs i kognitiv atferdsterapi",
)
TEACHING_CODES = ("MAP", "SUI-DAG", "SUI-KVAL", "INTRO")
Progress = Callable[[str], None]


@dataclass(frozen=True)
class CompetenceSeedResult:
    competences: int
    rules: int
    completions: int
    pending: int
    plans: int
    activities: int
    teachers: int
    packages: int


def _days(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A day in [start, end] (start if the range is empty)."""
    span = (end - start).days
    return start if span <= 0 else start + dt.timedelta(days=rng.randint(0, span))


def plan_period_start(today: dt.date) -> dt.date:
    """The demo's plans look back a year: no requirement fell due before then (issue 12)."""
    return add_months(today, -PLAN_PERIOD_MONTHS)


def _latest(rng: random.Random, anchor: dt.date, deadline: dt.date, validity: int | None,
            today: dt.date) -> dt.date | None:
    """The latest completion of one requirement, drawn to give the intended mix.

    Whatever the draw, the requirement falls due no earlier than `plan_period_start`: a
    course missing since a hiring in 2013 is no plan's business and reads as a data error.
    """
    done = _draw(rng, anchor, deadline, validity, today)
    if done is not None or deadline >= plan_period_start(today):
        return done
    # Would be missing since before the period: done late instead; one that expires, so
    # long ago that it ran out within the period (overdue), or else still valid.
    if validity is None:
        return _days(rng, deadline, today)
    lapse = add_months(today, -validity)
    return max(anchor, lapse - dt.timedelta(days=rng.randint(1, 300)))


def _draw(rng: random.Random, anchor: dt.date, deadline: dt.date, validity: int | None,
          today: dt.date) -> dt.date | None:
    if deadline > today:  # still within the deadline after hiring or moving in
        return _days(rng, anchor, today) if rng.random() < DONE_BEFORE_DEADLINE else None
    draw = rng.random()
    if validity is None:
        if draw < MET + DUE_SOON + OVERDUE:
            # Mostly on time; some a little after the deadline.
            late = draw > MET + DUE_SOON
            return _days(rng, deadline, today) if late else _days(rng, anchor, deadline)
        return None
    lapse = add_months(today, -validity)  # done on this day: expires today
    if draw < MET:
        done = _days(rng, lapse + dt.timedelta(days=DUE_SOON_DAYS + 1), today)
    elif draw < MET + DUE_SOON:
        done = _days(rng, lapse, lapse + dt.timedelta(days=DUE_SOON_DAYS))
    elif draw < MET + DUE_SOON + OVERDUE:
        done = lapse - dt.timedelta(days=rng.randint(1, 365))
    else:
        return None
    return done if done >= anchor - dt.timedelta(days=30) else None


def _history(rng: random.Random, latest: dt.date, validity: int, since: dt.date) -> list[dt.date]:
    """Earlier renewals, one validity period apart (give or take three weeks)."""
    earlier = []
    day = add_months(latest, -validity)
    while day >= since:
        earlier.append(day + dt.timedelta(days=rng.randint(-21, 0)))
        day = add_months(day, -validity)
    return earlier


def seed_competence(*, seed: int, today: dt.date,
                    progress: Progress = lambda message: None) -> CompetenceSeedResult:
    # No transaction around it all: the bulk services are durable, each its own.
    catalogue = services.seed_catalogue(None)
    rng = random.Random(f"{seed}-competence")
    competences = {c.pk: c for c in Competence.objects.all()}
    current = Position.objects.filter(Position.active_on_q(today)).values("employee_id")
    people = {e.pk: e for e in Employee.objects.filter(pk__in=current)}
    requirements = sorted(
        adapter.requirements_for(Employee.objects.filter(pk__in=list(people)), today),
        key=lambda r: (people[r.employee_id].employee_number,
                       competences[r.competence_id].code))
    progress(_("Writing completions for %(count)s requirements ...")
             % {"count": len(requirements)})
    rows, gaps = _completions(rng, requirements, people, competences, today)
    written = services.bulk_import_completions(None, rows, via=VIA)
    pending = _pending(rng, gaps, people, competences, today)
    plans, activities = _plans(rng, people, gaps, competences, today)
    teachers = _teachers(rng, competences, today)
    packages = _packages(competences)
    return CompetenceSeedResult(catalogue.competences_created, catalogue.rules_created,
                                written.created, pending, plans, activities, teachers, packages)


def _completions(rng, requirements, people, competences, today):
    since = add_months(today, -12 * HISTORY_YEARS)
    rows: list[CompletionRow] = []
    gaps: dict[int, list[int]] = defaultdict(list)  # employee -> competences not met
    for requirement in requirements:
        competence = competences[requirement.competence_id]
        employee = people[requirement.employee_id]
        latest = _latest(rng, requirement.anchor, requirement.deadline,
                         competence.validity_months, today)
        if latest is None or (competence.validity_months
                              and add_months(latest, competence.validity_months) < today):
            gaps[employee.pk].append(competence.pk)
        if latest is None:
            continue
        days = [latest]
        if competence.validity_months:
            days += [day for day in _history(rng, latest, competence.validity_months, since)
                     if day >= requirement.anchor - dt.timedelta(days=30)]
        rows.extend(CompletionRow(employee, competence, day, competence.hours,
                                  "Kilde: Kompetanseportalen") for day in days)
    return rows, gaps


def _pending(rng, gaps, people, competences, today) -> int:
    """Some people have reported a completion their leader has not yet approved."""
    entries: list[NewCompletion] = []
    for employee_id in sorted(gaps, key=lambda pk: people[pk].employee_number):
        for competence_id in gaps[employee_id]:
            if rng.random() < PENDING_SHARE:
                competence = competences[competence_id]
                entries.append(NewCompletion(
                    employee=people[employee_id], competence=competence,
                    completed_on=today - dt.timedelta(days=rng.randint(1, 20)),
                    hours=competence.hours, source=Completion.Source.EMPLOYEE,
                    note="Kursbevis levert til leder."))
    # The audit events as record_completion's one by one (no `via`): the same log.
    return len(services.bulk_record_completions(actor=None, entries=entries))


def _plans(rng, people, gaps, competences, today) -> tuple[int, int]:
    """Competence plans for the gaps of some people, development plans for others."""
    plans: list[NewPlan] = []
    statuses = (PlanActivity.Status.PLANNED, PlanActivity.Status.IN_PROGRESS)
    for employee in sorted(people.values(), key=lambda e: e.employee_number):
        appraisal = _days(rng, dt.date(today.year, 1, 15), today)
        if gaps.get(employee.pk) and rng.random() < COMPETENCE_PLAN_SHARE:
            plans.append(NewPlan(
                employee=employee, kind="competence", year=today.year,
                appraisal_date=appraisal,
                activities=[NewActivity(
                    competence=competences[competence_id],
                    target_date=today + dt.timedelta(days=rng.randint(14, 180)),
                    status=rng.choice(statuses))
                    for competence_id in gaps[employee.pk]]))
        if rng.random() < DEVELOPMENT_PLAN_SHARE:
            plans.append(NewPlan(
                employee=employee, kind="development", year=today.year,
                appraisal_date=appraisal, note="Fra medarbeidersamtalen.",
                activities=[NewActivity(
                    title=title, target_date=today + dt.timedelta(days=rng.randint(60, 540)),
                    status=rng.choice((*statuses, PlanActivity.Status.DONE)))
                    for title in rng.sample(DEVELOPMENT_TITLES, rng.randint(1, 2))]))
    # As create_plan and add_activity one by one (no `via`): the same rows and log.
    services.bulk_create_plans(actor=None, plans=plans)
    return len(plans), sum(len(plan.activities) for plan in plans)


def _teachers(rng, competences, today) -> int:
    """Per trust, two teachers of each teachable course among those who hold it, and
    three psychologist specialists who supervise."""
    by_code = {c.code: c for c in competences.values()}
    count = 0
    for trust in Unit.objects.filter(level=Unit.Level.TRUST).order_by("code"):
        for code in TEACHING_CODES:
            competence = by_code.get(code)
            if competence is None:
                continue
            holders = sorted(set(Completion.objects.filter(
                competence=competence, status=Completion.Status.APPROVED,
                employee__trust=trust).values_list("employee__employee_number", "employee_id")))
            for _number, employee_id in rng.sample(holders, min(2, len(holders))):
                services.add_teacher(None, employee=Employee.objects.get(pk=employee_id),
                                     competence=competence, role="teacher")
                count += 1
        renewal = by_code.get("PSY-SPES-FORNYING")
        specialists = sorted(set(SpecialistApproval.objects.filter(
            SpecialistApproval.active_on_q(today), employee__trust=trust,
            employee__profession__group="psychologist",
        ).values_list("employee__employee_number", "employee_id")))
        if renewal is not None:
            for _number, employee_id in rng.sample(specialists, min(3, len(specialists))):
                services.add_teacher(None, employee=Employee.objects.get(pk=employee_id),
                                     competence=renewal, role="supervisor",
                                     note="Veileder for psykologer i spesialisering.")
                count += 1
    return count


PACKAGES = (
    # code, name, owner unit level and care level, shared, competences, hours
    ("MAP-GRUNNKURS", "MAP grunnkurs (tre dager)", "inpatient", True, ("MAP",), "21"),
    ("SUI-DAGKURS", "Dagskurs i selvmordsrisikovurdering", "outpatient", True, ("SUI-DAG",),
     "7.5"),
    ("SUI-AMBULANT", "Kvalifiseringsprogram for ambulante team", "ambulant", True,
     ("SUI-KVAL",), "15"),
    ("INTRO-LOKAL", "Introduksjonsprogram for nyansatte i seksjonen", "outpatient", False,
     ("INTRO",), "15"),
)


def _packages(competences) -> int:
    by_code = {c.code: c for c in competences.values()}
    count = 0
    for code, name, care_level, shared, codes, hours in PACKAGES:
        owner = Unit.objects.filter(level=Unit.Level.SECTION, care_level=care_level) \
            .order_by("path").first()
        if TeachingPackage.objects.filter(code=code).exists():
            continue
        services.create_teaching_package(
            None, code=code, name=name, owner_unit=owner, shared=shared, hours=hours,
            competences=[by_code[c] for c in codes if c in by_code])
        count += 1
    return count
