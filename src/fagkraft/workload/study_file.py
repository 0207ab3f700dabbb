"""Reading and checking a WISN study file (JSON; schema in docs/wisn.md).

The text is read by the kernel's one JSON document reader
(fagkraft.core.validation.read_json_document), which also refuses NaN and ±Infinity
anywhere with their path. Every problem is collected with its JSON path
("$.categories[0].activities[1].minutes_per_unit") and a message in the user's language;
nothing stops at the first problem. A valid file becomes the engine's dataclasses
(`fagkraft.engine.wisn`).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from fagkraft.core.validation import Problem, ProblemCollector, join_path, read_json_document
from fagkraft.engine import wisn

ROOT = "$"
ROOT_KEYS = {"name", "year", "working_time", "categories", "scenarios", "note"}
DAYS_KEYS = {"basis", "working_days", "public_holidays", "annual_leave", "sick_leave",
             "other_leave", "hours_per_day"}
PERCENT_KEYS = {"basis", "contract_hours", "deductions_percent", "hours_per_day"}
CATEGORY_KEYS = {"name", "existing_staff", "working_time", "activities", "category_allowances",
                 "individual_allowances", "profession_group"}
ACTIVITY_KEYS = {"name", "annual_workload", "minutes_per_unit", "source"}
ALLOWANCE_KEYS = {"name", "percent", "hours", "per"}
INDIVIDUAL_KEYS = {"name", "staff", "hours_per_year"}
SCENARIO_KEYS = {"name", "moves"}
MOVE_KEYS = {"activity", "from", "to", "share_percent", "minutes_per_unit"}


class StudyFileInvalid(Exception):
    def __init__(self, errors: list[Problem]) -> None:
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


@dataclass(frozen=True)
class StudyFile:
    study: wisn.Study
    scenarios: tuple[wisn.Scenario, ...] = ()
    profession_groups: dict[str, str] = field(default_factory=dict)
    sources: dict[tuple[str, str], str] = field(default_factory=dict)
    note: str = ""


class _Checker:
    def __init__(self) -> None:
        self.collector = ProblemCollector()

    @property
    def errors(self) -> list[Problem]:
        return self.collector.as_found

    def add(self, path: str, message: str) -> None:
        self.collector.add_at(path, message)

    def obj(self, value: Any, path: str, allowed: set[str]) -> dict | None:
        if not isinstance(value, dict):
            self.add(path, _("must be an object ({...})"))
            return None
        for key in sorted(set(value) - allowed):
            self.add(join_path(path, key), _("unknown key; allowed keys are: %(keys)s")
                     % {"keys": ", ".join(sorted(allowed))})
        return value

    def array(self, value: Any, path: str, *, required: bool = True) -> list:
        if value is None and not required:
            return []
        if not isinstance(value, list):
            self.add(path, _("must be a list ([...])"))
            return []
        return value

    def text(self, data: dict, key: str, path: str, *, required: bool = True) -> str:
        value = data.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            if key not in data:
                self.add(f"{path}.{key}", _("is missing"))
            else:
                self.add(f"{path}.{key}", _("must be a non-empty text"))
            return ""
        return value.strip()

    def number(self, data: dict, key: str, path: str, *, required: bool = True,
               minimum: float | None = 0.0, positive: bool = False,
               below: float | None = None, default: float | None = None) -> float | None:
        where = join_path(path, key)
        if key not in data or data[key] is None:
            if required:
                self.add(where, _("is missing"))
            return default
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int | float) or \
                not math.isfinite(value):
            self.add(where, _("must be a number, got %(value)s") % {"value": json.dumps(value)})
            return default
        value = float(value)
        if positive and value <= 0:
            self.add(where, _("must be greater than 0, got %(value)s") % {"value": _fmt(value)})
            return default
        if minimum is not None and value < minimum:
            self.add(where, _("must be at least %(minimum)s, got %(value)s")
                     % {"minimum": _fmt(minimum), "value": _fmt(value)})
            return default
        if below is not None and value >= below:
            self.add(where, _("must be less than %(limit)s, got %(value)s")
                     % {"limit": _fmt(below), "value": _fmt(value)})
            return default
        return value


def _fmt(value: float) -> str:
    return f"{value:g}"


def _working_time(check: _Checker, value: Any, path: str) -> wisn.WorkingTime | None:
    if not isinstance(value, dict):
        check.add(path, _("must be an object ({...})"))
        return None
    basis = value.get("basis")
    if basis == "days":
        data = check.obj(value, path, DAYS_KEYS)
        numbers = {key: check.number(data, key, path) for key in
                   ("working_days", "public_holidays", "annual_leave", "sick_leave")}
        numbers["other_leave"] = check.number(data, "other_leave", path, required=False,
                                              default=0.0)
        hours = check.number(data, "hours_per_day", path, positive=True)
        if any(number is None for number in numbers.values()) or hours is None:
            return None
        working_time = wisn.DaysWorkingTime(hours_per_day=hours, **numbers)  # type: ignore[arg-type]
        off = (working_time.public_holidays + working_time.annual_leave
               + working_time.sick_leave + working_time.other_leave)
        if off >= working_time.working_days:
            check.add(path, _("holidays and leave (%(off)s days) use up all %(days)s working "
                              "days") % {"off": _fmt(off), "days": _fmt(working_time.working_days)})
            return None
        return working_time
    if basis == "percent":
        data = check.obj(value, path, PERCENT_KEYS)
        contract = check.number(data, "contract_hours", path, positive=True)
        hours = check.number(data, "hours_per_day", path, required=False, positive=True,
                             default=7.5)
        deductions: dict[str, float] = {}
        raw = data.get("deductions_percent")
        where = f"{path}.deductions_percent"
        if not isinstance(raw, dict):
            check.add(where, _("is missing") if raw is None else _("must be an object ({...})"))
            return None
        for name in raw:
            number = check.number(raw, name, where, below=100.0)
            if number is not None:
                deductions[name] = number
        if len(deductions) != len(raw) or contract is None or hours is None:
            return None
        if sum(deductions.values()) >= 100:
            check.add(where, _("the deductions add up to %(total)s %%; they must stay under "
                               "100 %%") % {"total": _fmt(sum(deductions.values()))})
            return None
        return wisn.PercentWorkingTime(contract, deductions, hours)
    check.add(f"{path}.basis", _('must be "days" or "percent", got %(value)s')
              % {"value": json.dumps(basis)})
    return None


def _unique(check: _Checker, names: list[tuple[str, str]], what: str) -> None:
    seen: set[str] = set()
    for path, name in names:
        if name and name in seen:
            check.add(path, _("%(what)s %(name)s appears more than once")
                      % {"what": what, "name": json.dumps(name)})
        seen.add(name)


def _activities(check: _Checker, values: list, path: str) -> tuple[list, dict[str, str]]:
    activities, sources, names = [], {}, []
    for index, value in enumerate(values):
        where = f"{path}[{index}]"
        data = check.obj(value, where, ACTIVITY_KEYS)
        if data is None:
            continue
        name = check.text(data, "name", where)
        names.append((f"{where}.name", name))
        workload = check.number(data, "annual_workload", where)
        minutes = check.number(data, "minutes_per_unit", where, positive=True)
        source = data.get("source")
        if source is not None and not isinstance(source, str):
            check.add(f"{where}.source", _("must be a text"))
        if name and workload is not None and minutes is not None:
            activities.append(wisn.Activity(name, workload, minutes))
            if isinstance(source, str) and source:
                sources[name] = source
    _unique(check, names, _("Activity"))
    return activities, sources


def _category_allowances(check: _Checker, values: list, path: str) -> list:
    allowances = []
    for index, value in enumerate(values):
        where = f"{path}[{index}]"
        data = check.obj(value, where, ALLOWANCE_KEYS)
        if data is None:
            continue
        name = check.text(data, "name", where)
        has_percent, has_time = "percent" in data, "hours" in data or "per" in data
        if has_percent == has_time:
            check.add(where, _('give either "percent" or "hours" with "per"'))
            continue
        if has_percent:
            percent = check.number(data, "percent", where, below=100.0)
            if name and percent is not None:
                allowances.append(wisn.CategoryAllowance(name, percent=percent))
            continue
        hours = check.number(data, "hours", where, positive=True)
        per = data.get("per")
        if per not in wisn.PERIODS:
            check.add(f"{where}.per", _("must be one of %(choices)s, got %(value)s")
                      % {"choices": ", ".join(wisn.PERIODS), "value": json.dumps(per)})
            continue
        if name and hours is not None:
            allowances.append(wisn.CategoryAllowance(name, hours=hours, per=per))
    return allowances


def _individual_allowances(check: _Checker, values: list, path: str) -> list:
    allowances = []
    for index, value in enumerate(values):
        where = f"{path}[{index}]"
        data = check.obj(value, where, INDIVIDUAL_KEYS)
        if data is None:
            continue
        name = check.text(data, "name", where)
        staff = check.number(data, "staff", where, positive=True)
        hours = check.number(data, "hours_per_year", where, positive=True)
        if name and staff is not None and hours is not None:
            allowances.append(wisn.IndividualAllowance(name, staff, hours))
    return allowances


def _category(check: _Checker, value: Any, path: str, study_time: wisn.WorkingTime | None,
              groups: dict[str, str], sources: dict[tuple[str, str], str]
              ) -> wisn.Category | None:
    data = check.obj(value, path, CATEGORY_KEYS)
    if data is None:
        return None
    errors_before = len(check.errors)
    name = check.text(data, "name", path)
    existing = check.number(data, "existing_staff", path, required=False)
    own_time = None
    if data.get("working_time") is not None:
        own_time = _working_time(check, data["working_time"], f"{path}.working_time")
    activities, activity_sources = _activities(
        check, check.array(data.get("activities"), f"{path}.activities"), f"{path}.activities")
    allowances = _category_allowances(
        check, check.array(data.get("category_allowances"), f"{path}.category_allowances",
                           required=False), f"{path}.category_allowances")
    individual = _individual_allowances(
        check, check.array(data.get("individual_allowances"), f"{path}.individual_allowances",
                           required=False), f"{path}.individual_allowances")
    group = data.get("profession_group")
    if group is not None and not isinstance(group, str):
        check.add(f"{path}.profession_group", _("must be a text"))
    working_time = own_time or study_time
    if len(check.errors) > errors_before or working_time is None:
        return None
    category = wisn.Category(name=name, activities=tuple(activities),
                             category_allowances=tuple(allowances),
                             individual_allowances=tuple(individual),
                             existing_staff=existing, working_time=own_time)
    available = wisn.available_time(working_time)
    total = sum(wisn.allowance_percent(a.hours, a.per, available.hours,
                                       available.hours_per_day)
                if a.percent is None else a.percent for a in allowances)
    if total >= 100:
        check.add(f"{path}.category_allowances",
                  _("the category allowances add up to %(total)s %% of working time; they "
                    "must stay under 100 %%") % {"total": f"{total:.1f}"})
        return None
    if isinstance(group, str) and group:
        groups[name] = group
    for activity_name, source in activity_sources.items():
        sources[(name, activity_name)] = source
    return category


def _scenarios(check: _Checker, values: list, categories: dict[str, wisn.Category],
               known: set[str]) -> list[wisn.Scenario]:
    """Moves naming a category that has problems of its own are not checked further."""
    scenarios, names = [], []
    for index, value in enumerate(values):
        where = f"{ROOT}.scenarios[{index}]"
        data = check.obj(value, where, SCENARIO_KEYS)
        if data is None:
            continue
        name = check.text(data, "name", where)
        names.append((f"{where}.name", name))
        moves = []
        for number, raw in enumerate(check.array(data.get("moves"), f"{where}.moves")):
            at = f"{where}.moves[{number}]"
            move = check.obj(raw, at, MOVE_KEYS)
            if move is None:
                continue
            activity = check.text(move, "activity", at)
            giver = check.text(move, "from", at)
            receiver = check.text(move, "to", at)
            share = check.number(move, "share_percent", at)
            if share is not None and share > 100:
                check.add(f"{at}.share_percent", _("must be at most 100, got %(value)s")
                          % {"value": _fmt(share)})
                share = None
            minutes = check.number(move, "minutes_per_unit", at, required=False, positive=True)
            for key, category in (("from", giver), ("to", receiver)):
                if category and category not in known:
                    check.add(f"{at}.{key}", _("no category named %(name)s")
                              % {"name": json.dumps(category)})
            if giver in categories and activity and activity not in {
                    a.name for a in categories[giver].activities}:
                check.add(f"{at}.activity", _("category %(category)s has no activity named "
                                              "%(name)s") % {"category": json.dumps(giver),
                                                             "name": json.dumps(activity)})
            elif giver and giver == receiver:
                check.add(f"{at}.to", _("must differ from \"from\""))
            elif giver in categories and receiver in categories and share is not None:
                moves.append(wisn.Move(activity, giver, receiver, share, minutes))
        scenarios.append(wisn.Scenario(name, tuple(moves)))
    _unique(check, names, _("Scenario"))
    return scenarios


def parse_study(data: Any) -> StudyFile:
    """Check a decoded study file. Raises StudyFileInvalid listing every problem."""
    check = _Checker()
    root = check.obj(data, ROOT, ROOT_KEYS)
    if root is None:
        raise StudyFileInvalid(check.errors)
    name = check.text(root, "name", ROOT)
    year = root.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2100:
        check.add(f"{ROOT}.year", _("is missing") if "year" not in root else
                  _("must be a whole year such as 2025, got %(value)s")
                  % {"value": json.dumps(year)})
    if "working_time" not in root:
        check.add(f"{ROOT}.working_time", _("is missing"))
        working_time = None
    else:
        working_time = _working_time(check, root["working_time"], f"{ROOT}.working_time")
    raw_categories = check.array(root.get("categories"), f"{ROOT}.categories")
    if isinstance(root.get("categories"), list) and not raw_categories:
        check.add(f"{ROOT}.categories", _("needs at least one staff category"))
    groups: dict[str, str] = {}
    sources: dict[tuple[str, str], str] = {}
    categories: dict[str, wisn.Category] = {}
    names = []
    for index, value in enumerate(raw_categories):
        path = f"{ROOT}.categories[{index}]"
        category = _category(check, value, path, working_time, groups, sources)
        if isinstance(value, dict) and isinstance(value.get("name"), str):
            names.append((f"{path}.name", value["name"].strip()))
        if category is not None:
            categories.setdefault(category.name, category)
    _unique(check, names, _("Category"))
    scenarios = _scenarios(check, check.array(root.get("scenarios"), f"{ROOT}.scenarios",
                                              required=False), categories,
                           {name for _path, name in names})
    note = root.get("note") or ""
    if not isinstance(note, str):
        check.add(f"{ROOT}.note", _("must be a text"))
    if check.errors or working_time is None:
        raise StudyFileInvalid(check.errors)
    study = wisn.Study(name=name, year=year, working_time=working_time,
                       categories=tuple(categories.values()))
    return StudyFile(study, tuple(scenarios), groups, sources, note if isinstance(note, str)
                     else "")


def load_study(content: str | bytes) -> StudyFile:
    """Decode and check a study file's text."""
    document, problems = read_json_document(content, ROOT)
    if problems:
        raise StudyFileInvalid(problems)
    return parse_study(document)
