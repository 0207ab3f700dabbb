"""Norwegian working time for a year, worked out from the calendar.

- possible working days: Monday to Friday of the year;
- public holidays: the statutory holidays of Norway (the `holidays` package, country
  "NO") that fall on a Monday to Friday; Easter Sunday and Whit Sunday, and holidays on
  a Saturday, take no working day;
- annual leave: weeks of holiday times working days a week (the Holiday Act's 25
  working days counted Monday to Saturday are four weeks; agreements add a fifth week,
  and workers over 60 get one more);
- sick leave: the sick-leave rate applied to the agreed working days, i.e. the working
  days left after public holidays and annual leave (as Statistics Norway counts it);
- hours a day: the agreed week over working days a week (37.5 / 5 = 7.5).

Pure Python: the Django app reads its settings and passes them in as arguments.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import holidays

from fagkraft.engine.wisn import DaysWorkingTime

SATURDAY = 5


@dataclass(frozen=True)
class NorwegianYear:
    year: int
    working_days: int
    public_holidays: int
    holiday_dates: tuple[tuple[dt.date, str], ...]  # the public holidays on weekdays
    annual_leave: float
    sick_leave: float
    other_leave: float
    hours_per_day: float
    sick_leave_percent: float

    def working_time(self) -> DaysWorkingTime:
        return DaysWorkingTime(
            working_days=self.working_days, public_holidays=self.public_holidays,
            annual_leave=self.annual_leave, sick_leave=self.sick_leave,
            other_leave=self.other_leave, hours_per_day=self.hours_per_day,
        )


def weekdays_in(year: int) -> int:
    """Mondays to Fridays in a calendar year (260 or 261, 262 in some leap years)."""
    day = dt.date(year, 1, 1)
    count = 0
    while day.year == year:
        if day.weekday() < SATURDAY:
            count += 1
        day += dt.timedelta(days=1)
    return count


def public_holidays_on_weekdays(year: int, language: str = "en_US") -> list[tuple[dt.date, str]]:
    """Norway's public holidays that fall Monday to Friday, in date order."""
    calendar = holidays.country_holidays("NO", years=year, language=language)
    return sorted((day, name) for day, name in calendar.items() if day.weekday() < SATURDAY)


def norwegian_year(
    year: int,
    *,
    hours_per_week: float = 37.5,
    holiday_weeks: float = 5.0,
    sick_leave_percent: float = 0.0,
    other_leave_days: float = 0.0,
    days_per_week: int = 5,
    language: str = "en_US",
) -> NorwegianYear:
    """The WISN working-time figures of one Norwegian year (see the module docstring)."""
    if not 0 <= sick_leave_percent < 100:
        raise ValueError("the sick-leave rate must be from 0 up to 100 %")
    working_days = weekdays_in(year)
    holiday_dates = public_holidays_on_weekdays(year, language)
    annual_leave = holiday_weeks * days_per_week
    agreed_days = working_days - len(holiday_dates) - annual_leave
    sick_leave = agreed_days * sick_leave_percent / 100.0
    return NorwegianYear(
        year=year, working_days=working_days, public_holidays=len(holiday_dates),
        holiday_dates=tuple(holiday_dates), annual_leave=annual_leave,
        sick_leave=round(sick_leave, 2), other_leave=float(other_leave_days),
        hours_per_day=hours_per_week / days_per_week, sick_leave_percent=sick_leave_percent,
    )
