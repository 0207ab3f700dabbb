from django.urls import path

from fagkraft.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("history/", views.history, name="history"),
    path("blank/<slug:kind>.xlsx", views.blank, name="blank"),
    path("jobs/<int:pk>/", views.job, name="job"),
    path("jobs/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("maps/", views.map_list, name="maps"),
    path("maps/new/", views.map_edit, name="map_create"),
    path("maps/<int:pk>/", views.map_edit, name="map_edit"),
]
