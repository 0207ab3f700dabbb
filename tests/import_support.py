"""Shared set-up for the HR import tests.

The example files in examples/ use units NVHF-PHBU-BUP-NORD and NVHF-PHBU-BUP-SOR and
eleven profession codes. `build_import_org` adds them to the persona world's trust NVHF
(Nordvik HF), through the services layer, so the tests do not depend on the demo seeder.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.contrib.auth.models import User

from fagkraft.accounts.models import Role
from fagkraft.workforce import services
from fagkraft.workforce.models import Profession, Unit
from tests.personas import World, make_user

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOOD_CSV = EXAMPLES / "hr_eksempel.csv"
BAD_CSV = EXAMPLES / "hr_eksempel_feil.csv"
GOOD_XLSX = EXAMPLES / "hr_eksempel.xlsx"

HEADER = ("ansattnummer;fornavn;etternavn;fødselsdato;kjønn;hpr_nummer;yrke;enhet;"
          "stillingsprosent;stillingstype;startdato;sluttdato;sluttårsak")

PROFESSIONS = [
    # code, name, group
    ("psychologist", "Psykolog", "psychologist"),
    ("psychiatrist", "Psykiater", "doctor"),
    ("doctor", "Lege", "doctor"),
    ("nurse", "Sykepleier", "nurse"),
    ("specialist-nurse", "Spesialsykepleier", "nurse"),
    ("social-worker", "Sosionom", "therapist"),
    ("child-welfare-educator", "Barnevernspedagog", "therapist"),
    ("social-educator", "Vernepleier", "therapist"),
    ("clinical-pedagogue", "Klinisk pedagog", "therapist"),
    ("family-therapist", "Familieterapeut", "therapist"),
    ("secretary", "Sekretær", "administrative"),
]


def build_import_org(world: World) -> dict[str, Unit]:
    """Clinic -> department -> two BUP sections under Nordvik HF, plus missing professions."""
    clinic = services.create_unit(
        None, code="NVHF-PHBU", name="Klinikk for psykisk helsevern for barn og unge",
        level=Unit.Level.CLINIC, parent=world.trust, service_area=Unit.ServiceArea.PHBU)
    department = services.create_unit(
        None, code="NVHF-PHBU-BUP", name="BUP-avdelingen Nordvik", level=Unit.Level.DEPARTMENT,
        parent=clinic, service_area=Unit.ServiceArea.PHBU)
    north = services.create_unit(
        None, code="NVHF-PHBU-BUP-NORD", name="BUP Nordvik nord", level=Unit.Level.SECTION,
        parent=department, service_area=Unit.ServiceArea.PHBU,
        care_level=Unit.CareLevel.OUTPATIENT)
    south = services.create_unit(
        None, code="NVHF-PHBU-BUP-SOR", name="BUP Nordvik sør", level=Unit.Level.SECTION,
        parent=department, service_area=Unit.ServiceArea.PHBU,
        care_level=Unit.CareLevel.OUTPATIENT)
    existing = set(Profession.objects.values_list("code", flat=True))
    for code, name, group in PROFESSIONS:
        if code not in existing:
            services.create_profession(None, code=code, name=name, group=group)
    return {"clinic": clinic, "department": department, "north": north, "south": south}


def department_leader(units: dict[str, Unit]) -> User:
    """A leader of the BUP department: both example sections are in their subtree."""
    return make_user("leader_dina", Role.LEADER, unit=units["department"])


def csv_bytes(*rows: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode(encoding)


def parse_csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
