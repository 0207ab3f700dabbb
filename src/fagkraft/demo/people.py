"""Eight years of workforce history, simulated post by post. Pure Python, deterministic.

Every section has posts. At the start of the window (today minus eight years) almost every
post has an occupant; from then on events happen in date order:

- a person leaves the trust (resigns, retires at 62-70, contract ends, ...): the post's
  vacancy opens and is filled after a gap that depends on the profession (doctors and
  psychologists take longest; a few vacancies stay open for a long time);
- a vacancy is filled by a new hire or, now and then, by an internal move: a colleague of
  the same profession from another section of the trust ends their position with reason
  internal_move the day before starting here (the semantics of services.move_employee),
  which opens a vacancy where they came from;
- a temporary contract ends: the person leaves or gets a permanent position the next day;
- a doctor in specialist training (LIS, education position) completes after 4.5-6.5 years:
  the education position ends, a permanent one starts the next day in the same section, and
  the person becomes a specialist with an approval;
- psychologists in specialist training get their approval after 4.5-7 years; psychologist
  and nurse approvals are renewed every five years, and some lapse.

New posts are also created during the window (growth), each starting as an open vacancy.
"""

from __future__ import annotations

import datetime as dt
import heapq
import random
from collections import defaultdict
from dataclasses import dataclass, field

from faker import Faker

from fagkraft.demo.catalogue import PROFESSION_BY_CODE, SPECIALTY_FOR
from fagkraft.demo.mix import MIX, apportion
from fagkraft.demo.organisation import UnitSpec

YEAR = 365.25
HISTORY_YEARS = 8

# Roughly how many people a post sees over eight years (the first occupant, leavers'
# successors, growth); used to turn a wanted number of employee records into posts.
PEOPLE_PER_POST = 1.69

FEMALE_SHARE = {
    "psychiatrist": 0.55, "doctor": 0.62, "psychologist": 0.76, "nurse": 0.88,
    "specialist-nurse": 0.86, "social-worker": 0.85, "child-welfare-educator": 0.84,
    "social-educator": 0.78, "clinical-pedagogue": 0.85, "family-therapist": 0.74,
    "health-worker": 0.84, "secretary": 0.92, "leader": 0.70,
}
# Mean days a vacancy stays open before it is filled, by profession family.
MEAN_GAP_DAYS = {
    "doctor-track": 150, "psychologist": 95, "specialist-nurse": 80, "nurse": 60,
    "leader": 70, "secretary": 35,
}
DEFAULT_GAP_DAYS = 50
# Share of doctors who leave the trust when their specialist training is completed.
LEAVE_AFTER_COMPLETION = 0.35
# Share of doctor posts refilled with a doctor in specialist training (education position).
LIS_SHARE_OF_HIRES = 0.8
RETIREMENT_AGES = (62, 63, 64, 65, 66, 67, 68, 69, 70)
RETIREMENT_WEIGHTS = (16, 7, 7, 9, 8, 33, 9, 6, 5)


@dataclass
class PositionPlan:
    unit: str
    fte: int
    kind: str
    start: int  # date ordinal
    end: int | None = None
    reason: str = ""


@dataclass
class ApprovalPlan:
    specialty: str
    approved: int
    valid_until: int | None


@dataclass
class PersonPlan:
    key: int
    trust: str
    profession: str
    sex: str
    birth: int
    first_name: str
    last_name: str
    positions: list[PositionPlan] = field(default_factory=list)
    approvals: list[ApprovalPlan] = field(default_factory=list)
    number: str = ""
    hpr: str = ""
    # While simulating:
    post: Post | None = None
    leave_day: int = 0
    leave_reason: str = ""
    token: int = 0
    specialist_before_hire: bool = False

    @property
    def current(self) -> PositionPlan:
        return self.positions[-1]


