"""`seed-demo --regions N` (issue 15 point 7): the employees spread over N regions, each
with three invented trusts and logins of every role; one region (the default) gives
exactly the demo it gave before the option existed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from fagkraft import access
from fagkraft.accounts.models import Role
from fagkraft.demo.logins import regional_logins
from fagkraft.demo.organisation import plan_organisation, regions
from fagkraft.demo.plan import build_plan, plan_units
from fagkraft.demo.seed import seed_demo
from fagkraft.workforce.models import Employee, Position, Unit
from tests.shared_data import fresh, module_data

TODAY = dt.date(2026, 6, 30)

# Fingerprints of the one-region plan, taken from the code before `--regions` existed
# (commit edfec2b, `plan_digest` below run on it): the default must not move a single
# unit, name, date or employee number.
UNITS_DIGEST_1500 = "13e64f716c8f781659b8b7655761f4aa46f9be2f23a4a96d1f8e2a6c0a530bf7"
PLAN_DIGEST_300 = "a48f4e31d31b047e7fa31726e62b842fecf16eb3f92d041d9f74068d3eabe5ca"


def plan_digest(units, plan) -> str:
    rows: list[tuple] = [("U", u.code, u.name, u.level, u.parent, u.service_area,
                          u.care_level, u.posts, u.trust) for u in units]
    if plan is not None:
        for person in plan.people:
            rows.append(("E", person.trust, person.number, person.hpr, person.first_name,
                         person.last_name, person.sex, person.birth, person.profession,
                         [(p.unit, p.fte, p.kind, p.start, p.end, p.reason)
                          for p in person.positions],
                         [(a.specialty, a.approved, a.valid_until) for a in person.approvals]))
        rows += [("V", v.unit, v.profession, v.fte, v.kind, v.opened, v.filled, v.filled_by)
                 for v in plan.vacancies]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_one_region_is_the_demo_as_before():
    assert plan_digest(plan_units(1500), None) == UNITS_DIGEST_1500
    assert plan_digest(plan_units(1500, 1), None) == UNITS_DIGEST_1500
    assert plan_digest(*build_plan(300, 2026, TODAY)) == PLAN_DIGEST_300
    assert plan_digest(*build_plan(300, 2026, TODAY, 1)) == PLAN_DIGEST_300
    assert regional_logins(1) == []


def test_four_regions_share_the_posts_and_each_has_three_trusts():
    units = plan_organisation(4001, 4)
    by_level = Counter(u.level for u in units)
    assert [u.code for u in units if u.level == "rhf"] == ["DEMO", "NORD", "MIDT", "VEST"]
    assert by_level["hf"] == 12
    assert len({u.code for u in units}) == len(units)  # codes are unique
    # 4001 posts split 1001 / 1000 / 1000 / 1000 (the first region takes the remainder):
    # the first region is the one-region organisation of 1001 posts, unit for unit.
    first = [u for u in units if u.code == "DEMO" or u.trust in ("NVHF", "SSHF", "FMHF")]
    assert plan_digest(first, None) == plan_digest(plan_organisation(1001), None)
    second = [u for u in units if u.code == "NORD" or u.trust in ("ISHF", "PVHF", "MSHF")]
    assert [u.code for u in second if u.level == "hf"] == ["ISHF", "PVHF", "MSHF"]
    assert second[3].code == "ISHF-PHBU-BUP" and second[4].code == "ISHF-PHBU-BUP-NORD"
    # Each trust's section posts follow its share (40 / 33 / 27 %) of its region's 1000,
    # give or take rounding and the 3-post floor of a small section.
    posts = Counter(u.trust for u in second if u.level == "section")
    for trust in ("ISHF", "PVHF", "MSHF"):
        posts[trust] = sum(u.posts for u in second if u.trust == trust and u.level == "section")
    assert abs(posts["ISHF"] - 400) <= 15 and abs(posts["PVHF"] - 330) <= 15
    assert abs(posts["MSHF"] - 270) <= 15


def test_more_regions_than_named_ones_are_numbered():
    codes = [code for code, _name, _trusts in regions(6)]
    assert codes == ["DEMO", "NORD", "MIDT", "VEST", "R05", "R06"]
    assert [t[0] for t in regions(6)[5][2]] == ["R06T1", "R06T2", "R06T3"]
    with pytest.raises(ValueError):
        regions(0)


def test_people_spread_over_the_regions():
    """6000 records over 4 regions: each region has about a quarter of the people."""
    units, plan = build_plan(6000, 2026, TODAY, 4)
    region_of = {u.trust: u.parent for u in units if u.level == "hf"}
    people = Counter(region_of[person.trust] for person in plan.people)
    assert set(people) == {"DEMO", "NORD", "MIDT", "VEST"}
    for count in people.values():
        assert abs(count / len(plan.people) - 0.25) < 0.02
    numbers = Counter((person.trust, person.number) for person in plan.people)
    assert max(numbers.values()) == 1  # employee numbers unique within each trust


def _seed_two_regions():
    return seed_demo(employees=700, seed=2026, today=TODAY, regions=2)


module_two_regions = module_data(_seed_two_regions, name="module_two_regions")


@pytest.fixture
def two_regions(module_two_regions, db):
    return fresh(module_two_regions)


def test_every_region_and_trust_has_logins_of_every_role(two_regions):
    users = {u.username: u for u in get_user_model().objects.select_related(
        "profile__unit", "profile__employee")}
    expected = {
        "planlegger-demo": (Role.PLANNER, "DEMO"), "planlegger-nord": (Role.PLANNER, "NORD"),
        "radgiver-ishf": (Role.ADVISER, "ISHF"), "radgiver-sshf": (Role.ADVISER, "SSHF"),
        "leder-pvhf": (Role.LEADER, "PVHF-PHBU-BUP"),
        "seksjonsleder-mshf": (Role.LEADER, "MSHF-PHBU-BUP-NORD"),
    }
    for username, (role, unit) in expected.items():
        profile = users[username].profile
        assert (profile.role, profile.unit.code) == (role, unit), username
    # 2 planners + 6 trusts x 4 logins.
    assert len([name for name in users if name in {
        login.username for login in regional_logins(2)}]) == 26
    # The demo's own logins are still there, in the first region.
    assert users["radgiver"].profile.unit.code == "NVHF"
    employees = set()
    for trust in ("NVHF", "SSHF", "FMHF", "ISHF", "PVHF", "MSHF"):
        profile = users[f"ansatt-{trust.lower()}"].profile
        assert profile.role == Role.EMPLOYEE and profile.unit is None
        assert Position.objects.filter(Position.active_on_q(TODAY), employee=profile.employee,
                                       unit__code=f"{trust}-PHBU-BUP-NORD").exists()
        employees.add(profile.employee.pk)
    assert len(employees) == 6  # six different people
    assert users["ansatt"].profile.employee.pk not in employees


def test_a_regions_adviser_sees_only_their_own_trust(two_regions):
    adviser = get_user_model().objects.get(username="radgiver-ishf")
    units = access.units_for(adviser)
    assert units.filter(code="ISHF-PHBU-BUP-NORD").exists()
    assert not units.filter(code__startswith="NVHF").exists()
    assert not units.filter(code="PVHF").exists()
    ishf = Unit.objects.get(code="ISHF")
    assert Employee.objects.filter(trust=ishf).count() > 50


def test_the_regions_split_the_employees(two_regions):
    """700 records over two regions: each region's trusts hold about half of the
    mental-health staff (the somatic wards, the first region's only, left out)."""
    counts = Counter(Employee.objects.exclude(positions__unit__service_area="somatic")
                     .values_list("trust__region__code", flat=True))
    assert set(counts) == {"DEMO", "NORD"}
    assert abs(counts["DEMO"] - counts["NORD"]) <= 0.1 * counts["NORD"]


def test_regions_below_one_are_refused(db):
    with pytest.raises(CommandError, match="--regions"):
        call_command("seed_demo", "--regions", "0")
