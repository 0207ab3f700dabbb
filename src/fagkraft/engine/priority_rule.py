"""The priority rule (prioriteringsregelen): mental health care and substance-use
treatment must each grow more than somatic care, every year, per region or trust.

Definitions (docs/metrics.md, "Priority rule"; DOMAIN.md; Riksrevisjonen, Dokument 3:13
(2020-2021)):

- Services: PHBU (children and adolescents), PHV (adults), PH (mental health care, PHBU
  and PHV together), TSB (substance-use treatment), each compared with somatic care.
- Indicators: costs in fixed prices, full-time equivalents (årsverk), outpatient
  consultations (higher growth is better) and average waiting time (lower is better).
- Growth for a year is the percentage change on the year before:
  100 · (level_year / level_year−1 − 1). Published figures sometimes give the growth
  only; such a figure is used as it is.
- Verdict per area, year, indicator and service: "held" when the service's growth is
  strictly greater than somatic care's (for waiting time: strictly smaller), "did not
  hold" otherwise; no verdict (None) without both growths.
- PH from PHBU and PHV: summed levels when both have levels for both years. With
  growth figures only, PH's growth is a weighted average of PHBU's and PHV's (weights:
  the levels of the year before), so it lies between them: when both beat somatic care
  PH does too, when neither does PH does not; otherwise it cannot be told (None).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

PHBU, PHV, PH, TSB, SOMATIC = "phbu", "phv", "ph", "tsb", "somatic"
COMPARED: tuple[str, ...] = (PH, PHBU, PHV, TSB)
SERVICES: tuple[str, ...] = (PHBU, PHV, PH, TSB, SOMATIC)
COSTS, FTE, CONSULTATIONS, WAITING_TIME = "costs", "fte", "consultations", "waiting_time"
INDICATORS: tuple[str, ...] = (COSTS, FTE, CONSULTATIONS, WAITING_TIME)
LOWER_IS_BETTER: frozenset[str] = frozenset({WAITING_TIME})


@dataclass(frozen=True)
class Figure:
    """One published or registered figure: a level for a year, or a growth (percent on
    the year before) for that year, or both."""

    area: str
    service: str
    indicator: str
    year: int
    value: float | None = None
    growth_percent: float | None = None
    source: str = ""


@dataclass(frozen=True)
class Growth:
    percent: float | None
    # How it was found: "levels" (two levels), "published" (a growth figure), "bounds"
    # (PH between PHBU and PHV; `percent` is None then) or "" (not known).
    basis: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verdict:
    area: str
    year: int
    indicator: str
    service: str
    growth: Growth
    somatic: Growth
    held: bool | None

    @property
    def difference(self) -> float | None:
        """Service growth minus somatic growth, percentage points."""
        if self.growth.percent is None or self.somatic.percent is None:
            return None
        return self.growth.percent - self.somatic.percent


Key = tuple[str, str, str, int]  # area, service, indicator, year


def _index(figures: Iterable[Figure]) -> dict[Key, Figure]:
    """The figures by key; a later figure for the same key fills in what an earlier one
    lacks (a level from one source, a growth from another)."""
    result: dict[Key, Figure] = {}
    for figure in figures:
        key = (figure.area, figure.service, figure.indicator, figure.year)
        old = result.get(key)
        if old is None:
            result[key] = figure
            continue
        result[key] = Figure(
            *key, value=figure.value if figure.value is not None else old.value,
            growth_percent=(figure.growth_percent if figure.growth_percent is not None
                            else old.growth_percent),
            source="; ".join(s for s in (old.source, figure.source) if s))
    return result


def _level(index: Mapping[Key, Figure], key: Key) -> float | None:
    figure = index.get(key)
    return figure.value if figure is not None else None


def growth_of(index: Mapping[Key, Figure], area: str, service: str, indicator: str,
              year: int) -> Growth:
    """A service's growth in `year`: from two levels, else a published growth."""
    now_key, before_key = (area, service, indicator, year), (area, service, indicator, year - 1)
    now, before = _level(index, now_key), _level(index, before_key)
    sources = tuple(dict.fromkeys(
        f.source for f in (index.get(now_key), index.get(before_key)) if f and f.source))
    if now is not None and before is not None and before > 0:
        return Growth(100.0 * (now / before - 1.0), "levels", sources)
    figure = index.get(now_key)
    if figure is not None and figure.growth_percent is not None:
        return Growth(figure.growth_percent, "published", sources)
    if service == PH:
        return _ph_from_parts(index, area, indicator, year)
    return Growth(None, "", sources)


def _ph_from_parts(index: Mapping[Key, Figure], area: str, indicator: str,
                   year: int) -> Growth:
    levels = [(_level(index, (area, part, indicator, year)),
               _level(index, (area, part, indicator, year - 1))) for part in (PHBU, PHV)]
    sources = tuple(dict.fromkeys(
        f.source for part in (PHBU, PHV) for y in (year, year - 1)
        if (f := index.get((area, part, indicator, y))) is not None and f.source))
    if all(now is not None and before is not None for now, before in levels):
        now_sum = sum(now for now, _ in levels if now is not None)
        before_sum = sum(before for _, before in levels if before is not None)
        if before_sum > 0:
            return Growth(100.0 * (now_sum / before_sum - 1.0), "levels", sources)
    return Growth(None, "bounds", sources)


def _beats(service: float, somatic: float, indicator: str) -> bool:
    return service < somatic if indicator in LOWER_IS_BETTER else service > somatic


def verdict(index: Mapping[Key, Figure], area: str, year: int, indicator: str,
            service: str) -> Verdict:
    somatic = growth_of(index, area, SOMATIC, indicator, year)
    growth = growth_of(index, area, service, indicator, year)
    held: bool | None = None
    if somatic.percent is not None:
        if growth.percent is not None:
            held = _beats(growth.percent, somatic.percent, indicator)
        elif service == PH:
            parts = [verdict(index, area, year, indicator, part).held for part in (PHBU, PHV)]
            if parts == [True, True]:
                held = True
            elif parts == [False, False]:
                held = False
    return Verdict(area, year, indicator, service, growth, somatic, held)


def monitor(figures: Iterable[Figure]) -> list[Verdict]:
    """A verdict for every area, year and indicator with figures, for each compared
    service with a growth (PH also when only PHBU or PHV has one); sorted by area,
    year and indicator, services in COMPARED order."""
    index = _index(figures)
    cases = sorted({(area, year, indicator) for area, _service, indicator, year in index})
    verdicts: list[Verdict] = []
    for area, year, indicator in cases:
        for service in COMPARED:
            result = verdict(index, area, year, indicator, service)
            if result.growth.percent is not None or (service == PH and any(
                    growth_of(index, area, part, indicator, year).percent is not None
                    for part in (PHBU, PHV))):
                verdicts.append(result)
    return verdicts


def rule_held(verdicts: Iterable[Verdict]) -> bool | None:
    """Whether the rule held on all the given verdicts (None if any is unknown)."""
    results = [v.held for v in verdicts]
    if not results or any(result is None for result in results):
        return None
    return all(results)
