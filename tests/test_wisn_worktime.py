"""Norwegian working time from the calendar, counted by hand from a 2025 and 2024 calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from fagkraft.engine import wisn
from fagkraft.engine.worktime import norwegian_year, weekdays_in


def test_weekdays_in_a_year() -> None:
    # 2025 starts on a Wednesday: 52 weeks (260 weekdays) + Wed 31 Dec = 261.
    assert weekdays_in(2025) == 261
    # 2024 is a leap year starting on a Monday: 52 weeks + Mon 30 and Tue 31 Dec = 262.
    assert weekdays_in(2024) == 262
    # 2022 starts and ends on a Saturday: 260.
    assert weekdays_in(2022) == 260


def test_2025_by_hand() -> None:
    """Norway's public holidays 2025 on weekdays: 1 Jan (Wed), Maundy Thursday 17 Apr,
    Good Friday 18 Apr, Easter Monday 21 Apr, 1 May (Thu), Ascension 29 May (Thu), Whit
    Monday 9 Jun, 25 and 26 Dec (Thu, Fri) = 9. Easter Sunday 20 Apr, Whit Sunday 8 Jun
    and 17 May (a Saturday) take no weekday.
    Annual leave 5 weeks * 5 = 25 days. Agreed days 261 - 9 - 25 = 227; sick leave 7 % =
    15.89 days. AWT = (261 - 9 - 25 - 15.89 - 0) * 37.5 / 5 = 211.11 * 7.5 = 1583.325 h."""
    year = norwegian_year(2025, sick_leave_percent=7.0)
    assert year.working_days == 261
    assert year.public_holidays == 9
    assert [day for day, _name in year.holiday_dates] == [
        dt.date(2025, 1, 1), dt.date(2025, 4, 17), dt.date(2025, 4, 18), dt.date(2025, 4, 21),
        dt.date(2025, 5, 1), dt.date(2025, 5, 29), dt.date(2025, 6, 9), dt.date(2025, 12, 25),
        dt.date(2025, 12, 26)]
    assert year.annual_leave == 25
    assert year.sick_leave == pytest.approx(15.89)
    assert year.hours_per_day == 7.5
    available = wisn.available_time(year.working_time())
    assert available.hours == pytest.approx(1583.325)


def test_2024_by_hand_with_a_sixth_week_for_workers_over_60() -> None:
    """2024: 262 weekdays; holidays on weekdays: 1 Jan, 28 and 29 Mar, 1 Apr, 1 May,
    9 May, 17 May (Fri), 20 May, 25 and 26 Dec = 10. Six weeks of leave = 30 days;
    no sick leave: (262 - 10 - 30) * 7.5 = 1665 h."""
    year = norwegian_year(2024, holiday_weeks=6)
    assert (year.working_days, year.public_holidays, year.annual_leave) == (262, 10, 30)
    assert wisn.available_time(year.working_time()).hours == pytest.approx(1665)


def test_names_in_bokmal() -> None:
    names = dict(norwegian_year(2025, language="no").holiday_dates)
    assert names[dt.date(2025, 12, 25)] == "Første juledag"


@override_settings(FAGKRAFT={"WISN_HOURS_PER_WEEK": 35.5, "WISN_HOLIDAY_WEEKS": 5,
                             "WISN_SICK_LEAVE_PERCENT": 0.0, "SUPPRESSION_THRESHOLD": 5})
def test_the_app_reads_the_settings() -> None:
    """A 35.5-hour week (shift workers): 7.1 hours a day."""
    from fagkraft.workload.services import calendar_fields

    fields = calendar_fields(2025)
    assert float(fields["hours_per_day"]) == pytest.approx(7.1)
    assert fields["sick_leave"] == 0
    assert fields["public_holidays"] == 9
