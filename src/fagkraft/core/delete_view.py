"""One delete view for every app, after NetBox's ObjectDeleteView.

GET shows a confirmation page (only the form when HTMX asks for it); POST deletes through
the app's service function, so the deletion is audited there, then redirects with a
message. An HTMX POST gets a client-side redirect unless the app answers with a fragment
of its own (`htmx_response`). A subclass, or `as_view(...)` keywords, supply three things:
the object with the access check, the service call, and where to go afterwards.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Model, ProtectedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django_htmx.http import HttpResponseClientRedirect


class ObjectDeleteView(LoginRequiredMixin, View):
    """Confirm on GET, delete on POST; the subclass decides who may and how it is written."""

    template_name = "core/object_delete.html"
    fragment_template_name = "core/_delete_form.html"
    # A sentence on what goes with the object (e.g. a study's categories), shown on the
    # confirmation page.
    consequence = ""

    def get_object(self, request: HttpRequest, pk: int) -> Model:
        """The object to delete, or Http404/PermissionDenied (the access check)."""
        raise NotImplementedError

    def delete_object(self, request: HttpRequest, obj: Model) -> None:
        """Delete through the app's service function (which writes the audit event)."""
        raise NotImplementedError

    def get_return_url(self, request: HttpRequest, obj: Model) -> str:
        """Where to go after the deletion or on cancel."""
        raise NotImplementedError

    def success_message(self, obj: Model) -> str:
        return _("Deleted: %(object)s.") % {"object": obj}

    def htmx_response(self, request: HttpRequest, obj: Model, message: str,
                      return_url: str) -> HttpResponse:
        """The answer to an HTMX POST: by default the browser is sent on like a redirect."""
        messages.success(request, message)
        return HttpResponseClientRedirect(return_url)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object(request, pk)
        template = self.fragment_template_name if request.htmx else self.template_name
        return render(request, template, {
            "object": obj, "object_type": obj._meta.verbose_name,
            "consequence": self.consequence,
            "return_url": self._return_url(request, obj)})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object(request, pk)
        # Resolved before the row goes: the default may need the object's relations.
        return_url = self._return_url(request, obj)
        message = self.success_message(obj)
        try:
            self.delete_object(request, obj)
        except (ValidationError, ProtectedError) as error:
            problem = (_("%(object)s is still in use and cannot be deleted.") % {"object": obj}
                       if isinstance(error, ProtectedError) else " ".join(error.messages))
            messages.error(request, problem)
            if request.htmx:
                return HttpResponseClientRedirect(return_url)
            return redirect(return_url)
        if request.htmx:
            return self.htmx_response(request, obj, message, return_url)
        messages.success(request, message)
        return redirect(return_url)

    def _return_url(self, request: HttpRequest, obj: Model) -> str:
        """A `return_url` the request names, if it stays on this site; else the default."""
        asked: Any = request.POST.get("return_url") or request.GET.get("return_url")
        if asked and url_has_allowed_host_and_scheme(
                asked, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
            return str(asked)
        return self.get_return_url(request, obj)
