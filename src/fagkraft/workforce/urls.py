from django.urls import path

from fagkraft.workforce import search, views

app_name = "workforce"

urlpatterns = [
    path("units/<int:pk>/", views.unit_page, name="unit"),
    path("units/<int:pk>/staff.<str:fmt>", views.unit_staff_export, name="unit_staff_export"),
    path("units/<int:pk>/staff-report.xlsx", views.unit_staff_report, name="unit_staff_report"),
    path("units/<int:pk>/vacancies.<str:fmt>", views.unit_vacancy_export,
         name="unit_vacancy_export"),
    path("employees/", views.employee_list, name="employee_list"),
    path("employees/export.<str:fmt>", views.employee_export, name="employee_export"),
    path("employees/<int:pk>/", views.employee_page, name="employee"),
    path("search/", search.search, name="search"),
    path("vacancies/", views.vacancy_list, name="vacancy_list"),
    path("vacancies/export.<str:fmt>", views.vacancy_export, name="vacancy_export"),
]
