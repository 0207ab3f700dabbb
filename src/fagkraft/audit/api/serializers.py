from rest_framework import serializers

from fagkraft.audit.models import AuditEvent


class AuditEventSerializer(serializers.ModelSerializer):
    # The employee ids of the persons the event is about.
    persons = serializers.SlugRelatedField(many=True, read_only=True, slug_field="employee_id")

    class Meta:
        model = AuditEvent
        fields = ["id", "at", "user", "username", "action", "object_type", "object_id",
                  "object_repr", "persons", "trust", "via", "detail"]
