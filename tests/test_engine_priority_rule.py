"""The priority-rule monitor (engine.priority_rule) on the shipped published figures and
on small cases worked out by hand."""

from __future__ import annotations

import pytest

from fagkraft.engine import priority_rule as rule
from fagkraft.engine import priority_rule_files as files
from fagkraft.engine.priority_rule import Figure


def _by(verdicts, area, year, indicator="fte"):
    return {v.service: v for v in verdicts
            if (v.area, v.year, v.indicator) == (area, year, indicator)}


def test_ssb_2016_2017_mental_health_held_and_tsb_did_not():
    # SSB's growth in operating costs 2016-2017 (SSB's release of 22.06.2018 as NTB
    # reported it): PHBU 3.61 %, PHV 2.99 %, somatic 1.96 %, TSB 0.96 %. These are costs,
    # not årsverk (docs/metrics.md). 3.61 > 1.96 and 2.99 > 1.96: held; 0.96 < 1.96: did
    # not. PH has growth figures only, but lies between PHBU's and PHV's growth, both above
    # somatic care: held.
    verdicts = _by(rule.monitor(files.reference_figures()), "Norge", 2017, "costs")
    assert _by(rule.monitor(files.reference_figures()), "Norge", 2017, "fte") == {}
    assert {service: v.held for service, v in verdicts.items()} == {
        "ph": True, "phbu": True, "phv": True, "tsb": False}
    assert verdicts["phbu"].difference == pytest.approx(3.61 - 1.96)
    assert verdicts["tsb"].difference == pytest.approx(0.96 - 1.96)
    assert verdicts["ph"].growth.basis == "bounds"
    assert verdicts["phbu"].growth.basis == "published"
    assert "Statistisk sentralbyrå" in verdicts["phbu"].growth.sources[0]
    assert rule.rule_held(verdicts.values()) is False


def test_samdata_2007_growth_by_region_from_the_levels():
    # SAMDATA 2007, årsverk 2006 -> 2007. By hand:
    # Helse Midt-Norge PHBU 457/447 - 1 = 2.237 %; PHV 2038/2087 - 1 = -2.348 %;
    # PH (457 + 2038) / (447 + 2087) - 1 = 2495/2534 - 1 = -1.539 %.
    # Helse Nord PH (468 + 1847) / (441 + 1653) - 1 = 2315/2094 - 1 = 10.554 %.
    verdicts = rule.monitor(files.reference_figures())
    midt = _by(verdicts, "Helse Midt-Norge", 2007)
    assert midt["phbu"].growth.percent == pytest.approx(100 * (457 / 447 - 1))
    assert midt["phv"].growth.percent == pytest.approx(-2.3479, abs=1e-4)
    assert midt["ph"].growth.percent == pytest.approx(-1.5391, abs=1e-4)
    assert _by(verdicts, "Helse Nord", 2007)["ph"].growth.percent == pytest.approx(
        10.5540, abs=1e-4)
    # SAMDATA's table has no somatic årsverk: no verdict, rather than a guess.
    assert {v.held for v in verdicts if v.year == 2007} == {None}


def test_samdata_with_a_somatic_figure_gives_verdicts():
    # Add a somatic growth of 2 % for Helse Midt-Norge in 2007: PHBU 2.24 > 2 held,
    # PHV -2.35 and PH -1.54 did not.
    figures = [*files.reference_figures(),
               Figure("Helse Midt-Norge", "somatic", "fte", 2007, growth_percent=2.0)]
    midt = _by(rule.monitor(figures), "Helse Midt-Norge", 2007)
    assert {s: v.held for s, v in midt.items()} == {"ph": False, "phbu": True, "phv": False}


