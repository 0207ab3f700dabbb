"""Access-matrix rows for the education app's pages and API (see tests/test_access_matrix.py).

The world gets one candidate: Kari Lege (doctor in BUP Nord) on LIS3 BUP, supervised by
Erik Ansatt (employee_erik). So Erik, as her assigned supervisor, sees her pathway; Lise
(leader of BUP Nord) and Arne (adviser of Nordvik HF) manage it; Ola (BUP Sør) and Sara
(the other trust) do not see it; Pia (planner) sees only the aggregates.
"""

from __future__ import annotations

import datetime as dt

from tests.matrix_support import EVERYONE, Case, only, page
from tests.personas import World

SECTION_A_MANAGERS = only("leader_lise", "adviser_arne", "admin_ada")
KARI_READERS = only("employee_erik", "leader_lise", "adviser_arne", "admin_ada")
UNIT_READERS = only("leader_lise", "adviser_arne", "planner_pia", "admin_ada")
PERSON_READERS = only("employee_erik", "leader_lise", "leader_ola", "adviser_arne",
                      "adviser_sara", "admin_ada")


def _api(name: str, query: str):
    build = page(name)
    return lambda world, extra: f"{build(world, extra)}?unit={world.section_a.pk}{query}"


CASES: list[Case] = [
    Case("education:mine", page("education:mine"), only("employee_erik")),
    Case("education:candidate", page("education:candidate", "kari_lis"), KARI_READERS),
    Case("education:unit", page("education:unit", "section_a"), SECTION_A_MANAGERS),
    Case("education:unit", page("education:unit", "section_b"),
         only("leader_ola", "adviser_arne", "admin_ada")),
    Case("education:unit_export", page("education:unit_export", "section_a"),
         SECTION_A_MANAGERS),
    Case("education:pipeline", page("education:pipeline", "section_a"), UNIT_READERS),
    Case("education:pipeline", page("education:pipeline", "region"),
         only("planner_pia", "admin_ada")),
    Case("education:pipeline_export", page("education:pipeline_export", "section_a"),
         UNIT_READERS),
    Case("education:capacity", page("education:capacity", "section_a"), UNIT_READERS),
    Case("education:templates", page("education:templates"), EVERYONE),
    Case("education:template", page("education:template", "lis3_bup"), EVERYONE),
    Case("education:goal_import", page("education:goal_import"),
         only("adviser_arne", "adviser_sara", "admin_ada")),
    # API
    Case("education-api-root", page("education-api-root"), EVERYONE),
    Case("pathwaytemplate-list", page("pathwaytemplate-list"), EVERYONE),
    Case("pathwaytemplate-detail", page("pathwaytemplate-detail", "lis3_bup"), EVERYONE),
    Case("learninggoal-list", page("learninggoal-list"), EVERYONE),
    Case("learninggoal-detail", page("learninggoal-detail", "goal"), EVERYONE),
    Case("candidate-list", page("candidate-list"), PERSON_READERS),
    Case("candidate-detail", page("candidate-detail", "kari_lis"), KARI_READERS),
    Case("learningactivity-list", page("learningactivity-list"), PERSON_READERS),
    Case("learningactivity-detail", page("learningactivity-detail", "activity"),
         KARI_READERS),
    Case("supervisionsession-list", page("supervisionsession-list"), PERSON_READERS),
    Case("supervisionsession-detail", page("supervisionsession-detail", "session"),
         KARI_READERS),
    Case("education-pipeline", _api("education-pipeline", ""), UNIT_READERS),
    Case("education-capacity", _api("education-capacity", ""), UNIT_READERS),
]

# URL names of this app that only take POST (their own tests cover who may post).
NOT_IN_MATRIX: set[str] = {"education:sign_activity", "education:approve_goal",
                           "learningactivity-sign"}


def extra(world: World) -> dict:
    """Objects this app's URLs need beyond the personas' world, by name."""
    from fagkraft.education import services
    from fagkraft.education.models import LearningGoal, PathwayTemplate
    from tests.education_support import add_pathways

    add_pathways(example_goals=True)
    lis3 = PathwayTemplate.objects.get(code="lis3-bup")
    kari = services.create_candidate(None, employee=world.kari, template=lis3,
                                     unit=world.section_a, start_date=dt.date(2024, 1, 1))
    start = dt.date(2024, 1, 1)
    services.assign_supervisor(None, kari, supervisor=world.erik, start_date=start)
    goal = LearningGoal.objects.filter(template=lis3).order_by("order").first()
    part = lis3.parts.get()
    return {
        "lis3_bup": lis3,
        "kari_lis": kari,
        "goal": goal,
        "activity": services.add_activity(None, kari, goal=goal, title="Veiledet samtale",
                                          done_on=dt.date(2024, 3, 1)),
        "session": services.log_session(None, kari, supervisor=world.erik, part=part,
                                        held_on=dt.date(2024, 3, 1), minutes=60),
    }
