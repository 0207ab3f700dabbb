from django.urls import path

from fagkraft.retention import views

app_name = "retention"

urlpatterns = [
    path("units/<int:pk>/", views.unit_page, name="unit"),
    path("units/<int:pk>/retention.xlsx", views.unit_export, name="unit_export"),
]
