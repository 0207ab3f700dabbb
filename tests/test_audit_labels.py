"""The audit log names record types as people read them, for every kind of record."""

from django.utils import translation

from fagkraft.audit.filtersets import record_type_label, record_types


def test_every_model_type_has_a_readable_bokmal_name(db):
    with translation.override("nb"):
        labels = dict(record_types())
        assert labels["workforce.employee"] == "Ansatt"
        assert labels["accounts.profile"] == "Profil"
        assert "." not in "".join(labels.values())  # no raw "app.model" left
        assert record_type_label("competence.status") == "competence.status"
