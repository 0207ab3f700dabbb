"""`/search/?q=`: units and people in the leader's or adviser's scope, by name or code.

Everything comes from access.units_for / access.employees_for, so a match outside the
scope is never shown; the people shown are a read of their records and audited like the
staff list (one event per trust, the query as the filter).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fagkraft import access
from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent

# Enough to find someone; a longer list asks for a sharper query.
SEARCH_LIMIT = 25


@login_required
def search(request: HttpRequest) -> HttpResponse:
    access.require(access.manages_people(request.user))
    query = request.GET.get("q", "").strip()
    units, people = [], []
    if query:
        units = list(access.units_for(request.user)
                     .filter(Q(name__icontains=query) | Q(code__icontains=query))
                     .order_by("path")[:SEARCH_LIMIT])
        words = Q()
        for word in query.split():
            words &= (Q(first_name__icontains=word) | Q(last_name__icontains=word)
                      | Q(employee_number__iexact=word))
        people = list(access.employees_for(request.user).filter(words)
                      .select_related("profession", "trust")
                      .order_by("last_name", "first_name", "pk")[:SEARCH_LIMIT])
        audit.record_list_read(request.user, AuditEvent.Action.READ, "workforce.employee",
                               [([person.pk], person.trust_id) for person in people],
                               via=request.path, filter={"q": query},
                               trust_id_if_empty=access.scope_trust_id(request.user))
    return render(request, "workforce/search.html", {
        "query": query, "units": units, "people": people, "limit": SEARCH_LIMIT})
