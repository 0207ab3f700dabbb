"""Population input: SSB totals reproduced, 2023 -> 2024 codes, derived age detail, user tables.

Published figures used (the shipped SSB files, Kilde: Statistisk sentralbyrå):
- 14746 "Hele landet", MMMM, all ages: 5,627,400 in 2026 and 6,020,359 in 2040.
- 14746 Telemark, MMMM, ages 0-19 (groups 0, 1-5, 6-12, 13-15, 16-19):
  2026: 1464 + 7952 + 12884 + 6280 + 8645 = 37,225; 2040: 1560 + 8378 + 12330 + 5300 + 7182
  = 34,750.
- 14288 Østfold (31), MMMM: 317,211 in 2026 and 342,582 in 2040.
- 07459: 5,488,984 persons on 1 January 2023.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from fagkraft.engine import population as pop
from fagkraft.engine.projection import (
    AreaSpec,
    DemandSpec,
    PopulationSpec,
    ProfessionSpec,
    Scenario,
    SupplySpec,
    project,
)

YEARS = list(range(2026, 2041))


def _demand_only(area: AreaSpec, ages: tuple[int, int]) -> Scenario:
    return Scenario(
        "pure growth", 2026, 2040, PopulationSpec(area=area, ages=ages),
        (ProfessionSpec("x", DemandSpec(base_fte=100.0), SupplySpec(fte=0.0)),),
    )


def test_pure_growth_in_norway_reproduces_ssb_total_ratio() -> None:
    result = project(_demand_only(AreaSpec(), (0, 105)))
    demand_2040 = result.table.set_index("year").loc[2040, "demand_fte"]
    assert demand_2040 == pytest.approx(100.0 * 6_020_359 / 5_627_400, rel=1e-12)
    assert not result.approximate_population  # whole SSB age groups, Norway's own figures


def test_pure_growth_in_telemark_children_reproduces_age_group_ratio() -> None:
    result = project(_demand_only(AreaSpec("counties", ("40",)), (0, 19)))
    demand_2040 = result.table.set_index("year").loc[2040, "demand_fte"]
    assert demand_2040 == pytest.approx(100.0 * 34_750 / 37_225, rel=1e-12)
    assert not result.approximate_population


def test_county_without_age_projection_is_calibrated_to_county_total_and_flagged() -> None:
    result = project(_demand_only(AreaSpec("counties", ("31",)), (0, 105)))
    demand_2040 = result.table.set_index("year").loc[2040, "demand_fte"]
    assert demand_2040 == pytest.approx(100.0 * 342_582 / 317_211, rel=1e-12)
    assert result.approximate_population
    assert "derived_age_detail" in {note.code for note in result.population_notes}


def test_served_ages_splitting_an_ssb_group_are_flagged() -> None:
    result = project(_demand_only(AreaSpec(), (0, 17)))  # 16-19 is one SSB group
    assert result.approximate_population
    assert "ages_split_group" in {note.code for note in result.population_notes}


def test_base_data_total_and_the_2023_to_2024_mapping() -> None:
    data = pop.shipped_data()
    assert data.base["persons"].sum() == 5_488_984
    mapping = pop.code_mapping()
    assert len(mapping) == 115  # SSB: new numbers for 115 municipalities on 1 Jan 2024
    raw = pd.read_csv(pop.DATA_DIR / pop.BASE_FILE, dtype={"municipality_code": str})
    names = dict(zip(raw["municipality_code"], raw["municipality_name"].str.strip(),
                     strict=False))
    split = {code for code in names if code[:2] in pop.SPLIT_COUNTIES}
    renumbered = mapping[mapping["code_2023"] != pop.ALESUND_2023]
    assert set(renumbered["code_2023"]) == split  # every municipality of 30/38/54 once
    for row in renumbered.itertuples():
        parts = {part.strip().lower() for part in names[row.code_2023].split(" - ")}
        assert row.name_2024.split(" - ")[0].strip().lower() in parts, row
        assert row.code_2024[:2] in pop.SPLIT_COUNTIES[row.code_2023[:2]]
        assert row.county_2024 == row.code_2024[:2]


def test_mapped_2023_population_is_close_to_ssb_2024_county_totals() -> None:
    """The 2023 count summed by the mapped 2024 county must be within 3 % of 14288's 1 Jan
    2024 figure (a year of growth); a municipality put in the wrong county would show."""
    data = pop.shipped_data()
    by_county = data.base.groupby("county")["persons"].sum()
    totals = data.county_totals[(data.county_totals["year"] == 2024)
                                & (data.county_totals["alternative"] == "MMMM")]
    for row in totals.itertuples():
        assert by_county[row.county] == pytest.approx(row.persons, rel=0.03), row.county


def test_2023_codes_are_mapped_with_a_note() -> None:
    data = pop.shipped_data()
    area = pop.resolve_area(AreaSpec("municipalities", ("3001", "3024")), data)
    assert area.units == ("3101", "3201")  # Halden, Bærum
    assert {note.code for note in area.notes} == {"municipality_code_2023"}
    viken = pop.resolve_area(AreaSpec("counties", ("30",)), data)
    assert viken.counties == ("31", "32", "33")


def test_only_one_half_of_former_alesund_is_refused() -> None:
    with pytest.raises(pop.AreaError) as error:
        pop.resolve_area(AreaSpec("municipalities", ("1580",)), pop.shipped_data())
    assert error.value.code == "alesund_split"
    both = pop.resolve_area(AreaSpec("municipalities", ("1508", "1580")), pop.shipped_data())
    assert both.units == (pop.MERGED_ALESUND,)


def test_municipalities_of_a_county_add_up_to_the_county() -> None:
    data = pop.shipped_data()
    units = tuple(sorted(data.base.loc[data.base["county"] == "31", "unit"].unique()))
    county = pop.build_population(PopulationSpec(area=AreaSpec("counties", ("31",))), YEARS)
    towns = pop.build_population(PopulationSpec(area=AreaSpec("municipalities", units)), YEARS)
    np.testing.assert_allclose(towns.persons["MMMM"], county.persons["MMMM"], rtol=1e-12)


def test_csv_table_in_ssb_format_becomes_a_projection(tmp_path) -> None:
    # SSB's "semicolon separated with heading" download, Norwegian headers, ages "N år".
    lines = ['"region";"alder";"år";"statistikkvariabel";"14288: Personer"']
    for year, persons in ((2026, 10), (2027, 12)):
        lines.append(f'"3101 Halden";"0 år";"{year}";"Hovedalternativet (MMMM)";"{persons}"')
        lines.append(f'"3101 Halden";"105 år eller eldre";"{year}";"Hovedalternativet (MMMM)";"1"')
    path = tmp_path / "halden.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    table = pop.read_ssb_table(path)
    projection = pop.projection_from_table(table, [2026, 2027])
    assert projection.total(2026) == 11 and projection.total(2027) == 13
    assert projection.total(2027, ages=(0, 0)) == 12


def test_jsonstat_table_becomes_a_projection(tmp_path) -> None:
    doc = {
        "version": "2.0", "class": "dataset", "id": ["Alder", "Tid"], "size": [2, 2],
        "dimension": {
            "Alder": {"label": "alder", "category": {"index": {"000": 0, "001": 1},
                                                     "label": {"000": "0 år", "001": "1 år"}}},
            "Tid": {"label": "år", "category": {"index": {"2026": 0, "2027": 1},
                                                "label": {"2026": "2026", "2027": "2027"}}},
        },
        "value": [5, 6, 7, 8],  # row-major: (0 år, 2026), (0 år, 2027), (1 år, 2026), ...
    }
    path = tmp_path / "table.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    projection = pop.projection_from_table(pop.read_ssb_table(path), [2026, 2027])
    assert projection.total(2026) == 5 + 7 and projection.total(2027) == 6 + 8
