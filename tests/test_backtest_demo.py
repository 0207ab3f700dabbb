"""The backtest page on the demo register: a planner's page opens on a projection.

The demo's history records few leavers in its first years (as a register loaded from one
HR extract: people who left before it are not in it), so the region's leaver count of
the default base year's first estimation year is under the threshold and hidden, and
with it every projection of that base year. The default base year moves on to the first
one whose estimation years are all shown (engine.backtest.first_base_year_shown); a base
year asked for is kept as asked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from fagkraft.workforce.models import Unit
from tests.shared_data import demo_fixtures

# The demo as `make demo` seeds it (1,500 employee records) on the day this was found:
# its history then starts late in 2018, and the region's 2018 leavers (3) are hidden.
TODAY = dt.date(2026, 12, 4)


module_seeded, seeded = demo_fixtures(today=TODAY, employees=1500)


def _report(client, username: str, **query: str):
    client.force_login(get_user_model().objects.get(username=username))
    region = Unit.objects.get(code="DEMO")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("fagkraft.core.dates.today", lambda: TODAY)
        response = client.get(reverse("retention:backtest", args=[region.pk]), query)
    assert response.status_code == 200
    return response.context["report"]


def test_the_planners_page_opens_on_a_base_year_with_a_projection(client, seeded):
    # Five years back from 2025 is 2020; its estimation years 2018-2020 hold a hidden
    # count, so the planner's page opens on the first later base year that has none.
    planner = _report(client, "planlegger")
    assert planner.base_year > 2020
    assert planner.turnover_percent is not None
    assert all(row.projected is not None for row in planner.rows)
    assert planner.estimation_years == tuple(range(planner.base_year - 2,
                                                   planner.base_year + 1))
    # Only base years whose estimation years the retention table holds (its last ten
    # years, 2017-2026 on this day) are offered: from 2019 to the year before last.
    assert planner.years == list(range(2019, 2025))
    # 2020 asked for explicitly stays 2020, with its projection hidden.
    asked = _report(client, "planlegger", base_year="2020")
    assert asked.base_year == 2020
    assert asked.turnover_percent is None
    assert all(row.projected is None for row in asked.rows)
