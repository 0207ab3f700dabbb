"""A leader reads a whole WISN study from a study file on the web, and a bad file is
listed problem by problem with nothing saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fagkraft.workload.models import WisnStudy
from tests.personas import World

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "wisn" / "bup_study.json"


def upload(client, world: World, name: str, content: bytes):
    client.force_login(world.users["leader_lise"])
    return client.post(f"/workload/units/{world.section_a.pk}/new/",
                       {"study_file": SimpleUploadedFile(name, content,
                                                         content_type="application/json")})


def test_example_study_file_becomes_a_study_with_the_same_result(client, world: World) -> None:
    response = upload(client, world, "bup_study.json", EXAMPLE.read_bytes())
    assert response.status_code == 302
    study = WisnStudy.objects.get(unit=world.section_a)
    assert [c.name for c in study.categories.order_by("pk")] == [
        "psychologist", "doctor", "nurse"]
    assert study.scenarios.count() == 1
    rows = {row.result.name: row for row in
            client.get(f"/workload/studies/{study.pk}/").context["report"].rows}
    psychologist = rows["psychologist"].result
    # By hand, from the file: AWT = (261 - (9 + 25 + 15.89 + 5)) x 7.5 = 1545.825 h.
    # Activities: (9000 x 60 + 300 x 600) / 60 = 12000 h -> 12000 / 1545.825 = 7.76285.
    # CAS: 2 h a week of 37.5 = 5.3333 % plus 10 % -> CAF = 1 / (1 - 0.153333) = 1.181102.
    # IAS: 2 staff x 80 h -> IAF = 160 / 1545.825 = 0.103505.
    # Required = 7.76285 x 1.181102 + 0.103505 = 9.2722.
    assert psychologist.required_staff == pytest.approx(9.2722, abs=1e-4)
    assert rows["psychologist"].existing == 12.0  # the file's figure, not the register's


def test_bad_study_file_lists_every_problem_and_saves_nothing(client, world: World) -> None:
    bad = (b'{"name": "", "year": "x", "working_time": {"basis": "days"},'
           b' "categories": [{"name": "a", "activities": [{"name": "b",'
           b' "annual_workload": -1}]}]}')
    response = upload(client, world, "feil.json", bad)
    assert response.status_code == 422
    problems = response.context["upload_problems"]
    assert "$.year: må være et årstall som 2025, fikk \"x\"" in problems
    assert "$.categories[0].activities[0].annual_workload: må være minst 0, fikk -1" in problems
    assert any(p.startswith("$.working_time.hours_per_day") for p in problems)
    assert WisnStudy.objects.count() == 0


def test_planner_may_not_upload(client, world: World) -> None:
    client.force_login(world.users["planner_pia"])
    response = client.post(f"/workload/units/{world.section_a.pk}/new/",
                           {"study_file": SimpleUploadedFile("s.json", EXAMPLE.read_bytes())})
    assert response.status_code == 403
    assert WisnStudy.objects.count() == 0
