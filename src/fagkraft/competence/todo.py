"""This app's start-page to-do items; registered with fagkraft.core.todo in CompetenceConfig.ready.

Counts come from the same places as the competence pages: access for who is in scope,
the kept statuses (reports.falls_due_count) for what is overdue or falling due (the leader's
due list), so the number on the start page is the length of the list behind its link.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fagkraft import access
from fagkraft.competence import reports
from fagkraft.competence.filtersets import employees_in_unit
from fagkraft.competence.models import Completion
from fagkraft.core import dates
from fagkraft.core.todo import Item
from fagkraft.workforce.models import Employee, Unit


def items(user: Any) -> list[Item]:
    scope = access.scope_of(user)
    today = dates.today()
    found = []
    if scope.is_employee and scope.employee_id:
        mine = Employee.objects.filter(pk=scope.employee_id)
        due = reports.falls_due_count(mine, today)
        found.append(Item(_("Your requirements overdue or falling due"), due,
                          reverse("competence:mine")))
    unit = access.home_unit(user)
    if scope.manages_people and unit is not None:
        # The competence unit page's people: in scope, with a position today in the subtree.
        people = access.employees_for(user).filter(employees_in_unit(unit, "pk"))
        here = reverse("competence:unit", args=[unit.pk])
        # Below a trust the unit's people are few: their ids as a list let the database
        # count from the completions' employee index (with the nested subquery PostgreSQL
        # scanned every employee of the trust); a trust's are all its employees anyway.
        whole_trust = unit.level in (Unit.Level.REGION, Unit.Level.TRUST)
        pending = (access.completions_for(user).filter(
            employee__in=people if whole_trust else list(people.values_list("pk", flat=True)),
            status=Completion.Status.PENDING))
        if scope.employee_id:
            pending = pending.exclude(employee_id=scope.employee_id)
        found.append(Item(_("Reported courses awaiting your approval"), pending.count(), here))
        due = reports.falls_due_count(people, today)
        found.append(Item(_("Requirements overdue or falling due in your units"), due,
                          here))
    return found
