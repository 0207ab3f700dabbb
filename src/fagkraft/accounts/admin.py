from django.contrib import admin

from fagkraft.accounts.models import Profile
from fagkraft.audit.admin_mixins import AuditedModelAdmin


@admin.register(Profile)
class ProfileAdmin(AuditedModelAdmin):
    list_display = ["user", "role", "unit", "employee"]
    list_filter = ["role"]
    raw_id_fields = ["employee"]
