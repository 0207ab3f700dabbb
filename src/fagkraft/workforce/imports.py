"""The HR employee file: its row rules, the plan of what to create and update, and the
import itself through the shared skeleton (fagkraft.core.validation.run_import).

One row is one employee and one position; several rows with the same employee number are
that person's positions over time. The key of an employee is (trust, employee number),
the trust following from the row's unit; a position is matched by (employee, unit, start
date). Everything is checked in memory against registers fetched in a few queries, so a
100,000-row file validates in seconds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from operator import itemgetter
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fagkraft import access
from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.audit.services import Actor
from fagkraft.core.bulk import filter_in, instance_maker
from fagkraft.core.validation import (
    Problem,
    ProblemCollector,
    Table,
    locate_columns,
    parse_birth,
    parse_date,
    parse_decimal,
    run_import,
)
from fagkraft.core.validation.pipeline import StoredResult
from fagkraft.workforce.hr_columns import (
    COLUMN_NAMES,
    EMPLOYEE_COLUMNS,
    LEAVING_REASON_WORDS,
    POSITION_KIND_WORDS,
    SEX_WORDS,
)
from fagkraft.workforce.models import (
    Employee,
    Position,
    Profession,
    SpecialistApproval,
    Specialty,
    Unit,
)
from fagkraft.workforce.services import bulk_write_people

PREVIEW_ROWS = 20
MAX_LENGTH = {"ansattnummer": 32, "fornavn": 100, "etternavn": 100}
POSITION_LEVELS = {Unit.Level.CLINIC, Unit.Level.DEPARTMENT, Unit.Level.SECTION}
REASON_WORDS = {**LEAVING_REASON_WORDS, "": ""}
# Translated only when a row fails (gettext per row and column costs more than the check).
UNKNOWN_SEX = gettext_lazy("Unknown sex '%(value)s' (use K, M or leave empty)")
UNKNOWN_KIND = gettext_lazy(
    "Unknown position type '%(value)s' (use fast, midlertidig or utdanning)")
UNKNOWN_REASON = gettext_lazy("Unknown reason for leaving '%(value)s'")

# Which person fields each optional column fills; absent columns leave the field alone.
PERSON_COLUMNS: dict[str, tuple[str, ...]] = {
    "fornavn": ("first_name",),
    "etternavn": ("last_name",),
    "fødselsdato": ("birth_date", "birth_year"),
    "kjønn": ("sex",),
    "hpr_nummer": ("hpr_number",),
    "yrke": ("profession_id",),
}
POSITION_COLUMNS: dict[str, tuple[str, ...]] = {
    "stillingsprosent": ("fte_percent",),
    "stillingstype": ("kind",),
    "sluttdato": ("end_date",),
    "sluttårsak": ("leaving_reason",),
}


@dataclass
class Registers:
    """What rows are checked against, fetched once per import."""

    units: dict[str, Unit]  # code (lower case) -> unit
    professions: dict[str, Profession]  # code and name (lower case) -> profession
    allowed_unit_ids: set[int] | None  # None: every unit
    specialties: dict[str, Specialty] = field(default_factory=dict)  # code (lower) -> it

    @classmethod
    def load(cls, allowed_unit_ids: set[int] | None) -> Registers:
        units = {unit.code.lower(): unit for unit in Unit.objects.all()}
        professions: dict[str, Profession] = {}
        for profession in Profession.objects.all():
            professions.setdefault(profession.name.strip().lower(), profession)
        for profession in Profession.objects.all():
            professions[profession.code.lower()] = profession  # codes win over names
        specialties = {specialty.code.lower(): specialty
                       for specialty in Specialty.objects.select_related("profession")}
        return cls(units, professions, allowed_unit_ids, specialties)


@dataclass
class RowData:
    row: int
    trust_id: int
    employee_number: str
    person: dict[str, Any]
    unit: Unit
    position: dict[str, Any]
    approval: tuple[Specialty, dt.date] | None = None  # the row's specialist approval


@dataclass
class Plan:
    """The writes a valid file leads to, and what the preview shows."""

    new_employees: list[Employee] = field(default_factory=list)
    changed_employees: list[Employee] = field(default_factory=list)
    unchanged_employees: int = 0
    employee_fields: list[str] = field(default_factory=list)
    new_positions: list[Position] = field(default_factory=list)
    changed_positions: list[Position] = field(default_factory=list)
    unchanged_positions: int = 0
    position_fields: list[str] = field(default_factory=list)
    new_approvals: list[SpecialistApproval] = field(default_factory=list)
    unchanged_approvals: int = 0
    preview: list[dict[str, Any]] = field(default_factory=list)
    trust_ids: set[int] = field(default_factory=set)
    unit_ids: set[int] = field(default_factory=set)


def validate_rows(
    table: Table,
    registers: Registers,
    errors: ProblemCollector,
    column_map: Mapping[str, str] | None = None,
) -> tuple[list[RowData], set[str]]:
    """Parse and check every row; returns the good rows and the columns present."""
    positions = locate_columns(table.header, EMPLOYEE_COLUMNS, errors, column_map)
    if errors:
        return [], set(positions)  # without the required columns rows can't be read
    titles = {name: table.header[index] for name, index in positions.items()}
    checker = _RowChecker(registers, errors, titles)
    rows = []
    # Each row's cells by our column name, absent columns and short rows as '' (what
    # RowReader gives, as one dict per row: the checks read every cell).
    names, indices = list(positions), list(positions.values())
    width = max(indices) + 1
    pick = itemgetter(*indices) if len(indices) > 1 else (lambda cells: (cells[indices[0]],))
    blank = dict.fromkeys(COLUMN_NAMES, "")
    for number, cells in table.rows:
        if len(cells) < width:
            cells = [*cells, *[""] * (width - len(cells))]
        data = checker.check(number, {**blank, **dict(zip(names, pick(cells), strict=True))})
        if data is not None:
            rows.append(data)
    _check_across_rows(rows, errors, titles, set(positions))
    return [row for row in rows if not errors.row_is_bad(row.row)], set(positions)


class _RowChecker:
    def __init__(
        self, registers: Registers, errors: ProblemCollector, titles: Mapping[str, str]
    ) -> None:
        self.registers = registers
        self.errors = errors
        self.titles = titles
        self.today = timezone.localdate()
        # Good values by their text: a file repeats dates and shares of full time.
        self._dates: dict[str, dt.date] = {}
        self._births: dict[str, dict[str, Any]] = {}
        self._ftes: dict[str, Decimal] = {}

    def fail(self, row: int, column: str, message: str) -> None:
        self.errors.add(row, self.titles.get(column, column), message)

    def required(self, row: int, cells: Mapping[str, str], column: str) -> str | None:
        value = cells[column]
        if not value:
            self.fail(row, column, _("Required"))
            return None
        limit = MAX_LENGTH.get(column)
        if limit and len(value) > limit:
            self.fail(row, column, _("Too long: at most %(limit)s characters") % {"limit": limit})
            return None
        return value

    def check(self, row: int, cells: Mapping[str, str]) -> RowData | None:
        number = self.required(row, cells, "ansattnummer")
        person: dict[str, Any] = {}
        first = self.required(row, cells, "fornavn")
        last = self.required(row, cells, "etternavn")
        person.update(first_name=first, last_name=last)
        person.update(self.birth(row, cells["fødselsdato"]))
        person["sex"] = self.word(row, "kjønn", cells["kjønn"], SEX_WORDS, UNKNOWN_SEX)
        person["hpr_number"] = self.hpr(row, cells["hpr_nummer"])
        person["profession_id"] = self.profession(row, cells["yrke"])
        unit = self.unit(row, cells["enhet"])
        position = self.position(row, cells)
        approval = self.approval(row, cells, person["profession_id"])
        if self.errors.row_is_bad(row) or number is None or unit is None:
            return None
        assert unit.trust_id is not None
        return RowData(row, unit.trust_id, number, person, unit, position, approval)

    def approval(self, row: int, cells: Mapping[str, str],
                 profession_id: int | None) -> tuple[Specialty, dt.date] | None:
        """The row's specialist approval: a specialty code and its date, both or neither."""
        code, date_text = cells["spesialitet"], cells["spesialist_godkjent"]
        if not code and not date_text:
            return None
        specialty = None
        if not code:
            self.fail(row, "spesialitet", _("An approval date needs a specialty code"))
        else:
            specialty = self.registers.specialties.get(code.strip().lower())
            if specialty is None:
                self.fail(row, "spesialitet",
                          _("Unknown specialty code '%(value)s'") % {"value": code})
            elif profession_id is not None and specialty.profession_id != profession_id:
                self.fail(row, "spesialitet", _(
                    "Specialty '%(value)s' belongs to the profession '%(profession)s', not "
                    "to the row's profession") % {"value": code,
                                                  "profession": specialty.profession.name})
                specialty = None
        if not date_text:
            self.fail(row, "spesialist_godkjent", _("A specialty code needs an approval date"))
            return None
        approved_on = self.date(row, "spesialist_godkjent", date_text, required=True)
        if approved_on is not None and approved_on > self.today:
            self.fail(row, "spesialist_godkjent",
                      _("Approval date is in the future: '%(value)s'") % {"value": date_text})
            return None
        if specialty is None or approved_on is None:
            return None
        return specialty, approved_on

    def birth(self, row: int, text: str) -> dict[str, Any]:
        known = self._births.get(text)
        if known is not None:
            return dict(known)
        if not text:
            self.fail(row, "fødselsdato", _("Required"))
            return {}
        try:
            born, year = parse_birth(text)
        except ValueError:
            self.fail(row, "fødselsdato", _("Not a birth date or year: '%(value)s' "
                                            "(use dd.mm.yyyy or yyyy)") % {"value": text})
            return {}
        if year < 1900 or (born or dt.date(year, 1, 1)) > self.today:
            self.fail(row, "fødselsdato", _("Birth date out of range: '%(value)s'")
                      % {"value": text})
            return {}
        self._births[text] = {"birth_date": born, "birth_year": year}
        return {"birth_date": born, "birth_year": year}

    def word(self, row: int, column: str, text: str, words: Mapping[str, str],
             message: Any) -> str:
        value = words.get(" ".join(text.lower().split()))
        if value is None:
            self.fail(row, column, message % {"value": text})
            return ""
        return value

    def hpr(self, row: int, text: str) -> str:
        if text and not (text.isascii() and text.isdigit() and 6 <= len(text) <= 9):
            self.fail(row, "hpr_nummer", _("Not an HPR number: '%(value)s' (6 to 9 digits)")
                      % {"value": text})
        return text

    def profession(self, row: int, text: str) -> int | None:
        if not text:
            self.fail(row, "yrke", _("Required"))
            return None
        profession = self.registers.professions.get(" ".join(text.lower().split()))
        if profession is None:
            self.fail(row, "yrke", _("Unknown profession '%(value)s'") % {"value": text})
            return None
        return profession.pk

    def unit(self, row: int, text: str) -> Unit | None:
        if not text:
            self.fail(row, "enhet", _("Required"))
            return None
        unit = self.registers.units.get(text.lower())
        if unit is None:
            self.fail(row, "enhet", _("Unknown unit code '%(value)s'") % {"value": text})
            return None
        if unit.level not in POSITION_LEVELS:
            self.fail(row, "enhet", _("Unit '%(value)s' is a health trust or region; positions "
                                      "belong to a clinic, department or section")
                      % {"value": text})
            return None
        allowed = self.registers.allowed_unit_ids
        if allowed is not None and unit.pk not in allowed:
            self.fail(row, "enhet", _("Unit '%(value)s' is outside the part of the "
                                      "organisation you may import for") % {"value": text})
            return None
        return unit

    def position(self, row: int, cells: Mapping[str, str]) -> dict[str, Any]:
        position: dict[str, Any] = {}
        fte_text = self.required(row, cells, "stillingsprosent")
        if fte_text is not None:
            position["fte_percent"] = self.fte(row, fte_text)
        kind_text = self.required(row, cells, "stillingstype")
        if kind_text is not None:
            position["kind"] = self.word(row, "stillingstype", kind_text,
                                         POSITION_KIND_WORDS, UNKNOWN_KIND)
        start = self.date(row, "startdato", cells["startdato"], required=True)
        end = self.date(row, "sluttdato", cells["sluttdato"], required=False)
        if start and end and end < start:
            self.fail(row, "sluttdato", _("End date is before start date"))
        reason = self.word(row, "sluttårsak", cells["sluttårsak"], REASON_WORDS,
                           UNKNOWN_REASON)
        if reason and not cells["sluttdato"]:
            self.fail(row, "sluttårsak", _("A reason for leaving needs an end date"))
        position.update(start_date=start, end_date=end, leaving_reason=reason)
        return position

    def fte(self, row: int, text: str) -> Decimal | None:
        known = self._ftes.get(text)
        if known is not None:
            return known
        try:
            value = parse_decimal(text)
        except ValueError:
            self.fail(row, "stillingsprosent", _("Not a number: '%(value)s'") % {"value": text})
            return None
        if not Decimal(0) < value <= Decimal(100):
            self.fail(row, "stillingsprosent",
                      _("Share of full time must be between 0 and 100"))
            return None
        if value != value.quantize(Decimal("0.01")):
            self.fail(row, "stillingsprosent",
                      _("Share of full time has more than two decimals: '%(value)s'")
                      % {"value": text})
            return None
        self._ftes[text] = value = value.quantize(Decimal("0.01"))
        return value

    def date(self, row: int, column: str, text: str, *, required: bool) -> dt.date | None:
        known = self._dates.get(text)
        if known is not None:
            return known
        if not text:
            if required:
                self.fail(row, column, _("Required"))
            return None
        try:
            value = parse_date(text)
        except ValueError:
            self.fail(row, column, _("Not a date: '%(value)s' (use dd.mm.yyyy)")
                      % {"value": text})
            return None
        if not 1900 <= value.year <= 2100:
            self.fail(row, column, _("Date out of range: '%(value)s'") % {"value": text})
            return None
        self._dates[text] = value
        return value


