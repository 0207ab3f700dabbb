"""Start the tests' OpenID Connect provider: `python -m tests.oidc_provider.serve CONFIG`.

It binds a free port of 127.0.0.1 itself (so parallel test workers never collide), sets
up its SQLite database, users and clients from the JSON config, prints `READY <port>`
and serves until it is terminated.
"""

from __future__ import annotations

import os
import secrets
import sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def main(config_path: str) -> None:
    server = make_server("127.0.0.1", 0, lambda environ, start: [], ThreadingServer,
                         QuietHandler)
    port = server.server_port
    os.environ["OIDC_PROVIDER_CONFIG"] = config_path
    os.environ["OIDC_PROVIDER_ISSUER"] = f"http://127.0.0.1:{port}/o"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    call_command("migrate", run_syncdb=True, verbosity=0)
    for user in settings.CONFIG["users"]:
        User.objects.create_user(user["username"], password=user["password"])
    for client in settings.CONFIG["clients"]:
        Application.objects.create(
            client_id=client["client_id"],
            client_secret=client.get("client_secret") or secrets.token_urlsafe(32),
            name=client.get("fault", client["client_id"]),
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
            redirect_uris=client["redirect_uri"],
            post_logout_redirect_uris=client["post_logout_redirect_uri"],
            algorithm=Application.RS256_ALGORITHM, skip_authorization=False)
    server.set_app(get_wsgi_application())
    print(f"READY {port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1])
