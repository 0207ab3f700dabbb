"""Learning goals from CSV and .xlsx: every problem with its row and column, all or
nothing, the shipped example file, re-importing writes nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from fagkraft.education import imports as importer
from fagkraft.education import services
from fagkraft.education.models import LearningGoal
from fagkraft.jobs.models import Job

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "education" / \
    "laeringsmal-eksempel.csv"
HEADER = "forløp;kode;læringsmål;rekkefølge\n"


@pytest.fixture
def templates(world):
    return services.seed_templates(None)


def _import(text: str, dry_run: bool = False, name: str = "mal.csv"):
    return importer.import_goal_file(None, name, text.encode("utf-8"), dry_run=dry_run)


def test_every_problem_is_reported_and_nothing_written(templates):
    result = _import(HEADER
                     + "lis1;L-1;Et mål;1\n"           # row 2: good
                     + "ukjent;L-2;Et mål;2\n"         # row 3: unknown template
                     + "lis1;;Et mål;x\n"              # row 4: no code, bad order
                     + "lis1;L-1;Samme kode igjen;4\n"  # row 5: duplicate of row 2
                     + "FELLES;F-1;;5\n")              # row 6: no text
    assert [(e.row, e.column) for e in result.errors] == [
        (3, "forløp"), (4, "kode"), (4, "rekkefølge"), (5, "kode"), (6, "læringsmål")]
    assert "'ukjent'" in result.errors[0].message
    assert "rad 2" in result.errors[3].message
    assert not result.written and LearningGoal.objects.count() == 0


def test_missing_column_is_reported_on_the_header(templates):
    result = _import("forløp;tekst\nlis1;Et mål\n")
    assert [(e.row, e.column) for e in result.errors] == [(1, "kode")]


def test_the_example_file_imports_and_reimports_as_unchanged(world):
    # The LIS3 templates need the specialist doctors' profession and specialties.
    from fagkraft.workforce import services as workforce

    psychiatrist = workforce.create_profession(
        None, code="psychiatrist", name="Lege, spesialist", group="doctor")
    for code in ("LE-BUP", "LE-PSYK"):
        workforce.create_specialty(None, code=code, name=code, profession=psychiatrist)
    services.seed_templates(None)
    data = EXAMPLE.read_bytes()
    first = importer.import_goal_file(None, EXAMPLE.name, data)
    # 5 goals of LIS3 BUP, 3 of LIS3 psychiatry, 3 common ones.
    assert (first.errors, first.created) == ([], 11)
    assert LearningGoal.objects.filter(template__isnull=True).count() == 3
    assert all(g.text.startswith("EKSEMPEL") for g in LearningGoal.objects.all())
    again = importer.import_goal_file(None, EXAMPLE.name, data)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 11)


def test_a_changed_text_updates_the_goal(templates):
    _import(HEADER + "lis1;L-1;Første tekst;1\n")
    result = _import(HEADER + "lis1;l-1;Ny tekst;1\n")  # codes match without case
    assert (result.created, result.updated) == (0, 1)
    assert LearningGoal.objects.get().text == "Ny tekst"


def test_dry_run_writes_nothing(templates):
    result = _import(HEADER + "lis1;L-1;Et mål;1\n", dry_run=True)
    assert result.ok and result.created == 1 and not result.written
    assert LearningGoal.objects.count() == 0


def test_xlsx(templates):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Forløp", "Kode", "Læringsmål", "Rekkefølge"])
    sheet.append(["lis1", "L-9", "Fra Excel", 3])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = importer.import_goal_file(None, "mal.xlsx", buffer.getvalue())
    assert result.ok and LearningGoal.objects.get().order == 3


def test_management_command(templates, tmp_path, capsys):
    path = tmp_path / "mal.csv"
    path.write_text(HEADER + "lis1;L-1;Et mål;1\n", encoding="utf-8")
    call_command("import_learning_goals", str(path))
    assert LearningGoal.objects.filter(code="L-1").exists()


def test_the_page_is_for_advisers(templates, client, world):
    client.force_login(world.users["adviser_arne"])
    upload = io.BytesIO((HEADER + "ukjent;L-1;Et mål;1\n").encode())
    upload.name = "mal.csv"
    # The write is a background job (immediate in the suite): its page lists the problems.
    response = client.post("/education/pathways/import/", {"file": upload})
    job = Job.objects.get(kind="education.goal_import")
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert job.state == Job.State.FAILED
    html = client.get(response["Location"]).content.decode()
    assert "Ukjent utdanningsløp" in html and 'id="job-problems"' in html
    assert not LearningGoal.objects.filter(code="L-1").exists()
    # A good file: written by the job, counted on its page.
    upload = io.BytesIO((HEADER + "lis1;L-1;Et mål;1\n").encode())
    upload.name = "mal.csv"
    response = client.post("/education/pathways/import/", {"file": upload})
    page = client.get(response["Location"]).content.decode()
    assert "Læringsmål importert: 1 nye, 0 endret, 0 uendret." in page
    assert LearningGoal.objects.filter(code="L-1").exists()
    client.force_login(world.users["leader_lise"])
    assert client.get("/education/pathways/import/").status_code == 403
