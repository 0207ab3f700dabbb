"""The competence app's two daily tasks are registered with the job queue's daily hook and
do their work when it runs them: the kept statuses are brought forward to the day, and the
day's reminders are sent for today's date (what they send is tested in test_reminders)."""

from __future__ import annotations

import datetime as dt

from fagkraft.competence import kept, reminders
from fagkraft.competence.models import KeptState
from fagkraft.core import dates
from fagkraft.jobs import daily
from tests.personas import World


def test_both_competence_tasks_are_registered() -> None:
    assert {"refresh-compliance", "send-reminders"} <= set(daily.registered())


def test_refresh_brings_the_kept_statuses_to_the_day(world: World) -> None:
    kept.rebuild(dt.date(2026, 1, 5))
    outcome, = daily.run_daily(["refresh-compliance"])
    assert outcome.ok, outcome.text
    assert KeptState.objects.get().as_of == dates.today()


def test_reminders_run_for_today(monkeypatch) -> None:
    calls: list[dt.date] = []

    def sent(*, today: dt.date) -> dict[str, int]:
        calls.append(today)
        return {"approvals": 2, "expiry": 1, "no_address": 0}

    monkeypatch.setattr(reminders, "send_reminders", sent)
    outcome, = daily.run_daily(["send-reminders"])
    assert (outcome.ok, outcome.text) == (True, "approvals 2, expiry 1, no_address 0")
    assert calls == [dates.today()]
