"""Professions and specialties the demo creates, with their codes.

Sources of the codes:
- HPR health-personnel category: code system urn:oid:2.16.578.1.12.4.1.1.9060 (Norwegian
  Directorate of Health, "Helsepersonellkategori"): LE lege, PS psykolog, SP sykepleier,
  VP vernepleier, HF helsefagarbeider. Social workers (sosionom), child welfare educators
  (barnevernspedagog), clinical pedagogues and family therapists are not authorised health
  personnel, so they have no HPR category (blank).
- Occupation: STYRK-08 (Statistics Norway, Notater 17/2011), the Norwegian version of
  ISCO-08: 2212 specialist medical practitioners, 2211 generalist medical practitioners,
  2634 psychologists, 2221 nursing professionals, 2635 social work and counselling
  professionals, 2352 special needs teachers, 5321 health care assistants, 4110 general
  office clerks, 1342 health services managers. Social educators (vernepleier) are coded
  2221 here as the project brief says; check against SSB's occupation catalogue before
  using the demo codes for reporting.
- Specialty codes are short demo codes in the style of urn:oid:2.16.578.1.12.4.1.1.7426;
  they are not the official code values.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProfessionSpec:
    code: str
    name: str
    group: str
    hpr_category: str
    styrk_code: str
    specialist_track: bool = False

    @property
    def authorised(self) -> bool:
        return bool(self.hpr_category)


PROFESSIONS: tuple[ProfessionSpec, ...] = (
    ProfessionSpec("psychiatrist", "Lege, spesialist i psykiatri/BUP", "doctor", "LE", "2212",
                   True),
    ProfessionSpec("doctor", "Lege / lege i spesialisering", "doctor", "LE", "2211", True),
    ProfessionSpec("psychologist", "Psykolog", "psychologist", "PS", "2634", True),
    ProfessionSpec("nurse", "Sykepleier", "nurse", "SP", "2221"),
    ProfessionSpec("specialist-nurse", "Spesialsykepleier (psykisk helse)", "nurse", "SP",
                   "2221"),
    ProfessionSpec("social-worker", "Sosionom", "therapist", "", "2635"),
    ProfessionSpec("child-welfare-educator", "Barnevernspedagog", "therapist", "", "2635"),
    ProfessionSpec("social-educator", "Vernepleier", "therapist", "VP", "2221"),
    ProfessionSpec("clinical-pedagogue", "Klinisk pedagog", "therapist", "", "2352"),
    ProfessionSpec("family-therapist", "Familieterapeut", "therapist", "", "2635"),
    ProfessionSpec("health-worker", "Helsefagarbeider", "health_worker", "HF", "5321"),
    ProfessionSpec("secretary", "Helsesekretær / merkantil", "administrative", "", "4110"),
    ProfessionSpec("leader", "Leder", "administrative", "", "1342"),
)
PROFESSION_BY_CODE = {spec.code: spec for spec in PROFESSIONS}


@dataclass(frozen=True)
class SpecialtySpec:
    code: str
    name: str
    profession: str
    renew_years: int | None  # None: the approval does not expire


SPECIALTIES: tuple[SpecialtySpec, ...] = (
    # Doctors' specialist approvals do not expire.
    SpecialtySpec("LE-BUP", "Barne- og ungdomspsykiatri", "psychiatrist", None),
    SpecialtySpec("LE-PSYK", "Psykiatri", "psychiatrist", None),
    SpecialtySpec("LE-RUS", "Rus- og avhengighetsmedisin", "psychiatrist", None),
    # Psychologist specialists renew every five years (96 hours of maintenance).
    SpecialtySpec("PS-BU", "Barne- og ungdomspsykologi", "psychologist", 5),
    SpecialtySpec("PS-VOKSEN", "Klinisk voksenpsykologi", "psychologist", 5),
    SpecialtySpec("PS-RUS", "Klinisk rus- og avhengighetspsykologi", "psychologist", 5),
    SpecialtySpec("SP-KSPP", "Klinisk spesialist i psykiatrisk sykepleie", "specialist-nurse", 5),
)

# Which specialty a doctor or psychologist gets, by the service area they work in.
SPECIALTY_FOR = {
    ("psychiatrist", "phbu"): "LE-BUP",
    ("psychiatrist", "phv"): "LE-PSYK",
    ("psychiatrist", "tsb"): "LE-RUS",
    ("psychologist", "phbu"): "PS-BU",
    ("psychologist", "phv"): "PS-VOKSEN",
    ("psychologist", "tsb"): "PS-RUS",
    ("specialist-nurse", "phbu"): "SP-KSPP",
    ("specialist-nurse", "phv"): "SP-KSPP",
    ("specialist-nurse", "tsb"): "SP-KSPP",
}
