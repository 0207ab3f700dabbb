"""fagkraft.core.collector: the garbage collector paused for bulk work, and back after."""

from __future__ import annotations

import gc
import threading

import pytest
from django.conf import settings
from django.http import HttpResponse

from fagkraft.core import collector
from fagkraft.core.validation.pipeline import run_import


@pytest.fixture
def collecting():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_turns_the_collector_off_and_back_on(collecting):
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():  # nested: still off when the inner pause ends
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_paused_leaves_a_collector_that_was_off_off(collecting):
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()


def test_the_last_of_two_threads_turns_it_back_on(collecting):
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with collector.paused():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    thread.start()
    inside.wait(5)
    with collector.paused():
        pass
    assert not gc.isenabled()  # the other thread's pause is still running
    release.set()
    thread.join(5)
    assert gc.isenabled()


def test_an_import_runs_with_the_collector_paused_even_when_it_fails(collecting):
    seen = []

    def validate(table, problems):
        seen.append(gc.isenabled())
        raise RuntimeError("a bug in the row rules")

    with pytest.raises(RuntimeError):
        run_import("a.csv", b"a;b\n1;2\n", validate=validate, write=lambda plan: None,
                   dry_run=True)
    assert seen == [False]
    assert gc.isenabled()


def test_as_a_decorator_each_call_pauses(collecting):
    @collector.paused()
    def collecting_inside() -> bool:
        return gc.isenabled()

    assert (collecting_inside(), collecting_inside()) == (False, False)
    assert gc.isenabled()


def test_a_request_runs_paused_and_the_collector_is_back_after(collecting, rf):
    seen = []

    def view(request):
        seen.append(gc.isenabled())
        return HttpResponse("ok")

    response = collector.RequestMiddleware(view)(rf.get("/"))
    assert response.status_code == 200 and seen == [False]
    assert gc.isenabled()
    # First in the stack, so every middleware and view below runs paused.
    assert settings.MIDDLEWARE[0] == "fagkraft.core.collector.RequestMiddleware"


def test_overlapping_pauses_still_collect_now_and_then(collecting, monkeypatch):
    # Two threads' requests overlapping without a gap never turn the collector back on;
    # a pause ending after LONGEST_PAUSE_SECONDS with another still running collects.
    collected = []
    monkeypatch.setattr(collector.gc, "collect", lambda *args: collected.append(args) or 0)
    monkeypatch.setattr(collector, "LONGEST_PAUSE_SECONDS", 0.0)
    with collector.paused():
        with collector.paused():
            pass
        assert collected == [()]
        assert not gc.isenabled()
    assert gc.isenabled()
