"""The pipeline: expected specialist completions per year, and education positions ending
with or without a permanent post, counted by hand on a handful of candidates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache

from fagkraft.access import disclosure
from fagkraft.adapter import education as adapter
from fagkraft.audit.services import WRITE_ACTIONS, data_version
from fagkraft.education import reports, services
from fagkraft.education.models import PathwayTemplate
from fagkraft.engine import pathways as p
from fagkraft.workforce import services as workforce
from tests.personas import World

TODAY = dt.date(2025, 1, 1)


def test_completions_by_year_engine():
    candidates = [
        p.Candidate(1, "psychologist", "PS-BU", dt.date(2027, 3, 1)),
        p.Candidate(2, "psychologist", "PS-BU", dt.date(2027, 12, 31)),
        p.Candidate(3, "psychiatrist", "LE-BUP", dt.date(2027, 6, 1)),
        p.Candidate(4, "psychologist", "PS-BU", dt.date(2036, 1, 1)),  # after the range
    ]
    assert p.completions_by_year(candidates, 2026, 2035) == [
        ("psychiatrist", "LE-BUP", 2027, 1.0),
        ("psychologist", "PS-BU", 2027, 2.0),
    ]


def test_posts_ending_by_year_engine():
    posts = [p.EducationPost(1, dt.date(2027, 6, 30), True),
             p.EducationPost(2, dt.date(2027, 8, 31), False),
             p.EducationPost(3, dt.date(2028, 1, 31), False)]
    assert p.posts_ending_by_year(posts, 2027, 2029) == {
        2027: (1, 1), 2028: (0, 1), 2029: (0, 0)}


def _person(world: World, number: str, unit, kind: str = "education",
            end: dt.date | None = None):
    employee = workforce.create_employee(
        None, trust=world.trust, employee_number=number, first_name="Kandidat",
        last_name=number, birth_date=dt.date(1990, 1, 1), sex="F",
        profession=world.psychologist)
    position = workforce.add_position(None, employee, unit=unit, fte_percent=100, kind=kind,
                                      start_date=dt.date(2024, 1, 1), end_date=end)
    return employee, position


@pytest.fixture
def pipeline(world: World):
    services.seed_templates(None)
    psy = PathwayTemplate.objects.get(code="psy-bu")
    lis1 = PathwayTemplate.objects.get(code="lis1")
    felles, = psy.parts.filter(code="felles")
    made = {}

    # A: started 1 Jan 2024, the common year done by 1 Jan 2025 (shares 0.2 / 0.25 /
    # 0.375, see test_pathway_completion): expected 4 Jan 2029 -> 2029.
    employee, position = _person(world, "9001", world.section_a, end=dt.date(2029, 1, 1))
    a = services.create_candidate(None, employee=employee, template=psy,
                                  unit=world.section_a, start_date=dt.date(2024, 1, 1),
                                  education_position=position,
                                  permanent_unit=world.section_a)
    services.assign_supervisor(None, a, supervisor=world.erik, start_date=dt.date(2024, 1, 1))
    services.add_period(None, a, part=felles, start_date=dt.date(2024, 1, 1),
                        end_date=dt.date(2024, 12, 31), fte_percent=100)
    services.log_session(None, a, supervisor=world.erik, part=felles,
                         held_on=dt.date(2024, 6, 1), minutes=600)
    for day in (2, 3, 4, 5):
        services.log_session(None, a, supervisor=world.erik, part=felles,
                             held_on=dt.date(2024, 6, day), minutes=525)
    services.add_course(None, a, part=felles, title="Fellesprogram", hours=96,
                        held_on=dt.date(2024, 9, 1))
    made["a"] = a
    # B: finished on 30 June 2024 -> 2024.
    employee, _ = _person(world, "9002", world.section_a, kind="permanent")
    made["b"] = services.create_candidate(
        None, employee=employee, template=psy, unit=world.section_a,
        start_date=dt.date(2019, 1, 1), status="completed", completed_on=dt.date(2024, 6, 30))
    # C: LIS1 leads to no specialist: never in the pipeline.
    employee, position = _person(world, "9003", world.section_a)
    made["c"] = services.create_candidate(None, employee=employee, template=lis1,
                                          unit=world.section_a, start_date=dt.date(2024, 9, 1),
                                          education_position=position)
    # D: discontinued: never in the pipeline.
    employee, _ = _person(world, "9004", world.section_a)
    made["d"] = services.create_candidate(None, employee=employee, template=psy,
                                          unit=world.section_a, start_date=dt.date(2023, 1, 1),
                                          status="discontinued")
    # E: in BUP Sør since 1 Dec 2024, nothing done: the planned end 1 Dec 2029 -> 2029.
    # Her education position ends 30 Nov 2027 without a permanent post lined up.
    employee, position = _person(world, "9005", world.section_b, end=dt.date(2027, 11, 30))
    made["e"] = services.create_candidate(None, employee=employee, template=psy,
                                          unit=world.section_b, start_date=dt.date(2024, 12, 1),
                                          education_position=position)
    return made


def test_expected_completion_of_a_real_candidate(pipeline):
    # 600 + 4 x 525 = 2700 minutes = 60 hours of 45 minutes.
    status = adapter.pathway_statuses([pipeline["a"]], TODAY)[pipeline["a"].pk]
    assert status.progress.totals["supervision"].done == pytest.approx(60.0)
    assert status.forecast.expected_on == dt.date(2029, 1, 4)


def test_pipeline_completions_contract(pipeline, world: World):
    frame = adapter.pipeline_completions(None, 2024, 2034, today=TODAY)
    assert list(frame.columns) == ["profession", "specialty", "year", "completions"]
    rows = sorted(frame.itertuples(index=False, name=None))
    # A and E in 2029, B in 2024; C (LIS1) and D (discontinued) never.
    assert rows == [("psychologist", "PS-BU", 2024, 1.0), ("psychologist", "PS-BU", 2029, 2.0)]
    assert frame["year"].dtype == "int64" and frame["completions"].dtype == "float64"
    # BUP Nord only: E (BUP Sør) drops out.
    north = adapter.pipeline_completions([world.section_a.pk], 2025, 2034, today=TODAY)
    assert sorted(north.itertuples(index=False, name=None)) == [
        ("psychologist", "PS-BU", 2029, 1.0)]
    # No candidates in the range: an empty frame with the same columns.
    empty = adapter.pipeline_completions([world.other_section.pk], 2025, 2034, today=TODAY)
    assert empty.empty and list(empty.columns) == list(frame.columns)


def test_education_posts_ending(pipeline, world: World):
    # A's position ends 1 Jan 2029 with a post lined up in BUP Nord; E's ends 30 Nov 2027
    # without one. C and D hold education positions without an end date: C's follows her
    # planned end (LIS1 from 1 Sep 2024 + 18 months = 1 Mar 2026); D's is not linked to
    # a running pathway, so her open position has no end to count.
    ending = adapter.education_posts_ending(None, 2025, 2029)
    assert ending == {2025: (0, 0), 2026: (0, 1), 2027: (0, 1), 2028: (0, 0), 2029: (1, 0)}


def test_per_unit_reads_give_each_units_own_figures(pipeline, world: World):
    """The region's disclosure table reads every unit at once (issue 15 point 7): the
    same figures as reading each unit on its own, above. A (2029) and B (2024) are in BUP
    Nord, E (2029) in BUP Sør; posts: A's ends 2029 with a post lined up, C's (LIS1,
    BUP Nord) 1 Mar 2026 without, E's 30 Nov 2027 without."""
    units = [world.section_a.pk, world.section_b.pk, world.other_section.pk]
    done = adapter.pipeline_completions_by_unit(units, 2024, 2034, today=TODAY)
    assert done == {world.section_a.pk: [("psychologist", "PS-BU", 2024, 1.0),
                                         ("psychologist", "PS-BU", 2029, 1.0)],
                    world.section_b.pk: [("psychologist", "PS-BU", 2029, 1.0)]}
    ending = adapter.education_posts_ending_by_unit(units, 2025, 2029)
    assert ending == {
        world.section_a.pk: {2025: (0, 0), 2026: (0, 1), 2027: (0, 0), 2028: (0, 0),
                             2029: (1, 0)},
        world.section_b.pk: {2025: (0, 0), 2026: (0, 0), 2027: (0, 1), 2028: (0, 0),
                             2029: (0, 0)},
        world.other_section.pk: {year: (0, 0) for year in range(2025, 2030)},
    }
    for uid in units:
        assert ending[uid] == adapter.education_posts_ending([uid], 2025, 2029)


def test_the_protected_pipeline_is_computed_once_per_data_version(pipeline, world: World,
                                                                  django_assert_max_num_queries):
    """The disclosure table of a tree is cached under its own key: a second view reads
    no candidate (before, the key was overwritten by a loop variable and never hit)."""
    cache.clear()
    first = reports.pipeline_suppression(world.section_a, TODAY)
    root = disclosure.root_of(world.section_a)
    key = (f"disclosure-pipeline:{root.pk}:{reports.PIPELINE_YEARS}:"
           f"{disclosure.threshold()}:{TODAY.isoformat()}:{data_version()}")
    assert cache.get(key) is not None
    with django_assert_max_num_queries(len(WRITE_ACTIONS) + 2):
        again = reports.pipeline_suppression(world.section_a, TODAY)
    assert again.hidden == first.hidden
