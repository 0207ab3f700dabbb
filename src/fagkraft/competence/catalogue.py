"""The competence catalogue and requirement rules named in the seeds (data only).

`services.seed_catalogue` writes these. Names are Norwegian because they are the trusts'
own course names (data, not UI text). Every number is marked:

- SEED: stated in the seeds or DOMAIN.md;
- ASSUMPTION: our rule of thumb. All of them are fields on Competence / RequirementRule,
  so a trust changes them in the back office, not in code.

DOMAIN.md gives "within 3 months" as the typical deadline after hiring (SEED: three
calendar months, `deadline_months=3`; 90 days is kept as the days fallback) and says
requirements are renewed after a validity period without giving one.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

COURSE = "course"
E_LEARNING = "e_learning"
CERTIFICATION = "certification"
APPROVAL = "approval"
INTERNAL = "internal_training"

# SEED (DOMAIN.md: "e.g. within 3 months"): counted in calendar months.
THREE_MONTHS = 90
MONTHS = 3


@dataclass(frozen=True)
class CompetenceSpec:
    code: str
    name: str
    kind: str
    hours: Decimal | None = None
    validity_months: int | None = None
    renewal_hours: Decimal | None = None
    renewal_min_course_hours: Decimal | None = None
    renewal_period_months: int | None = None
    renewal_note: str = ""
    description: str = ""

    def fields(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class RuleSpec:
    competence: str  # code
    deadline_days: int
    profession_group: str = ""
    deadline_months: int | None = None
    service_area: str = ""
    care_level: str = ""
    position_kind: str = ""
    note: str = ""

    def criteria(self) -> dict[str, Any]:
        return {
            "profession": None, "unit": None, "profession_group": self.profession_group,
            "service_area": self.service_area, "care_level": self.care_level,
            "position_kind": self.position_kind,
        }


COMPETENCES = [
    CompetenceSpec(
        # SEED: a mandatory day course for every new employee. ASSUMPTION: a day is
        # 7.5 hours (the usual working day) and the course does not expire.
        "SUI-DAG", "Suicidologi og vurdering av selvmordsfare", COURSE,
        hours=Decimal("7.5"),
        description="Obligatorisk dagskurs for alle nyansatte.",
    ),
    CompetenceSpec(
        # SEED: qualification programme for new staff in ambulant acute and ACT teams.
        # ASSUMPTION: 15 hours, no expiry.
        "SUI-KVAL", "Kvalifiseringsprogram i vurdering av selvmordsrisiko", INTERNAL,
        hours=Decimal("15"),
        description="For nyansatte i ambulante akutteam og ACT-team.",
    ),
    CompetenceSpec(
        # SEED: specific training for doctors and psychologists in psychiatric wards.
        # ASSUMPTION: 7.5 hours, no expiry.
        "SUI-DOGN", "Selvmordsrisikovurdering for leger og psykologer i døgnavdeling",
        COURSE, hours=Decimal("7.5"),
    ),
    CompetenceSpec(
        # SEED: MAP for work with aggression on wards. ASSUMPTION: 21 hours (three days),
        # renewed every 12 months with a refresher.
        "MAP", "MAP – Møte med aggresjonsproblematikk", COURSE,
        hours=Decimal("21"), validity_months=12,
        renewal_note="Årlig oppfriskning.",
    ),
    CompetenceSpec(
        # SEED: introduction programme before independent work. ASSUMPTION: 15 hours.
        "INTRO", "Introduksjonsprogram for nyansatte", INTERNAL, hours=Decimal("15"),
        description="Gjennomføres før selvstendig arbeid.",
    ),
    CompetenceSpec(
        # SEED: formal requirements for medication competence. ASSUMPTION: an e-learning
        # test of 4 hours renewed every 24 months.
        "LEGEMIDDEL", "Legemiddelhåndtering", CERTIFICATION,
        hours=Decimal("4"), validity_months=24,
        renewal_note="Ny test hvert annet år.",
    ),
    CompetenceSpec(
        # SEED: formal requirements for the responsible clinician under the coercion law
        # (psykisk helsevernloven). ASSUMPTION: a 7.5-hour course, no expiry.
        "TVANG-FA", "Faglig ansvarlig for vedtak etter psykisk helsevernloven", APPROVAL,
        hours=Decimal("7.5"),
    ),
    CompetenceSpec(
        # SEED: psychologists renew the specialist approval every 5 years with 96 hours
        # of maintenance activities, at least 50 of them courses or conferences.
        "PSY-SPES-FORNYING", "Fornyelse av spesialistgodkjenning (psykolog)", APPROVAL,
        validity_months=60, renewal_hours=Decimal("96"),
        renewal_min_course_hours=Decimal("50"), renewal_period_months=60,
        renewal_note="96 timer vedlikeholdsaktiviteter på 5 år, minst 50 av dem kurs "
                     "eller konferanser.",
    ),
    CompetenceSpec(
        # SEED: clinical specialists (social workers, child welfare educators, FO)
        # renew with 72 hours per 5 years; no minimum of courses is stated.
        "FO-SPES-FORNYING", "Fornyelse av klinisk spesialist (FO)", APPROVAL,
        validity_months=60, renewal_hours=Decimal("72"), renewal_period_months=60,
        renewal_note="72 timer på 5 år.",
    ),
]

RULES = [
    # SEED: every new employee, within 3 months.
    RuleSpec("SUI-DAG", THREE_MONTHS, deadline_months=MONTHS, note="Alle nyansatte."),
    # SEED: ambulant acute and ACT teams are ambulant units. ASSUMPTION: 3 months, and
    # every ambulant team (FACT too) since the unit register has no team type.
    RuleSpec("SUI-KVAL", THREE_MONTHS, deadline_months=MONTHS, care_level="ambulant",
             note="Ambulante akutteam og ACT-team."),
    # SEED: doctors and psychologists in psychiatric wards. ASSUMPTION: 3 months.
    RuleSpec("SUI-DOGN", THREE_MONTHS, deadline_months=MONTHS, profession_group="doctor",
             care_level="inpatient"),
    RuleSpec("SUI-DOGN", THREE_MONTHS, deadline_months=MONTHS,
             profession_group="psychologist", care_level="inpatient"),
    # SEED: MAP on wards. ASSUMPTION: everyone on an inpatient unit, within 3 months.
    RuleSpec("MAP", THREE_MONTHS, deadline_months=MONTHS, care_level="inpatient",
             note="Alle i døgnenheter."),
    # SEED: before independent work. ASSUMPTION: 30 days.
    RuleSpec("INTRO", 30, note="Før selvstendig arbeid."),
    # SEED: medication competence. ASSUMPTION: nurses and health workers (those who
    # hand out medication), within 30 days.
    RuleSpec("LEGEMIDDEL", 30, profession_group="nurse"),
    RuleSpec("LEGEMIDDEL", 30, profession_group="health_worker"),
    # SEED: responsible clinician, doctors and psychologists. ASSUMPTION: only where
    # coercion is decided (inpatient units), within 180 days.
    RuleSpec("TVANG-FA", 180, profession_group="doctor", care_level="inpatient"),
    RuleSpec("TVANG-FA", 180, profession_group="psychologist", care_level="inpatient"),
    # The specialist renewals have no rule: they apply to approved specialists, not to
    # positions, and are checked with fagkraft.adapter.competence.specialist_renewal_for.
]
