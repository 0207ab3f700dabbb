"""Tables of the funding pages (django-tables2: sorting and paging)."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from fagkraft.funding.messages import kroner
from fagkraft.funding.models import Application, Programme

NUM = {"td": {"class": "num"}, "th": {"class": "num"}}


class ProgrammeTable(tables.Table):
    name = tables.LinkColumn("funding:programme", args=[tables.A("pk")],
                             verbose_name=_("Programme"))
    owner = tables.Column(accessor="owner__name", verbose_name=_("Owner"))
    start_year = tables.Column(verbose_name=_("Period"))
    total_budget = tables.Column(verbose_name=_("Total budget"), attrs=NUM)

    class Meta:
        model = Programme
        fields = ["name", "owner", "start_year", "total_budget"]
        attrs = {"id": "funding-programmes"}
        empty_text = _("No programmes yet.")

    def render_start_year(self, record: Programme) -> str:
        return f"{record.start_year}-{record.end_year}"

    def render_total_budget(self, value: int) -> str:
        return kroner(value)


class ApplicationTable(tables.Table):
    title = tables.LinkColumn("funding:application", args=[tables.A("pk")],
                              verbose_name=_("Application"))
    lead_trust = tables.Column(accessor="lead_trust__name", verbose_name=_("Lead trust"))
    state = tables.Column(verbose_name=_("State"))
    submitted_at = tables.DateTimeColumn(verbose_name=_("Submitted"),
                                         format="SHORT_DATETIME_FORMAT")

    class Meta:
        model = Application
        fields = ["title", "lead_trust", "state", "submitted_at"]
        attrs = {"id": "funding-applications"}
        empty_text = _("No applications you may see.")
