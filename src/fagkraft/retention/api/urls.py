"""Retention API routes; included at /api/retention/ in fagkraft.urls."""

from django.urls import path

from fagkraft.retention.api import views

urlpatterns = [
    path("units/<int:pk>/", views.UnitRetentionView.as_view(), name="retention-unit"),
]
