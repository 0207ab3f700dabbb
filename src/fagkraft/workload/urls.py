"""Workload pages; included at /workload/ in fagkraft.urls."""

from django.urls import path

from fagkraft.workload import views

app_name = "workload"

urlpatterns = [
    path("", views.study_list, name="study_list"),
    path("units/<int:pk>/new/", views.study_create, name="study_create"),
    path("studies/<int:pk>/", views.study, name="study"),
    path("studies/<int:pk>/edit/", views.study_edit, name="study_edit"),
    path("studies/<int:pk>/calendar/", views.study_calendar, name="study_calendar"),
    path("studies/<int:pk>/delete/", views.study_delete, name="study_delete"),
    path("studies/<int:pk>/import/", views.workload_import, name="import"),
    path("studies/<int:pk>/export.xlsx", views.study_export, name="export"),
    path("studies/<int:pk>/categories/add/", views.category_add, name="category_add"),
    path("studies/<int:pk>/scenarios/add/", views.scenario_add, name="scenario_add"),
    path("categories/<int:pk>/delete/", views.category_delete, name="category_delete"),
    path("categories/<int:pk>/activities/add/", views.activity_add, name="activity_add"),
    path("categories/<int:pk>/allowances/add/", views.allowance_add, name="allowance_add"),
    path("activities/<int:pk>/update/", views.activity_update, name="activity_update"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path("allowances/<int:pk>/delete/", views.allowance_delete, name="allowance_delete"),
    path("individual-allowances/<int:pk>/delete/", views.individual_allowance_delete,
         name="individual_allowance_delete"),
    path("scenarios/<int:pk>/delete/", views.scenario_delete, name="scenario_delete"),
    path("scenarios/<int:pk>/moves/add/", views.move_add, name="move_add"),
    path("moves/<int:pk>/delete/", views.move_delete, name="move_delete"),
]
