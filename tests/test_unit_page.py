"""The unit page: who sees what, filters, drill-down and the planner's suppressed counts."""

from __future__ import annotations

from django.urls import reverse

from tests.personas import World


def unit_url(unit) -> str:
    return reverse("workforce:unit", args=[unit.pk])


def test_leader_sees_staff_table_and_charts(world: World, login) -> None:
    response = login("leader_lise").get(unit_url(world.section_a))
    assert response.status_code == 200
    html = response.content.decode()
    # Erik and Kari work in BUP Nord; Siri (BUP Sør) does not.
    assert 'id="staff-table"' in html
    assert "Ansatt, Erik" in html and "Lege, Kari" in html
    assert "Sykepleier, Siri" not in html
    assert 'id="chart-fte"' in html and 'id="unit-charts"' in html
    assert "fagkraft/plotly-basic.min.js" in html
    # Headcount 2 (Erik, Kari), both 100 % -> 2,0 FTE; specialist share 1 of 2 = 50,0 %.
    summary = response.context["summary"]
    assert summary.headcount == 2
    assert summary.fte == 2.0
    assert (summary.specialists, summary.specialist_eligible) == (1, 2)
    assert "50,0 %" in html


def test_staff_filters_narrow_the_table(world: World, login) -> None:
    client = login("leader_lise")
    only_doctors = client.get(unit_url(world.section_a), {"profession": world.doctor.pk})
    names = [row.record.first_name for row in only_doctors.context["table"].page.object_list]
    assert names == ["Kari"]
    specialists = client.get(unit_url(world.section_a), {"specialist": "true"})
    names = [row.record.first_name for row in specialists.context["table"].page.object_list]
    assert names == ["Erik"]
    temporary = client.get(unit_url(world.section_a), {"position_kind": "temporary"})
    assert temporary.context["table"].paginator.count == 0


def test_htmx_filter_request_returns_only_the_table(world: World, login) -> None:
    response = login("leader_lise").get(
        unit_url(world.section_a), {"profession": world.psychologist.pk},
        HTTP_HX_REQUEST="true", HTTP_HX_TARGET="staff-table",
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="staff-table"')
    assert "Ansatt, Erik" in html and "Lege, Kari" not in html
    assert "<html" not in html


def test_adviser_drills_down_from_trust_to_section(world: World, login) -> None:
    client = login("adviser_arne")
    trust_page = client.get(unit_url(world.trust))
    children = trust_page.context["summary"].children
    assert [child.key for child in children] == ["NV-PHBU"]
    # All three Nordvik people sit under the clinic.
    assert children[0].headcount == 3
    department = client.get(unit_url(world.department))
    sections = {child.key: child.headcount for child in department.context["summary"].children}
    assert sections == {"NV-BUP-A": 2, "NV-BUP-B": 1}
    section = client.get(unit_url(world.section_b)).content.decode()
    # Breadcrumbs show the visible ancestors: trust, clinic and department, not the region.
    assert "Nordvik HF" in section and "BUP-avdelingen" in section
    assert f'href="{unit_url(world.region)}"' not in section


def test_planner_sees_suppressed_aggregates_and_no_names(world: World, login) -> None:
    response = login("planner_pia").get(unit_url(world.trust))
    assert response.status_code == 200
    html = response.content.decode()
    summary = response.context["summary"]
    # Nordvik has 3 people: under 5, so hidden, and so are FTE and the shares built on them.
    assert summary.headcount is None and summary.fte is None
    assert summary.specialist_share is None
    assert all(band["count"] in (None, 0) for band in summary.age_bands)
    # Every hidden figure carries the same mark, "x" (not "<5": a complementary cell is
    # not small, and two marks would tell the small cell from its complement).
    assert '<div class="kpi" id="kpi-headcount"><div class="value">x</div>' in html
    assert "&lt;5" not in html
    assert 'id="staff-table"' not in html
    for name in ("Erik", "Kari", "Siri", "Ansatt, Erik", "Lege, Kari", "1001"):
        assert name not in html


def test_other_leader_gets_404(world: World, login) -> None:
    """Units outside the leader's subtree answer like units that do not exist."""
    client = login("leader_ola")
    assert client.get(unit_url(world.section_a)).status_code == 404
    assert client.get(unit_url(world.section_b)).status_code == 200
    assert client.get(unit_url(world.department)).status_code == 404


def test_employee_may_not_open_unit_pages(world: World, login) -> None:
    assert login("employee_erik").get(unit_url(world.section_a)).status_code == 403
