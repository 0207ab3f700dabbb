from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from fagkraft.access import home_unit, may_import, may_read_audit_log, scope_of
from fagkraft.education import navigation as education_nav
from fagkraft.projections import navigation as projections_nav
from fagkraft.workload import navigation as workload_nav


def navigation(request: HttpRequest) -> dict:
    """The menu a role sees. Links only; every view checks access itself."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    scope = scope_of(user)
    items = []
    unit = home_unit(user)
    if unit is not None:
        items.append((_("Units"), reverse("workforce:unit", args=[unit.pk])))
    if scope.sees_persons:
        items.append((_("Employees"), reverse("workforce:employee_list")))
    if scope.sees_units:
        items.append((_("Vacancies"), reverse("workforce:vacancy_list")))
    if unit is not None and scope.is_planner:
        items.append((_("Competence"), reverse("competence:rollup", args=[unit.pk])))
    elif unit is not None and scope.manages_people:
        items.append((_("Competence"), reverse("competence:unit", args=[unit.pk])))
    if scope.employee_id is not None:
        items.append((_("My competence"), reverse("competence:mine")))
    if may_import(user):
        items.append((_("Import"), reverse("imports:upload")))
    for app_items in (education_nav, workload_nav, projections_nav):
        items.extend(app_items.items(scope, unit))
    if may_read_audit_log(user):
        items.append((_("Audit log"), reverse("audit:list")))
    items.append((_("API"), reverse("api-docs")))
    if scope.is_admin:
        items.append((_("Administration"), reverse("admin:index")))
    return {"nav_items": items, "user_scope": scope}
