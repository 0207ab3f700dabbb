"""A study's results as the pages, the API and the export show them.

The engine computes; this module adds where existing staff came from and hides
register-based figures resting on fewer persons than the threshold from planners.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.formats import get_format
from django.utils.translation import gettext as _

from fagkraft import access
from fagkraft.adapter import workload as adapter
from fagkraft.engine import wisn
from fagkraft.workload.models import WisnStudy


@dataclass(frozen=True)
class CategoryRow:
    result: wisn.CategoryResult
    existing: float | None  # None: unknown or hidden
    existing_source: str
    hidden: bool
    difference: float | None
    ratio: float | None


@dataclass(frozen=True)
class StudyReport:
    study: WisnStudy
    result: wisn.StudyResult
    rows: list[CategoryRow]
    comparisons: list[wisn.Comparison]
    hidden_any: bool

    @property
    def required_total(self) -> float:
        return self.result.required_staff

    @property
    def existing_total(self) -> float | None:
        values = [row.existing for row in self.rows]
        if not values or any(value is None for value in values):
            return None
        return sum(values)  # type: ignore[arg-type]


def study_report(study: WisnStudy, user: Any, today: dt.date) -> StudyReport:
    engine_study, existing = adapter.wisn_study_input(study, today)
    result = wisn.calculate(engine_study)
    rows = []
    for category in result.categories:
        known = existing[category.name]
        hidden = (known.source == "register" and known.headcount is not None
                  and not access.wisn_existing_visible(user, known.headcount))
        rows.append(CategoryRow(
            result=category, existing=None if hidden else category.existing_staff,
            existing_source=known.source, hidden=hidden,
            difference=None if hidden else category.wisn_difference,
            ratio=None if hidden else category.wisn_ratio,
        ))
    comparisons = [wisn.compare(engine_study, scenario)
                   for scenario in adapter.wisn_scenarios(study)]
    return StudyReport(study, result, rows, comparisons, any(row.hidden for row in rows))


def report_to_dict(report: StudyReport) -> dict[str, Any]:
    """JSON-safe results for the API, hidden figures as null."""
    categories = []
    for row in report.rows:
        data = wisn.category_to_dict(row.result)
        data.update(existing_staff=row.existing, existing_staff_source=row.existing_source,
                    existing_staff_hidden=row.hidden,
                    wisn_difference=None if row.difference is None else round(row.difference, 4),
                    wisn_ratio=None if row.ratio is None else round(row.ratio, 4))
        categories.append(data)
    scenarios = []
    for comparison in report.comparisons:
        data = wisn.comparison_to_dict(comparison)
        hidden = {row.result.name for row in report.rows if row.hidden}
        for item in data["rows"]:
            if item["category"] in hidden:
                item.update(existing_staff=None, wisn_ratio_before=None, wisn_ratio_after=None)
        data.pop("after")
        scenarios.append(data)
    return {
        "study": report.study.pk, "name": report.study.name, "year": report.study.year,
        "unit": report.study.unit_id, "categories": categories,
        "required_staff": round(report.required_total, 4),
        "existing_staff": report.existing_total, "scenarios": scenarios,
    }


def chart_data(report: StudyReport) -> dict[str, Any]:
    """Required and existing staff per category, and each scenario's required staff."""
    names = [row.result.name for row in report.rows]
    series = [
        {"name": _("Required staff"),
         "y": [round(row.result.required_staff, 2) for row in report.rows]},
        {"name": _("Existing"), "y": [None if row.existing is None else round(row.existing, 2)
                                     for row in report.rows]},
    ]
    for comparison in report.comparisons:
        series.append({"name": _("Required: %(scenario)s") % {"scenario": comparison.scenario},
                       "y": [round(r.required_after, 2) for r in comparison.rows]})
    return {"categories": names, "series": series, "title": _("Staff (FTE) per category"),
            "separators": f"{get_format('DECIMAL_SEPARATOR')}{get_format('THOUSAND_SEPARATOR')}"}
