"""FHIR export routes, included at /api/fhir/ in fagkraft.urls (FHIR's own URL shapes)."""

from django.urls import path

from fagkraft.fhir import views

urlpatterns = [
    path("metadata", views.Metadata.as_view(), name="fhir-metadata"),
    path("Practitioner", views.PractitionerSearch.as_view(), name="fhir-practitioner-search"),
    path("Practitioner/<int:pk>", views.PractitionerRead.as_view(), name="fhir-practitioner"),
    path("PractitionerRole", views.PractitionerRoleSearch.as_view(),
         name="fhir-practitionerrole-search"),
    path("PractitionerRole/<int:pk>", views.PractitionerRoleRead.as_view(),
         name="fhir-practitionerrole"),
    path("Organization", views.OrganizationSearch.as_view(), name="fhir-organization-search"),
    path("Organization/<int:pk>", views.OrganizationRead.as_view(), name="fhir-organization"),
]
