from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from fagkraft.imports.models import ColumnMap, ImportJob


class ImportJobTable(tables.Table):
    file_name = tables.LinkColumn("imports:job", args=[tables.A("pk")], verbose_name=_("File"))
    created_at = tables.DateTimeColumn(verbose_name=_("Uploaded"), format="SHORT_DATETIME_FORMAT")
    user = tables.Column(verbose_name=_("By"), default="system")
    status = tables.Column(verbose_name=_("Status"))
    rows = tables.Column(verbose_name=_("Rows"), accessor="summary__rows", default="",
                         orderable=False, attrs={"td": {"class": "num"}})
    problems = tables.Column(verbose_name=_("Problems"), accessor="summary__error_count",
                             default=0, orderable=False, attrs={"td": {"class": "num"}})

    class Meta:
        model = ImportJob
        fields = ["file_name", "created_at", "user", "status", "rows", "problems"]
        order_by = "-created_at"


class ColumnMapTable(tables.Table):
    name = tables.LinkColumn("imports:map_edit", args=[tables.A("pk")], verbose_name=_("Name"))
    trust = tables.Column(verbose_name=_("Health trust"), default=_("All"))
    updated_at = tables.DateTimeColumn(verbose_name=_("Updated"), format="SHORT_DATETIME_FORMAT")

    class Meta:
        model = ColumnMap
        fields = ["name", "trust", "updated_at"]
