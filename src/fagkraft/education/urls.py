"""Education pages; included at /education/ in fagkraft.urls."""

from django.urls import path  # noqa: F401

app_name = "education"

urlpatterns: list = []
