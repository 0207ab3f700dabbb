"""Education pages; included at /education/ in fagkraft.urls."""

from django.urls import path

from fagkraft.education import template_views, unit_views, views

app_name = "education"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("candidates/<int:pk>/", views.candidate, name="candidate"),
    path("candidates/<int:pk>/goals/<int:goal>/approve/", views.approve_goal,
         name="approve_goal"),
    path("activities/<int:pk>/sign/", views.sign_activity, name="sign_activity"),
    path("units/<int:pk>/", unit_views.unit, name="unit"),
    path("units/<int:pk>/candidates.xlsx", unit_views.unit_export, name="unit_export"),
    path("units/<int:pk>/pipeline/", unit_views.pipeline, name="pipeline"),
    path("units/<int:pk>/pipeline.xlsx", unit_views.pipeline_export, name="pipeline_export"),
    path("units/<int:pk>/supervision/", unit_views.capacity, name="capacity"),
    path("pathways/", template_views.templates, name="templates"),
    path("pathways/<int:pk>/", template_views.template, name="template"),
    path("pathways/import/", template_views.goal_import, name="goal_import"),
]
