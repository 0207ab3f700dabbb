"""The only code that writes projection scenarios. Every write is audit-logged.

Each function takes the acting user first (None for the system: CLI, seeding). Who may
call what is checked by the callers through fagkraft.access (see its projections part);
these functions keep the data consistent: a scenario document is always valid in the
engine's format, or the write is refused with every problem and its JSON path.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.audit.services import Actor
from fagkraft.projections import register
from fagkraft.projections.models import Scenario
from fagkraft.projections.runs import problems_text
from fagkraft.projections.scenario_file import validate_scenario
from fagkraft.workforce.models import Unit

Action = AuditEvent.Action


def _owner(actor: Actor) -> Any:
    return actor if actor is not None and actor.is_authenticated else None


def check_document(document: dict[str, Any]) -> None:
    """ValidationError with one message per problem ("path: message") if invalid."""
    scenario, problems = validate_scenario(document)
    if scenario is None:
        raise ValidationError({"document": problems_text(problems)})


# Zulip style: the public services are the outermost, durable transactions; what they
# share joins the caller's transaction (savepoint=False) instead of nesting one.
@transaction.atomic(savepoint=False)
def _create_scenario(
    actor: Actor, *, name: str, unit: Unit, document: dict[str, Any], service_area: str = "",
    notes: str = "", register_basis: dict[str, Any] | None = None, owner: Any = None,
) -> Scenario:
    document = {**document, "name": name}
    check_document(document)
    scenario = Scenario(
        name=name, unit=unit, service_area=service_area, document=document, notes=notes,
        register_basis=register_basis or {}, owner=owner if owner is not None else _owner(actor),
    )
    scenario.full_clean()
    scenario.save()
    audit.record(actor, Action.CREATE, scenario, detail={"unit": unit.code})
    return scenario


# The same function as the outermost, durable transaction.
create_scenario = transaction.atomic(durable=True)(_create_scenario.__wrapped__)


@transaction.atomic(durable=True)
def create_from_register(
    actor: Actor, *, name: str, unit: Unit, service_area: str, professions: list[str],
    today: dt.date, base_year: int, end_year: int, area: dict[str, Any] | None = None,
    alternative: str = "MMMM", notes: str = "", owner: Any = None,
) -> Scenario:
    built = register.build(name=name, unit=unit, service_area=service_area,
                           professions=professions, today=today, base_year=base_year,
                           end_year=end_year, area=area, alternative=alternative)
    return _create_scenario(actor, name=name, unit=unit, service_area=service_area,
                            document=built.document, notes=notes,
                            register_basis=built.basis, owner=owner)


@transaction.atomic(savepoint=False)
def _update_scenario(actor: Actor, scenario: Scenario, **changes: Any) -> Scenario:
    """Change name, notes or the document; the document's name follows the scenario's."""
    changed = sorted(changes)
    if "document" in changes or "name" in changes:
        document = copy.deepcopy(changes.pop("document", scenario.document))
        document["name"] = changes.get("name", scenario.name)
        check_document(document)
        changes["document"] = document
    for field, value in changes.items():
        setattr(scenario, field, value)
    scenario.full_clean()
    scenario.save()
    audit.record(actor, Action.UPDATE, scenario, detail={"changed": changed})
    return scenario


update_scenario = transaction.atomic(durable=True)(_update_scenario.__wrapped__)


@transaction.atomic(durable=True)
def set_assumptions(
    actor: Actor, scenario: Scenario, profession: str, values: dict[str, Any]
) -> Scenario:
    """Change assumptions of one profession (demand or supply fields of the document).

    `values` maps "demand.<field>" or "supply.<field>" to a value; None removes the field
    (the engine's default applies). Used by the assumptions form and the API.
    """
    document = copy.deepcopy(scenario.document)
    spec = document.get("professions", {}).get(profession)
    if spec is None:
        raise ValidationError({"profession": [f"{profession}"]})
    for dotted, value in values.items():
        part, field = dotted.split(".", 1)
        target = spec.setdefault(part, {})
        if value is None:
            target.pop(field, None)
        else:
            target[field] = value
    return _update_scenario(actor, scenario, document=document)


@transaction.atomic(durable=True)
def copy_scenario(actor: Actor, scenario: Scenario, *, name: str) -> Scenario:
    """A copy owned by the actor, e.g. to vary a colleague's scenario."""
    return _create_scenario(
        actor, name=name, unit=scenario.unit, service_area=scenario.service_area,
        document=copy.deepcopy(scenario.document), notes=scenario.notes,
        register_basis=copy.deepcopy(scenario.register_basis),
    )


@transaction.atomic(durable=True)
def delete_scenario(actor: Actor, scenario: Scenario) -> None:
    audit.record(actor, Action.DELETE, scenario)
    scenario.delete()
