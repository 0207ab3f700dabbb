"""The import page lists the words the imports accept, from the imports' own definitions."""

from __future__ import annotations

import io
from html import unescape

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fagkraft.competence.imports import COMPLETION_COLUMNS, import_completions
from fagkraft.core.validation.problems import HEADER_ROW
from fagkraft.core.xlsx import XLSX_TYPE
from fagkraft.education.imports import GOAL_COLUMNS, import_goal_file
from fagkraft.workforce.hr_columns import (
    EMPLOYEE_COLUMNS,
    LEAVING_REASON_WORDS,
    POSITION_KIND_WORDS,
)
from fagkraft.workforce.imports import import_employees
from fagkraft.workforce.models import Employee, Profession
from fagkraft.workload import services as workload_services
from fagkraft.workload.imports import COLUMNS as WORKLOAD_COLUMNS
from fagkraft.workload.imports import import_workload


@pytest.fixture
def page(login) -> str:
    response = login("adviser_arne").get(reverse("imports:upload"))
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_the_page_lists_each_profession_by_code_and_name(page):
    # The world registers psychologist/Psykolog, doctor/Lege, nurse/Sykepleier and
    # social-worker/Sosionom: the codes the example files use, beside their names.
    professions = list(Profession.objects.values_list("code", "name"))
    assert len(professions) == 4
    for code, name in professions:
        assert f"<td><code>{code}</code></td><td>{name}</td>" in page


def test_the_page_lists_each_accepted_reason_and_position_word(page):
    for word in [*LEAVING_REASON_WORDS, *POSITION_KIND_WORDS]:
        assert f"<code>{word}</code>" in page, word
    # Words grouped under the stored value's bokmål name, the export's word first.
    assert "Pensjonert: <code>pensjon</code>, <code>alderspensjon</code>, <code>retired</code>" \
        in page
    assert "Fast: <code>fast</code>, <code>permanent</code>" in page


def test_the_column_help_points_to_a_list_that_is_on_the_page(page):
    assert 'id="accepted-words"' in page
    assert "listen over godkjente ord" not in page


@pytest.mark.parametrize(("kind", "columns", "run"), [
    ("employees", EMPLOYEE_COLUMNS, import_employees),
    ("completions", COMPLETION_COLUMNS, import_completions),
    ("goals", GOAL_COLUMNS, import_goal_file),
    ("workload", WORKLOAD_COLUMNS, None),
])
def test_a_blank_file_has_the_imports_columns_and_imports_without_header_problems(
        login, world, kind, columns, run):
    response = login("adviser_arne").get(reverse("imports:blank", args=[kind]))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_TYPE
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [column.name for column in columns]
    assert rows[1][0] == "EKSEMPEL" and len(rows) == 2

    actor = world.users["adviser_arne"]
    if run is None:  # a workload file is imported into a study
        study = workload_services.create_study(None, unit=world.section_a, name="BUP Nord",
                                               year=2025)
        result = import_workload(actor, study, f"{kind}.xlsx", response.content, dry_run=True)
    else:
        result = run(actor, f"{kind}.xlsx", response.content, dry_run=True)
    # The invented example names no real unit or code, so its row fails, but every column
    # is recognised: no problem is reported on the header row.
    assert result.errors and all(problem.row != HEADER_ROW for problem in result.errors)
    assert not Employee.objects.filter(employee_number="EKSEMPEL").exists()


def test_an_unknown_blank_does_not_exist(login):
    assert login("adviser_arne").get(reverse("imports:blank", args=["nope"])).status_code == 404
