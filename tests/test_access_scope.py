"""The scoped querysets in fagkraft.access: who sees which people."""

from fagkraft import access


def names(queryset) -> set[str]:
    return {employee.first_name for employee in queryset}


def test_employee_sees_only_self(world):
    assert names(access.employees_for(world.users["employee_erik"])) == {"Erik"}


def test_leader_sees_own_section_only(world):
    assert names(access.employees_for(world.users["leader_lise"])) == {"Erik", "Kari"}
    assert names(access.employees_for(world.users["leader_ola"])) == {"Siri"}


def test_adviser_sees_own_trust(world):
    assert names(access.employees_for(world.users["adviser_arne"])) == {"Erik", "Kari", "Siri"}
    assert names(access.employees_for(world.users["adviser_sara"])) == {"Tor"}


def test_planner_sees_no_persons_but_all_region_units(world):
    planner = world.users["planner_pia"]
    assert not access.employees_for(planner).exists()
    assert access.units_for(planner).count() == 10


def test_admin_sees_everyone(world):
    assert names(access.employees_for(world.users["admin_ada"])) == {"Erik", "Kari", "Siri", "Tor"}


def test_planner_counts_under_five_are_suppressed(world):
    planner = world.users["planner_pia"]
    assert access.suppress(4, planner) is None
    assert access.suppress(5, planner) == 5
    assert access.suppress(0, planner) == 0
    assert access.suppress(3, world.users["adviser_arne"]) == 3
