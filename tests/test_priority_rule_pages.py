"""The priority-rule page and export (issue 13 point 3) on a hand-made register.

Nordvik HF of the personas' world (tests/personas.py) has Erik, Kari and Siri in its
PHBU clinic at 100 % since 2015 (3.0 FTE). Added here: a psychologist at 50 % in section
A from 01.06.2024, and a somatic clinic with four nurses at 100 % since 2015, a fifth from
01.03.2024, and one of the first four leaving on 01.05.2025. Today is 30.06.2026, so the
register years are those up to 2025. By hand (FTE on 31 December):

  year  PHBU  somatic   PHBU growth   somatic growth   PHBU (and PH: Nordvik has no PHV)
  2023  3.0   4.0
  2024  3.5   5.0       +16.67 %      +25 %            did not hold
  2025  3.5   4.0        0 %          -20 %            held

For the planner the PHBU cells hold 4 persons (under 5): hidden, and no verdict.
"""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from fagkraft.core import dates
from fagkraft.workforce import services
from fagkraft.workforce.models import Unit
from tests.personas import World, build_world
from tests.shared_data import fresh, module_data
from tests.test_disclosure_attacks import parse

TODAY = dt.date(2026, 6, 30)


def _build() -> World:
    world = build_world()
    ward = services.create_unit(None, code="NV-SOM", name="Medisinsk klinikk",
                                level=Unit.Level.CLINIC, parent=world.trust,
                                service_area=Unit.ServiceArea.SOMATIC)

    def person(number, unit, profession, start, end=None, fte=100):
        employee = services.create_employee(
            None, trust=world.trust, employee_number=number, first_name="Test",
            last_name=number, birth_date=dt.date(1980, 1, 1), sex="F", profession=profession)
        services.add_position(None, employee, unit=unit, fte_percent=fte, kind="permanent",
                              start_date=start, end_date=end,
                              leaving_reason="resigned" if end else "")

    person("4001", world.section_a, world.psychologist, dt.date(2024, 6, 1), fte=50)
    for number in ("5001", "5002", "5003"):
        person(number, ward, world.nurse, dt.date(2015, 1, 1))
    person("5004", ward, world.nurse, dt.date(2015, 1, 1), end=dt.date(2025, 5, 1))
    person("5005", ward, world.nurse, dt.date(2024, 3, 1))
    return world


shared_world = module_data(_build, name="shared_world")


@pytest.fixture
def world(shared_world: World, db) -> World:
    return fresh(shared_world)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)


def _page(client, world, persona, **post):
    client.force_login(world.users[persona])
    url = reverse("retention:priority", args=[world.trust.pk])
    return client.post(url, post) if post else client.get(url)


def _verdicts(verdicts, area="Nordvik HF"):
    return {(v.year, v.service): (round(v.growth.percent, 2), round(v.somatic.percent, 2),
                                  v.held)
            for v in verdicts if v.area == area}


def test_the_adviser_sees_the_register_verdicts_worked_by_hand(client, world):
    report = _page(client, world, "adviser_arne").context["report"]
    verdicts = _verdicts(report.register)
    assert {key: value for key, value in verdicts.items() if key[0] >= 2023} == {
        # 2023: no change in either (0 % against 0 %): equal growth is not more.
        (2023, "ph"): (0.0, 0.0, False), (2023, "phbu"): (0.0, 0.0, False),
        (2024, "ph"): (16.67, 25.0, False), (2024, "phbu"): (16.67, 25.0, False),
        (2025, "ph"): (0.0, -20.0, True), (2025, "phbu"): (0.0, -20.0, True)}
    # Eight years back from 2025, each against the year before.
    assert min(year for year, _ in verdicts) == 2018
    row = next(r for r in report.fte_rows if r.year == 2024)
    assert (row.fte["phbu"], row.fte["somatic"]) == (3.5, 5.0)


