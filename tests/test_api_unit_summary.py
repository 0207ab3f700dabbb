"""GET /api/units/{id}/summary/: the unit page's key figures, with the same access rules.

NV-BUP-A (BUP Nord) today: Erik (psychologist, 100 %, child-psychology specialist since
2019) and Kari (doctor, 100 %, no approval). Both professions count in the specialist
share, so: headcount 2, FTE 100 % + 100 % = 2.0, specialists 1 of 2 eligible = 0.5.
"""

from __future__ import annotations


def test_leader_gets_own_units_figures(world, login):
    response = login("leader_lise").get(f"/api/units/{world.section_a.pk}/summary/")
    assert response.status_code == 200
    data = response.json()
    assert (data["unit_code"], data["headcount"], data["fte"]) == ("NV-BUP-A", 2, 2.0)
    assert (data["specialists"], data["specialist_eligible"]) == (1, 2)
    assert data["specialist_share"] == 0.5
    assert data["suppressed"] is False


def test_planner_gets_small_counts_suppressed(world, login):
    """2 people is under the threshold of 5: the planner sees null, not 2."""
    data = login("planner_pia").get(f"/api/units/{world.section_a.pk}/summary/").json()
    assert data["suppressed"] is True
    assert data["headcount"] is None and data["fte"] is None


def test_summary_outside_scope_is_404(world, login):
    assert login("leader_lise").get(
        f"/api/units/{world.section_b.pk}/summary/").status_code == 404


def test_employee_has_no_unit_summaries(world, login):
    assert login("employee_erik").get(
        f"/api/units/{world.section_a.pk}/summary/").status_code == 404