def _check_across_rows(
    rows: list[RowData], errors: ProblemCollector, titles: Mapping[str, str], present: set[str]
) -> None:
    """The same person must be described the same way; a position must not repeat."""
    first_of_person: dict[tuple[int, str], RowData] = {}
    first_of_position: dict[tuple[int, str, int, dt.date], RowData] = {}
    for data in rows:
        key = (data.trust_id, data.employee_number)
        first = first_of_person.setdefault(key, data)
        if first is not data:
            for column, fields in PERSON_COLUMNS.items():
                if column in present and any(
                    first.person.get(name) != data.person.get(name) for name in fields
                ):
                    errors.add(data.row, titles.get(column, column),
                               _("Differs from row %(row)s for employee %(number)s")
                               % {"row": first.row, "number": data.employee_number})
        position_key = (*key, data.unit.pk, data.position["start_date"])
        earlier = first_of_position.setdefault(position_key, data)
        if earlier is not data:
            errors.add(data.row, "", _(
                "Duplicate row for employee %(number)s in unit %(unit)s starting %(start)s "
                "(see row %(row)s)") % {
                "number": data.employee_number, "unit": data.unit.code,
                "start": data.position["start_date"].strftime("%d.%m.%Y"), "row": earlier.row,
            })


# --- Planning the writes ------------------------------------------------------------


