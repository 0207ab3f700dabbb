from django.urls import path, re_path

from fagkraft.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.event_list, name="list"),
    # reverse("audit:export", kwargs={"fmt": "xlsx"}) -> /audit/export.xlsx
    re_path(r"^export\.(?P<fmt>csv|xlsx)$", views.export, name="export"),
]
