"""Who read or changed personal data, and when."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        READ = "read", _("Read")
        CREATE = "create", _("Created")
        UPDATE = "update", _("Updated")
        DELETE = "delete", _("Deleted")
        EXPORT = "export", _("Exported")
        IMPORT = "import", _("Imported")
        LOGIN = "login", _("Logged in")
        LOGOUT = "logout", _("Logged out")
        REFUSED = "refused", _("Login refused")

    # The keys below have no constraint in the database: events are written only by
    # fagkraft.audit.services, from the user and records in hand, and an HR import writes
    # one per record (PostgreSQL checks each key of each row at commit: for 40,000 events
    # and their persons about as long as writing them). The ORM still sets them to NULL
    # (or deletes the persons) when what they point to is deleted.
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", db_constraint=False,
    )
    # Kept as text too, so the log still says who it was if the account is deleted.
    username = models.CharField(_("user name"), max_length=150)
    action = models.CharField(_("action"), max_length=8, choices=Action.choices)
    object_type = models.CharField(_("record type"), max_length=60)
    object_id = models.CharField(_("record id"), max_length=40, blank=True)
    object_repr = models.CharField(_("record"), max_length=200, blank=True)
    # No index of its own: the (trust, -at) index below leads with it (an import writes
    # an event per record, and each index is a write per event).
    trust = models.ForeignKey(
        "workforce.Unit", verbose_name=_("health trust"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", db_index=False, db_constraint=False,
    )
    via = models.CharField(_("via"), max_length=200, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["trust", "-at"]),
            # data_version() reads the newest write event per action through this index.
            models.Index(fields=["action", "id"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%d.%m.%Y %H:%M} {self.username} {self.action} {self.object_repr}"


class AuditPerson(models.Model):
    """A person an event is about: one row per employee id, so the log can be searched by
    the person concerned. A plain id, not a foreign key: the log outlives the record."""

    # Looked up through the unique constraint, which leads with the event; no key
    # constraint in the database, as for the event's own keys.
    event = models.ForeignKey(AuditEvent, verbose_name=_("audit event"),
                              on_delete=models.CASCADE, related_name="persons",
                              db_index=False, db_constraint=False)
    employee_id = models.PositiveBigIntegerField(_("employee id"), db_index=True)

    class Meta:
        verbose_name = _("person in an audit event")
        verbose_name_plural = _("persons in audit events")
        constraints = [models.UniqueConstraint(fields=["event", "employee_id"],
                                               name="audit_person_once_per_event")]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.employee_id}"
