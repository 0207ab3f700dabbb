# Placeholder route; the HR import pages replace it.
from django.http import HttpResponse
from django.urls import path

app_name = "imports"
urlpatterns = [path("", lambda request: HttpResponse("todo"), name="upload")]
