"""drf-spectacular builds the schema without a single warning or error.

A warning there means an incorrect schema (two components named "Scenario": clients would
get one shape for two resources) or unstable enum names that change with every new field.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


@pytest.mark.django_db
def test_schema_generation_emits_no_warning_or_error(tmp_path, capsys):
    target = tmp_path / "schema.yaml"
    try:
        call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    except CommandError as failure:  # pragma: no cover - the message is the diagnosis
        pytest.fail(f"{failure}\n{capsys.readouterr().err}")
    assert "Scenario:" in target.read_text()
    assert "WisnScenario:" in target.read_text()
