from django.contrib import admin

from fagkraft.audit.admin_mixins import AuditedModelAdmin
from fagkraft.imports.models import ColumnMap, ImportJob


@admin.register(ColumnMap)
class ColumnMapAdmin(AuditedModelAdmin):
    list_display = ["name", "trust", "updated_at"]


@admin.register(ImportJob)
class ImportJobAdmin(AuditedModelAdmin):
    list_display = ["file_name", "user", "status", "created_at"]
    list_filter = ["status"]
    exclude = ["data"]
    readonly_fields = ["kind", "file_name", "column_map", "user", "scope_unit", "status",
                       "summary"]
