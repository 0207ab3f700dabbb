"""Projections pages; included at /projections/ in fagkraft.urls."""

from django.urls import path  # noqa: F401

app_name = "projections"

urlpatterns: list = []
