"""The demo organisation: one region, three invented health trusts, clinics PHBU, PHV and TSB.

With `regions` above 1 (`seed-demo --regions N`, for the national load test) more regions
follow the first, each with three invented trusts of its own; the first region is the
demo's own, unchanged, so every demo login and example keeps its unit.

`plan_organisation` is pure: it returns unit specifications in tree order (parents first)
and, for every section, how many posts it has. For a large data set the trusts get more
sections per department, so a section stays at a realistic size (15-60 people).
"""

from __future__ import annotations

from dataclasses import dataclass, field

REGION = ("DEMO", "Helse Demo RHF")
# (code, name, share of the region's posts): trusts of different sizes, as in real regions.
TRUSTS: tuple[tuple[str, str, float], ...] = (
    ("NVHF", "Nordvik HF", 0.40),
    ("SSHF", "Solstad HF", 0.33),
    ("FMHF", "Fjellmark HF", 0.27),
)
# The regions after the first (`--regions N`): named like the regional health authorities,
# which are institutions; their trusts are invented. Beyond these, numbered demo regions.
MORE_REGIONS: tuple[tuple[str, str, tuple[tuple[str, str, float], ...]], ...] = (
    ("NORD", "Helse Nord RHF", (
        ("ISHF", "Isfjell HF", 0.40), ("PVHF", "Polarvik HF", 0.33),
        ("MSHF", "Myrstad HF", 0.27))),
    ("MIDT", "Helse Midt-Norge RHF", (
        ("EDHF", "Elvedal HF", 0.40), ("GLHF", "Granlia HF", 0.33),
        ("LAHF", "Lyngås HF", 0.27))),
    ("VEST", "Helse Vest RHF", (
        ("HBHF", "Havbakken HF", 0.40), ("FVHF", "Fjordvang HF", 0.33),
        ("BLHF", "Brattli HF", 0.27))),
)
# Posts per section the plan aims at when it decides how many sections a group needs.
SECTION_SIZE = 32


@dataclass(frozen=True)
class SectionGroup:
    """Sections of one kind in one department, e.g. the BUP outpatient clinics."""

    suffix: str  # code part, e.g. "BUP"
    department_name: str
    care_level: str
    share: float  # of the clinic's posts
    names: tuple[tuple[str, str], ...]  # (code part, name) of the first sections
    extra_name: str  # name pattern for more sections: "{n}" is the number
    minimum: int = 1  # sections there are even in the smallest demo


@dataclass(frozen=True)
class ClinicTemplate:
    suffix: str
    name: str
    service_area: str
    share: float  # of the trust's posts
    groups: tuple[SectionGroup, ...]


CLINICS: tuple[ClinicTemplate, ...] = (
    ClinicTemplate("PHBU", "Klinikk for psykisk helsevern for barn og unge", "phbu", 0.34, (
        SectionGroup("BUP", "BUP-avdelingen", "outpatient", 0.70, (
            ("NORD", "BUP Nord"), ("SOR", "BUP Sør"), ("VEST", "BUP Vest"),
            ("OST", "BUP Øst"), ("SENTRUM", "BUP Sentrum"), ("KYST", "BUP Kyst"),
        ), "BUP poliklinikk {n}", minimum=2),
        SectionGroup("DOGN", "Avdeling for døgnbehandling og akuttjenester", "inpatient", 0.18, (
            ("UNG", "Ungdomspsykiatrisk døgnenhet"), ("AKUTT", "Akuttenhet for ungdom"),
        ), "Døgnenhet barn og unge {n}"),
        SectionGroup("AMB", "Ambulante tjenester barn og unge", "ambulant", 0.12, (
            ("AKUTT", "Ambulant akutteam barn og unge"), ("FACT", "FACT ung"),
        ), "Ambulant team barn og unge {n}"),
    )),
    ClinicTemplate("PHV", "Klinikk for psykisk helsevern for voksne", "phv", 0.46, (
        SectionGroup("DPS", "Distriktspsykiatrisk senter", "outpatient", 0.35, (
            ("NORD", "DPS Nord poliklinikk"), ("SOR", "DPS Sør poliklinikk"),
            ("VEST", "DPS Vest poliklinikk"),
        ), "DPS poliklinikk {n}"),
        SectionGroup("AMB", "Ambulante tjenester voksne", "ambulant", 0.20, (
            ("FACT", "FACT-team"), ("ACT", "ACT-team"), ("AKUTT", "Ambulant akutteam"),
        ), "Ambulant team {n}", minimum=3),
        SectionGroup("SYK", "Sykehusavdelingen", "inpatient", 0.45, (
            ("AKUTT", "Akuttpost"), ("ALLM", "Allmennpsykiatrisk post"),
            ("SIKK", "Sikkerhetspost"), ("ALDER", "Alderspsykiatrisk post"),
        ), "Sengepost {n}"),
    )),
    ClinicTemplate("TSB", "Klinikk for rus- og avhengighetsbehandling", "tsb", 0.20, (
        SectionGroup("POL", "Avdeling for poliklinisk rusbehandling", "outpatient", 0.45, (
            ("NORD", "Ruspoliklinikk Nord"), ("SOR", "Ruspoliklinikk Sør"),
        ), "Ruspoliklinikk {n}"),
        SectionGroup("DOGN", "Avdeling for døgnbehandling rus", "inpatient", 0.55, (
            ("AVR", "Avrusning"), ("BEH", "Døgnbehandling"),
        ), "Døgnpost rus {n}"),
    )),
)


