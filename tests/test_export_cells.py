"""Issue 12.3: every .xlsx export of the demo has typed cells (core.xlsx, core.cells).

A small demo (the seeder of `make demo`, 300 employees) is built once for the module and
every export is downloaded in bokmål as a demo login who may. Each sheet must have: no
text that reads as a number, percentage or date; a number format on every decimal
number; percentages with one decimal; dates as date cells shown dd.mm.yyyy; a width on
every used column; a title without the English words of tests/test_english_words.py
(profession codes included); no formula. One figure per export is checked against the
page it comes from, as the page writes it (core.cells.shown_as).
"""

from __future__ import annotations

import datetime as dt
import io
import re

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from fagkraft.core import cells
from fagkraft.funding.models import Programme
from fagkraft.goals.models import Goal
from fagkraft.projections.models import Scenario
from fagkraft.workforce.models import Profession, Unit
from fagkraft.workload.models import WisnStudy as Study
from tests.shared_data import demo_fixtures
from tests.test_english_words import ENGLISH, TODAY

# English sheet titles a missed translation would leave (besides test_english_words').
SHEET_WORDS = [r"\bProjection\b", r"\bResults\b", r"\bStaff\b", r"\bSheet\d*\b",
               r"\bCandidates\b", r"\bGroups\b", r"\bAudit\b"]
_NUMBER = re.compile(r"^\s*[-+−]?\d[\d \u00a0]*(?:[.,]\d+)?\s*%?\s*$")
_DATE = re.compile(r"^\s*\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\s*$")


module_seeded, seeded = demo_fixtures(today=TODAY)


def _client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _exports() -> list[tuple[str, str, str]]:
    """(name, login, url) of every .xlsx export on the demo's objects."""
    department = Unit.objects.get(code="NVHF-PHBU-BUP")
    trust = Unit.objects.get(code="NVHF")
    region = trust.parent
    scenario = Scenario.objects.order_by("pk").first()
    study = Study.objects.order_by("pk").first()
    goal = Goal.objects.order_by("pk").first()
    programme = Programme.objects.order_by("pk").first()
    urls = [
        ("staff", "leder", reverse("workforce:unit_staff_export", args=[department.pk, "xlsx"])),
        ("staff report", "leder", reverse("workforce:unit_staff_report", args=[department.pk])),
        ("unit vacancies", "leder",
         reverse("workforce:unit_vacancy_export", args=[department.pk, "xlsx"])),
        ("employees", "radgiver", reverse("workforce:employee_export", args=["xlsx"])),
        ("vacancies", "radgiver", reverse("workforce:vacancy_export", args=["xlsx"])),
        ("compliance", "leder", reverse("competence:unit_export", args=[department.pk])),
        ("education plan", "leder",
         reverse("competence:education_plan_export", args=[department.pk])),
        ("candidates", "radgiver", reverse("education:unit_export", args=[trust.pk])),
        ("pipeline", "planlegger", reverse("education:pipeline_export", args=[region.pk])),
        ("retention", "radgiver", reverse("retention:unit_export", args=[trust.pk])),
        ("backtest", "radgiver", reverse("retention:backtest_export", args=[trust.pk])),
        ("priority rule", "planlegger", reverse("retention:priority_export", args=[region.pk])),
        ("audit", "radgiver", reverse("audit:export", args=["xlsx"])),
        *[(f"blank {kind}", "radgiver", reverse("imports:blank", args=[kind]))
          for kind in ("employees", "completions", "goals", "workload")],
    ]
    if scenario:
        urls.append(("projection", "admin", reverse("projections:export", args=[scenario.pk])))
    if study:
        urls.append(("wisn", "admin", reverse("workload:export", args=[study.pk])))
    if goal:
        urls.append(("goal", "admin", reverse("goals:export", args=[goal.pk])))
    if programme:
        urls.append(("close-out", "programadmin",
                     reverse("funding:closeout_export", args=[programme.pk])))
    return urls


def _download(client: Client, url: str):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats"), url
    return load_workbook(io.BytesIO(response.content))


def _problems(sheet, codes: list[str]) -> list[str]:
    found = []
    title_words = [m.group(0) for p in ENGLISH + SHEET_WORDS
                   for m in re.finditer(p, sheet.title)]
    title_words += [c for c in codes if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])",
                                                  sheet.title)]
    if title_words or len(sheet.title) > 31:
        found.append(f"title {sheet.title!r}: {title_words}")
    used = set()
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            used.add(cell.column)
            where = f"{sheet.title}!{cell.coordinate}"
            fmt = cell.number_format or "General"
            if cell.data_type == "f":
                found.append(f"{where}: formula")
            elif isinstance(cell.value, str):
                if cell.value.startswith("=") and not cell.quotePrefix:
                    found.append(f"{where}: starts with '='")
                if _NUMBER.match(cell.value) or _DATE.match(cell.value):
                    found.append(f"{where}: number as text {cell.value!r}")
            elif isinstance(cell.value, float) and fmt == "General":
                found.append(f"{where}: {cell.value} in General format")
            elif cell.is_date and fmt.lower() not in ("dd.mm.yyyy", "dd.mm.yyyy hh:mm:ss"):
                found.append(f"{where}: date as {fmt}")
            if "%" in fmt and fmt != cells.PERCENT.excel:
                found.append(f"{where}: percent as {fmt}")
    for column in used:
        dimension = sheet.column_dimensions.get(get_column_letter(column))
        if dimension is None or not dimension.width:
            found.append(f"{sheet.title}: column {get_column_letter(column)} has no width")
    return found