@dataclass
class VacancyPlan:
    unit: str
    profession: str
    fte: int
    kind: str
    opened: int
    filled: int | None = None
    filled_by: int | None = None  # PersonPlan.key


@dataclass
class Post:
    key: int
    section: UnitSpec
    family: str  # a profession code or "doctor-track"
    fte: int
    occupant: PersonPlan | None = None
    vacancy: VacancyPlan | None = None
    pool_index: int = -1


@dataclass
class DemoPlan:
    today: dt.date
    people: list[PersonPlan]
    vacancies: list[VacancyPlan]


def _day(ordinal: int) -> dt.date:
    return dt.date.fromordinal(ordinal)


def _days_in(years: float) -> int:
    return round(years * YEAR)


class Simulation:
    def __init__(self, sections: list[UnitSpec], seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("no_NO")
        self.fake.seed_instance(seed)
        self.today = today.toordinal()
        self.start = years_before(today, HISTORY_YEARS).toordinal()
        self.sections = sections
        self.sections_by_code = {section.code: section for section in sections}
        self.people: list[PersonPlan] = []
        self.vacancies: list[VacancyPlan] = []
        self.events: list[tuple[int, int, str, object, int]] = []
        self.sequence = 0
        # Occupied posts with a permanent occupant, per (trust, profession): the people
        # who may move internally. A list with swap-removal keeps choices deterministic.
        self.pools: dict[tuple[str, str], list[Post]] = defaultdict(list)

    # --- set-up ---------------------------------------------------------------------

    def posts(self) -> list[Post]:
        posts: list[Post] = []
        by_kind: dict[tuple[str, str, str], list[UnitSpec]] = defaultdict(list)
        for section in self.sections:
            # One leader post per section; the rest by the profession mix of its kind.
            posts.append(Post(len(posts), section, "leader", 100))
            department = section.parent or ""
            by_kind[(department, section.service_area, section.care_level)].append(section)
        for (_, area, care), group in sorted(by_kind.items()):
            # Apportion over the whole department so totals follow the mix exactly, then
            # deal the posts round by round (in a shuffled section order each round), so
            # every section gets about the same mix.
            total = sum(section.posts - 1 for section in group)
            counts = apportion(total, MIX[(area, care)])
            families = [code for code in sorted(counts, key=lambda c: (-counts[c], c))
                        for _ in range(counts[code])]
            seats: list[UnitSpec] = []
            for round_number in range(max(section.posts - 1 for section in group)):
                this_round = [s for s in group if round_number < s.posts - 1]
                self.rng.shuffle(this_round)
                seats.extend(this_round)
            for family, section in zip(families, seats, strict=True):
                posts.append(Post(len(posts), section, family, self._fte(family)))
        return posts

    def _fte(self, family: str) -> int:
        rng = self.rng
        if family in ("doctor-track", "psychologist", "leader"):
            return 100 if rng.random() < 0.9 else 80
        if family in ("nurse", "specialist-nurse", "health-worker"):
            return rng.choices((100, 80, 75, 60, 50), (55, 20, 10, 8, 7))[0]
        return rng.choices((100, 80, 60), (78, 15, 7))[0]

    # --- events ---------------------------------------------------------------------

    def _schedule(self, day: int, kind: str, obj: object, token: int = 0) -> None:
        self.sequence += 1
        heapq.heappush(self.events, (day, self.sequence, kind, obj, token))

    def run(self) -> DemoPlan:
        rng = self.rng
        for post in self.posts():
            roll = rng.random()
            if roll < 0.06:
                # A post created during the window: it starts as an open vacancy.
                opened = rng.randint(self.start, self.today - 20)
                self._open_vacancy(post, opened, earliest_fill=opened)
            elif roll < 0.10:
                # Vacant at the start of the window.
                opened = self.start - rng.randint(20, 300)
                self._open_vacancy(post, opened, earliest_fill=self.start)
            else:
                self._first_occupant(post)
        # Events up to yesterday: whoever leaves has an end date before today.
        while self.events and self.events[0][0] < self.today:
            day, _, kind, obj, token = heapq.heappop(self.events)
            getattr(self, f"_on_{kind}")(day, obj, token)
        for person in self.people:
            self._approvals(person)
        self._numbers()
        return DemoPlan(_day(self.today), self.people, self.vacancies)

    # --- people ---------------------------------------------------------------------

    def _new_person(self, post: Post, profession: str, age: float, start: int) -> PersonPlan:
        rng = self.rng
        female = rng.random() < FEMALE_SHARE[profession]
        first = self.fake.first_name_female() if female else self.fake.first_name_male()
        birth = start - round(age * YEAR) - rng.randint(0, 364)
        person = PersonPlan(
            key=len(self.people), trust=post.section.trust, profession=profession,
            sex="F" if female else "M", birth=birth, first_name=first,
            last_name=self.fake.last_name(),
        )
        self.people.append(person)
        return person

    def _age_at(self, person: PersonPlan, day: int) -> float:
        return (day - person.birth) / YEAR

    def _plan_leaving(self, person: PersonPlan, from_day: int) -> None:
        """When the person will leave the trust, and why (retirement or resignation)."""
        rng = self.rng
        age = self._age_at(person, from_day)
        retire_age = rng.choices(RETIREMENT_AGES, RETIREMENT_WEIGHTS)[0]
        retire_age = max(retire_age, int(age) + 1)
        retire_day = person.birth + _days_in(retire_age)
        # Turnover is highest among the young; doctors and psychologists are courted by
        # municipalities and private practice.
        rate = 0.13 if age < 35 else 0.07 if age < 50 else 0.04
        if person.profession in ("psychiatrist", "psychologist"):
            rate *= 1.2
        resign_day = from_day + max(30, round(rng.expovariate(rate) * YEAR))
        if retire_day <= resign_day:
            person.leave_day, person.leave_reason = retire_day, "retired"
        else:
            person.leave_day = resign_day
            person.leave_reason = rng.choices(
                ("resigned", "dismissed", "other", "death"), (95, 2, 2.5, 0.5))[0]
        person.token += 1
        self._schedule(person.leave_day, "leave", person, person.token)

    def _first_occupant(self, post: Post) -> None:
        rng = self.rng
        family = post.family
        if family == "doctor-track":
            lis = rng.random() < 0.5
            profession = "doctor" if lis else "psychiatrist"
            age = rng.triangular(28, 38, 31) if lis else rng.triangular(36, 67, 48)
        else:
            profession = family
            age = rng.triangular(25, 67, 44)
        if family == "doctor-track" and lis:
            tenure = rng.uniform(0, 4.4)
        else:
            tenure = min(age - 25, rng.expovariate(1 / 8))
        hired = self.start - round(tenure * YEAR)
        person = self._new_person(post, profession, age - tenure, hired)
        if profession == "psychiatrist" or (
            profession in ("psychologist", "specialist-nurse") and rng.random() < 0.5
        ):
            person.specialist_before_hire = True
        kind = "education" if profession == "doctor" else "permanent"
        self._occupy(post, person, hired, kind)
        self._plan_leaving(person, self.start)
        if kind == "education":
            self._schedule(hired + round(rng.uniform(4.5, 6.5) * YEAR), "complete", person,
                           person.token)

    def _hire(self, post: Post, day: int, vacancy: VacancyPlan) -> PersonPlan:
        rng = self.rng
        profession = vacancy.profession
        if profession == "doctor":
            age = rng.triangular(27, 38, 30)
        elif profession == "psychiatrist":
            age = rng.triangular(35, 62, 42)
        elif profession == "psychologist":
            age = rng.triangular(25, 55, 29)
        elif profession == "leader":
            age = rng.triangular(32, 62, 46)
        else:
            age = rng.triangular(23, 60, 30)
        person = self._new_person(post, profession, age, day)
        person.specialist_before_hire = profession == "psychiatrist" or (
            profession in ("psychologist", "specialist-nurse") and age > 34
            and rng.random() < 0.45
        )
        self._occupy(post, person, day, vacancy.kind)
        self._plan_leaving(person, day)
        if vacancy.kind == "education":
            self._schedule(day + round(rng.uniform(4.5, 6.5) * YEAR), "complete", person,
                           person.token)
        elif vacancy.kind == "temporary":
            self._schedule(day + rng.randint(120, 730), "contract_end", person, person.token)
        return person

    # --- posts ----------------------------------------------------------------------

    def _occupy(self, post: Post, person: PersonPlan, day: int, kind: str) -> None:
        person.positions.append(PositionPlan(post.section.code, post.fte, kind, day))
        person.post = post
        post.occupant = person
        if kind == "permanent":
            self._pool_add(post)

    def _pool_add(self, post: Post) -> None:
        pool = self.pools[(post.section.trust, post.occupant.profession)]
        post.pool_index = len(pool)
        pool.append(post)

    def _pool_remove(self, post: Post) -> None:
        if post.pool_index < 0:
            return
        pool = self.pools[(post.section.trust, post.occupant.profession)]
        last = pool.pop()
        if last is not post:
            pool[post.pool_index] = last
            last.pool_index = post.pool_index
        post.pool_index = -1

    def _vacate(self, post: Post, last_day: int) -> None:
        occupant = post.occupant
        assert occupant is not None
        self._pool_remove(post)
        post.occupant = None
        # Posts are advertised when notice is given, up to two months before they empty,
        # but not before the leaver started.
        opened = max(last_day - self.rng.randint(0, 60), occupant.current.start)
        self._open_vacancy(post, opened, earliest_fill=last_day + 1)

    def _open_vacancy(self, post: Post, opened: int, earliest_fill: int) -> None:
        rng = self.rng
        kind, profession = "permanent", post.family
        if post.family == "doctor-track":
            # Most doctor posts are refilled with a LIS in an education position.
            lis = rng.random() < LIS_SHARE_OF_HIRES
            kind, profession = ("education", "doctor") if lis else ("permanent", "psychiatrist")
        elif post.family != "leader" and rng.random() < 0.10:
            kind = "temporary"
        vacancy = VacancyPlan(post.section.code, profession, post.fte, kind, opened)
        self.vacancies.append(vacancy)
        post.vacancy = vacancy
        mean = MEAN_GAP_DAYS.get(post.family, DEFAULT_GAP_DAYS)
        gap = 14 + rng.expovariate(1 / mean)
        if rng.random() < 0.05:
            gap *= 4  # hard to fill: some vacancies stay open for a year or more
        self._schedule(max(earliest_fill, opened + round(gap)), "fill", post)

    # --- event handlers -------------------------------------------------------------

    def _on_fill(self, day: int, post: Post, _token: int) -> None:
        vacancy = post.vacancy
        assert vacancy is not None and post.occupant is None
        mover = None
        if vacancy.kind == "permanent" and self.rng.random() < 0.12:
            mover = self._find_mover(post, day)
        if mover is not None:
            old_post = mover.post
            assert old_post is not None
            mover.current.end, mover.current.reason = day - 1, "internal_move"
            self._vacate(old_post, day - 1)
            self._occupy(post, mover, day, "permanent")
            person = mover
        else:
            person = self._hire(post, day, vacancy)
        vacancy.filled, vacancy.filled_by = day, person.key
        post.vacancy = None

    def _find_mover(self, post: Post, day: int) -> PersonPlan | None:
        pool = self.pools.get((post.section.trust, post.vacancy.profession), [])
        for _ in range(min(5, len(pool))):
            candidate = pool[self.rng.randrange(len(pool))]
            person = candidate.occupant
            if (
                person is not None
                and candidate.section.code != post.section.code
                and person.current.start <= day - 365
                and person.leave_day > day + 30
            ):
                return person
        return None

    def _on_leave(self, day: int, person: PersonPlan, token: int) -> None:
        if token != person.token or person.post is None:
            return
        self._leave(person, day, person.leave_reason)

    def _leave(self, person: PersonPlan, day: int, reason: str) -> None:
        post = person.post
        assert post is not None
        person.current.end, person.current.reason = day, reason
        person.post = None
        person.token += 1  # cancels the person's other pending events
        self._vacate(post, day)

    def _on_contract_end(self, day: int, person: PersonPlan, token: int) -> None:
        if token != person.token or person.post is None:
            return
        if self.rng.random() < 0.4:
            # Kept on: the temporary contract ends and a permanent position starts.
            post = person.post
            person.current.end, person.current.reason = day, "end_of_contract"
            self._occupy(post, person, day + 1, "permanent")
        else:
            self._leave(person, day, "end_of_contract")

    def _on_complete(self, day: int, person: PersonPlan, token: int) -> None:
        if token != person.token or person.post is None:
            return
        post = person.post
        person.profession = "psychiatrist"
        specialty = SPECIALTY_FOR[("psychiatrist", post.section.service_area)]
        person.approvals.append(ApprovalPlan(specialty, day, None))
        if self.rng.random() < LEAVE_AFTER_COMPLETION:
            # Many new specialists take a post elsewhere; their education post is refilled.
            self._leave(person, day, "education_completed")
            return
        person.current.end, person.current.reason = day, "education_completed"
        self._occupy(post, person, day + 1, "permanent")

    # --- after the simulation -------------------------------------------------------

    def _approvals(self, person: PersonPlan) -> None:
        """Approvals of psychiatrists hired as specialists, psychologists and nurses."""
        rng = self.rng
        profession = person.profession
        if (profession, "phbu") not in SPECIALTY_FOR or person.approvals:
            return
        first = person.positions[0]
        last = person.positions[-1]
        known_until = min(last.end or self.today, self.today)
        # The specialty follows the service area the person works in (or last worked in).
        area = self.sections_by_code[last.unit].service_area
        specialty = SPECIALTY_FOR[(profession, area)]
        if person.specialist_before_hire:
            earliest = person.birth + _days_in(32)
            approved = rng.randint(min(earliest, first.start - 1), first.start - 1)
        elif profession == "psychologist":
            approved = first.start + round(rng.uniform(4.5, 7) * YEAR)
        elif profession == "specialist-nurse" and rng.random() < 0.3:
            approved = first.start + round(rng.uniform(2, 6) * YEAR)
        else:
            return
        if approved > known_until:
            return
        renew_years = 5 if profession != "psychiatrist" else None
        while True:
            valid_until = (approved + _days_in(renew_years) - 1) if renew_years else None
            person.approvals.append(ApprovalPlan(specialty, approved, valid_until))
            if valid_until is None or valid_until >= known_until:
                return
            if rng.random() < 0.15:
                return  # not renewed: the approval lapsed and stays as history
            approved = valid_until + 1

    def _numbers(self) -> None:
        """Employee numbers per trust in hiring order; invented HPR numbers."""
        rng = self.rng
        counters: dict[str, int] = defaultdict(int)
        hpr_counter = 0
        for person in sorted(self.people, key=lambda p: (p.positions[0].start, p.key)):
            counters[person.trust] += 1
            person.number = str(100000 + 3 * counters[person.trust] + rng.randint(0, 2))
            if PROFESSION_BY_CODE[person.profession].authorised:
                hpr_counter += 1
                person.hpr = str(1000000 + 11 * hpr_counter + rng.randint(0, 10))


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` earlier (28 February for a leap day)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def simulate(sections: list[UnitSpec], *, seed: int, today: dt.date) -> DemoPlan:
    return Simulation(sections, seed, today).run()
