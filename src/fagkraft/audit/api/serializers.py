from rest_framework import serializers

from fagkraft.audit.models import AuditEvent


class AuditEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEvent
        fields = ["id", "at", "user", "username", "action", "object_type", "object_id",
                  "object_repr", "trust", "via", "detail"]
