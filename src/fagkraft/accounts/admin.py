from django.contrib import admin

from fagkraft.accounts.models import Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit", "employee"]
    list_filter = ["role"]
    raw_id_fields = ["employee"]
