"""The scenario file (JSON): parsing, validation with every problem and its JSON path,
and writing a Scenario back to the same format. Schema: docs/projections.md.

`parse_scenario(source)` returns an engine Scenario or raises ScenarioFileError whose
`problems` hold every problem found (path such as
`professions.psychologist.supply.stock[3].age` and a message in the user's language).
The text is read by the kernel's one JSON document reader
(fagkraft.core.validation.read_json_document), which refuses NaN and ±Infinity anywhere
with their path, as the study file's reader does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from fagkraft.core.validation import Problem, ProblemCollector, join_path, read_json_document
from fagkraft.engine import population as pop
from fagkraft.engine.projection import (
    ALTERNATIVES,
    MAX_AGE,
    ActivitySpec,
    AgeBandValue,
    AreaSpec,
    DemandSpec,
    PopulationSpec,
    ProfessionSpec,
    Scenario,
    StockRow,
    SupplySpec,
    UncertaintySpec,
)
from fagkraft.engine.wisn import available_hours_from_days, category_allowance_factor

_MISSING = object()
BAND_PATTERN = re.compile(r"^\s*(\d*)\s*(-|\+)?\s*(\d*)\s*$")
UNCERTAINTY_RANGES = (
    "base_demand_percent",
    "adjustment_percent_per_year",
    "turnover_percent",
    "recruits_percent",
    "pipeline_percent",
)
# Relative (percent) ranges cannot go below -100 %: a negative number of people.
RELATIVE_RANGES = ("base_demand_percent", "recruits_percent", "pipeline_percent")


class ScenarioFileError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


_join = join_path


class _Reader:
    """Reads values out of the JSON document, noting every problem and carrying on."""

    def __init__(self) -> None:
        self.collector = ProblemCollector()

    @property
    def problems(self) -> list[Problem]:
        return self.collector.as_found

    def problem(self, path: str, message: str) -> None:
        self.collector.add_at(path, message)

    def object(self, value: Any, path: str, allowed: tuple[str, ...]) -> dict[str, Any] | None:
        if not isinstance(value, Mapping):
            self.problem(path, _("Must be an object ({...})"))
            return None
        for key in value:
            if key not in allowed:
                self.problem(
                    _join(path, str(key)),
                    _("Unknown field; allowed here: %(fields)s") % {"fields": ", ".join(allowed)},
                )
        return dict(value)

    def number(
        self, data: Mapping, key: str, path: str, *, default: Any = _MISSING,
        minimum: float | None = None, maximum: float | None = None, above: float | None = None,
    ) -> float | None:
        where = _join(path, key)
        value = data.get(key, _MISSING)
        if value is _MISSING or value is None:
            if default is _MISSING:
                self.problem(where, _("Required"))
                return None
            return default
        return self.check_number(value, where, minimum=minimum, maximum=maximum, above=above)

    def check_number(
        self, value: Any, where: str, *, minimum: float | None = None,
        maximum: float | None = None, above: float | None = None,
    ) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(where, _("Must be a number"))
            return None
        if minimum is not None and value < minimum:
            self.problem(where, _("Must be at least %(minimum)s") % {"minimum": minimum})
            return None
        if above is not None and value <= above:
            self.problem(where, _("Must be greater than %(minimum)s") % {"minimum": above})
            return None
        if maximum is not None and value > maximum:
            self.problem(where, _("Must be at most %(maximum)s") % {"maximum": maximum})
            return None
        return float(value)

    def integer(
        self, data: Mapping, key: str, path: str, *, default: Any = _MISSING,
        minimum: int | None = None, maximum: int | None = None,
    ) -> int | None:
        where = _join(path, key)
        value = data.get(key, _MISSING)
        if value is _MISSING or value is None:
            if default is _MISSING:
                self.problem(where, _("Required"))
                return None
            return default
        return self.check_integer(value, where, minimum=minimum, maximum=maximum)

    def check_integer(
        self, value: Any, where: str, *, minimum: int | None = None, maximum: int | None = None
    ) -> int | None:
        if isinstance(value, bool) or not (
            isinstance(value, int) or isinstance(value, float) and value.is_integer()
        ):
            self.problem(where, _("Must be a whole number"))
            return None
        number = self.check_number(value, where, minimum=minimum, maximum=maximum)
        return None if number is None else int(number)

    def year_key(self, key: str, where: str, first: int | None, last: int | None) -> int | None:
        if not re.fullmatch(r"\d{4}", str(key)):
            self.problem(where, _("Must be a year such as \"2030\""))
            return None
        year = int(key)
        if first is not None and last is not None and not first <= year <= last:
            self.problem(
                where,
                _("The year must be within %(first)s-%(last)s") % {"first": first, "last": last},
            )
            return None
        return year

    def age_range(self, value: Any, where: str) -> tuple[int, int] | None:
        if not isinstance(value, list | tuple) or len(value) != 2:
            self.problem(where, _("Must be two ages [from, to], such as [0, 17]"))
            return None
        low = self.check_integer(value[0], _join(where, 0), minimum=0, maximum=MAX_AGE)
        high = self.check_integer(value[1], _join(where, 1), minimum=0, maximum=MAX_AGE)
        if low is None or high is None:
            return None
        if low > high:
            self.problem(where, _("The first age must not be above the second"))
            return None
        return low, high

    def bands(
        self, value: Any, where: str, check: Callable[[Any, str], float | None]
    ) -> tuple[AgeBandValue, ...]:
        """Age bands {"-29": v, "30-44": v, "60-": v}; overlaps are problems."""
        if not isinstance(value, Mapping):
            self.problem(where, _("Must be an object of age bands, such as {\"-29\": 12.0}"))
            return ()
        bands: list[AgeBandValue] = []
        for label, raw in value.items():
            band_path = _join(where, str(label))
            bounds = parse_band(str(label))
            number = check(raw, band_path)
            if bounds is None:
                self.problem(
                    band_path,
                    _("Not an age band; write \"-29\", \"30-44\", \"60-\" or one age \"45\""),
                )
                continue
            if number is not None:
                bands.append(AgeBandValue(bounds[0], bounds[1], number, str(label)))
        ordered = sorted(bands, key=lambda band: band.lower)
        for before, after in zip(ordered, ordered[1:], strict=False):
            if before.upper is None or before.upper >= after.lower:
                self.problem(
                    where,
                    _("Age bands %(first)s and %(second)s overlap")
                    % {"first": before.label, "second": after.label},
                )
        return tuple(ordered)

    def pairs(
        self, value: Any, where: str, first: int | None, last: int | None,
        check: Callable[[Any, str], float | None],
    ) -> tuple[tuple[int, float], ...]:
        if not isinstance(value, Mapping):
            self.problem(where, _("Must be an object of years, such as {\"2030\": 1.05}"))
            return ()
        out = []
        for key, raw in value.items():
            item = _join(where, str(key))
            year = self.year_key(str(key), item, first, last)
            number = check(raw, item)
            if year is not None and number is not None:
                out.append((year, number))
        return tuple(sorted(out))


def parse_band(label: str) -> tuple[int, int | None] | None:
    """"-29" -> (0, 29); "30-44" -> (30, 44); "60-" or "60+" -> (60, None); "45" -> (45, 45)."""
    match = BAND_PATTERN.match(label)
    if not match or not (match.group(1) or match.group(3)):
        return None
    start, dash, end = match.groups()
    if dash is None:
        if end:
            return None
        return int(start), int(start)
    if dash == "+" and end:
        return None
    lower = int(start) if start else 0
    upper = int(end) if end else None
    if lower > MAX_AGE or upper is not None and (upper < lower or upper > MAX_AGE):
        return None
    return lower, upper


def _read_source(source: str | bytes | Mapping | Path, reader: _Reader) -> Any:
    if isinstance(source, Path):
        source = source.read_bytes()
    document, problems = read_json_document(source)
    reader.collector.extend(problems)
    return document


def validate_scenario(
    source: str | bytes | Mapping | Path, data: pop.PopulationData | None = None
) -> tuple[Scenario | None, list[Problem]]:
    """(scenario, []) when the file is valid, else (None, every problem found)."""
    reader = _Reader()
    document = _read_source(source, reader)
    if document is None:
        return None, reader.problems
    scenario = _scenario(document, reader, data)
    if reader.problems:
        return None, reader.collector.found
    return scenario, []


def parse_scenario(
    source: str | bytes | Mapping | Path, data: pop.PopulationData | None = None
) -> Scenario:
    """The Scenario of a scenario file; ScenarioFileError lists every problem."""
    scenario, problems = validate_scenario(source, data)
    if scenario is None:
        raise ScenarioFileError(problems)
    return scenario


TOP_FIELDS = ("name", "description", "base_year", "end_year", "population", "professions",
              "uncertainty")


def _scenario(document: Any, reader: _Reader, data: pop.PopulationData | None) -> Scenario | None:
    top = reader.object(document, "", TOP_FIELDS)
    if top is None:
        return None
    name = top.get("name")
    if not isinstance(name, str) or not name.strip():
        reader.problem("name", _("Required: a name for the scenario"))
    description = top.get("description", "")
    if not isinstance(description, str):
        reader.problem("description", _("Must be text"))
        description = ""
    population_doc = top.get("population", {})
    has_file = isinstance(population_doc, Mapping) and bool(population_doc.get("file"))
    first, last = pop.available_years(data) if not has_file else (1900, 2200)
    base_year = reader.integer(top, "base_year", "", minimum=first, maximum=last - 1)
    end_year = reader.integer(top, "end_year", "", minimum=first + 1, maximum=last)
    if base_year is not None and end_year is not None and end_year <= base_year:
        reader.problem("end_year", _("Must be after base_year"))
        end_year = None
    population = _population(population_doc, reader, data)
    scenario_uncertainty = _uncertainty(top.get("uncertainty", {}), "uncertainty", reader, None)
    professions_doc = top.get("professions", _MISSING)
    professions: list[ProfessionSpec] = []
    if professions_doc is _MISSING:
        reader.problem("professions", _("Required"))
    elif not isinstance(professions_doc, Mapping) or not professions_doc:
        reader.problem("professions", _("Must be an object with at least one profession"))
    else:
        # Year keys are checked against the scenario's years, or the data's when those
        # are themselves wrong (so that problem is reported too).
        first_key = base_year if base_year is not None else first
        last_key = end_year if end_year is not None else last
        for key, value in professions_doc.items():
            profession = _profession(
                str(key), value, _join("professions", str(key)), reader, first_key, last_key,
                scenario_uncertainty,
            )
            if profession is not None:
                professions.append(profession)
    if reader.problems or base_year is None or end_year is None or population is None:
        return None
    return Scenario(
        name=name.strip(),
        base_year=base_year,
        end_year=end_year,
        population=population,
        professions=tuple(professions),
        uncertainty=scenario_uncertainty or UncertaintySpec(),
        description=description,
    )


def _codes(value: Any, where: str, digits: int, reader: _Reader) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        reader.problem(where, _("Must be a list of numbers, such as [\"31\"]"))
        return ()
    codes = []
    for i, item in enumerate(value):
        text = str(item).strip() if isinstance(item, str | int) and not isinstance(item, bool) \
            else ""
        if not text.isdigit() or len(text) > digits:
            reader.problem(
                _join(where, i), _("Must be a number of %(digits)s digits") % {"digits": digits}
            )
            continue
        codes.append(text.zfill(digits))
    return tuple(codes)


def _population(value: Any, reader: _Reader, data: pop.PopulationData | None) -> (
    PopulationSpec | None
):
    doc = reader.object(value, "population", ("area", "alternative", "ages", "file"))
    if doc is None:
        return None
    problems_before = len(reader.problems)
    area = AreaSpec()
    area_doc = doc.get("area", {"country": "NO"})
    area_fields = ("country", "counties", "municipalities")
    area_obj = reader.object(area_doc, "population.area", area_fields)
    if area_obj is not None:
        given = [key for key in area_fields if key in area_obj]
        if len(given) != 1:
            reader.problem(
                "population.area", _("Give exactly one of country, counties or municipalities")
            )
        elif given[0] == "country":
            if area_obj["country"] != "NO":
                reader.problem("population.area.country", _("Only \"NO\" (Norway) is known"))
        else:
            kind = given[0]
            codes = _codes(area_obj[kind], _join("population.area", kind), 2 if kind ==
                           "counties" else 4, reader)
            area = AreaSpec(kind, codes)
    alternative = doc.get("alternative", "MMMM")
    if alternative not in ALTERNATIVES:
        reader.problem(
            "population.alternative",
            _("Must be one of %(choices)s") % {"choices": ", ".join(ALTERNATIVES)},
        )
    ages = (0, MAX_AGE)
    if "ages" in doc:
        ages = reader.age_range(doc["ages"], "population.ages") or ages
    file_name = doc.get("file")
    if file_name is not None and (not isinstance(file_name, str) or not file_name.strip()):
        reader.problem("population.file", _("Must be the path of an SSB table (CSV or JSON-stat)"))
        file_name = None
    if file_name and not Path(file_name).is_file():
        reader.problem("population.file", _("No such file: %(name)s") % {"name": file_name})
    if not file_name and area.kind != "country" and area.codes:
        try:
            pop.resolve_area(area, data or pop.shipped_data())
        except pop.AreaError as error:
            reader.problem("population.area", _area_message(error))
    if len(reader.problems) > problems_before:
        return None
    return PopulationSpec(area=area, alternative=alternative, ages=ages, file=file_name or None)


def _area_message(error: pop.AreaError) -> str:
    messages = {
        "unknown_county": _("Unknown county number %(code)s"),
        "unknown_municipality": _("Unknown municipality number %(code)s"),
        "alesund_split": _(
            "%(code)s: the age detail is from 2023, before 1507 Ålesund was split into "
            "1508 Ålesund and 1580 Haram; choose both, or load a newer table"
        ),
    }
    template = messages.get(error.code)
    return template % error.params if template else str(error)


def _uncertainty(
    value: Any, where: str, reader: _Reader, inherited: UncertaintySpec | None
) -> UncertaintySpec | None:
    doc = reader.object(value, where, ("population", *UNCERTAINTY_RANGES))
    if doc is None:
        return None
    base = inherited or UncertaintySpec()
    if not doc and inherited is not None:
        return None
    values: dict[str, Any] = {}
    if "population" in doc:
        if not isinstance(doc["population"], bool):
            reader.problem(_join(where, "population"), _("Must be true or false"))
        else:
            values["population"] = doc["population"]
    for name in UNCERTAINTY_RANGES:
        if name not in doc:
            continue
        item = _join(where, name)
        pair = doc[name]
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            reader.problem(item, _("Must be [low, high], such as [-2.0, 2.0]"))
            continue
        low = reader.check_number(pair[0], _join(item, 0), maximum=0,
                                  minimum=-100 if name in RELATIVE_RANGES else None)
        high = reader.check_number(pair[1], _join(item, 1), minimum=0)
        if low is not None and high is not None:
            values[name] = (low, high)
    return UncertaintySpec(**{**base.__dict__, **values})


PROFESSION_FIELDS = ("demand", "supply", "uncertainty")
DEMAND_FIELDS = ("base_fte", "activity", "adjustment_percent_per_year", "adjustment_path", "ages",
                 "age_weights")
ACTIVITY_FIELDS = ("annual_activity", "minutes_per_unit", "available_hours", "available_days",
                   "category_allowance_factor", "category_allowance_percent")
DAYS_FIELDS = ("working_days", "public_holidays", "annual_leave", "sick_leave", "other_leave",
               "hours_per_day")
SUPPLY_FIELDS = ("fte", "stock", "turnover_percent", "turnover_percent_by_age", "retirement_age",
                 "recruits_per_year", "recruit_age", "fte_per_person", "pipeline",
                 "education_years")


def _profession(
    name: str, value: Any, where: str, reader: _Reader, base_year: int | None,
    end_year: int | None, scenario_uncertainty: UncertaintySpec | None,
) -> ProfessionSpec | None:
    doc = reader.object(value, where, PROFESSION_FIELDS)
    if doc is None:
        return None
    if not name.strip():
        reader.problem(where, _("A profession needs a name"))
    demand = _demand(doc.get("demand", _MISSING), _join(where, "demand"), reader, base_year,
                     end_year)
    supply = _supply(doc.get("supply", _MISSING), _join(where, "supply"), reader, base_year,
                     end_year)
    uncertainty = None
    if "uncertainty" in doc:
        uncertainty = _uncertainty(doc["uncertainty"], _join(where, "uncertainty"), reader,
                                   scenario_uncertainty or UncertaintySpec())
    if demand is None or supply is None:
        return None
    return ProfessionSpec(name, demand, supply, uncertainty)


def _demand(value: Any, where: str, reader: _Reader, base_year: int | None,
            end_year: int | None) -> DemandSpec | None:
    if value is _MISSING:
        reader.problem(where, _("Required"))
        return None
    doc = reader.object(value, where, DEMAND_FIELDS)
    if doc is None:
        return None
    before = len(reader.problems)
    if ("base_fte" in doc) == ("activity" in doc):
        reader.problem(where, _("Give exactly one of base_fte or activity"))
    base_fte = reader.number(doc, "base_fte", where, default=None, minimum=0)
    activity = _activity(doc["activity"], _join(where, "activity"), reader) \
        if "activity" in doc else None
    adjustment = reader.number(doc, "adjustment_percent_per_year", where, default=0.0,
                               above=-100)
    path = reader.pairs(
        doc.get("adjustment_path", {}), _join(where, "adjustment_path"),
        None if base_year is None else base_year + 1, end_year,
        lambda raw, item: reader.check_number(raw, item, above=0),
    )
    ages = reader.age_range(doc["ages"], _join(where, "ages")) if "ages" in doc else None
    weights = reader.bands(
        doc.get("age_weights", {}), _join(where, "age_weights"),
        lambda raw, item: reader.check_number(raw, item, minimum=0),
    )
    if len(reader.problems) > before:
        return None
    return DemandSpec(
        base_fte=base_fte, activity=activity, adjustment_percent_per_year=adjustment or 0.0,
        adjustment_path=path, ages=ages, age_weights=weights,
    )


def _activity(value: Any, where: str, reader: _Reader) -> ActivitySpec | None:
    doc = reader.object(value, where, ACTIVITY_FIELDS)
    if doc is None:
        return None
    activity = reader.number(doc, "annual_activity", where, minimum=0)
    minutes = reader.number(doc, "minutes_per_unit", where, above=0)
    hours: float | None = None
    if ("available_hours" in doc) == ("available_days" in doc):
        reader.problem(where, _("Give exactly one of available_hours or available_days"))
    elif "available_hours" in doc:
        hours = reader.number(doc, "available_hours", where, above=0)
    else:
        days_path = _join(where, "available_days")
        days = reader.object(doc["available_days"], days_path, DAYS_FIELDS)
        if days is not None:
            parts = [reader.number(days, key, days_path, minimum=0) for key in DAYS_FIELDS]
            if None not in parts:
                hours = float(available_hours_from_days(*parts))
                if hours <= 0:
                    reader.problem(days_path, _("Leaves no working time"))
                    hours = None
    if "category_allowance_factor" in doc and "category_allowance_percent" in doc:
        reader.problem(where, _("Give category_allowance_factor or category_allowance_percent, "
                                "not both"))
    factor = reader.number(doc, "category_allowance_factor", where, default=1.0, minimum=1.0)
    if "category_allowance_percent" in doc:
        percent = reader.number(doc, "category_allowance_percent", where, minimum=0,
                                maximum=99)
        if percent is not None:
            factor = float(category_allowance_factor(percent))
    if None in (activity, minutes, hours, factor):
        return None
    return ActivitySpec(activity, minutes, hours, factor)


def _supply(value: Any, where: str, reader: _Reader, base_year: int | None,
            end_year: int | None) -> SupplySpec | None:
    if value is _MISSING:
        reader.problem(where, _("Required"))
        return None
    doc = reader.object(value, where, SUPPLY_FIELDS)
    if doc is None:
        return None
    before = len(reader.problems)
    if ("fte" in doc) == ("stock" in doc):
        reader.problem(where, _("Give exactly one of fte (no age detail) or stock (by age)"))
    fte = reader.number(doc, "fte", where, default=None, minimum=0)
    stock = _stock(doc["stock"], _join(where, "stock"), reader) if "stock" in doc else ()
    turnover = reader.number(doc, "turnover_percent", where, default=0.0, minimum=0, maximum=100)
    by_age: tuple[AgeBandValue, ...] = ()
    if "turnover_percent_by_age" in doc:
        if "stock" not in doc:
            reader.problem(_join(where, "turnover_percent_by_age"),
                           _("Needs a stock by age; a plain fte has no ages"))
        by_age = reader.bands(
            doc["turnover_percent_by_age"], _join(where, "turnover_percent_by_age"),
            lambda raw, item: reader.check_number(raw, item, minimum=0, maximum=100),
        )
    retirement = reader.integer(doc, "retirement_age", where, default=67, minimum=50,
                                maximum=MAX_AGE)
    recruits = reader.number(doc, "recruits_per_year", where, default=0.0, minimum=0)
    recruit_age = reader.number(doc, "recruit_age", where, default=35.0, minimum=15,
                                maximum=MAX_AGE)
    if recruit_age is not None and retirement is not None and recruit_age >= retirement:
        reader.problem(_join(where, "recruit_age"), _("Must be below the retirement age"))
    per_person = reader.number(doc, "fte_per_person", where, default=None, above=0, maximum=2)
    pipeline = reader.pairs(
        doc.get("pipeline", {}), _join(where, "pipeline"),
        None if base_year is None else base_year + 1, end_year,
        lambda raw, item: reader.check_number(raw, item, minimum=0),
    )
    education_years = reader.integer(doc, "education_years", where, default=5, minimum=1,
                                     maximum=15)
    if len(reader.problems) > before:
        return None
    return SupplySpec(
        fte=fte, stock=stock, turnover_percent=turnover, turnover_percent_by_age=by_age,
        retirement_age=retirement, recruits_per_year=recruits, recruit_age=recruit_age,
        fte_per_person=per_person, pipeline=pipeline, education_years=education_years,
    )


def _stock(value: Any, where: str, reader: _Reader) -> tuple[StockRow, ...]:
    if not isinstance(value, list) or not value:
        reader.problem(where, _("Must be a list of {\"age\": ..., \"fte\": ...} rows"))
        return ()
    rows = []
    for i, item in enumerate(value):
        row_path = _join(where, i)
        row = reader.object(item, row_path, ("age", "fte", "headcount"))
        if row is None:
            continue
        age = reader.integer(row, "age", row_path, minimum=15, maximum=MAX_AGE)
        fte = reader.number(row, "fte", row_path, minimum=0)
        headcount = reader.number(row, "headcount", row_path, default=1.0, minimum=0)
        if age is not None and fte is not None and headcount is not None:
            rows.append(StockRow(age, fte, headcount))
    return tuple(rows)


# --- Writing -------------------------------------------------------------------------


def _band_dict(bands: tuple[AgeBandValue, ...]) -> dict[str, float]:
    def label(band: AgeBandValue) -> str:
        if band.label:
            return band.label
        if band.upper is None:
            return f"{band.lower}-"
        return f"{band.lower}-{band.upper}"

    return {label(band): band.value for band in bands}


def _uncertainty_dict(spec: UncertaintySpec) -> dict[str, Any]:
    out: dict[str, Any] = {"population": spec.population}
    out.update({name: list(getattr(spec, name)) for name in UNCERTAINTY_RANGES})
    return out


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario in the file format (parse_scenario(scenario_to_dict(s)) == s)."""
    area = scenario.population.area
    area_doc: dict[str, Any] = (
        {"country": "NO"} if area.kind == "country" else {area.kind: list(area.codes)}
    )
    population: dict[str, Any] = {
        "area": area_doc,
        "alternative": scenario.population.alternative,
        "ages": list(scenario.population.ages),
    }
    if scenario.population.file:
        population["file"] = scenario.population.file
    professions: dict[str, Any] = {}
    for profession in scenario.professions:
        demand, supply = profession.demand, profession.supply
        demand_doc: dict[str, Any] = {}
        if demand.base_fte is not None:
            demand_doc["base_fte"] = demand.base_fte
        elif demand.activity is not None:
            activity = demand.activity
            demand_doc["activity"] = {
                "annual_activity": activity.annual_activity,
                "minutes_per_unit": activity.minutes_per_unit,
                "available_hours": activity.available_hours,
                "category_allowance_factor": activity.category_allowance_factor,
            }
        demand_doc["adjustment_percent_per_year"] = demand.adjustment_percent_per_year
        if demand.adjustment_path:
            demand_doc["adjustment_path"] = {str(y): f for y, f in demand.adjustment_path}
        if demand.ages is not None:
            demand_doc["ages"] = list(demand.ages)
        if demand.age_weights:
            demand_doc["age_weights"] = _band_dict(demand.age_weights)
        supply_doc: dict[str, Any] = {}
        if supply.stock:
            supply_doc["stock"] = [
                {"age": row.age, "fte": row.fte, "headcount": row.headcount}
                for row in supply.stock
            ]
        else:
            supply_doc["fte"] = supply.fte if supply.fte is not None else 0.0
        supply_doc["turnover_percent"] = supply.turnover_percent
        if supply.turnover_percent_by_age:
            supply_doc["turnover_percent_by_age"] = _band_dict(supply.turnover_percent_by_age)
        supply_doc.update(
            retirement_age=supply.retirement_age,
            recruits_per_year=supply.recruits_per_year,
            recruit_age=supply.recruit_age,
            education_years=supply.education_years,
        )
        if supply.fte_per_person is not None:
            supply_doc["fte_per_person"] = supply.fte_per_person
        if supply.pipeline:
            supply_doc["pipeline"] = {str(y): n for y, n in supply.pipeline}
        profession_doc: dict[str, Any] = {"demand": demand_doc, "supply": supply_doc}
        if profession.uncertainty is not None:
            profession_doc["uncertainty"] = _uncertainty_dict(profession.uncertainty)
        professions[profession.name] = profession_doc
    doc: dict[str, Any] = {
        "name": scenario.name,
        "base_year": scenario.base_year,
        "end_year": scenario.end_year,
        "population": population,
        "professions": professions,
        "uncertainty": _uncertainty_dict(scenario.uncertainty),
    }
    if scenario.description:
        doc["description"] = scenario.description
    return doc