def employees_by_number(keys: Iterable[tuple[int, str]]) -> dict[tuple[int, str], Employee]:
    """The register's employees of these (trust id, employee number) pairs, by pair (the
    HR and the completions imports' lookup of the people a file names)."""
    by_trust: dict[int, set[str]] = {}
    for trust_id, number in keys:
        by_trust.setdefault(trust_id, set()).add(number)
    found: dict[tuple[int, str], Employee] = {}
    for trust_id, numbers in by_trust.items():
        for employee in filter_in(Employee.objects.filter(trust_id=trust_id),
                                  "employee_number", numbers):
            found[(trust_id, employee.employee_number)] = employee
    return found


_POSITION_VALUES = ("pk", "employee_id", "unit_id", "start_date", "fte_percent", "kind",
                    "end_date", "leaving_reason")


def _existing_positions(employee_ids: list[int]) -> dict[tuple[int, int, dt.date], dict]:
    found: dict[tuple[int, int, dt.date], dict] = {}
    values = Position.objects.order_by("pk").values(*_POSITION_VALUES)
    for position in filter_in(values, "employee_id", employee_ids):
        key = (position["employee_id"], position["unit_id"], position["start_date"])
        found.setdefault(key, position)
    return found


_Approval = tuple[int, int, dt.date]  # (employee pk, specialty pk, approved on)


