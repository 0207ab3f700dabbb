"""Projections pages; included at /projections/ in fagkraft.urls."""

from django.urls import path

from fagkraft.projections import views

app_name = "projections"

urlpatterns = [
    path("", views.scenario_list, name="list"),
    path("new/", views.scenario_new, name="new"),
    path("compare/", views.compare, name="compare"),
    path("<int:pk>/", views.scenario_detail, name="detail"),
    path("<int:pk>/assumptions/<slug:profession>/", views.scenario_assumptions,
         name="assumptions"),
    path("<int:pk>/scenario/", views.scenario_document, name="document"),
    path("<int:pk>/copy/", views.scenario_copy, name="copy"),
    path("<int:pk>/delete/", views.scenario_delete, name="delete"),
    path("<int:pk>/export.xlsx", views.scenario_export, name="export"),
    path("<int:pk>/monte-carlo/", views.scenario_monte_carlo, name="monte_carlo"),
]
