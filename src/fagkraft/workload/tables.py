"""The WISN study list (django-tables2: sorting and paging)."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from fagkraft.workload.models import WisnStudy

NUM = {"td": {"class": "num"}, "th": {"class": "num"}}


class StudyTable(tables.Table):
    name = tables.LinkColumn("workload:study", args=[tables.A("pk")], verbose_name=_("Study"))
    unit = tables.Column(accessor="unit__name", verbose_name=_("Unit"))
    year = tables.Column(verbose_name=_("Year"), attrs=NUM)
    category_count = tables.Column(verbose_name=_("Staff categories"), attrs=NUM,
                                   orderable=False)
    updated_at = tables.DateTimeColumn(verbose_name=_("Changed"), format="SHORT_DATE_FORMAT")

    class Meta:
        model = WisnStudy
        fields = ["name", "unit", "year", "category_count", "updated_at"]
        attrs = {"id": "wisn-studies"}
        empty_text = _("No studies yet.")

    def render_year(self, value: int) -> str:
        return str(value)  # a year, not a number: no thousands separator
