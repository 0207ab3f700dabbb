"""The demo WISN study for BUP Nord: realistic outpatient workload from public figures."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from fagkraft.demo import workload as demo
from fagkraft.demo.logins import SECTION_LEADER_UNIT
from fagkraft.workforce import services as workforce
from fagkraft.workforce.models import Unit
from fagkraft.workload.models import WisnStudy
from tests.personas import World

REFERENCE = Path("/work/shared/data/reference")
TODAY = dt.date(2025, 6, 1)


def test_scale_from_the_reference_files() -> None:
    """375,734 contacts in the first tertial of 2023 * 3 = 1,127,202 a year; over the 3,008
    treating FTE of SAMDATA 2008 that is 374.73 contacts per FTE."""
    assert pytest.approx(1_127_202 / 3_008) == demo.CONTACTS_PER_FTE
    assert round(demo.CONTACTS_PER_FTE, 2) == 374.73
    if not REFERENCE.exists():
        pytest.skip("shared reference data not on this machine")
    with (REFERENCE / "phbu_activity.csv").open() as file:
        rows = {(r["period"], r["measure"]): int(r["value"]) for r in csv.DictReader(file)}
    assert rows[("2023-T1", "outpatient_contacts")] == demo.NPR_CONTACTS_2023_T1
    with (REFERENCE / "phbu_workforce_2008_samdata.csv").open() as file:
        assert sum(int(r["fte"]) for r in csv.DictReader(file)) == \
            demo.SAMDATA_TREATING_FTE_2008


def test_seed_writes_the_section_study_with_scenarios(world: World) -> None:
    """BUP Nord with 2 psychologists (100 % + 50 %), 1 doctor and 1 nurse (100 %) and a
    social worker (80 %, group "therapist"): psychologist contacts = 374.73 * 1.5 = 562."""
    section = workforce.create_unit(None, code=SECTION_LEADER_UNIT, name="BUP Nord demo",
                                    level=Unit.Level.SECTION, parent=world.department)
    staff = [("P1", world.psychologist, 100), ("P2", world.psychologist, 50),
             ("D1", world.doctor, 100), ("N1", world.nurse, 100),
             ("S1", world.social_worker, 80)]
    for number, profession, fte in staff:
        person = workforce.create_employee(
            None, trust=world.trust, employee_number=f"9{number}", first_name="Demo",
            last_name=number, birth_date=dt.date(1985, 1, 1), sex="F", profession=profession)
        workforce.add_position(None, person, unit=section, fte_percent=fte, kind="permanent",
                               start_date=dt.date(2020, 1, 1))
    assert demo.seed_workload(seed=1, today=TODAY, progress=lambda message: None) == 1
    study = WisnStudy.objects.get(unit=section)
    assert study.year == 2025 and (study.working_days, study.public_holidays) == (261, 9)
    psychologist = study.categories.get(name="Psykolog")
    assert psychologist.profession_group == "psychologist"
    contact = psychologist.activities.get(name="Poliklinisk konsultasjon")
    assert contact.annual_workload == round(demo.CONTACTS_PER_FTE * 1.5)
    assert "NPR" in contact.source and "2023" in contact.source
    assert psychologist.activities.get(name="Utredning").annual_workload == \
        round(demo.CONTACTS_PER_FTE * 1.5 * demo.ASSESSMENT_SHARE)
    assert sorted(study.scenarios.values_list("name", flat=True)) == [
        "Oppgavedeling i hele teamet",
        "Sykepleiere tar en firedel av psykologenes konsultasjoner"]
    assert study.scenarios.get(name__startswith="Oppgavedeling").moves.count() == 2
