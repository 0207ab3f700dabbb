"""`make serve`'s server for real: gunicorn in production mode, in its own process.

Persona: the operations team starting Fagkraft on a trust's server with only the variables
docs/deploy.md names. Gunicorn is started with the configuration `make serve` uses, on a
free port of 127.0.0.1, against an SQLite file migrated first, and stopped as systemd
stops it (SIGTERM).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
PRODUCTION_KEY = "Qm7-Xr2pLk9Vt4Bn8Wc1Zs6Hd3Jf0Gy5Ue9Ta2Oi7Rl4Kp8Mx1"
START_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(tmp_path: Path, port: int) -> dict[str, str]:
    """The machine's environment without the test suite's development mode, plus these."""
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("FAGKRAFT_", "DJANGO_")) and name != "DATABASE_URL"}
    env.update({
        "FAGKRAFT_SECRET_KEY": PRODUCTION_KEY,
        "FAGKRAFT_ALLOWED_HOSTS": "127.0.0.1",
        "FAGKRAFT_DB": str(tmp_path / "production.sqlite3"),
        "FAGKRAFT_BIND": f"127.0.0.1:{port}",
        "FAGKRAFT_WORKERS": "2",
    })
    return env


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str, dict[str, str]]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers or {}), timeout=10) as r:
            return r.status, r.read().decode(), dict(r.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = production_env(tmp_path, port)
    migrated = subprocess.run([str(BIN / "fagkraft"), "migrate", "--noinput"], env=env,
                              capture_output=True, text=True, timeout=300, check=False)
    assert migrated.returncode == 0, migrated.stderr
    log = (tmp_path / "gunicorn.log").open("w+")
    process = subprocess.Popen([str(BIN / "gunicorn"), "-c", "python:fagkraft.gunicorn_conf"],
                               env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            get(f"{base}/healthz")
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                log.seek(0)
                pytest.fail(f"gunicorn did not start:\n{log.read()}")
            time.sleep(0.3)
    yield base, process, log
    if process.poll() is None:
        process.kill()
        process.wait(timeout=10)
    log.close()


def test_healthz_answers_over_plain_http_with_each_part_ok(server):
    base, _, _ = server
    status, body, headers = get(f"{base}/healthz")
    assert status == 200, body
    # The queue (an SQLite file by default) answers, but no job worker runs beside this
    # server: reported, and the server stays healthy (tests/test_jobs_worker.py has one).
    assert body == '{"status": "ok", "database": "ok", "cache": "ok", "jobs": "no worker"}'
    assert "no-store" in headers["Cache-Control"]
    assert headers["Server"] == "gunicorn"


def test_production_mode_sends_plain_http_to_https(server):
    base, _, _ = server
    status, _, headers = get(f"{base}/login/")
    assert status == 301
    assert headers["Location"] == f"https://127.0.0.1:{base.rsplit(':', 1)[1]}/login/"


def test_the_login_page_behind_the_tls_proxy(server):
    base, _, _ = server
    status, body, headers = get(f"{base}/login/", {"X-Forwarded-Proto": "https"})
    assert status == 200
    assert 'name="username"' in body
    assert "max-age=31536000" in headers["Strict-Transport-Security"]


def test_static_files_are_served(server):
    base, _, _ = server
    css = Path(__file__).resolve().parents[1] / "src/fagkraft/core/static/fagkraft/fagkraft.css"
    status, body, headers = get(f"{base}/static/fagkraft/fagkraft.css",
                                {"X-Forwarded-Proto": "https"})
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert body == css.read_text()


def test_the_access_log_leaves_out_query_strings(server):
    base, _, log = server
    get(f"{base}/healthz?q=Erik+Ansatt")
    time.sleep(0.5)
    log.seek(0)
    lines = [line for line in log.read().splitlines() if "GET /healthz" in line]
    assert lines
    assert not any("Erik" in line for line in lines)


def test_sigterm_stops_it_cleanly(server):
    # Last in the module: the shutdown systemd does, after which no worker is left.
    base, process, _ = server
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=40) == 0
    with pytest.raises(OSError):
        get(f"{base}/healthz")
