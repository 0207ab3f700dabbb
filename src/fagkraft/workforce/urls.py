# Placeholder routes; the unit and employee pages replace these.
from django.http import HttpResponse
from django.urls import path

app_name = "workforce"


def _todo(request, pk=None):  # pragma: no cover - replaced by real views
    return HttpResponse("todo")


urlpatterns = [
    path("units/<int:pk>/", _todo, name="unit"),
    path("employees/", _todo, name="employee_list"),
    path("employees/<int:pk>/", _todo, name="employee"),
    path("vacancies/", _todo, name="vacancy_list"),
]
