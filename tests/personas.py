"""A small, hand-made organisation with one named persona per role.

Region "Helse Test RHF" with two trusts. Everything is written through the services
layer, like real data. Names are invented.

  TST  Helse Test RHF (region)                          planner: planner_pia
  ├─ NVHF  Nordvik HF (trust)                           adviser: adviser_arne
  │  └─ NV-PHBU  Klinikk PHBU (clinic)
  │     └─ NV-BUP  BUP-avdelingen (department)
  │        ├─ NV-BUP-A  BUP Nord (section, outpatient)  leader: leader_lise
  │        │     Erik Ansatt (employee_erik: psychologist, specialist), Kari Lege (doctor)
  │        └─ NV-BUP-B  BUP Sør (section, outpatient)   leader: leader_ola
  │              Siri Sykepleier (nurse)
  └─ SSHF  Solstad HF (trust)                           adviser: adviser_sara
     └─ SS-PHV  Klinikk PHV (clinic) └─ SS-DPS (department) └─ SS-DPS-A (section)
           Tor Terapeut (social worker)
  admin_ada: administrator
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User

from fagkraft.accounts.models import Profile, Role
from fagkraft.workforce import services
from fagkraft.workforce.models import Employee, Profession, Unit

PASSWORD = "test-pass-123"


@dataclass
class World:
    region: Unit
    trust: Unit
    other_trust: Unit
    clinic: Unit
    department: Unit
    section_a: Unit
    section_b: Unit
    other_section: Unit
    psychologist: Profession
    doctor: Profession
    nurse: Profession
    social_worker: Profession
    erik: Employee
    kari: Employee
    siri: Employee
    tor: Employee
    users: dict[str, User]


def make_user(username: str, role: Role, unit: Unit | None = None,
              employee: Employee | None = None, superuser: bool = False) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD,
                                    is_superuser=superuser, is_staff=superuser)
    Profile.objects.create(user=user, role=role, unit=unit, employee=employee)
    return user


def build_world() -> World:
    unit = services.create_unit
    region = unit(None, code="TST", name="Helse Test RHF", level=Unit.Level.REGION)
    trust = unit(None, code="NVHF", name="Nordvik HF", level=Unit.Level.TRUST, parent=region)
    other_trust = unit(None, code="SSHF", name="Solstad HF", level=Unit.Level.TRUST,
                       parent=region)
    clinic = unit(None, code="NV-PHBU", name="Klinikk PHBU", level=Unit.Level.CLINIC,
                  parent=trust, service_area=Unit.ServiceArea.PHBU)
    department = unit(None, code="NV-BUP", name="BUP-avdelingen", level=Unit.Level.DEPARTMENT,
                      parent=clinic, service_area=Unit.ServiceArea.PHBU,
                      care_level=Unit.CareLevel.OUTPATIENT)
    section_a = unit(None, code="NV-BUP-A", name="BUP Nord", level=Unit.Level.SECTION,
                     parent=department, service_area=Unit.ServiceArea.PHBU,
                     care_level=Unit.CareLevel.OUTPATIENT)
    section_b = unit(None, code="NV-BUP-B", name="BUP Sør", level=Unit.Level.SECTION,
                     parent=department, service_area=Unit.ServiceArea.PHBU,
                     care_level=Unit.CareLevel.OUTPATIENT)
    other_clinic = unit(None, code="SS-PHV", name="Klinikk PHV", level=Unit.Level.CLINIC,
                        parent=other_trust, service_area=Unit.ServiceArea.PHV)
    other_dept = unit(None, code="SS-DPS", name="DPS Solstad", level=Unit.Level.DEPARTMENT,
                      parent=other_clinic, service_area=Unit.ServiceArea.PHV)
    other_section = unit(None, code="SS-DPS-A", name="DPS poliklinikk",
                         level=Unit.Level.SECTION, parent=other_dept,
                         service_area=Unit.ServiceArea.PHV,
                         care_level=Unit.CareLevel.OUTPATIENT)

    prof = services.create_profession
    psychologist = prof(None, code="psychologist", name="Psykolog", group="psychologist",
                        hpr_category="PS", styrk_code="2634", specialist_track=True)
    doctor = prof(None, code="doctor", name="Lege", group="doctor", hpr_category="LE",
                  styrk_code="2211", specialist_track=True)
    nurse = prof(None, code="nurse", name="Sykepleier", group="nurse", hpr_category="SP",
                 styrk_code="2221")
    social_worker = prof(None, code="social-worker", name="Sosionom", group="therapist",
                         styrk_code="2635")
    child_psychology = services.create_specialty(
        None, code="PS-BU", name="Barne- og ungdomspsykologi", profession=psychologist)

    def person(number: str, first: str, last: str, profession: Profession, in_unit: Unit,
               born: dt.date, sex: str, at_trust: Unit = trust) -> Employee:
        employee = services.create_employee(
            None, trust=at_trust, employee_number=number, first_name=first, last_name=last,
            birth_date=born, sex=sex, profession=profession)
        services.add_position(None, employee, unit=in_unit, fte_percent=100,
                              kind="permanent", start_date=dt.date(2015, 1, 1))
        return employee

    erik = person("1001", "Erik", "Ansatt", psychologist, section_a, dt.date(1980, 5, 1), "M")
    services.add_approval(None, erik, specialty=child_psychology,
                          approved_on=dt.date(2019, 6, 1))
    kari = person("1002", "Kari", "Lege", doctor, section_a, dt.date(1960, 2, 3), "F")
    siri = person("1003", "Siri", "Sykepleier", nurse, section_b, dt.date(1990, 9, 9), "F")
    tor = person("2001", "Tor", "Terapeut", social_worker, other_section,
                 dt.date(1975, 3, 4), "M", at_trust=other_trust)

    users = {
        "employee_erik": make_user("employee_erik", Role.EMPLOYEE, employee=erik),
        "leader_lise": make_user("leader_lise", Role.LEADER, unit=section_a),
        "leader_ola": make_user("leader_ola", Role.LEADER, unit=section_b),
        "adviser_arne": make_user("adviser_arne", Role.ADVISER, unit=trust),
        "adviser_sara": make_user("adviser_sara", Role.ADVISER, unit=other_trust),
        "planner_pia": make_user("planner_pia", Role.PLANNER, unit=region),
        "admin_ada": make_user("admin_ada", Role.ADMIN, superuser=True),
    }
    return World(region, trust, other_trust, clinic, department, section_a, section_b,
                 other_section, psychologist, doctor, nurse, social_worker,
                 erik, kari, siri, tor, users)
