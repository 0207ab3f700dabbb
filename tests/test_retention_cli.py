"""`fagkraft retention SPELLS`: the shipped example by hand, formats, bad files, --unit."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook

from fagkraft.audit.models import AuditEvent
from fagkraft.workforce import services
from fagkraft.workforce.models import Employee

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "retention" / \
    "forlop-eksempel.csv"
# The example is the engine test's hand case (tests/test_engine_retention.py) with
# DAY0 = 01.01.2020: T1001-T1008 are A-H there. 04.02.2021 is day 400.
HAND_CASE = ("--observed-from", "01.01.2020", "--as-of", "04.02.2021")


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("retention", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _json(*args: str) -> dict:
    out, _ = _run(*args, "--format", "json")
    return json.loads(out)


def test_example_reproduces_the_hand_worked_curve():
    # As in the engine test: (100 days, 5 at risk, 1 left) 0.8; (200, 3, 2) 0.2667;
    # (500, 2, 1) 0.1333; half-life 200 days. T1007 ended before 01.01.2020: not seen.
    data = _json(str(EXAMPLE), *HAND_CASE)
    assert [(p["days"], p["at_risk"], p["events"]) for p in data["curve"]] == [
        (100, 5, 1), (200, 3, 2), (500, 2, 1)]
    assert [p["retention"] for p in data["curve"]] == pytest.approx([0.8, 0.8 / 3, 0.4 / 3])
    assert data["median_days"] == 200
    assert data["spells"] == 7


def test_observed_from_defaults_to_the_earliest_start():
    # Earliest start 08.10.2018 (T1008): everyone enters at 0 and T1007 (90 days) counts.
    # t=90: n=8, d=1 → 7/8; t=100: n=7 (T1005 is censored at 100, still at risk), d=1 →
    # 0.75; t=200: n=5, d=2 → 0.45; t=500: n=2, d=1 → 0.225.
    data = _json(str(EXAMPLE), "--as-of", "04.02.2021")
    assert data["observed_from"] == "2018-10-08"
    assert [(p["days"], p["at_risk"], p["events"]) for p in data["curve"]] == [
        (90, 8, 1), (100, 7, 1), (200, 5, 2), (500, 2, 1)]
    assert [p["retention"] for p in data["curve"]] == pytest.approx([0.875, 0.75, 0.45, 0.225])


def test_indices_for_the_year_ending_on_as_of_and_per_cause():
    # Period 04.02.2020 – 04.02.2021. Employed 04.02.2020: T1001-T1005, T1008 = 6;
    # on 04.02.2021: T1002, T1008 = 2; average 4. Leaving the trust: T1001, T1003
    # (sluttet), T1004 (pensjon), T1006 (vikariat utløpt) = 4 → rate 4/4 = 1.0;
    # stability: of the 6, T1001, T1003, T1004 left → 3/6 = 0.5.
    # left_trust: T1001, T1003, T1006 → 3/4 = 0.75, stability 4/6. internal_move: T1005
    # → 1/4, stability 5/6. retired: T1004 → 1/4, 5/6.
    data = _json(str(EXAMPLE), *HAND_CASE)
    assert data["leaver_rate"] == pytest.approx(1.0)
    assert data["stability_index"] == pytest.approx(0.5)
    expected = {"left_trust": (0.75, 4 / 6), "internal_move": (0.25, 5 / 6),
                "retired": (0.25, 5 / 6)}
    for cause, (rate, stability) in expected.items():
        figures = data["causes"][cause]
        assert (figures["leaver_rate"], figures["stability_index"]) == (
            pytest.approx(rate), pytest.approx(stability)), cause
    # Cumulative incidence (engine test): left 0.2, 0.6, 0.6; moved 0.2; retired 0.1.
    assert [p["incidence"] for p in data["causes"]["left_trust"]["cumulative_incidence"]] == \
        pytest.approx([0.2, 0.6, 0.6])


def test_curves_by_hiring_cohort_hide_small_groups():
    # Observed from 01.01.2020: hired in 2020 are T1001, T1002, T1005, T1006 (4 < 5: no
    # curve, not even a size); in 2019 T1003, T1004 (2); in 2018 T1008 (1).
    data = _json(str(EXAMPLE), *HAND_CASE, "--by", "cohort")
    assert data["groups"]["by"] == "cohort"
    assert data["groups"]["curves"] == [{"group": 2018, "curve": None},
                                        {"group": 2019, "curve": None},
                                        {"group": 2020, "curve": None}]


def test_table_output_in_norwegian():
    with translation.override("nb"):
        out, _ = _run(str(EXAMPLE), *HAND_CASE)
    assert "26,7 %" in out  # S(200) = 0.2667
    assert "200" in out


def test_xlsx_with_date_cells_and_windows_1252_read_the_same(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    cp1252 = tmp_path / "forlop.csv"
    cp1252.write_bytes(text.encode("cp1252"))
    workbook = Workbook()
    sheet = workbook.active
    for number, line in enumerate(text.splitlines()):
        cells: list = line.split(";")
        if number:  # real date cells, as Excel stores them
            cells[1:3] = [dt.datetime.strptime(c, "%d.%m.%Y") if c else None
                          for c in cells[1:3]]
        sheet.append(cells)
    xlsx = tmp_path / "forlop.xlsx"
    workbook.save(xlsx)
    expected = _json(str(EXAMPLE), *HAND_CASE)["curve"]
    assert _json(str(cp1252), *HAND_CASE)["curve"] == expected
    assert _json(str(xlsx), *HAND_CASE)["curve"] == expected


def test_bad_rows_are_reported_with_row_and_column_and_nothing_is_computed(tmp_path):
    bad = tmp_path / "feil.csv"
    bad.write_text(
        "ansattnummer;startdato;sluttdato;sluttårsak\n"
        "T1;01.01.2020;;\n"
        ";32.01.2020;;\n"
        "T3;01.01.2020;01.01.2019;oppsigelse\n"
        "T4;01.01.2020;;ferie\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with translation.override("nb"), pytest.raises(CommandError) as raised:
        call_command("retention", str(bad), "--format", "json", stdout=out, stderr=err)
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("rad 3, kolonne ansattnummer")
    assert lines[1].startswith("rad 3, kolonne startdato") and "32.01.2020" in lines[1]
    assert lines[2].startswith("rad 4, kolonne sluttdato")
    assert lines[3].startswith("rad 5, kolonne sluttårsak") and "ferie" in lines[3]
    assert "4" in str(raised.value)
    assert out.getvalue() == ""


def test_missing_column_is_reported_on_the_header_row(tmp_path):
    bad = tmp_path / "feil.csv"
    bad.write_text("ansattnummer;sluttdato\nT1;01.01.2020\n", encoding="utf-8")
    err = io.StringIO()
    with translation.override("nb"), pytest.raises(CommandError):
        call_command("retention", str(bad), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().startswith("rad 1, kolonne startdato")


def _two_more_in_section_b(world) -> None:
    # Per from 01.01.2020, still employed; Liv 01.01.2022 – 31.03.2024 (820 days), retired.
    for number, first, start, end in (("1004", "Per", dt.date(2020, 1, 1), None),
                                      ("1005", "Liv", dt.date(2022, 1, 1),
                                       dt.date(2024, 3, 31))):
        employee = services.create_employee(
            None, trust=world.trust, employee_number=number, first_name=first,
            last_name="Testesen", birth_date=dt.date(1985, 1, 1), sex="F",
            profession=world.nurse)
        services.add_position(None, employee, unit=world.section_b, fte_percent=100,
                              kind="permanent", start_date=start, end_date=end,
                              leaving_reason="retired" if end else "")


def test_unit_reads_the_register_and_audits_the_read(world):
    # The department's subtree: Erik, Kari (section A), Siri (section B) from 01.01.2015,
    # plus Per and Liv. Kari resigns 30.06.2024 (3468 days). Tor (another trust) is out.
    # t=820 (Liv retires): 5 at risk, 1 left → 0.8. t=3468: Liv gone and Per censored at
    # 1826 → Erik, Kari, Siri at risk, Kari leaves → 0.8 × 2/3 = 0.5333.
    # Year to 31.12.2024: 5 at the start, 3 at the end (Erik, Siri, Per), 2 leavers →
    # leaver rate 2/4 = 0.5, stability 3/5 = 0.6; retired: Liv → 1/4.
    _two_more_in_section_b(world)
    services.end_position(None, world.kari.positions.get(), end_date=dt.date(2024, 6, 30),
                          reason="resigned")
    data = _json("--unit", world.department.code, "--as-of", "31.12.2024")
    assert [(p["days"], p["at_risk"], p["events"]) for p in data["curve"]] == [
        (820, 5, 1), (3468, 3, 1)]
    assert [p["retention"] for p in data["curve"]] == pytest.approx([0.8, 0.8 * 2 / 3])
    assert data["leaver_rate"] == pytest.approx(0.5)
    assert data["stability_index"] == pytest.approx(0.6)
    assert data["causes"]["retired"]["leaver_rate"] == pytest.approx(0.25)
    read = AuditEvent.objects.get(action=AuditEvent.Action.READ, via="cli: retention")
    assert (read.object_type, read.object_repr, read.trust_id) == (
        "workforce.position", "5", world.trust.pk)
    assert set(read.persons.values_list("employee_id", flat=True)) == {
        world.erik.pk, world.kari.pk, world.siri.pk,
        *Employee.objects.filter(employee_number__in=["1004", "1005"]).values_list(
            "pk", flat=True)}
    # All five positions are permanent: one group, the same curve. By profession the
    # groups are 1 psychologist, 1 doctor, 3 nurses: none reaches 5.
    by_type = _json("--unit", world.department.code, "--as-of", "31.12.2024",
                    "--by", "position_type")["groups"]["curves"]
    assert [(g["group"], g["spells"], g["curve"]) for g in by_type] == [
        ("permanent", 5, data["curve"])]
    by_profession = _json("--unit", world.department.code, "--as-of", "31.12.2024",
                          "--by", "profession")["groups"]["curves"]
    assert by_profession == [{"group": "doctor", "curve": None},
                             {"group": "nurse", "curve": None},
                             {"group": "psychologist", "curve": None}]
    out, _ = _run("--unit", world.department.code, "--as-of", "31.12.2024", "--by",
                  "position_type")
    assert "permanent: 5; –; " in out  # retention stays above one half: no median


def test_unit_with_fewer_than_five_people_shows_nothing(world):
    # Only Erik, Kari and Siri: 3 spells < 5.
    out = io.StringIO()
    with translation.override("nb"), pytest.raises(CommandError, match="5"):
        call_command("retention", "--unit", world.department.code, "--format", "json",
                     stdout=out, stderr=io.StringIO())
    assert out.getvalue() == ""


def test_adapter_spells_carry_the_facts_curves_group_by(world):
    from fagkraft.adapter import retention as adapter
    from fagkraft.engine import retention as engine

    _two_more_in_section_b(world)
    spells = {spell.employee: spell for spell in adapter.spells_for_unit(world.department)}
    erik = spells[str(world.erik.pk)]
    assert erik.facts == {"profession": "psychologist", "specialist": True,
                          "unit": world.section_a.code, "unit_path": world.section_a.path,
                          "position_type": "permanent", "birth_year": 1980}
    assert spells[str(world.kari.pk)].facts["specialist"] is False
    # By subtree of the two sections: A holds Erik and Kari, B holds Siri, Per and Liv.
    key = engine.by_subtree([world.section_a.path, world.section_b.path])
    curves = engine.curves_by_group(spells.values(), key, dt.date(2024, 12, 31),
                                    min_group_size=2)
    assert {group: curve.size for group, curve in curves.items() if curve} == {
        world.section_a.path: 2, world.section_b.path: 3}


def test_file_or_unit_is_required(db):
    with pytest.raises(CommandError):
        _run()