def test_the_planner_sees_no_cell_of_fewer_than_five(client, world):
    response = _page(client, world, "planner_pia")
    report = response.context["report"]
    row = next(r for r in report.fte_rows if r.year == 2024)
    assert (row.fte["phbu"], row.fte["somatic"]) == (None, 5.0)
    assert _verdicts(report.register) == {}
    assert "suppression-note" in response.content.decode()


def test_the_published_figures_show_on_the_page(client, world):
    content = _page(client, world, "adviser_arne").content.decode()
    assert "+3,61" in content and "+1,96" in content
    assert "Holdt ikke" in content and "SAMDATA" in content


def test_an_uploaded_csv_is_judged_and_a_bad_row_is_named(client, world):
    text = ("area;service;indicator;year;value;growth_percent;source\n"
            "Helse Vest;phv;consultations;2024;;4,0;SAMDATA\n"
            "Helse Vest;somatic;consultations;2024;;2,5;SAMDATA\n")
    upload = SimpleUploadedFile("samdata.csv", text.encode())
    report = _page(client, world, "adviser_arne", file=upload, kind="csv",
                   indicator="fte").context["report"]
    judged = {(v.year, v.service): v.held for v in report.uploaded}
    # PHV 4 % > 2.5 %: held; PH without PHBU cannot be told from a growth figure alone.
    assert judged == {(2024, "phv"): True, (2024, "ph"): None}
    bad = SimpleUploadedFile("bad.csv", (text + "Helse Vest;tannhelse;fte;2024;1;;\n").encode())
    response = _page(client, world, "adviser_arne", file=bad, kind="csv", indicator="fte")
    assert "Rad 4, kolonne service" in response.content.decode()


def test_who_may_open_it(client, world):
    assert _page(client, world, "leader_lise").status_code == 403
    assert _page(client, world, "employee_erik").status_code == 403
    assert _page(client, world, "adviser_sara").status_code == 404


def test_the_export(client, world):
    client.force_login(world.users["planner_pia"])
    response = client.get(reverse("retention:priority_export", args=[world.trust.pk]))
    book = load_workbook(io.BytesIO(response.content))
    fte = {row[1]: row for row in book.worksheets[-1].iter_rows(min_row=2, values_only=True)}
    assert fte[2024][2] == "x" and fte[2024][5] == 5


def _api(client, world, persona, **post):
    client.force_login(world.users[persona])
    url = reverse("retention-priority", args=[world.trust.pk])
    return client.post(url, post) if post else client.get(url)


def _as_json(verdicts):
    return [{"area": v.area, "year": v.year, "indicator": v.indicator, "service": v.service,
             "held": v.held, "difference": v.difference, "growth": v.growth.percent,
             "somatic": v.somatic.percent} for v in verdicts]


def _flat(items):
    return [{**item, "growth": item["growth"]["percent"],
             "somatic": item["somatic"]["percent"]} for item in items]


def test_the_api_gives_the_page_figures(client, world):
    for persona in ("adviser_arne", "planner_pia"):
        data = _api(client, world, persona).json()
        report = _page(client, world, persona).context["report"]
        assert _flat(data["register"]) == _as_json(report.register)
        assert _flat(data["reference"]) == _as_json(report.reference)
        assert data["register_fte"] == [{"area": r.area, "year": r.year, "fte": r.fte}
                                        for r in report.fte_rows]
    # By hand (module docstring): 2024 PHBU +16.67 % against somatic +25 %: did not hold.
    adviser = _api(client, world, "adviser_arne").json()
    verdict = next(v for v in adviser["register"] if (v["year"], v["service"]) == (
        2024, "phbu"))
    assert round(verdict["growth"]["percent"], 2) == 16.67 and verdict["held"] is False
    # The planner: PHBU's cells of 4 persons are null and give no verdict.
    planner = _api(client, world, "planner_pia").json()
    fte_2024 = next(r["fte"] for r in planner["register_fte"] if r["year"] == 2024)
    assert (fte_2024["phbu"], fte_2024["somatic"]) == (None, 5.0)
    assert planner["register"] == []


