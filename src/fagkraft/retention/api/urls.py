"""Retention API routes; included at /api/retention/ in fagkraft.urls."""

from django.urls import path

from fagkraft.retention.api import priority_views, views

urlpatterns = [
    path("units/<int:pk>/", views.UnitRetentionView.as_view(), name="retention-unit"),
    path("units/<int:pk>/backtest/", views.UnitBacktestView.as_view(),
         name="retention-backtest"),
    path("priority-rule/units/<int:pk>/", priority_views.PriorityRuleView.as_view(),
         name="retention-priority"),
]
