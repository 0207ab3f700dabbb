"""The audit log names record types as people read them, for every kind of record."""

from django.utils import translation

from fagkraft.audit.filtersets import record_type_label, record_types


def test_every_model_type_has_a_readable_bokmal_name(db):
    with translation.override("nb"):
        labels = dict(record_types())
        assert labels["workforce.employee"] == "Ansatt"
        assert labels["accounts.profile"] == "Profil"
        assert "." not in "".join(labels.values())  # no raw "app.model" left
        # A page of people's competence status, not one model: named too (issue 12).
        assert record_type_label("competence.status") == "Kompetansestatus"
        assert labels["competence.status"] == "Kompetansestatus"
        assert record_type_label("no.such") == "no.such"