def test_the_api_judges_an_uploaded_file_and_names_a_bad_row(client, world):
    text = ("area;service;indicator;year;value;growth_percent;source\n"
            "Helse Vest;phv;consultations;2024;;4,0;SAMDATA\n"
            "Helse Vest;somatic;consultations;2024;;2,5;SAMDATA\n")
    data = _api(client, world, "adviser_arne", kind="csv",
                file=SimpleUploadedFile("samdata.csv", text.encode())).json()
    # PHV 4 % > 2.5 %: held; PH without PHBU cannot be told from a growth figure alone.
    assert {(v["year"], v["service"]): v["held"] for v in data["uploaded"]} == {
        (2024, "phv"): True, (2024, "ph"): None}
    assert data["upload_name"] == "samdata.csv"
    bad = SimpleUploadedFile("bad.csv", (text + "Helse Vest;tannhelse;fte;2024;1;;\n").encode())
    response = _api(client, world, "adviser_arne", kind="csv", file=bad)
    assert response.status_code == 400
    assert "Rad 4, kolonne service" in response.json()["__all__"][0]


def test_who_may_use_the_api(client, world):
    assert _api(client, world, "leader_lise").status_code == 403
    assert _api(client, world, "employee_erik").status_code == 403
    assert _api(client, world, "adviser_sara").status_code == 404


# --- The summary and chart agree with the table and the export (issue 13, point 1) ---

# An uploaded file adds costs for Nordvik HF in 2025, so the summary counts two
# indicators: somatic costs +2.0 %; PHBU +1.0 % (did not hold), PHV +2.0 % (equal: did
# not hold), TSB +3.0 % (held). With the register's FTE (PHBU 0 % against somatic -20 %:
# held; no PHV or TSB positions: no FTE growth), 2025 by hand:
#   PHBU held 1 of 2, PHV held 0 of 1, TSB held 1 of 1.
COSTS_2025 = ("area;service;indicator;year;value;growth_percent;source\n"
              "Nordvik HF;somatic;costs;2025;;2,0;Årsrapport\n"
              "Nordvik HF;phbu;costs;2025;;1,0;Årsrapport\n"
              "Nordvik HF;phv;costs;2025;;2,0;Årsrapport\n"
              "Nordvik HF;tsb;costs;2025;;3,0;Årsrapport\n")


def _table_rows(html, table_id):
    return parse(html).tables[table_id][1:]


def _number(text):
    return None if text in ("–", "x") else float(text.replace(",", ".").replace("+", ""))


def test_the_summary_counts_the_latest_years_verdicts_worked_by_hand(client, world):
    upload = SimpleUploadedFile("costs.csv", COSTS_2025.encode())
    response = _page(client, world, "adviser_arne", file=upload, kind="csv", indicator="fte")
    summary = response.context["summary"]
    assert summary.year == 2025 and summary.area == "Nordvik HF"
    assert {s.service: (s.held, s.not_held, s.no_verdict) for s in summary.services} == {
        "phbu": (1, 1, 0), "phv": (0, 1, 0), "tsb": (1, 0, 0)}
    html = response.content.decode()
    assert ("2025, Nordvik HF, mot somatikk: PHBU holdt på 1 av 2 indikatorer; PHV holdt på "
            "0 av 1 indikator; TSB holdt på 1 av 1 indikator.") in html
    # The sentence and KPI row count the verdict rows the tables show for 2025.
    rows = [*_table_rows(html, "register-verdicts"), *_table_rows(html, "uploaded-verdicts")]
    shown = [row for row in rows if row[0] == "Nordvik HF" and row[1] == "2025"]
    for item in summary.services:
        mine = [row for row in shown if row[3].endswith(f"({item.service.upper()})")]
        assert (sum(row[6] == "Holdt" for row in mine),
                sum(row[6] == "Holdt ikke" for row in mine)) == (item.held, item.not_held)
        assert (f'id="kpi-{item.service}" data-held="{item.held}" '
                f'data-not-held="{item.not_held}"') in html
    # The export's summary sheet says the same.
    export = client.post(reverse("retention:priority_export", args=[world.trust.pk]), {
        "file": SimpleUploadedFile("costs.csv", COSTS_2025.encode()), "kind": "csv",
        "indicator": "fte"})
    sheet = load_workbook(io.BytesIO(export.content)).worksheets[0]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[:5] for row in rows[:3]] == [("PHBU", 2025, 1, 1, 0), ("PHV", 2025, 0, 1, 0),
                                             ("TSB", 2025, 1, 0, 0)]
    assert rows[3][0] == summary.sentence()
    # ...and so does the API.
    data = _api(client, world, "adviser_arne", kind="csv",
                file=SimpleUploadedFile("costs.csv", COSTS_2025.encode())).json()
    assert data["summary"]["sentence"] == summary.sentence()
    assert [(s["service"], s["held"], s["not_held"]) for s in data["summary"]["services"]] == [
        ("phbu", 1, 1), ("phv", 0, 1), ("tsb", 1, 0)]