# The import-format exports and the blank templates carry the import's codes on purpose.
IMPORT_FORMATS = {"staff", "unit vacancies", "employees", "vacancies", "blank employees",
                  "blank completions", "blank goals", "blank workload"}
_PYTHON_WORDS = re.compile(r"^(True|False|None|nan)$")


def _codes_in_values(book, codes: set[str]) -> list[str]:
    """Text cells that are a profession code or a Python value where a word belongs."""
    return [f"{sheet.title}!{cell.coordinate}: {cell.value!r}"
            for sheet in book.worksheets for row in sheet.iter_rows(min_row=2) for cell in row
            if isinstance(cell.value, str)
            and (cell.value in codes or _PYTHON_WORDS.match(cell.value))]


def test_every_export_has_typed_cells_widths_and_bokmal_titles(seeded):
    codes = [code for code in Profession.objects.values_list("code", flat=True)
             if code not in ("leader",)]
    exports = _exports()
    assert len(exports) == 21  # every export the app has, on the demo's objects
    problems = {}
    for name, username, url in exports:
        book = _download(_client(username), url)
        found = [problem for sheet in book.worksheets for problem in _problems(sheet, codes)]
        if name not in IMPORT_FORMATS:
            found += _codes_in_values(book, set(codes))
        if found:
            problems[name] = found[:5]
    assert problems == {}


def _sheet_rows(book, title: str) -> list[tuple]:
    return list(book[title].iter_rows(values_only=True))


def test_the_retention_share_and_the_compliance_share_read_as_on_their_pages(seeded):
    """The export's stored fraction, shown the pages' way, is on the page."""
    trust = Unit.objects.get(code="NVHF")
    adviser = _client("radgiver")
    book = _download(adviser, reverse("retention:unit_export", args=[trust.pk]))
    total = _sheet_rows(book, "Grupper")[1]
    share = next(value for value in total[3:] if isinstance(value, float))
    page = adviser.get(reverse("retention:unit", args=[trust.pk])).content.decode()
    assert cells.shown_as(share, cells.PERCENT).replace(" ", "\xa0") in page.replace(" ", "\xa0")

    department = Unit.objects.get(code="NVHF-PHBU-BUP")
    leader = _client("leder")
    book = _download(leader, reverse("competence:unit_export", args=[department.pk]))
    first = _sheet_rows(book, "Krav")[1]
    assert book["Krav"].cell(2, len(first)).number_format == "0.0 %"
    page = leader.get(reverse("competence:unit", args=[department.pk])).content.decode()
    assert cells.shown_as(first[-1], cells.PERCENT).replace(" ", "\xa0") in \
        page.replace(" ", "\xa0")


def test_the_projection_gap_and_the_wisn_total_read_as_on_their_pages(seeded):
    scenario = Scenario.objects.order_by("pk").first()
    admin = _client("admin")
    if scenario is not None:
        book = _download(admin, reverse("projections:export", args=[scenario.pk]))
        title = next((name for name in book.sheetnames if name.startswith("Framskriving ")),
                     book.sheetnames)
        last = _sheet_rows(book, title)[-1]
        assert book[title].cell(2, 4).number_format == cells.FTE.excel
        page = admin.get(reverse("projections:detail", args=[scenario.pk])).content.decode()
        assert f">{cells.shown_as(last[3], cells.FTE)}<" in page
    study = Study.objects.order_by("pk").first()
    book = _download(admin, reverse("workload:export", args=[study.pk]))
    required = sum(row[8] for row in _sheet_rows(book, "Resultat")[1:])
    page = admin.get(reverse("workload:study", args=[study.pk])).content.decode()
    assert f'id="required-total">{cells.shown_as(required, cells.FTE2)}<' in page


def test_the_staff_report_ages_and_dates_are_typed(seeded):
    """Ages are whole numbers, FTE shares two decimals, start dates date cells: the
    demo's leader sees today's positions of the BUP department."""
    department = Unit.objects.get(code="NVHF-PHBU-BUP")
    book = _download(_client("leder"),
                     reverse("workforce:unit_staff_report", args=[department.pk]))
    sheet = book.worksheets[0]
    assert sheet.title == "Ansatte"
    rows = list(sheet.iter_rows(min_row=2))
    assert rows and all(isinstance(row[3].value, int) for row in rows)
    assert all(row[4].number_format == cells.FTE2.excel for row in rows)
    assert all(isinstance(row[8].value, dt.datetime) for row in rows)


def test_with_english_chosen_the_sheets_are_in_english(seeded):
    """The same export after the switch to English: titles and headers follow it."""
    trust = Unit.objects.get(code="NVHF")
    adviser = _client("radgiver")
    adviser.post(reverse("set_language"), {"language": "en", "next": "/"})
    book = _download(adviser, reverse("retention:unit_export", args=[trust.pk]))
    assert book.sheetnames[:2] == ["Groups", "Curves"]
    assert book["Groups"]["A1"].value == "Group"