def _existing_approvals(employee_ids: list[int]) -> set[_Approval]:
    approvals = SpecialistApproval.objects.values_list(
        "employee_id", "specialty_id", "approved_on")
    return set(filter_in(approvals, "employee_id", employee_ids))


def _plan_approvals(plan: Plan, planned: list[tuple[Employee, RowData]],
                    existing: set[_Approval]) -> None:
    """One new approval per person, specialty and date not already registered."""
    seen: set[tuple[int, int, dt.date]] = set()
    for employee, data in planned:
        if data.approval is None:
            continue
        specialty, approved_on = data.approval
        key = (id(employee), specialty.pk, approved_on)
        if key in seen:
            continue  # the same approval repeated on the person's other rows
        seen.add(key)
        if employee.pk and (employee.pk, specialty.pk, approved_on) in existing:
            plan.unchanged_approvals += 1
            continue
        plan.new_approvals.append(SpecialistApproval(
            employee=employee, specialty=specialty, approved_on=approved_on))


# New records of a file are many: built without Model.__init__ (core.bulk.instance_maker).
_new_employee = instance_maker(Employee)
_new_position = instance_maker(Position)


def plan_writes(rows: list[RowData], present: set[str]) -> Plan:
    """Compare valid rows with the register: what is new, what changed, what is the same."""
    plan = Plan()
    person_fields = [name for column, names in PERSON_COLUMNS.items() if column in present
                     for name in names]
    position_fields = [name for column, names in POSITION_COLUMNS.items() if column in present
                       for name in names]
    plan.employee_fields = [*person_fields, "updated_at"]
    plan.position_fields = [*position_fields, "updated_at"]
    now = timezone.now()

    existing = employees_by_number((data.trust_id, data.employee_number) for data in rows)
    old_positions = _existing_positions([employee.pk for employee in existing.values()])
    employees: dict[tuple[int, str], tuple[Employee, str]] = {}
    planned: list[tuple[Employee, RowData]] = []
    for data in rows:
        key = (data.trust_id, data.employee_number)
        plan.trust_ids.add(data.trust_id)
        plan.unit_ids.add(data.unit.pk)
        if key not in employees:
            employees[key] = _plan_employee(plan, existing.get(key), data, person_fields, now)
        employee, employee_action = employees[key]
        planned.append((employee, data))
        action = _plan_position(plan, employee, data, old_positions, now)
        if len(plan.preview) < PREVIEW_ROWS:
            plan.preview.append(_preview_row(data, employee, employee_action, action))
    existing_approvals = _existing_approvals([employee.pk for employee in existing.values()])
    _plan_approvals(plan, planned, existing_approvals)
    return plan


