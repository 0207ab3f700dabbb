from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

from fagkraft.accounts.models import GroupClaimMapping, Profile
from fagkraft.audit import services as audit
from fagkraft.audit.admin_mixins import AuditedModelAdmin
from fagkraft.audit.models import AuditEvent


@admin.register(Profile)
class ProfileAdmin(AuditedModelAdmin):
    list_display = ["user", "role", "unit", "employee"]
    list_filter = ["role"]
    raw_id_fields = ["employee"]


@admin.register(GroupClaimMapping)
class GroupClaimMappingAdmin(AuditedModelAdmin):
    """Which group at the login service gives which role and unit (single sign-on)."""

    list_display = ["claim_value", "role", "unit", "description"]
    list_filter = ["role"]
    search_fields = ["claim_value", "description"]
    autocomplete_fields = ["unit"]


# Django's own user and group admin, audited: a change to an account or a group's
# permissions is a write like any other.
admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class AuditedUserAdmin(AuditedModelAdmin, UserAdmin):
    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:  # saved
            user = self.get_object(request, id)
            audit.record(request.user, AuditEvent.Action.UPDATE, user, via="admin",
                         detail={"changed": ["password"]})
        return response


@admin.register(Group)
class AuditedGroupAdmin(AuditedModelAdmin, GroupAdmin):
    pass
