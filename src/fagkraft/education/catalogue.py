"""The pathway templates Fagkraft starts with; an adviser edits them afterwards.

Sources (DOMAIN.md "Specialist education"):
- LIS (regulation FOR-2016-12-08-1482): LIS1 is 12 months in a hospital and 6 in a
  municipality; child and adolescent psychiatry, psychiatry and substance medicine go
  from LIS1 straight to LIS3, whose rule is the learning goals of the specialty plus the
  common competence goals, each approved by the leader. LIS3 has no practice-time rule
  here: its planned length of 60 months is a PLANNING ASSUMPTION, not a rule.
- The psychologist programme (Norwegian Psychological Association): the table and rules
  in fagkraft.engine.pathways; renewal every five years with 96 hours, 50 of them courses
  (the competence catalogue's PSY-SPES-FORNYING).
- Clinical specialists: the nurses' programme (NSF) is "multi-year and tied to practice"
  and the social workers' and child welfare educators' (FO) renews with 72 hours every
  five years (FO-SPES-FORNYING). The practice, supervision and course figures below for
  these two are EXAMPLE FIGURES marked as such in the template; enter the association's
  current rules before relying on them.
- Supervision need a month (for capacity) is a PLANNING ASSUMPTION: the psychologist
  programme's 240 hours over 60 months is 4 hours a month; LIS the same figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

EXAMPLE_NOTE = ("EKSEMPEL: tallene er eksempeltall, ikke foreningens offisielle krav. "
                "Legg inn gjeldende regler før de brukes.")
EXAMPLE_GOAL = "EKSEMPEL: læringsmål {number} (plassholder, ikke offisiell tekst)"
EXAMPLE_COMMON_GOAL = ("EKSEMPEL: felles kompetansemål {number} "
                       "(plassholder, ikke offisiell tekst)")


@dataclass(frozen=True)
class PartSpec:
    code: str
    name: str
    practice_years: Decimal = Decimal(0)
    supervision_hours: Decimal = Decimal(0)
    course_hours: Decimal = Decimal(0)
    individual_hours_count: bool = False


@dataclass(frozen=True)
class TemplateSpec:
    code: str
    name: str
    kind: str
    profession: str
    specialty: str | None
    nominal_months: int
    parts: tuple[PartSpec, ...]
    rules: dict[str, Any] = field(default_factory=dict)
    example_goals: int = 0  # placeholder goals the demo creates
    renewal: str | None = None  # competence code of the renewal rule
    description: str = ""


PSYCHOLOGIST_PARTS = (
    PartSpec("felles", "Fellesprogram", Decimal(1), Decimal(60), Decimal(96)),
    PartSpec("obligatorisk", "Obligatorisk program", Decimal(3), Decimal(120), Decimal(96),
             True),
    PartSpec("valgfritt", "Valgfritt program", Decimal(1), Decimal(60), Decimal(64), True),
)
PSYCHOLOGIST_RULES = {
    "min_supervisors": 2, "min_relationship_hours": Decimal(40),
    "min_individual_hours": Decimal(40), "supervision_minutes_per_hour": 45,
    "course_share_in_practice": Decimal("0.5"), "written_work_required": True,
    "supervision_hours_per_month": Decimal(4),
}
LIS3_PART = (PartSpec("lis3", "LIS3"),)
LIS3_RULES = {"uses_common_goals": True, "supervision_hours_per_month": Decimal(4)}
PLANNED_LENGTH = "Planlagt lengde (60 måneder) er en planleggingsantakelse, ikke en regel."

TEMPLATES: tuple[TemplateSpec, ...] = (
    TemplateSpec("lis1", "LIS1", "lis1", "doctor", None, 18, (
        PartSpec("sykehus", "LIS1 sykehus (12 måneder)", Decimal(1)),
        PartSpec("kommune", "LIS1 kommune (6 måneder)", Decimal("0.5")),
    ), {"leads_to_specialist": False, "supervision_hours_per_month": Decimal(4)},
        example_goals=6),
    TemplateSpec("lis3-bup", "LIS3 barne- og ungdomspsykiatri", "lis3", "psychiatrist",
                 "LE-BUP", 60, LIS3_PART, LIS3_RULES, example_goals=12,
                 description=PLANNED_LENGTH),
    TemplateSpec("lis3-psyk", "LIS3 psykiatri", "lis3", "psychiatrist", "LE-PSYK", 60,
                 LIS3_PART, LIS3_RULES, example_goals=12, description=PLANNED_LENGTH),
    TemplateSpec("lis3-rus", "LIS3 rus- og avhengighetsmedisin", "lis3", "psychiatrist",
                 "LE-RUS", 60, LIS3_PART, LIS3_RULES, example_goals=12,
                 description=PLANNED_LENGTH),
    TemplateSpec("psy-bu", "Psykologspesialist barne- og ungdomspsykologi", "psychologist",
                 "psychologist", "PS-BU", 60, PSYCHOLOGIST_PARTS, PSYCHOLOGIST_RULES,
                 renewal="PSY-SPES-FORNYING"),
    TemplateSpec("psy-voksen", "Psykologspesialist klinisk voksenpsykologi", "psychologist",
                 "psychologist", "PS-VOKSEN", 60, PSYCHOLOGIST_PARTS, PSYCHOLOGIST_RULES,
                 renewal="PSY-SPES-FORNYING"),
    TemplateSpec("psy-rus", "Psykologspesialist klinisk rus- og avhengighetspsykologi",
                 "psychologist", "psychologist", "PS-RUS", 60, PSYCHOLOGIST_PARTS,
                 PSYCHOLOGIST_RULES, renewal="PSY-SPES-FORNYING"),
    TemplateSpec("klinisk-spl-psyk", "Klinisk spesialist i psykiatrisk sykepleie",
                 "clinical", "specialist-nurse", "SP-KSPP", 36, (
                     PartSpec("program", "Program med praksis (eksempeltall)", Decimal(3),
                              Decimal(60), Decimal(60)),
                 ), {"supervision_hours_per_month": Decimal(2)}, description=EXAMPLE_NOTE),
    TemplateSpec("klinisk-fo-sosionom", "Klinisk spesialist (FO), sosionom", "clinical",
                 "social-worker", None, 36, (
                     PartSpec("program", "Program med praksis (eksempeltall)", Decimal(3),
                              Decimal(60), Decimal(60)),
                 ), {"supervision_hours_per_month": Decimal(2)},
                 renewal="FO-SPES-FORNYING", description=EXAMPLE_NOTE),
    TemplateSpec("klinisk-fo-barnevern", "Klinisk spesialist (FO), barnevernspedagog",
                 "clinical", "child-welfare-educator", None, 36, (
                     PartSpec("program", "Program med praksis (eksempeltall)", Decimal(3),
                              Decimal(60), Decimal(60)),
                 ), {"supervision_hours_per_month": Decimal(2)},
                 renewal="FO-SPES-FORNYING", description=EXAMPLE_NOTE),
)
COMMON_EXAMPLE_GOALS = 6
