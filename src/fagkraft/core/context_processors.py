from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from fagkraft.access import home_unit, scope_of
from fagkraft.core import menu


def navigation(request: HttpRequest) -> dict:
    """The menu a role sees: the apps' registered entries, then the project's own.

    Links only; every view checks access itself.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "nav_more": []}
    scope = scope_of(user)
    unit = home_unit(user)
    more = menu.entries(scope, unit, secondary=True)
    more.append((_("API"), reverse("api-docs")))
    if scope.is_admin:
        more.append((_("Administration"), reverse("admin:index")))
    bar = menu.entries(scope, unit, secondary=False)
    if not bar:
        # Someone whose work is all in "More" (an external programme member) gets it on the
        # bar: a dropdown beside nothing only hides the one page they came for.
        bar, more = more, []
    return {"nav_items": bar, "nav_more": more, "user_scope": scope}