def _plan_employee(plan: Plan, employee: Employee | None, data: RowData,
                   fields: list[str], now: dt.datetime) -> tuple[Employee, str]:
    values = {name: data.person[name] for name in fields}
    if employee is None:
        values.setdefault("sex", Employee.Sex.UNKNOWN)
        employee = _new_employee(trust_id=data.trust_id, employee_number=data.employee_number,
                                 **values)
        plan.new_employees.append(employee)
        return employee, "new"
    changed = [name for name in fields if getattr(employee, name) != values[name]]
    if not changed:
        plan.unchanged_employees += 1
        return employee, "unchanged"
    for name in changed:
        setattr(employee, name, values[name])
    employee.updated_at = now
    plan.changed_employees.append(employee)
    return employee, "changed"


def _plan_position(plan: Plan, employee: Employee, data: RowData,
                   old_positions: Mapping[tuple[int, int, dt.date], dict],
                   now: dt.datetime) -> str:
    values = {name: data.position[name] for name in plan.position_fields
              if name in data.position}
    old = old_positions.get((employee.pk, data.unit.pk, data.position["start_date"])) \
        if employee.pk else None
    if old is None:
        plan.new_positions.append(_new_position(
            employee=employee, unit=data.unit, start_date=data.position["start_date"],
            **{"end_date": None, "leaving_reason": "", **values}))
        return "new"
    if all(old[name] == value for name, value in values.items()):
        plan.unchanged_positions += 1
        return "unchanged"
    merged = {name: old[name] for name in _POSITION_VALUES[4:]} | values
    plan.changed_positions.append(Position(
        pk=old["pk"], employee=employee, unit=data.unit, start_date=old["start_date"],
        updated_at=now, **merged))
    return "changed"


def _preview_row(data: RowData, employee: Employee, employee_action: str,
                 action: str) -> dict[str, Any]:
    """JSON-safe: the preview is stored with the import job between requests."""
    end = data.position.get("end_date")
    return {
        "row": data.row,
        "action": action,
        "employee_action": employee_action,
        "employee_number": data.employee_number,
        "name": f"{employee.first_name} {employee.last_name}",
        "unit": data.unit.code,
        "fte_percent": str(data.position["fte_percent"]),
        "kind": str(data.position["kind"]),
        "start_date": data.position["start_date"].isoformat(),
        "end_date": end.isoformat() if end else "",
        "leaving_reason": data.position.get("leaving_reason", ""),
    }


