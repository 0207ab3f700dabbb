"""Access-matrix rows for the workload app's pages and API (see tests/test_access_matrix.py)."""

from __future__ import annotations

from fagkraft.workload import services
from tests.matrix_support import EVERYONE, SECTION_A_READERS, Case, only, page
from tests.personas import World

# Everyone but the employee reads studies (each in their scope).
WISN_LIST_READERS = EVERYONE - {"employee_erik"}
SECTION_A_EDITORS = only("leader_lise", "adviser_arne", "admin_ada")

CASES: list[Case] = [
    Case("workload:study_list", page("workload:study_list"), WISN_LIST_READERS),
    Case("workload:study", page("workload:study", "wisn_study"), SECTION_A_READERS),
    Case("workload:export", page("workload:export", "wisn_study"), SECTION_A_READERS),
    Case("workload:study_edit", page("workload:study_edit", "wisn_study"), SECTION_A_EDITORS),
    Case("workload:import", page("workload:import", "wisn_study"), SECTION_A_EDITORS),
    Case("workload:study_create", page("workload:study_create", "section_a"),
         SECTION_A_EDITORS),
    Case("workload:study_create", page("workload:study_create", "other_section"),
         only("adviser_sara", "admin_ada")),
    Case("workload-api-root", page("workload-api-root"), EVERYONE),
    Case("wisnstudy-list", page("wisnstudy-list"), WISN_LIST_READERS),
    Case("wisnstudy-detail", page("wisnstudy-detail", "wisn_study"), SECTION_A_READERS),
    Case("wisnstudy-results", page("wisnstudy-results", "wisn_study"), SECTION_A_READERS),
]

# URL names of this app that only take POST (tests/test_wisn_pages.py covers who may post).
NOT_IN_MATRIX: set[str] = {
    "workload:study_calendar", "workload:study_delete", "workload:category_add",
    "workload:scenario_add", "workload:category_delete", "workload:activity_add",
    "workload:allowance_add", "workload:activity_update", "workload:activity_delete",
    "workload:allowance_delete", "workload:individual_allowance_delete",
    "workload:scenario_delete", "workload:move_add", "workload:move_delete",
}


def extra(world: World) -> dict:
    """Objects this app's URLs need beyond the personas' world, by name."""
    study = services.create_study(None, unit=world.section_a, name="BUP Nord 2025", year=2025)
    category = services.add_category(None, study, name="psychologist",
                                      profession_group="psychologist")
    services.add_activity(None, category, name="contact", annual_workload=900,
                          minutes_per_unit=60)
    return {"wisn_study": study}
