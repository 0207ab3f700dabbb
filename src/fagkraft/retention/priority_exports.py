"""The priority-rule monitor as an .xlsx workbook: verdicts per source, register FTE."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook

from fagkraft.access.disclosure import marked
from fagkraft.core import xlsx
from fagkraft.engine.priority_rule import Verdict
from fagkraft.retention.priority import (
    PriorityReport,
    held_text,
    indicator_labels,
    service_labels,
)


def _verdicts(workbook: Workbook, title: str, verdicts: Iterable[Verdict]) -> None:
    services, indicators = service_labels(), indicator_labels()
    sheet = xlsx.header_sheet(workbook, title, [
        _("Area"), _("Year"), _("Indicator"), _("Service"), _("Growth (%)"),
        _("Somatic growth (%)"), _("Difference (percentage points)"), _("Verdict"),
        _("Source")])
    for v in verdicts:
        xlsx.append_row(sheet, [v.area, v.year, indicators[v.indicator], services[v.service],
                                v.growth.percent, v.somatic.percent, v.difference,
                                held_text(v.held),
                                "; ".join(dict.fromkeys((*v.growth.sources,
                                                         *v.somatic.sources)))])


def _summary(workbook: Workbook, report: PriorityReport) -> None:
    """The page's summary: the sentence, then held / not held / no verdict per service."""
    summary = report.summary
    sheet = xlsx.header_sheet(workbook, _("Summary"), [
        _("Service"), _("Year"), _("Held"), _("Did not hold"), _("No verdict")])
    for item in summary.services:
        xlsx.append_row(sheet, [item.service.upper(), summary.year, item.held, item.not_held,
                                item.no_verdict])
    xlsx.append_row(sheet, [summary.sentence()])


def priority_workbook(report: PriorityReport) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    _summary(workbook, report)
    _verdicts(workbook, _("Register"), report.register)
    if report.uploaded:
        _verdicts(workbook, _("Uploaded file"), report.uploaded)
    _verdicts(workbook, _("Published figures"), report.reference)
    services = service_labels()
    fte = xlsx.header_sheet(workbook, _("Register FTE"), [
        _("Area"), _("Year"), *[services[s] for s in ("phbu", "phv", "tsb", "somatic")]])
    for row in report.fte_rows:
        xlsx.append_row(fte, [row.area, row.year, *[marked(row.fte[s]) for s in (
            "phbu", "phv", "tsb", "somatic")]])
    return xlsx.workbook_bytes(workbook)
