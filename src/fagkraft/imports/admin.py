from django.contrib import admin

from fagkraft.imports.models import ColumnMap, ImportJob


@admin.register(ColumnMap)
class ColumnMapAdmin(admin.ModelAdmin):
    list_display = ["name", "trust", "updated_at"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["file_name", "user", "status", "created_at"]
    list_filter = ["status"]
    exclude = ["data"]
    readonly_fields = ["kind", "file_name", "column_map", "user", "scope_unit", "status",
                       "summary"]
