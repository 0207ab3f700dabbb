"""Register -> projection inputs (adapter, projections part); data in projections_support."""

from __future__ import annotations

import pandas as pd
import pytest

from fagkraft.adapter import projections as adapter
from tests.personas import World
from tests.projections_support import TODAY, add_projection_staff


@pytest.fixture
def scope(world: World) -> list[int]:
    add_projection_staff(world)
    return adapter.projection_units(world.clinic, "phbu")


def test_scope_is_the_subtree_in_the_service_area(world: World):
    ids = set(adapter.projection_units(world.trust, "phbu"))
    assert ids == {world.clinic.pk, world.department.pk, world.section_a.pk, world.section_b.pk}
    assert adapter.projection_units(world.trust, "tsb") == []


def test_stock_by_profession_and_age(scope):
    """Erik (46, 100 %) and Pia (46, 50 %) are 2 psychologists of 46 with 1.5 FTE; Kari,
    a doctor approved in child psychiatry, is a child psychiatrist of 66; the LIS Lars is
    pipeline, not stock."""
    stock = adapter.projection_stock(scope, TODAY)
    rows = {(row.profession, row.age): (row.headcount, row.fte) for row in stock.itertuples()}
    assert rows == {
        ("psychologist", 46): (2, 1.5),
        (adapter.CHILD_PSYCHIATRIST, 66): (1, 1.0),
        ("nurse", 35): (1, 1.0),
    }


def test_base_demand_is_filled_plus_vacant_fte(scope):
    """Psychologists 1.5 filled + 1.0 vacant = 2.5; child psychiatrists 1.0 + the doctor
    post of 0.5 in a PHBU unit = 1.5 (the LIS education post is not counted)."""
    demand = adapter.projection_base_demand(scope, TODAY).set_index("profession")
    assert demand.loc["psychologist", "demand_fte"] == pytest.approx(2.5)
    assert demand.loc["psychologist", "vacancies"] == 1
    assert demand.loc[adapter.CHILD_PSYCHIATRIST, "filled_fte"] == pytest.approx(1.0)
    assert demand.loc[adapter.CHILD_PSYCHIATRIST, "vacant_fte"] == pytest.approx(0.5)
    assert demand.loc[adapter.CHILD_PSYCHIATRIST, "demand_fte"] == pytest.approx(1.5)
    assert demand.loc["nurse", "demand_fte"] == pytest.approx(1.0)


def test_turnover_by_profession_and_age_band(scope):
    """History 2021-2025 (five full years before 2026).

    Psychologists: Erik is 40-45 on all 60 month ends (5.0 person-years in 40-49), Pia 42-45
    on the 48 month ends from 2022 (4.0); Ola is 35-38 on the 30 month ends up to 30.06.2023
    (2.5 in 30-39) and then leaves the trust: 1 leaver over 2.5 person-years = 0.4.
    Kari (born 03.02.1960) is 60-61 on the 12 month ends of 2021 and January 2022 (13/12
    person-years in 50-61) and 62+ on the other 47 (47/12).
    """
    rates = adapter.projection_turnover(scope, TODAY)
    psychologists = rates[rates["profession"] == "psychologist"].set_index("band")
    assert psychologists.loc["40–49", "person_years"] == pytest.approx(9.0, abs=1e-3)
    assert psychologists.loc["40–49", "leavers"] == 0
    assert psychologists.loc["30–39", "person_years"] == pytest.approx(2.5, abs=1e-3)
    assert psychologists.loc["30–39", "leavers"] == 1
    assert psychologists.loc["30–39", "rate"] == pytest.approx(0.4, abs=1e-3)
    kari = rates[rates["profession"] == adapter.CHILD_PSYCHIATRIST].set_index("band")
    assert kari.loc["50–61", "person_years"] == pytest.approx(13 / 12, abs=1e-3)
    assert kari.loc["62+", "person_years"] == pytest.approx(47 / 12, abs=1e-3)


def test_recruits_are_first_jobs_in_the_trust(scope):
    """Pia's first position in the trust started 01.01.2022 at 41: 1 recruit in 5 years,
    0.2 a year. Lars started as a LIS, which is pipeline, not a recruit."""
    recruits = adapter.projection_recruits(scope, TODAY).set_index("profession")
    assert list(recruits.index) == ["psychologist"]
    assert recruits.loc["psychologist", "recruits"] == 1
    assert recruits.loc["psychologist", "per_year"] == pytest.approx(0.2)
    assert recruits.loc["psychologist", "mean_age"] == pytest.approx(41.0)


def test_pipeline_keeps_child_psychiatry_completions(scope, monkeypatch):
    """The education pathways' completions (issue 4): LE-BUP completions become child
    psychiatrists; a psychologist's specialty adds no one (already in the stock)."""
    def completions(unit_ids, from_year, to_year):
        return pd.DataFrame({"profession": ["doctor", "doctor", "psychologist"],
                             "specialty": ["LE-BUP", "LE-BUP", "PS-BU"],
                             "year": [2028, 2029, 2028], "completions": [1, 2, 3]})

    monkeypatch.setattr(adapter, "pipeline_completions", completions, raising=False)
    pipeline = adapter.projection_pipeline(scope, 2027, 2040)
    assert pipeline.to_dict("records") == [
        {"profession": adapter.CHILD_PSYCHIATRIST, "year": 2028, "completions": 1},
        {"profession": adapter.CHILD_PSYCHIATRIST, "year": 2029, "completions": 2},
    ]
