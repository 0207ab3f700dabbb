"""The priority-rule monitor as an .xlsx workbook: verdicts per source, register FTE.
Typed cells through core.xlsx, with the page's decimals (growth +3,61, FTE 12,3)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from fagkraft.access.disclosure import marked
from fagkraft.core import xlsx
from fagkraft.core.cells import FTE, SIGNED, YEAR
from fagkraft.core.xlsx import Column
from fagkraft.engine.priority_rule import Verdict
from fagkraft.retention.priority import (
    PriorityReport,
    held_text,
    indicator_labels,
    service_labels,
)

SERVICES = ("phbu", "phv", "tsb", "somatic")


def _verdicts(workbook, title: str, verdicts: Iterable[Verdict]) -> None:
    services, indicators = service_labels(), indicator_labels()
    sheet = xlsx.typed_sheet(workbook, title, [
        _("Area"), Column(_("Year"), YEAR), _("Indicator"), _("Service"),
        Column(_("Growth (%)"), SIGNED), Column(_("Somatic growth (%)"), SIGNED),
        Column(_("Difference (percentage points)"), SIGNED), _("Verdict"), _("Source")])
    for v in verdicts:
        sheet.append([v.area, v.year, indicators[v.indicator], services[v.service],
                      v.growth.percent, v.somatic.percent, v.difference, held_text(v.held),
                      "; ".join(dict.fromkeys((*v.growth.sources, *v.somatic.sources)))])


def priority_workbook(report: PriorityReport) -> bytes:
    workbook = xlsx.new_workbook()
    _verdicts(workbook, _("Register"), report.register)
    if report.uploaded:
        _verdicts(workbook, _("Uploaded file"), report.uploaded)
    _verdicts(workbook, _("Published figures"), report.reference)
    services = service_labels()
    fte = xlsx.typed_sheet(workbook, _("Register FTE"), [
        _("Area"), Column(_("Year"), YEAR), *[Column(services[s], FTE) for s in SERVICES]])
    for row in report.fte_rows:
        fte.append([row.area, row.year, *[marked(row.fte[s]) for s in SERVICES]])
    return xlsx.workbook_bytes(workbook)
