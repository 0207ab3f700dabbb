"""Tables of the education pages (django-tables2)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from fagkraft.workforce.templatetags.workforce_ui import percent


class CandidateTable(tables.Table):
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
