from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fagkraft.access import home_unit, scope_of


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each role to its natural start page."""
    scope = scope_of(request.user)
    unit = home_unit(request.user)
    if scope.is_employee and scope.employee_id:
        return redirect("workforce:employee", pk=scope.employee_id)
    if unit is not None:
        return redirect("workforce:unit", pk=unit.pk)
    return render(request, "core/no_role.html", status=403)
