from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from fagkraft.access import home_unit, scope_of
from fagkraft.accounts.models import Role
from fagkraft.core import menu


def navigation(request: HttpRequest) -> dict:
    """The menu a role sees: the apps' registered entries, then the project's own.

    Links only; every view checks access itself.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    scope = scope_of(user)
    items = menu.entries(scope, home_unit(user))
    items.append((_("API"), reverse("api-docs")))
    if scope.role == Role.ADMIN:
        items.append((_("Administration"), reverse("admin:index")))
    return {"nav_items": items, "user_scope": scope}