@dataclass
class UnitSpec:
    code: str
    name: str
    level: str
    parent: str | None
    service_area: str = "other"
    care_level: str = "other"
    posts: int = 0  # sections only: how many posts the plan puts here
    trust: str = field(default="")


def _section_count(posts: int, group: SectionGroup) -> int:
    # A minimum of named sections (NVHF must have BUP Nord and Sør; PHV has FACT, ACT and
    # an acute team), more when the group is large, so sections stay at a realistic size.
    return max(group.minimum, round(posts / SECTION_SIZE))


def _split(total: int, parts: int) -> list[int]:
    base, rest = divmod(total, parts)
    return [base + (1 if i < rest else 0) for i in range(parts)]


def regions(count: int) -> list[tuple[str, str, tuple[tuple[str, str, float], ...]]]:
    """The first `count` regions: (code, name, trusts), the demo's own region first."""
    if count < 1:
        raise ValueError("at least one region")
    chosen = [(*REGION, TRUSTS), *MORE_REGIONS[:count - 1]]
    for number in range(len(chosen) + 1, count + 1):
        chosen.append((f"R{number:02d}", f"Helse Demo {number} RHF", tuple(
            (f"R{number:02d}T{t}", f"Demo {number}-{t} HF", share)
            for t, share in ((1, 0.40), (2, 0.33), (3, 0.27)))))
    return chosen


def plan_organisation(total_posts: int, region_count: int = 1) -> list[UnitSpec]:
    """Unit specifications, parents before children, with posts per section.

    The posts are shared equally among the regions (one region: all of them)."""
    units: list[UnitSpec] = []
    for region, region_posts in zip(regions(region_count), _split(total_posts, region_count),
                                    strict=True):
        units += _plan_region(region, region_posts)
    return units


def _plan_region(region: tuple[str, str, tuple[tuple[str, str, float], ...]],
                 total_posts: int) -> list[UnitSpec]:
    region_code, region_name, trusts = region
    units = [UnitSpec(region_code, region_name, "rhf", None)]
    for trust_code, trust_name, trust_share in trusts:
        units.append(UnitSpec(trust_code, trust_name, "hf", region_code, trust=trust_code))
        trust_posts = round(total_posts * trust_share)
        for clinic in CLINICS:
            clinic_code = f"{trust_code}-{clinic.suffix}"
            units.append(UnitSpec(clinic_code, clinic.name, "clinic", trust_code,
                                  clinic.service_area, "other", trust=trust_code))
            clinic_posts = round(trust_posts * clinic.share)
            for group in clinic.groups:
                dept_code = f"{clinic_code}-{group.suffix}"
                units.append(UnitSpec(dept_code, group.department_name, "department",
                                      clinic_code, clinic.service_area, group.care_level,
                                      trust=trust_code))
                group_posts = round(clinic_posts * group.share)
                count = _section_count(group_posts, group)
                for number, posts in enumerate(_split(group_posts, count), start=1):
                    if number <= len(group.names):
                        part, name = group.names[number - 1]
                    else:
                        part, name = f"{number:02d}", group.extra_name.format(n=number)
                    units.append(UnitSpec(f"{dept_code}-{part}", name, "section", dept_code,
                                          clinic.service_area, group.care_level,
                                          posts=max(posts, 3), trust=trust_code))
    return units
