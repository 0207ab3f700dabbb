"""`bulk_create_candidates` writes what `create_candidate` writes, and `bulk_add_records`
writes records of candidates it has just created.

On the personas' world with the shipped templates (built once for the module): the same
candidates one at a time (rolled back) and in bulk give the same rows and the same audit
events, compared without ids and timestamps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from fagkraft.audit.models import AuditEvent
from fagkraft.education import services
from fagkraft.education.models import (
    Candidate,
    CandidateSupervisor,
    PathwayTemplate,
    PracticePeriod,
)
from fagkraft.workforce import services as workforce
from tests.education_support import add_pathways
from tests.personas import World, build_world
from tests.shared_data import fresh, module_data

D = dt.date


@dataclass
class Setting:
    world: World
    lis3: PathwayTemplate
    psy: PathwayTemplate


def _build() -> Setting:
    world = build_world()
    add_pathways(example_goals=False)
    return Setting(world, PathwayTemplate.objects.get(code="lis3-bup"),
                   PathwayTemplate.objects.get(code="psy-bu"))


module_education_setting = module_data(_build, name="module_education_setting")


@pytest.fixture
def setting(module_education_setting, db) -> Setting:
    return fresh(module_education_setting)


def _inputs(s: Setting) -> list[dict]:
    w = s.world
    position = w.kari.positions.get()
    return [
        dict(employee=w.kari, template=s.lis3, unit=w.section_a, start_date=D(2024, 1, 1),
             education_position=position),
        dict(employee=w.siri, template=s.psy, unit=w.section_b, start_date=D(2022, 8, 15),
             planned_end=D(2028, 1, 31), permanent_unit=w.section_b),
        dict(employee=w.tor, template=s.psy, unit=w.other_section, start_date=D(2021, 3, 1),
             note="Permisjon høsten 2023"),
    ]


def _written(candidates: list[Candidate]) -> dict:
    rows = list(Candidate.objects.filter(pk__in=[c.pk for c in candidates]).order_by("pk"))
    place = {str(row.pk): index for index, row in enumerate(rows)}
    events = [(e.action, place[e.object_id], e.object_repr, e.trust_id, e.via, e.detail,
               e.username, frozenset(e.persons.values_list("employee_id", flat=True)))
              for e in AuditEvent.objects.filter(object_type="education.candidate",
                                                 object_id__in=list(place)).order_by("pk")]
    return {
        "rows": [(c.employee_id, c.template_id, c.unit_id, c.start_date, c.planned_end,
                  c.status, c.completed_on, c.education_position_id, c.permanent_unit_id,
                  c.written_work_approved_on, c.note) for c in rows],
        "events": events,
    }


def test_bulk_create_candidates_writes_what_create_candidate_writes(setting):
    s, w = setting, setting.world
    inputs = _inputs(s)
    with transaction.atomic():
        expected = _written([services.create_candidate(None, **fields) for fields in inputs])
        transaction.set_rollback(True)
    assert not Candidate.objects.exists()
    made = services.bulk_create_candidates(
        actor=None, candidates=[Candidate(**fields) for fields in inputs])
    assert _written(made) == expected

    # By hand: the planned end is the template's length after the start unless given
    # (60 months for both), each candidate one event about
    # them, in their trust.
    assert s.lis3.nominal_months == s.psy.nominal_months == 60
    assert [row[4] for row in expected["rows"]] == [D(2029, 1, 1), D(2028, 1, 31),
                                                   D(2026, 3, 1)]
    assert [event[-1] for event in expected["events"]] == [{w.kari.pk}, {w.siri.pk},
                                                          {w.tor.pk}]
    assert [event[3] for event in expected["events"]] == [w.trust.pk, w.trust.pk,
                                                         w.other_trust.pk]


def test_records_of_new_candidates_follow_them_in(setting):
    """The seeder's order: records made for unsaved candidates, written after them."""
    s, w = setting, setting.world
    candidate = Candidate(employee=w.kari, template=s.lis3, unit=w.section_a,
                          start_date=D(2024, 1, 1))
    part = s.lis3.parts.order_by("order").first()
    records = [CandidateSupervisor(candidate=candidate, supervisor=w.erik,
                                   start_date=D(2024, 1, 1)),
               PracticePeriod(candidate=candidate, part=part, unit=w.section_a,
                              start_date=D(2024, 1, 1), fte_percent=Decimal("80"))]
    with pytest.raises(ValueError):  # not before the candidate is written
        services.bulk_add_records(None, records[:1])
    services.bulk_create_candidates(actor=None, candidates=[candidate])
    assert services.bulk_add_records(None, records, via="test") == 2
    period = PracticePeriod.objects.get()
    assert (period.candidate_id, period.fte_percent, period.supervised) == (
        candidate.pk, Decimal("80.0"), True)  # the field's default kept
    assert CandidateSupervisor.objects.get().candidate_id == candidate.pk
    assert AuditEvent.objects.filter(via="test").count() == 2


def test_bulk_create_candidates_refuses_what_create_candidate_refuses(setting):
    s, w = setting, setting.world
    services.create_candidate(None, employee=w.kari, template=s.lis3, unit=w.section_a,
                              start_date=D(2024, 1, 1))
    other_position = workforce.add_position(None, w.siri, unit=w.section_b, fte_percent=50,
                                            kind="education", start_date=D(2024, 1, 1))
    refused = {
        "already a candidate": [dict(employee=w.kari, template=s.lis3, unit=w.section_a,
                                     start_date=D(2025, 1, 1))],
        "twice": [dict(employee=w.tor, template=s.psy, unit=w.other_section,
                       start_date=D(2021, 3, 1))] * 2,
        "ends before it starts": [dict(employee=w.siri, template=s.psy, unit=w.section_b,
                                       start_date=D(2022, 1, 1), planned_end=D(2021, 1, 1))],
        "someone else's position": [dict(employee=w.erik, template=s.psy, unit=w.section_a,
                                         start_date=D(2022, 1, 1),
                                         education_position=other_position)],
        "completed without a date": [dict(employee=w.erik, template=s.psy, unit=w.section_a,
                                          start_date=D(2022, 1, 1), status="completed")],
    }
    for name, inputs in refused.items():
        with pytest.raises(ValidationError):
            services.bulk_create_candidates(
                actor=None, candidates=[Candidate(**fields) for fields in inputs])
        assert Candidate.objects.count() == 1, name
        # One at a time the first of them is refused as well.
        with pytest.raises(ValidationError), transaction.atomic():
            for fields in inputs:
                services.create_candidate(None, **fields)
