"""The register's full-time equivalents by service area, per year, for the priority-rule
monitor: each trust of a tree (and the region) as an area of `engine.priority_rule`.

A year's figure is the FTE of positions held on 31 December (share of full time ÷ 100),
in units of the service area (Unit.service_area) of the area's subtree; persons are
counted too, for disclosure control. Only years that have ended are read: a growth to a
day inside the current year would compare part of a year with a whole one.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from fagkraft.engine.priority_rule import FTE, PHBU, PHV, SOMATIC, TSB, Figure
from fagkraft.workforce.models import Position, Unit

SERVICE_AREAS = (PHBU, PHV, TSB, SOMATIC)
REGISTER_SOURCE = "Fagkraft-registeret: årsverk 31.12"


@dataclass(frozen=True)
class RegisterCell:
    area: Unit
    service: str
    year: int
    fte: float
    persons: int


def register_cells(areas: list[Unit], first_year: int, last_year: int) -> list[RegisterCell]:
    """FTE and persons per area, service area and year (31 December of each year)."""
    cells = []
    for year in range(first_year, last_year + 1):
        day = dt.date(year, 12, 31)
        held = Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gt=day))
        for area in areas:
            rows = (Position.objects.filter(held, Unit.subtree_q(area.path, "unit__"),
                                            unit__service_area__in=SERVICE_AREAS)
                    .values("unit__service_area")
                    .annotate(fte=Sum("fte_percent"), persons=Count("employee", distinct=True))
                    .order_by())
            found = {row["unit__service_area"]: row for row in rows}
            for service in SERVICE_AREAS:
                row = found.get(service)
                cells.append(RegisterCell(area, service, year,
                                          float(row["fte"]) / 100 if row else 0.0,
                                          row["persons"] if row else 0))
    return cells


def first_register_year(areas: list[Unit]) -> int | None:
    q = Q()
    for area in areas:
        q |= Unit.subtree_q(area.path, "unit__")
    first = Position.objects.filter(q).order_by("start_date").values_list(
        "start_date", flat=True).first()
    return first.year if first else None


def figures_of(cells: list[RegisterCell], hidden: set[tuple[int, str, int]]) -> list[Figure]:
    """Cells as engine figures (area = the unit's name); hidden cells are left out.

    Empty cells stay in as 0 FTE: a trust without PHV has PH = PHBU, and a growth from 0
    is no growth at all (the engine gives none)."""
    return [Figure(cell.area.name, cell.service, FTE, cell.year, cell.fte, None,
                   REGISTER_SOURCE)
            for cell in cells if (cell.area.pk, cell.service, cell.year) not in hidden]


def by_key(cells: list[RegisterCell]) -> dict[tuple[int, str, int], RegisterCell]:
    result: dict[tuple[int, str, int], RegisterCell] = defaultdict()
    for cell in cells:
        result[(cell.area.pk, cell.service, cell.year)] = cell
    return result
