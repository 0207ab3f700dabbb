"""engine.pickling.by_fields: the cached pathway results come back from pickle equal,
through the class's own __init__, and a class it cannot pickle that way is refused."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle

import pytest

from fagkraft.engine import pathways
from fagkraft.engine.pickling import by_fields


def test_pathway_results_come_back_equal():
    checks = (pathways.Check(pathways.PRACTICE, "a", 5.0, 2.5),
              pathways.Check(pathways.GOALS, "", 18.0, 18.0))
    progress = pathways.Progress(checks, {"a": checks[0]})
    forecast = pathways.Forecast(dt.date(2029, 1, 1), "pace", True, 30, within_grace=False)
    back = pickle.loads(pickle.dumps([progress, forecast]))
    assert back == [progress, forecast]
    # The derived figures too: 2.5 of 5 years is half, 18 of 18 goals met.
    assert [check.share for check in back[0].checks] == [0.5, 1.0]
    assert back[0].totals["a"] is back[0].checks[0]  # shared references survive


def test_it_pickles_as_a_call_of_the_class():
    check = pathways.Check(pathways.COURSES, "b", 40.0, 10.0)
    assert check.__reduce__() == (pathways.Check, (pathways.COURSES, "b", 40.0, 10.0))


def test_a_field_outside_init_is_refused():
    @dataclasses.dataclass(frozen=True, slots=True)
    class Derived:
        value: int
        double: int = dataclasses.field(init=False, default=0)

    with pytest.raises(TypeError, match="__init__ argument"):
        by_fields(Derived)
