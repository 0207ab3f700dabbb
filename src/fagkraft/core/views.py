from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.views.decorators.csrf import requires_csrf_token

from fagkraft.access import home_unit, scope_of
from fagkraft.core.templatetags.todo_list import todo_items


def start_page(user: Any) -> str | None:
    """Each role's natural start page: an employee's own record, else the home unit, else
    (a user who only administers education programmes) the programme list."""
    scope = scope_of(user)
    unit = home_unit(user)
    if scope.is_employee and scope.employee_id:
        return reverse("workforce:employee", args=[scope.employee_id])
    if unit is not None:
        return reverse("workforce:unit", args=[unit.pk])
    if scope.only_programme_offices:
        return reverse("funding:programme_list")
    return None


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each role to its natural start page."""
    target = start_page(request.user)
    if target is not None:
        return redirect(target)
    return render(request, "core/no_role.html", status=403)


@login_required
def todo(request: HttpRequest) -> HttpResponse:
    """The start page's to-do list, loaded into its placeholder after the page (HTMX).

    Counts only, each through the access policy of its app (fagkraft.core.todo)."""
    return render(request, "core/_todo_list.html", todo_items(request.user))


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page: styled like the rest, but from a minimal context.

    No context processors run: the menu needs the user, the user needs the session and the
    database, and the database may be what failed. The CSRF token comes from the cookie
    and keeps the language switch working.
    """
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render(
        {"request": request, "csrf_token": get_token(request), "nav_items": []}))
