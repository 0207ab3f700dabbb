"""Competence pages; included at /competence/ in fagkraft.urls."""

from django.urls import path

from fagkraft.competence import views

app_name = "competence"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("people/<int:pk>/", views.person, name="person"),
    path("units/<int:pk>/", views.unit, name="unit"),
    path("units/<int:pk>/compliance.xlsx", views.unit_export, name="unit_export"),
    path("units/<int:pk>/rollup/", views.rollup, name="rollup"),
    path("units/<int:pk>/education-plan/", views.education_plan, name="education_plan"),
    path("units/<int:pk>/education-plan.xlsx", views.education_plan_export,
         name="education_plan_export"),
    path("completions/<int:pk>/certificate/", views.certificate, name="certificate"),
    path("completions/<int:pk>/approve/", views.approve, name="approve"),
    path("completions/<int:pk>/reject/", views.reject, name="reject"),
    path("overview/", views.overview, name="overview"),
    path("catalogue/", views.catalogue, name="catalogue"),
]
