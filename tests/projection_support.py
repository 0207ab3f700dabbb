"""Helpers for the projection tests: a flat population so demand moves only by design."""

from __future__ import annotations

import numpy as np

from fagkraft.engine.population import N_AGES, PopulationProjection


def flat_population(first: int, last: int, persons: float = 1000.0) -> PopulationProjection:
    """The same number of persons at every age in every year (all three alternatives)."""
    years = tuple(range(first, last + 1))
    grid = np.full((len(years), N_AGES), persons)
    return PopulationProjection(years, {"MMMM": grid, "HHMH": grid, "LLML": grid}, "flat")
