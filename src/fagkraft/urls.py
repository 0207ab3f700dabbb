from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from fagkraft.accounts import views as account_views
from fagkraft.core import views as core_views
from fagkraft.core.health import healthz

urlpatterns = [
    path("", core_views.home, name="home"),
    path("todo/", core_views.todo, name="todo"),
    # No login and no trailing slash: load balancers probe it as it is (see docs/deploy.md).
    path("healthz", healthz, name="healthz"),
    path("login/", account_views.LoginView.as_view(), name="login"),
    path("login/sso/", account_views.sso_start, name="sso_start"),
    path("login/sso/callback/", account_views.sso_callback, name="sso_callback"),
    path("logout/", account_views.logout_view, name="logout"),
    # Django's language switch, which also keeps a logged-in user's choice on the profile.
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    # Before the admin's own: its password form closes with password login.
    path("admin/login/", account_views.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    path("", include("fagkraft.workforce.urls")),
    path("import/", include("fagkraft.imports.urls")),
    path("competence/", include("fagkraft.competence.urls")),
    path("audit/", include("fagkraft.audit.urls")),
    path("education/", include("fagkraft.education.urls")),
    path("workload/", include("fagkraft.workload.urls")),
    path("projections/", include("fagkraft.projections.urls")),
    path("jobs/", include("fagkraft.jobs.urls")),
    path("funding/", include("fagkraft.funding.urls")),
    path("retention/", include("fagkraft.retention.urls")),
    path("goals/", include("fagkraft.goals.urls")),
    path("api/competence/", include("fagkraft.competence.api.urls")),
    path("api/education/", include("fagkraft.education.api.urls")),
    path("api/workload/", include("fagkraft.workload.api.urls")),
    path("api/projections/", include("fagkraft.projections.api.urls")),
    path("api/funding/", include("fagkraft.funding.api.urls")),
    path("api/retention/", include("fagkraft.retention.api.urls")),
    path("api/goals/", include("fagkraft.goals.api.urls")),
    path("api/fhir/", include("fagkraft.fhir.urls")),
    path("api/", include("fagkraft.workforce.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start script as a file: the CSP allows no inline
    # script. A browser without a session is sent to the login page.
    path("api/docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
         name="api-docs"),
]

# 403 and 404 use Django's handlers with the templates in core; 500 needs its own view.
handler500 = "fagkraft.core.views.server_error"
