"""Gunicorn's configuration for `make serve`: `gunicorn -c python:fagkraft.gunicorn_conf`.

The values come from the environment through settings.py, where every variable Fagkraft
reads is declared (FAGKRAFT_BIND, FAGKRAFT_WORKERS, FAGKRAFT_WORKER_TIMEOUT_SECONDS,
FAGKRAFT_ACCESS_LOG). Other gunicorn options can be given in GUNICORN_CMD_ARGS.
"""

from fagkraft import settings

wsgi_app = "fagkraft.wsgi:application"
bind = [address.strip() for address in settings.SERVER_BIND.split(",") if address.strip()]
workers = settings.SERVER_WORKERS
# A long import or projection runs inside the request until background jobs arrive
# (issue 15 point 3); the timeout must outlast it, or the worker is killed mid-write.
timeout = settings.SERVER_TIMEOUT_SECONDS
graceful_timeout = 30
# Both logs go to standard output/error, for journald or the container runtime to keep.
accesslog = "-" if settings.SERVER_ACCESS_LOG else None
errorlog = "-"
# The path without its query string: a search or filter may carry a person's name, which
# has no place in a log kept outside the audit trail. No referrer or user agent either.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'

loglevel = settings.LOGGING["root"]["level"].lower()
