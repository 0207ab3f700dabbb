"""The demo's programme goals: the seeds' texts, indicators on the demo register.

A small demo (300 employee records) on a fixed day, like tests/test_competence_demo.py.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from fagkraft.engine.goals import Status
from fagkraft.goals import reports
from fagkraft.goals.indicators import REGISTRY
from fagkraft.goals.models import Goal, Indicator
from tests.shared_data import demo_fixtures

TODAY = dt.date(2026, 6, 30)


module_seeded, seeded = demo_fixtures(today=TODAY)


def test_the_seeds_goals_are_there(seeded) -> None:
    texts = list(Goal.objects.values_list("text", flat=True))
    assert "Økt rekruttering og redusert turnover av særlig lege- og psykologspesialister." \
        in texts
    assert any(text.startswith("Leger og psykologer ansettes i utdanningsstilling med "
                               "påregnet fast stilling") for text in texts)
    assert any("innen 31.12.19" in text for text in texts)
    for sub_goal in ("Utvikle gode og sammenhengende pasientforløp",
                     "Beholde og rekruttere fagfolk",
                     "Sikre god ledelse, styring og administrasjon",
                     "Tjenesteutvikle og styrke samarbeid med kommunehelsetjenesten",
                     "Optimalisere samarbeid med utdanningsinstitusjonene"):
        assert sub_goal in texts
    effect = Goal.objects.get(text__startswith="Økt rekruttering")
    assert (effect.kind, effect.deadline, effect.unit.code) == (
        "effect", dt.date(2020, 12, 31), "DEMO")
    # The small demo shows a planner too little to set a baseline from for the education
    # figures of the region (counts under 5): those indicators are left out; every
    # other kind of the registry is in use.
    education = {"education_permanent", "supervision_shortfall", "behind_schedule"}
    assert set(Indicator.objects.values_list("kind", flat=True)) >= set(REGISTRY) - education


def test_register_baselines_are_the_registers_own_values(seeded) -> None:
    """A register indicator's baseline is the first value of its series the planner sees
    (from the baseline year on), so that it never shows a hidden figure."""
    planner = get_user_model().objects.get(username="planlegger")
    for indicator in Indicator.objects.filter(goal__text__startswith="Økt rekruttering"):
        view = reports.indicator_view(indicator, planner, TODAY)
        # The series runs from the baseline's year to today, one value a year.
        assert view.series[0].on == min(dt.date(indicator.baseline_on.year, 12, 31), TODAY)
        assert len(view.series) == 2026 - indicator.baseline_on.year + 1
        assert indicator.baseline_on.year >= 2018
        shown = [point for point in view.series if point.value is not None]
        # The first shown value a goal can improve on: not 0 % leaving where lower is
        # better, not 100 % stable where higher is.
        lower = REGISTRY[indicator.kind].direction == "lower"
        usable = [point for point in shown
                  if (point.value > 0 if lower else indicator.kind != "stability"
                      or point.value < 100)]
        if usable:
            assert (indicator.baseline, indicator.baseline_on) == (
                round(usable[0].value, 1), usable[0].on), indicator.kind
            assert indicator.target != indicator.baseline, indicator.kind
    stability = Indicator.objects.get(goal__text__startswith="Økt rekruttering",
                                      kind="stability")
    # 5 % better, a share at most 100 %.
    assert stability.target == min(100.0, round(stability.baseline * 1.05, 1))


def test_the_trusts_goal_is_off_track_and_owned_by_its_adviser(seeded) -> None:
    """Baseline 50 on 31.12.2024 to 75 by 31.12.2027 (1095 days); 51 on 31.12.2025 is
    short of the path 50 + 25 * 365/1095 = 58.33."""
    goal = Goal.objects.get(unit__code="NVHF")
    adviser = get_user_model().objects.get(username="radgiver")
    assert goal.owner == adviser
    view = reports.goal_view(goal, adviser, TODAY)
    assert view.status == Status.OFF_TRACK
    assert view.indicators[0].assessment.expected == pytest.approx(50 + 25 * 365 / 1095)
