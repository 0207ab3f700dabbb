"""The filter backend of every API view."""

from __future__ import annotations

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.request import Request
from rest_framework.views import APIView


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, minus the filter form of DRF's browsable API.

    That form renders each ModelChoiceFilter as a select box of its whole queryset (every
    employee, every unit), not just the rows in the user's scope: it would show a leader
    the names of people in other trusts. The filters are documented in /api/docs/.
    """

    def to_html(self, request: Request, queryset: QuerySet, view: APIView) -> None:
        return None
