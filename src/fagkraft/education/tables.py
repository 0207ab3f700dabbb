"""Tables of the education pages (django-tables2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from fagkraft.core.rows import DirectRows
from fagkraft.workforce.templatetags.workforce_ui import percent


def _short_date(value: dt.date | None) -> str | None:
    # A DateColumn's template: {{ value|date:"SHORT_DATE_FORMAT"|default:default }}.
    return date_format(value, "SHORT_DATE_FORMAT") if value else None


class CandidateTable(DirectRows, tables.Table):
    """Rows are fagkraft.education.reports.CandidateView objects."""

    name = tables.Column(_("Name"), accessor="candidate__employee", order_by=(
        "candidate__employee__last_name", "candidate__employee__first_name"))
    pathway = tables.Column(_("Pathway"), accessor="candidate__template__name")
    unit = tables.Column(_("Unit"), accessor="candidate__unit__name")
    start = tables.DateColumn(verbose_name=_("Start date"), accessor="candidate__start_date",
                              short=True)
    planned = tables.DateColumn(verbose_name=_("Planned end"),
                                accessor="candidate__planned_end", short=True)
    expected = tables.DateColumn(verbose_name=_("Expected completion"),
                                 accessor="forecast__expected_on", short=True)
    share = tables.Column(_("Progress"), accessor="share", attrs={"td": {"class": "num"}})
    next_rule = tables.Column(_("Not yet met"), accessor="next_rule", orderable=False)
    behind = tables.Column(_("Behind schedule"), accessor="forecast__behind")

    class Meta:
        attrs = {"id": "candidates"}
        row_attrs = {"id": lambda record: f"candidate-{record.candidate.pk}"}
        order_by = ("name",)
        # django-tables2's header and pager, with the rows written by `cells_html`.
        template_name = "core/_direct_rows_table.html"

    def cells_html(self, record: Any) -> SafeString:
        """One row's cells, as django-tables2's generic row writes them: a trust's page of
        50 candidates took 0.2 s in accessors, signature inspection and the date columns'
        templates (tests/test_candidate_table_rows.py checks the output is the same)."""
        candidate, forecast = record.candidate, record.forecast
        return self.cells_of({
            "name": self.render_name(record),
            "pathway": candidate.template.name,
            "unit": candidate.unit.name,
            "start": _short_date(candidate.start_date),
            "planned": _short_date(candidate.planned_end),
            "expected": _short_date(forecast.expected_on),
            "share": None if record.share is None else self.render_share(record.share),
            "next_rule": record.next_rule,
            "behind": None if forecast.behind is None else self.render_behind(record),
        })

    def render_name(self, record: Any) -> str:
        url = reverse("education:candidate", args=[record.candidate.pk])
        return format_html('<a href="{}">{}</a>', url, record.candidate.employee.full_name)

    def render_share(self, value: float | None) -> str:
        return percent(value, 0)

    def render_behind(self, record: Any) -> str:
        if record.candidate.status != "active":
            return record.candidate.get_status_display()
        if record.forecast.behind:
            return format_html('<span class="badge bad">{}</span>', _("Behind"))
        if record.forecast.within_grace:
            return format_html('<span class="badge warn">{}</span>', record.grace_label)
        return format_html('<span class="badge ok">{}</span>', _("On track"))
