"""Demo workload data: a WISN study for the section BUP Nord with task-sharing scenarios,
written through the workload services.

Outpatient-contact workload is made realistic from public figures
(../shared/data/reference/phbu_activity.csv and phbu_workforce_2008_samdata.csv):

- Helsedirektoratet NPR, PHBU, first tertial 2023: 375,734 outpatient contacts in four
  months, i.e. about 1,127,202 a year (ASSUMPTION: the three tertials are alike);
- SINTEF SAMDATA 2008, PHBU full-time equivalents of the treating professions:
  170 + 165 + 817 + 359 + 1,497 = 3,008.
So a treating FTE stands for about 1,127,202 / 3,008 = 375 contacts a year (the FTE
figure is from 2008, the contacts from 2023: a rough, labelled scale, not a statistic).
The section's contacts are that rate times its treating FTE in the register, shared
among the professions by their FTE. Times per unit and allowances are ASSUMPTIONS for a
demo (one contact = 60 minutes with the patient + 90 minutes of indirect patient work:
preparation, records, meetings with school and child welfare).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils.translation import gettext as _

from fagkraft.adapter import workload as adapter
from fagkraft.demo.logins import SECTION_LEADER_UNIT
from fagkraft.engine import wisn
from fagkraft.workforce.models import Unit
from fagkraft.workload import services

VIA = "seed-demo"
NPR_CONTACTS_2023_T1 = 375_734  # phbu_activity.csv: PHBU,2023-T1,outpatient_contacts
TERTIALS_A_YEAR = 3
SAMDATA_TREATING_FTE_2008 = 170 + 165 + 817 + 359 + 1_497  # phbu_workforce_2008_samdata.csv
CONTACTS_PER_FTE = NPR_CONTACTS_2023_T1 * TERTIALS_A_YEAR / SAMDATA_TREATING_FTE_2008
SOURCE = ("Helsedirektoratet NPR, PHBU 1. tertial 2023 (375 734 kontakter, ×3 for året), "
          "per behandlerårsverk SINTEF SAMDATA 2008 (3 008); fordelt etter årsverk i registeret")
CONTACT_MINUTES = 150  # 60 direct + 90 indirect (ASSUMPTION)
ASSESSMENT_SHARE = 0.05  # assessments per contact of psychologists and doctors (ASSUMPTION)
ASSESSMENT_MINUTES = 600
MEDICATION_SHARE = 0.30  # medication follow-ups per doctor contact (ASSUMPTION)

# (category name, register group)
CATEGORIES = (
    ("Psykolog", "psychologist"),
    ("Lege", "doctor"),
    ("Sykepleier", "nurse"),
    ("Annen terapeut", "therapist"),
)
COMMON_ALLOWANCES = (
    wisn.CategoryAllowance("Faglig veiledning og teammøter", hours=2.0, per="week"),
    wisn.CategoryAllowance("Internundervisning og fagdager", hours=40.0, per="year"),
    wisn.CategoryAllowance("Administrasjon og e-post", percent=5.0),
)
INDIVIDUAL = {
    "Psykolog": (wisn.IndividualAllowance("Veileder for psykologer i spesialisering", 2, 80),),
    "Lege": (wisn.IndividualAllowance("Veiledning av leger i spesialisering (LIS)", 1, 100),
             wisn.IndividualAllowance("Medisinskfaglig ansvar", 1, 200)),
}


def _activities(name: str, contacts: float) -> tuple[wisn.Activity, ...]:
    activities = [wisn.Activity("Poliklinisk konsultasjon", round(contacts), CONTACT_MINUTES)]
    if name in ("Psykolog", "Lege"):
        activities.append(wisn.Activity("Utredning", round(contacts * ASSESSMENT_SHARE),
                                        ASSESSMENT_MINUTES))
    if name == "Lege":
        activities.append(wisn.Activity("Legemiddeloppfølging",
                                        round(contacts * MEDICATION_SHARE), 30))
    return tuple(activities)


def section_study(unit: Unit, today: dt.date) -> wisn.Study:
    """The demo study: workload scaled from the section's treating FTE in the register."""
    register = adapter.wisn_register_staff(unit, today)
    fte = {group: register.get(group, (0.0, 0))[0] for _name, group in CATEGORIES}
    categories = tuple(
        wisn.Category(
            name=name, activities=_activities(name, CONTACTS_PER_FTE * fte[group]),
            category_allowances=COMMON_ALLOWANCES, individual_allowances=INDIVIDUAL.get(name, ()),
        )
        for name, group in CATEGORIES if fte[group] > 0
    )
    working_time = services.calendar_year(today.year).working_time()
    return wisn.Study(name=f"Bemanningsbehov {unit.name} {today.year}", year=today.year,
                      working_time=working_time, categories=categories)


def scenarios(study: wisn.Study) -> tuple[wisn.Scenario, ...]:
    names = {category.name for category in study.categories}
    found: list[wisn.Scenario] = []
    if {"Psykolog", "Sykepleier"} <= names:
        found.append(wisn.Scenario(
            "Sykepleiere tar en firedel av psykologenes konsultasjoner",
            (wisn.Move("Poliklinisk konsultasjon", "Psykolog", "Sykepleier", 25.0),)))
    if {"Lege", "Psykolog", "Annen terapeut"} <= names:
        found.append(wisn.Scenario(
            "Oppgavedeling i hele teamet",
            (wisn.Move("Poliklinisk konsultasjon", "Lege", "Psykolog", 30.0),
             wisn.Move("Poliklinisk konsultasjon", "Psykolog", "Annen terapeut", 20.0,
                       minutes_per_unit=165.0))))
    return tuple(found)


def seed_workload(*, seed: int, today: dt.date, progress: Callable[[str], None]) -> int:
    """Write the demo workload data; returns the number of main records written."""
    unit = Unit.objects.filter(code=SECTION_LEADER_UNIT).first()
    if unit is None:
        return 0
    progress(_("Writing a WISN study for %(unit)s ...") % {"unit": unit.name})
    study = section_study(unit, today)
    if not study.categories:
        return 0
    groups = dict(CATEGORIES)
    sources = {(category.name, "Poliklinisk konsultasjon"): SOURCE
               for category in study.categories}
    note = _("Demo: outpatient contacts scaled from NPR 2023 (first tertial) and SAMDATA "
             "2008; times per unit and allowances are assumptions.")
    services.create_study_from(None, unit, study, groups=groups, sources=sources,
                               scenarios=scenarios(study), note=note, via=VIA)
    return 1
