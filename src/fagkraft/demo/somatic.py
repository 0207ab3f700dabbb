"""A small somatic clinic per demo trust, so the priority-rule monitor compares real
register figures (full-time equivalents by service area) against somatic care.

Pure and deterministic like the rest of the plan, with its own random stream: it is
planned and written after everything else, so the mental-health demo (its people, their
competence, pathways, studies and scenarios) is the same with or without it. Each trust
gets "Medisinsk klinikk" with one inpatient ward; about a tenth as many posts as the
trust's mental-health posts, growing a little most years (new posts), with leavers
replaced after a gap. Its staff have no competence or education data: they are here for
the FTE comparison only.
"""

from __future__ import annotations

import datetime as dt
import random

from faker import Faker

from fagkraft.demo.organisation import TRUSTS, UnitSpec
from fagkraft.demo.people import (
    HISTORY_YEARS,
    RETIREMENT_AGES,
    RETIREMENT_WEIGHTS,
    YEAR,
    DemoPlan,
    PersonPlan,
    PositionPlan,
)

SHARE_OF_POSTS = 0.10
MIX = (("nurse", 0.50), ("health-worker", 0.25), ("doctor", 0.15), ("secretary", 0.10))
FEMALE_SHARE = {"nurse": 0.88, "health-worker": 0.84, "doctor": 0.55, "secretary": 0.92}
LEAVING_PER_YEAR = 0.07
GROWTH_PER_YEAR = (0.0, 0.045)  # new posts each year, as a share of the posts
GAP_DAYS = 60
SEED_OFFSET = 7919  # its own random stream, apart from the main plan's


def somatic_units() -> list[UnitSpec]:
    units = []
    for trust, _name, _share in TRUSTS:
        clinic, ward = f"{trust}-SOM", f"{trust}-SOM-MED"
        units += [
            UnitSpec(clinic, "Medisinsk klinikk", "clinic", trust, "somatic", "other",
                     trust=trust),
            UnitSpec(ward, "Medisinsk avdeling", "department", clinic, "somatic",
                     "inpatient", trust=trust),
            UnitSpec(f"{ward}-SENG", "Medisinsk sengepost", "section", ward, "somatic",
                     "inpatient", trust=trust),
        ]
    return units


def plan_somatic(total_posts: int, *, seed: int, today: dt.date) -> DemoPlan:
    """People and positions of the somatic wards over the demo's eight years."""
    rng = random.Random(seed + SEED_OFFSET)
    fake = Faker("no_NO")
    fake.seed_instance(seed + SEED_OFFSET)
    start = today.toordinal() - round(HISTORY_YEARS * YEAR)
    end = today.toordinal()
    people: list[PersonPlan] = []
    professions = [code for code, _ in MIX]
    weights = [share for _, share in MIX]

    def hire(trust: str, day: int, tenure: float = 0.0) -> None:
        if day >= end:
            return
        profession = rng.choices(professions, weights)[0]
        female = rng.random() < FEMALE_SHARE[profession]
        # At most 62 on the window's first day: the first occupants hired long ago were young.
        age = min(rng.uniform(24, 58), 62 - tenure)
        hired = day - round(tenure * YEAR)
        person = PersonPlan(
            key=len(people), trust=trust, profession=profession, sex="F" if female else "M",
            birth=hired - round(age * YEAR) - rng.randint(0, 364),
            first_name=fake.first_name_female() if female else fake.first_name_male(),
            last_name=fake.last_name())
        people.append(person)
        # Leaving is memoryless (exponential): a first occupant hired years ago has the
        # same remaining stay from the window's start as a new hire has from the hire.
        leaves = day + max(1, round(rng.expovariate(LEAVING_PER_YEAR) * YEAR))
        retires = person.birth + round(rng.choices(RETIREMENT_AGES, RETIREMENT_WEIGHTS)[0] * YEAR)
        leaves = min(leaves, max(day + 1, retires))
        position = PositionPlan(f"{trust}-SOM-MED-SENG", rng.choice((100, 100, 80)),
                                "permanent", hired)
        if leaves < end:
            age_then = (leaves - person.birth) / YEAR
            position.end, position.reason = leaves, ("retired" if age_then >= 61.9
                                                     else "resigned")
        person.positions.append(position)
        if position.end is not None and position.end + GAP_DAYS < end:
            hire(trust, position.end + 1 + rng.randint(GAP_DAYS // 2, GAP_DAYS * 2))

    for trust, _name, share in TRUSTS:
        posts = max(6, round(total_posts * share * SHARE_OF_POSTS))
        for _ in range(posts):
            hire(trust, start, tenure=rng.uniform(0, 15))
        for year in range(HISTORY_YEARS):
            for _ in range(round(posts * rng.uniform(*GROWTH_PER_YEAR))):
                hire(trust, start + round((year + rng.random()) * YEAR))
    _numbers(people, rng)
    return DemoPlan(today=today, people=people, vacancies=[])


def _numbers(people: list[PersonPlan], rng: random.Random) -> None:
    """Employee numbers 800000 and up, HPR numbers 9000000 and up: apart from the main
    plan's (100000 and 1000000 and up), so they never collide."""
    for count, person in enumerate(sorted(people, key=lambda p: (p.positions[0].start,
                                                                   p.key)), start=1):
        person.number = str(800000 + 3 * count + rng.randint(0, 2))
        if person.profession != "secretary":
            person.hpr = str(9000000 + 11 * count + rng.randint(0, 10))
