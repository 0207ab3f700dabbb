from django.urls import path

from fagkraft.retention import backtest_views, priority_views, views

app_name = "retention"

urlpatterns = [
    path("units/<int:pk>/", views.unit_page, name="unit"),
    path("units/<int:pk>/retention.xlsx", views.unit_export, name="unit_export"),
    path("units/<int:pk>/backtest/", backtest_views.backtest_page, name="backtest"),
    path("units/<int:pk>/backtest.xlsx", backtest_views.backtest_export,
         name="backtest_export"),
    path("priority-rule/units/<int:pk>/", priority_views.priority_page, name="priority"),
    path("priority-rule/units/<int:pk>/priority-rule.xlsx", priority_views.priority_export,
         name="priority_export"),
]