def test_waiting_time_lower_is_better_and_equal_growth_does_not_hold():
    # Waiting time: somatic 60 -> 63 days (+5 %), PHV 50 -> 51 (+2 %): held (it grew less);
    # TSB 40 -> 44 (+10 %): did not. FTE: somatic and TSB both +5 %: equal is not more.
    figures = [Figure("HF", "somatic", "waiting_time", 2023, 60), Figure(
        "HF", "somatic", "waiting_time", 2024, 63),
        Figure("HF", "phv", "waiting_time", 2023, 50), Figure("HF", "phv", "waiting_time",
                                                              2024, 51),
        Figure("HF", "tsb", "waiting_time", 2023, 40), Figure("HF", "tsb", "waiting_time",
                                                              2024, 44),
        Figure("HF", "somatic", "fte", 2024, growth_percent=5.0),
        Figure("HF", "tsb", "fte", 2024, growth_percent=5.0)]
    verdicts = rule.monitor(figures)
    waiting = _by(verdicts, "HF", 2024, "waiting_time")
    assert waiting["phv"].held is True
    assert waiting["tsb"].held is False
    # PH: only PHV has figures, so PH's level sum is unknown; PHV alone beats somatic,
    # PHBU is unknown: no verdict.
    assert waiting["ph"].held is None
    assert _by(verdicts, "HF", 2024)["tsb"].held is False


def test_mixed_parts_leave_ph_undecided_from_growth_figures():
    # PHBU +3 % beats somatic +2 %, PHV +1 % does not: PH's weighted average could be
    # either side of 2 % without the levels.
    figures = [Figure("R", "somatic", "costs", 2020, growth_percent=2.0),
               Figure("R", "phbu", "costs", 2020, growth_percent=3.0),
               Figure("R", "phv", "costs", 2020, growth_percent=1.0)]
    assert _by(rule.monitor(figures), "R", 2020, "costs")["ph"].held is None


def test_the_csv_reports_a_bad_row_with_row_and_column():
    text = "area;service;indicator;year;value;growth_percent;source\nHF;phbu;fte;2024;1,5;;x\n"
    assert files.read_figures_csv(text)[0].value == 1.5
    with pytest.raises(files.FigureFileError) as error:
        files.read_figures_csv(text + "HF;dental;fte;2024;3;;\n")
    assert (error.value.row, error.value.column, error.value.code) == (
        3, "service", "unknown_service")
    with pytest.raises(files.FigureFileError) as error:
        files.read_figures_csv(text + "HF;phv;fte;2024;;;\n")
    assert (error.value.row, error.value.code) == (3, "no_figure")


def _jsonstat(values: list[float]) -> bytes:
    """A JSON-stat 2.0 answer as PxWebApi v2 gives it: region x service area x year."""
    import json

    def dimension(label, codes):
        return {"label": label, "category": {
            "index": {code: i for i, code in enumerate(codes)},
            "label": dict(codes.items())}}

    document = {
        "version": "2.0", "class": "dataset", "label": "13954: Årsverk",
        "id": ["Region", "Tjenesteomrade", "Tid"], "size": [1, 5, 2],
        "dimension": {
            "Region": dimension("region", {"H12": "Helse Vest RHF"}),
            "Tjenesteomrade": dimension("tjenesteområde", {
                "00": "I alt", "10": "Somatikk", "20": "Psykisk helsevern for voksne",
                "21": "Psykisk helsevern for barn og unge",
                "30": "Tverrfaglig spesialisert rusbehandling"}),
            "Tid": dimension("år", {"2022": "2022", "2023": "2023"})},
        "value": values,
    }
    return json.dumps(document).encode()


def test_an_ssb_table_gives_verdicts():
    # 2022 -> 2023: somatic 1000 -> 1020 (+2 %), PHV 400 -> 412 (+3 %), PHBU 100 -> 101
    # (+1 %), TSB 50 -> 52 (+4 %); PH (412 + 101) / (400 + 100) - 1 = +2.6 %.
    body = _jsonstat([9999, 9999, 1000, 1020, 400, 412, 100, 101, 50, 52])
    figures = files.read_ssb_figures(body, "fte", "SSB 13954")
    assert len(figures) == 8  # "I alt" is left out
    verdicts = _by(rule.monitor(figures), "Helse Vest RHF", 2023)
    assert verdicts["ph"].growth.percent == pytest.approx(2.6)
    assert {s: v.held for s, v in verdicts.items()} == {
        "ph": True, "phbu": False, "phv": True, "tsb": True}
