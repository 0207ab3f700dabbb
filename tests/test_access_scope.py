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


def test_whoever_may_see_persons_in_a_unit_sees_everyone_working_there(world):
    """competence.dashboard reads a unit's kept rows by the unit when the user may see its
    persons (`everyone`): that needs every holder of a position in the subtree today to be
    in the user's people. The personas: each leader's section, each adviser's trust (a
    position's unit lies in its employee's trust), the administrator everywhere."""
    import datetime as dt

    from fagkraft.workforce.models import Position, Unit

    today = dt.date.today()
    checked = 0
    for username, user in world.users.items():
        people = set(access.employees_for(user).values_list("pk", flat=True))
        for unit in Unit.objects.all():
            if not access.may_see_persons_in(user, unit):
                continue
            holders = set(Position.objects.filter(
                Position.active_on_q(today), Unit.subtree_q(unit.path, "unit__"))
                .values_list("employee_id", flat=True))
            assert holders <= people, (username, unit.code)
            checked += bool(holders)
    assert checked >= 8  # sections, departments and trusts, for leaders, advisers, admin
