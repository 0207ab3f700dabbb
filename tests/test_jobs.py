"""Background jobs inside one process: pages, ownership, the sweep, daily tasks.

Persona: the regional planner Pia, who starts long work and follows it on its page, and
the adviser Arne, who must never see her jobs. The suite runs jobs inside the request
(FAGKRAFT_JOBS=immediate); real workers and a kill -9 are in tests/test_jobs_worker.py.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from fagkraft.jobs import daily, kinds, queue, services
from fagkraft.jobs.models import Job
from tests.personas import World

State = Job.State


@pytest.fixture
def test_kinds():
    """Two kinds of this test's own: one reports progress and returns, one breaks."""
    seen: list[int] = []

    def counts(context: queue.JobContext) -> dict:
        context.progress(50, "halfway")
        seen.append(context.job.progress)
        return {"counted": context.params["n"] * 2}

    def breaks(context: queue.JobContext) -> dict:
        raise RuntimeError("a bug with a host name db.internal")

    kinds.register_kind("test.counts", "Counts", counts)
    kinds.register_kind("test.breaks", "Breaks", breaks)
    yield seen
    kinds._kinds.pop("test.counts")
    kinds._kinds.pop("test.breaks")


def test_the_owner_follows_a_job_and_no_one_else_sees_it(world: World, client, test_kinds):
    pia, arne = world.users["planner_pia"], world.users["adviser_arne"]
    job = services.create(pia, "test.counts", params={"n": 21})
    url = reverse("jobs:detail", args=[job.pk])
    client.force_login(pia)
    page = client.get(url).content.decode()
    assert 'data-state="queued"' in page
    assert f'hx-get="{url}" hx-trigger="every 1s"' in page  # polls while unfinished
    assert 'id="job-state">Venter<' in page

    services.claim(job.pk)
    services.progress(job, 40, "Leser registeret")
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.startswith('<div id="job-status" data-state="running"')
    assert "<html" not in fragment
    assert 'value="40"' in fragment and "Leser registeret" in fragment

    services.finish(job, {"url": "/projections/", "link_text": "Til resultatet"})
    done = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'data-state="done"' in done and "hx-get" not in done  # stops polling
    assert 'href="/projections/">Til resultatet</a>' in done
    assert f'href="{url}"' in client.get(reverse("jobs:list")).content.decode()

    # Another user, whatever the role: 404 like a job that does not exist; not listed.
    client.force_login(arne)
    assert client.get(url).status_code == 404
    assert client.get(reverse("jobs:detail", args=[job.pk + 1000])).status_code == 404
    assert f'href="{url}"' not in client.get(reverse("jobs:list")).content.decode()


def test_a_submitted_job_runs_and_keeps_its_result(world: World, test_kinds):
    job = queue.submit(world.users["planner_pia"], "test.counts", params={"n": 21})
    # 21 * 2 = 42; the kind saw its own progress (50) before it finished at 100.
    assert (job.state, job.progress, job.result, job.attempts) == (State.DONE, 100,
                                                                   {"counted": 42}, 1)
    assert test_kinds == [50]
    assert job.message == "Ferdig."
    assert job.finished_at is not None and job.lease_until is None


def test_a_broken_kind_fails_the_job_without_showing_the_error(world: World, test_kinds):
    job = queue.submit(world.users["planner_pia"], "test.breaks")
    assert job.state == State.FAILED
    assert job.message.startswith("Jobben stoppet på grunn av en feil. Ingenting ble endret.")
    assert "db.internal" not in job.message


def test_a_job_is_claimed_once(world: World, test_kinds):
    job = services.create(world.users["planner_pia"], "test.counts", params={"n": 1})
    assert services.claim(job.pk) is not None
    assert services.claim(job.pk) is None  # a second delivery of the same job does nothing
    queue.execute(job.pk)  # nor does running it again
    job.refresh_from_db()
    assert (job.state, job.attempts) == (State.RUNNING, 1)


def test_the_sweep_runs_a_job_again_whose_worker_died(world: World, test_kinds, settings):
    settings.JOBS_MAX_ATTEMPTS = 2
    pia = world.users["planner_pia"]
    lost = services.create(pia, "test.counts", params={"n": 5})
    services.claim(lost.pk)  # attempt 1: its worker dies, the lease runs out
    gone = services.create(pia, "test.counts", params={"n": 6})
    services.claim(gone.pk)
    Job.objects.filter(pk=gone.pk).update(attempts=2)  # attempt 2 died too
    fresh = services.create(pia, "test.counts", params={"n": 7})
    services.claim(fresh.pk)  # running, lease still valid: left alone
    past = timezone.now() - dt.timedelta(seconds=1)
    Job.objects.filter(pk__in=[lost.pk, gone.pk]).update(lease_until=past)

    assert queue.sweep() == 1
    lost.refresh_from_db()
    gone.refresh_from_db()
    fresh.refresh_from_db()
    # Queued again and (immediate) run: attempt 2 of 2, 5 * 2 = 10.
    assert (lost.state, lost.attempts, lost.result) == (State.DONE, 2, {"counted": 10})
    assert (gone.state, gone.attempts) == (State.FAILED, 2)
    assert gone.message == ("Arbeidsprosessen stoppet under jobben 2 ganger, og den ble ikke "
                            "kjørt igjen. Ingenting ble endret: start den på nytt.")
    assert (fresh.state, fresh.attempts) == (State.RUNNING, 1)


def test_a_queued_job_the_queue_lost_is_enqueued_again(world: World, test_kinds):
    job = services.create(world.users["planner_pia"], "test.counts", params={"n": 4})
    Job.objects.filter(pk=job.pk).update(lease_until=timezone.now() - dt.timedelta(seconds=1))
    assert queue.sweep() == 1
    job.refresh_from_db()
    assert (job.state, job.result) == (State.DONE, {"counted": 8})


@pytest.fixture
def daily_tasks(monkeypatch):
    monkeypatch.setattr(daily, "_tasks", {})
    ran: list[str] = []

    def reminders() -> str:
        ran.append("send-reminders")
        return "3 reminders sent"

    def broken() -> None:
        ran.append("broken")
        raise ValueError("no mail server")

    daily.register_daily("send-reminders", reminders)
    daily.register_daily("broken", broken)
    return ran


@pytest.mark.nodb
def test_daily_tasks_run_each_by_itself(daily_tasks):
    outcomes = {outcome.name: outcome for outcome in daily.run_daily()}
    assert daily_tasks == ["broken", "send-reminders"]  # all of them, in name order
    assert (outcomes["broken"].ok, outcomes["broken"].text) == (False,
                                                                "ValueError: no mail server")
    assert (outcomes["send-reminders"].ok, outcomes["send-reminders"].text) == (
        True, "3 reminders sent")


@pytest.mark.nodb
def test_run_daily_command(daily_tasks, capsys):
    call_command("run_daily", "send-reminders")
    assert capsys.readouterr().out.startswith("send-reminders: ok 3 reminders sent (")
    with pytest.raises(CommandError, match="a daily task failed"):
        call_command("run_daily")
    with pytest.raises(CommandError, match="no daily task named nope"):
        call_command("run_daily", "nope")
    call_command("run_daily", "--list")
    assert capsys.readouterr().out.splitlines()[-2:] == ["broken", "send-reminders"]


@pytest.mark.nodb
def test_the_consumer_runs_the_daily_tasks_once_a_day(daily_tasks):
    queue.daily_tasks.call_local()
    queue.daily_tasks.call_local()  # a second consumer the same day: nothing
    assert daily_tasks == ["broken", "send-reminders"]
