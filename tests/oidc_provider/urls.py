from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from tests.oidc_provider import extras

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    # Before the toolkit's own: discovery with the PAR endpoint, authorize resolving it.
    re_path(r"^o/\.well-known/openid-configuration/?$", extras.discovery),
    path("o/par/", extras.pushed_authorization_request),
    path("o/authorize/", extras.authorize),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("graph/v1.0/me/getMemberObjects", extras.get_member_objects),
    path("graph-down/v1.0/me/getMemberObjects", extras.graph_down),
]
