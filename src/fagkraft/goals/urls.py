"""Goal pages; included at /goals/ in fagkraft.urls."""

from django.urls import path

from fagkraft.goals import views

app_name = "goals"

urlpatterns = [
    path("", views.goal_list, name="goal_list"),
    path("new/", views.goal_create, name="goal_create"),
    path("<int:pk>/", views.goal, name="goal"),
    path("<int:pk>/region/", views.region, name="region"),
    path("<int:pk>/export.xlsx", views.goal_export, name="export"),
    path("<int:pk>/indicators/add/", views.indicator_add, name="indicator_add"),
    path("indicators/<int:pk>/values/add/", views.value_add, name="value_add"),
    path("indicators/<int:pk>/delete/", views.indicator_delete, name="indicator_delete"),
]
