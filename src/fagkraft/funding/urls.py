"""Funding programme pages; included at /funding/ in fagkraft.urls."""

from django.urls import path

from fagkraft.funding import views

app_name = "funding"

urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("programmes/<int:pk>/", views.programme, name="programme"),
    path("programmes/<int:pk>/closeout.xlsx", views.closeout_export, name="closeout_export"),
    path("programmes/<int:pk>/closeout/", views.closeout_print, name="closeout_print"),
    path("calls/<int:pk>/", views.call, name="call"),
    path("calls/<int:pk>/apply/", views.application_create, name="application_create"),
    path("calls/<int:pk>/ranking/", views.ranking, name="ranking"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/edit/", views.application_edit, name="application_edit"),
    path("applications/<int:pk>/add/<slug:what>/", views.application_add,
         name="application_add"),
    path("applications/<int:pk>/submit/", views.application_submit, name="application_submit"),
    path("applications/<int:pk>/assign/", views.assign, name="assign"),
    path("applications/<int:pk>/decide/", views.decide, name="decide"),
    path("applications/<int:pk>/report/", views.report_create, name="report_create"),
    path("partners/<int:pk>/confirm/", views.partner_confirm, name="partner_confirm"),
    path("reviews/<int:pk>/", views.review, name="review"),
]
