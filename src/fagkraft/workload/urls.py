"""Workload pages; included at /workload/ in fagkraft.urls."""

from django.urls import path  # noqa: F401

app_name = "workload"

urlpatterns: list = []