def test_the_chart_shows_the_tables_and_the_exports_growths(client, world):
    response = _page(client, world, "adviser_arne")
    chart = response.context["chart"]
    html = response.content.decode()
    # The chart's JSON on the page is the context's chart.
    embedded = json.loads(html.split('id="priority-chart" type="application/json">')[1]
                          .split("</script>")[0])
    assert embedded == json.loads(json.dumps(chart))
    # By hand (module docstring): PHBU +16.67 % in 2024 and 0 % in 2025, somatic +25 % and
    # -20 %; no PHV or TSB positions, so no growth (gaps).
    series = {s["service"]: dict(zip(chart["years"], s["growth"], strict=True))
              for s in chart["services"]}
    somatic = dict(zip(chart["years"], chart["somatic"]["growth"], strict=True))
    assert round(series["phbu"][2024], 2) == 16.67 and series["phbu"][2025] == 0.0
    assert (somatic[2024], somatic[2025]) == pytest.approx((25.0, -20.0))
    assert set(series["phv"].values()) == set(series["tsb"].values()) == {None}
    # Every growth in the register's verdict table is the chart's, as printed.
    table = [row for row in _table_rows(html, "register-verdicts") if row[0] == "Nordvik HF"]
    assert table
    for row in table:
        year, service = int(row[1]), row[3].rsplit("(", 1)[1].rstrip(")").lower()
        if service in series:
            assert _number(row[4]) == pytest.approx(round(series[service][year], 2))
        assert _number(row[5]) == pytest.approx(round(somatic[year], 2))
    # ...and the export's register sheet holds the same numbers unrounded (to the 15
    # significant digits an .xlsx keeps).
    client.force_login(world.users["adviser_arne"])
    book = load_workbook(io.BytesIO(client.get(
        reverse("retention:priority_export", args=[world.trust.pk])).content))
    register = [row for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)
                if row[0] == "Nordvik HF"]
    for _area, year, _indicator, service, growth, somatic_growth, *_ in register:
        code = service.rsplit("(", 1)[1].rstrip(")").lower()
        if code in series:
            assert growth == pytest.approx(series[code][year], rel=1e-12)
        assert somatic_growth == pytest.approx(somatic[year], rel=1e-12)


def test_the_planners_chart_has_gaps_where_the_table_hides(client, world):
    chart = _page(client, world, "planner_pia").context["chart"]
    # PHBU's cells of 4 persons are hidden: no growth, no verdict, nothing to draw.
    assert chart["years"] == [] or all(value is None for s in chart["services"]
                                       for value in s["growth"])
    summary = _page(client, world, "planner_pia").context["summary"]
    assert summary.year is None
