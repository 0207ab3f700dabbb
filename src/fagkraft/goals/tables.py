"""The goal list (django-tables2: sorting and paging)."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from fagkraft.goals.models import Goal


class GoalTable(tables.Table):
    text = tables.LinkColumn("goals:goal", args=[tables.A("pk")], verbose_name=_("Goal"))
    kind = tables.Column(verbose_name=_("Kind"))
    unit = tables.Column(accessor="unit__name", verbose_name=_("Trust or region"))
    owner = tables.Column(accessor="owner__username", verbose_name=_("Owner"), default="")
    deadline = tables.DateColumn(verbose_name=_("Deadline"), format="SHORT_DATE_FORMAT")
    indicator_count = tables.Column(verbose_name=_("Indicators"), orderable=False,
                                    attrs={"td": {"class": "num"}, "th": {"class": "num"}})

    class Meta:
        model = Goal
        fields = ["text", "kind", "unit", "owner", "deadline", "indicator_count"]
        attrs = {"id": "goals"}
        empty_text = _("No goals yet.")

    def render_text(self, value: str) -> str:
        return value if len(value) <= 120 else value[:117] + "..."
