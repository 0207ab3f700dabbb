"""One demo login per role, with what each one sees."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from fagkraft.accounts import services as account_services
from fagkraft.accounts.models import Role
from fagkraft.demo.organisation import regions
from fagkraft.workforce.models import Employee, Position, Unit

PASSWORD = "fagkraft-demo"  # printed by `fagkraft demo-logins`: it is a demo
START_URL = "http://127.0.0.1:8000/"
# The department head imports for all BUP sections (the example HR file spans two of
# them, with a move between them); the section head sees one section.
LEADER_UNIT = "NVHF-PHBU-BUP"
SECTION_LEADER_UNIT = "NVHF-PHBU-BUP-NORD"
ADVISER_UNIT = "NVHF"
PLANNER_UNIT = "DEMO"


@dataclass(frozen=True)
class DemoLogin:
    role: Role
    username: str
    unit_code: str | None
    sees: Promise


LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin(Role.LEADER, "leder", LEADER_UNIT,
              _("Unit leader of the BUP department (NVHF-PHBU-BUP) and its sections: staff, "
                "unit pages, HR import")),
    DemoLogin(Role.LEADER, "seksjonsleder", SECTION_LEADER_UNIT,
              _("Unit leader of BUP Nord (NVHF-PHBU-BUP-NORD): its staff and unit page")),
    DemoLogin(Role.ADVISER, "radgiver", ADVISER_UNIT,
              _("HR / competence adviser of Nordvik HF: everyone in the trust, audit log")),
    DemoLogin(Role.PLANNER, "planlegger", PLANNER_UNIT,
              _("Regional planner of Helse Demo RHF: aggregates only, small counts hidden")),
    DemoLogin(Role.EMPLOYEE, "ansatt", None,
              _("Employee in BUP Nord: only their own record")),
    DemoLogin(Role.ADMIN, "admin", None,
              _("Administrator: everything, and the admin site")),
)

# Offices in the demo funding programme (fagkraft.demo.funding creates these logins; the
# two employees are people of the trusts, picked like `demo_employee`).
PROGRAMME_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin(Role.PLANNER, "programadmin", PLANNER_UNIT,
              _("Funding programme administrator (RHF secretariat): applications, "
                "reviewers, ranking, decisions, close-out; a regional planner besides")),
    DemoLogin(Role.EMPLOYEE, "ktv", None,
              _("Employee representative (KTV/KVO) of Fjellmark HF reviewing funding "
                "applications; their own record")),
    DemoLogin(Role.EXTERNAL, "rbu", None,
              _("Member of the regional user committee (RBU) reviewing funding applications; "
                "nothing else")),
    DemoLogin(Role.EMPLOYEE, "prosjektleder", None,
              _("Project lead in Nordvik HF: an approved project with reports and a draft "
                "in the open call; their own record")),
)
ALL_LOGINS = LOGINS + PROGRAMME_LOGINS


def demo_employee(today: dt.date) -> Employee | None:
    """The employee behind the 'ansatt' login: a psychologist working in BUP Nord today.

    Picked by the lowest employee number, so the same seed gives the same person.
    """
    active = Position.objects.filter(Position.active_on_q(today), unit__code=SECTION_LEADER_UNIT)
    people = Employee.objects.filter(pk__in=active.values("employee_id"))
    preferred = people.filter(Q(profession__code="psychologist")).order_by("employee_number")
    return preferred.first() or people.order_by("employee_number").first()


def create_logins(today: dt.date) -> list[DemoLogin]:
    employee = demo_employee(today)
    for login in LOGINS:
        unit = Unit.objects.get(code=login.unit_code) if login.unit_code else None
        first, last = "", ""
        if login.role == Role.EMPLOYEE and employee is not None:
            first, last = employee.first_name, employee.last_name
        account_services.create_login(
            None, username=login.username, password=PASSWORD, role=login.role, unit=unit,
            employee=employee if login.role == Role.EMPLOYEE else None,
            first_name=first, last_name=last,
        )
    return list(LOGINS)


def regional_logins(region_count: int) -> list[DemoLogin]:
    """With `seed-demo --regions N` (N > 1), logins of every role in every region.

    Per region a planner `planlegger-<region>`; per trust an adviser `radgiver-<trust>`,
    the leader of its BUP department `leder-<trust>`, the leader of its first BUP section
    `seksjonsleder-<trust>` and an employee of that section `ansatt-<trust>` (codes in
    lower case, e.g. `radgiver-ishf`). They come on top of the demo's own logins, whose
    units are in the first region. One region: none (the demo stays as it is).
    """
    if region_count <= 1:
        return []
    found: list[DemoLogin] = []
    for region_code, region_name, trusts in regions(region_count):
        found.append(DemoLogin(Role.PLANNER, f"planlegger-{region_code.lower()}", region_code,
                               _("Regional planner of %(region)s") % {"region": region_name}))
        for trust_code, trust_name, _share in trusts:
            name = trust_code.lower()
            found += [
                DemoLogin(Role.ADVISER, f"radgiver-{name}", trust_code,
                          _("HR / competence adviser of %(trust)s") % {"trust": trust_name}),
                DemoLogin(Role.LEADER, f"leder-{name}", f"{trust_code}-PHBU-BUP",
                          _("Unit leader of the BUP department of %(trust)s")
                          % {"trust": trust_name}),
                DemoLogin(Role.LEADER, f"seksjonsleder-{name}", f"{trust_code}-PHBU-BUP-NORD",
                          _("Unit leader of BUP Nord of %(trust)s") % {"trust": trust_name}),
                DemoLogin(Role.EMPLOYEE, f"ansatt-{name}", f"{trust_code}-PHBU-BUP-NORD",
                          _("Employee in BUP Nord of %(trust)s: only their own record")
                          % {"trust": trust_name}),
            ]
    return found


def create_regional_logins(today: dt.date, region_count: int) -> list[DemoLogin]:
    """Create `regional_logins(region_count)`; the employees' logins belong to the
    psychologist (else anyone) with the lowest employee number working in the section
    today who has no login yet."""
    made = regional_logins(region_count)
    taken = set(get_user_model().objects.exclude(profile__employee=None).values_list(
        "profile__employee_id", flat=True))
    for login in made:
        unit = Unit.objects.get(code=login.unit_code)
        employee = None
        if login.role == Role.EMPLOYEE:
            active = Position.objects.filter(Position.active_on_q(today), unit=unit)
            people = Employee.objects.filter(pk__in=active.values("employee_id")).exclude(
                pk__in=taken)
            employee = (people.filter(profession__code="psychologist")
                        .order_by("employee_number").first()
                        or people.order_by("employee_number").first())
            if employee is not None:
                taken.add(employee.pk)
        account_services.create_login(
            None, username=login.username, password=PASSWORD, role=login.role,
            unit=None if login.role == Role.EMPLOYEE else unit, employee=employee,
            first_name=employee.first_name if employee else "",
            last_name=employee.last_name if employee else "",
        )
    return made