# --- The import ------------------------------------------------------------------------

@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


@dataclass
class ImportResult(StoredResult):
    file_name: str
    rows: int = 0
    employees: Counts = field(default_factory=Counts)
    positions: Counts = field(default_factory=Counts)
    approvals: Counts = field(default_factory=Counts)
    errors: list[Problem] = field(default_factory=list)
    preview: list[dict[str, Any]] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False
    trust_ids: list[int] = field(default_factory=list)
    unit_ids: list[int] = field(default_factory=list)

    def as_summary(self) -> dict[str, Any]:
        return self.stored_summary({
            "employees": self.employees.as_dict(),
            "positions": self.positions.as_dict(),
            "approvals": self.approvals.as_dict(),
        }, self.unit_ids)


def allowed_unit_ids(actor: Actor) -> set[int] | None:
    """Units the actor may import positions into; None means all (CLI, administrators)."""
    return access.import_unit_ids(actor)


def _refuse_changes_outside_scope(
    actor: Actor, plan: Plan, rows: list[RowData], errors: ProblemCollector
) -> None:
    """A leader may give an existing trust employee a position in their units (someone
    moving in), but only people already in their scope may have personal details changed."""
    if not access.import_changes_limited_to_scope(actor) or not plan.changed_employees:
        return
    visible = set(
        access.employees_for(actor)
        .filter(pk__in=[employee.pk for employee in plan.changed_employees])
        .values_list("pk", flat=True)
    )
    outside = {(e.trust_id, e.employee_number) for e in plan.changed_employees
               if e.pk not in visible}
    reported: set[tuple[int, str]] = set()
    for data in rows:
        key = (data.trust_id, data.employee_number)
        if key in outside and key not in reported:
            reported.add(key)
            errors.add(data.row, "", _(
                "Employee %(number)s works outside your units: only an HR adviser can "
                "change their personal details") % {"number": data.employee_number})


def import_employees(
    actor: Actor,
    file_name: str,
    data: bytes,
    column_map: Mapping[str, str] | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Validate an HR employee file and, unless dry_run or any row is bad, write it."""
    via = f"import {file_name}"[:200]

    result = ImportResult(file_name=file_name, dry_run=dry_run)

    def validate(table: Table, errors: ProblemCollector) -> Plan | None:
        result.rows = len(table.rows)
        rows, present = validate_rows(table, Registers.load(allowed_unit_ids(actor)), errors,
                                      column_map)
        if errors:
            return None
        plan = plan_writes(rows, present)
        _refuse_changes_outside_scope(actor, plan, rows, errors)
        return plan

    def write(plan: Plan | None) -> bool:
        assert plan is not None  # run_import writes only a plan without problems
        _fill_counts(result, plan)
        trust_ids = result.trust_ids
        bulk_write_people(
            actor,
            new_employees=plan.new_employees,
            changed_employees=plan.changed_employees,
            employee_fields=plan.employee_fields,
            new_positions=plan.new_positions,
            changed_positions=plan.changed_positions,
            position_fields=plan.position_fields,
            new_approvals=plan.new_approvals,
            via=via,
        )
        audit.record_bulk_read(
            actor, AuditEvent.Action.IMPORT, "workforce.employee", result.rows,
            trust_id=trust_ids[0] if len(trust_ids) == 1 else None,
            via=via, detail={"employees": result.employees.as_dict(),
                             "positions": result.positions.as_dict(),
                             "approvals": result.approvals.as_dict()},
        )
        return True

    run = run_import(file_name, data, validate=validate, write=write, dry_run=dry_run)
    result.rows = run.rows
    result.errors = run.problems
    if run.problems:
        result.employees, result.positions = Counts(), Counts()
        result.approvals = Counts()
        result.preview, result.trust_ids, result.unit_ids = [], [], []
        return result
    if run.plan is not None:
        _fill_counts(result, run.plan)
    result.written = bool(run.written)
    return result


def _fill_counts(result: ImportResult, plan: Plan) -> None:
    result.employees = Counts(len(plan.new_employees), len(plan.changed_employees),
                              plan.unchanged_employees)
    result.positions = Counts(len(plan.new_positions), len(plan.changed_positions),
                              plan.unchanged_positions)
    result.approvals = Counts(len(plan.new_approvals), 0, plan.unchanged_approvals)
    result.preview = plan.preview
    result.trust_ids = sorted(plan.trust_ids)
    result.unit_ids = sorted(plan.unit_ids)
