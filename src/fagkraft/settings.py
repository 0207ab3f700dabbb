"""Django settings, all from environment variables.

SQLite is the embedded default (file path from FAGKRAFT_DB); DATABASE_URL switches to
PostgreSQL. Nothing here loads from the internet: Plotly, HTMX and the API docs' assets
are served from installed packages.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import plotly
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent

_TRUE = {"1", "true", "yes"}
_FALSE = {"0", "false", "no"}


def env_bool(name: str, default: bool) -> bool:
    """A yes/no variable; a typo such as "ture" stops the start instead of meaning false."""
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a yes/no value: use true/false, 1/0 or yes/no.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        number = float(value.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a number.") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ImproperlyConfigured(f"{name}={value!r} is not a finite number.")
    return number


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("FAGKRAFT_DEBUG", False)
# Development mode (`make demo`, the test suite: they set it) runs over plain http on
# 127.0.0.1 with the public development key. Anything else is production: it refuses that
# key and turns the HTTPS protections below on unless each is switched off explicitly.
DEV_MODE = env_bool("FAGKRAFT_DEV_MODE", False)
_PRODUCTION = not (DEBUG or DEV_MODE)

DEVELOPMENT_SECRET_KEY = "fagkraft-dev-only-not-for-production"
SECRET_KEY = os.environ.get("FAGKRAFT_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if _PRODUCTION and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "FAGKRAFT_SECRET_KEY is not set: the development key is public and would let anyone "
        "forge sessions. Set FAGKRAFT_SECRET_KEY to a long random value (for example the "
        "output of `python -c 'import secrets; print(secrets.token_urlsafe(50))'`), or set "
        "FAGKRAFT_DEV_MODE=true on a development machine.")
ALLOWED_HOSTS = env_list("FAGKRAFT_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("FAGKRAFT_CSRF_TRUSTED_ORIGINS", "http://127.0.0.1:8000")

# HTTPS: on in production, off in development mode; each one can be switched by itself.
SECURE_SSL_REDIRECT = env_bool("FAGKRAFT_SSL_REDIRECT", _PRODUCTION)
# The health check answers the load balancer over plain http on the internal network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("FAGKRAFT_HSTS_SECONDS", 365 * 24 * 3600 if _PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("FAGKRAFT_HSTS_INCLUDE_SUBDOMAINS", _PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("FAGKRAFT_HSTS_PRELOAD", _PRODUCTION)
SESSION_COOKIE_SECURE = env_bool("FAGKRAFT_SESSION_COOKIE_SECURE", _PRODUCTION)
CSRF_COOKIE_SECURE = env_bool("FAGKRAFT_CSRF_COOKIE_SECURE", _PRODUCTION)
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (and strips it from clients).
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("FAGKRAFT_PROXY_SSL_HEADER", _PRODUCTION)
    else None)
# Sessions end after a working day unless the trust sets another lifetime.
SESSION_COOKIE_AGE = int(env_float("FAGKRAFT_SESSION_HOURS", 8) * 3600)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "csp",
    "axes",
    "fagkraft.core",
    "fagkraft.accounts",
    "fagkraft.audit",
    "fagkraft.workforce",
    "fagkraft.imports",
    "fagkraft.competence",
    "fagkraft.education",
    "fagkraft.workload",
    "fagkraft.projections",
    "fagkraft.jobs",
    "huey.contrib.djhuey",
    "fagkraft.funding",
    "fagkraft.retention",
    "fagkraft.goals",
]

MIDDLEWARE = [
    # First: the whole request runs with the garbage collector paused (core/collector.py).
    "fagkraft.core.collector.RequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "fagkraft.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "fagkraft.core.middleware.NoStoreForSignedInMiddleware",
    # Last, so it turns a lockout signalled anywhere below into the lockout answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fagkraft.urls"
# Selects written in Python, the same markup as the templates (core/renderers.py).
FORM_RENDERER = "fagkraft.core.renderers.FastSelectRenderer"
WSGI_APPLICATION = "fagkraft.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fagkraft.core.context_processors.navigation",
            ],
        },
    },
]

SQLITE_FILE = os.environ.get("FAGKRAFT_DB", str(Path.cwd() / "fagkraft.sqlite3"))
if os.environ.get("DATABASE_URL"):
    # Persistent connections suit gunicorn's sync workers (one thread each). A threaded
    # server (runserver) starts a thread per request and each would keep its own
    # connection: set FAGKRAFT_DB_CONN_MAX_AGE=0 there, or PostgreSQL runs out of clients.
    DATABASES = {"default": dj_database_url.parse(
        os.environ["DATABASE_URL"], conn_max_age=env_int("FAGKRAFT_DB_CONN_MAX_AGE", 60))}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_FILE,
            "OPTIONS": {
                # WAL lets the demo server read while an import writes.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                # Seconds a connection waits for another's write to finish before
                # "database is locked"; BEGIN IMMEDIATE makes writers queue up front.
                "timeout": env_int("FAGKRAFT_SQLITE_TIMEOUT", 60),
            },
        }
    }

# Computed figures (unit summaries) are cached under the data version, so no server
# process ever serves one stale. Without FAGKRAFT_REDIS_URL each process keeps its own
# cache (and computes a summary once per change); with it, every worker on every server
# shares one Redis cache, and the login throttle counts failures there too.
REDIS_URL = os.environ.get("FAGKRAFT_REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("FAGKRAFT_CACHE_PREFIX", "fagkraft"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }

# Background jobs (fagkraft.jobs) run on Huey. FAGKRAFT_JOBS chooses its queue: "sqlite"
# (the embedded default: a file beside the database, worker started by `make demo`),
# "redis" (production: FAGKRAFT_REDIS_URL) or "immediate" (run inside the request, for
# the test suite). Every job's state is kept in the database (jobs.Job), so a worker
# killed mid-job is recovered from there (see fagkraft/jobs/queue.py).
JOBS_QUEUE = os.environ.get("FAGKRAFT_JOBS", "sqlite").strip().lower()
JOBS_QUEUE_NAME = os.environ.get("FAGKRAFT_JOBS_QUEUE_NAME", "fagkraft")
JOBS_SQLITE_FILE = os.environ.get(
    "FAGKRAFT_JOBS_FILE", str(Path(SQLITE_FILE).with_suffix(".jobs.sqlite3")))
# A running job renews its lease while it runs; one whose lease ran out (its worker was
# killed) is run again, at most JOBS_MAX_ATTEMPTS times in all, then marked failed.
JOBS_LEASE_SECONDS = env_int("FAGKRAFT_JOBS_LEASE_SECONDS", 300)
JOBS_MAX_ATTEMPTS = env_int("FAGKRAFT_JOBS_MAX_ATTEMPTS", 3)
JOBS_WORKERS = env_int("FAGKRAFT_JOBS_WORKERS", 2)
# When the consumer runs the daily tasks (fagkraft.jobs.daily), local time.
JOBS_DAILY_HOUR = env_int("FAGKRAFT_JOBS_DAILY_HOUR", 5)
if JOBS_QUEUE == "sqlite":
    HUEY = {"huey_class": "huey.SqliteHuey", "filename": JOBS_SQLITE_FILE}
elif JOBS_QUEUE == "redis":
    if not REDIS_URL:
        raise ImproperlyConfigured("FAGKRAFT_JOBS=redis needs FAGKRAFT_REDIS_URL "
                                   "(e.g. redis://127.0.0.1:6379/0).")
    HUEY = {"huey_class": "huey.RedisHuey", "url": REDIS_URL}
elif JOBS_QUEUE == "immediate":
    HUEY = {"huey_class": "huey.MemoryHuey", "immediate_use_memory": True}
else:
    raise ImproperlyConfigured(
        f"FAGKRAFT_JOBS={JOBS_QUEUE!r}: use sqlite, redis or immediate.")
HUEY.update({
    "name": JOBS_QUEUE_NAME,
    "immediate": JOBS_QUEUE == "immediate",
    # Tasks return nothing worth keeping: a job's result lives in jobs.Job.
    "results": False,
    # Periodic tasks (the daily hour) follow the server's local time.
    "utc": False,
    # An idle worker looks at the queue at least once a second (the SQLite queue is
    # polled; Redis answers at once), so a job starts about as soon as it is submitted.
    "consumer": {"workers": JOBS_WORKERS, "worker_type": "thread", "periodic": True,
                 "check_worker_health": True, "initial_delay": 0.1, "backoff": 1.15,
                 "max_delay": 1.0},
})

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2id first (OWASP's first choice for password storage; Django's parameters: 2 passes
# over 100 MiB, 8 lanes). On the 2-core machine a check takes about 0.19 s against about
# 0.6 s for Django's default PBKDF2 with 1,000,000 iterations, which was most of the wait
# after pressing "Logg inn" (benchmarks/first_view.py). Older PBKDF2 hashes still verify
# and are rewritten as Argon2 at the user's next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes counts failed logins (login form, admin, and the API's basic and session
# authentication all pass through authenticate()) and locks the user name from that address.
# The password backend answers nothing while FAGKRAFT_PASSWORD_LOGIN is off, so the form, the
# admin and the API's basic authentication all stop taking passwords at once.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "fagkraft.accounts.backends.PasswordBackend",
]
AXES_ENABLED = env_bool("FAGKRAFT_LOGIN_THROTTLE", True)
AXES_FAILURE_LIMIT = env_int("FAGKRAFT_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("FAGKRAFT_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "fagkraft.accounts.lockout.locked_out"
# With the shared Redis cache the failure counts live there (every worker sees them at
# once, no database write per failed login); without it, in the database.
if REDIS_URL:
    AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
    AXES_CACHE = "default"
# Behind the TLS proxy the client's address is in X-Forwarded-For; count that one.
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if SECURE_PROXY_SSL_HEADER else ["REMOTE_ADDR"])
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
# Set (`make demo`, production), `fagkraft collectstatic` gathers the files there under
# content-hashed names, each with a gzip copy, and WhiteNoise serves them compressed and
# cached for a year (a new version gets a new name). Unset (tests, development), WhiteNoise
# serves the files from the finders under their own names, so no collectstatic is needed.
STATIC_ROOT = os.environ.get("FAGKRAFT_STATIC_ROOT") or None
# plotly.min.js ships inside the plotly package; serve it from there, never from a CDN.
STATICFILES_DIRS = [("plotly", str(Path(plotly.__file__).resolve().parent / "package_data"))]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
                    if STATIC_ROOT else "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = STATIC_ROOT is None
WHITENOISE_AUTOREFRESH = DEBUG

# E-mail (`fagkraft send-reminders`): printed to the console in development mode, sent by
# SMTP otherwise, unless FAGKRAFT_EMAIL_BACKEND names another Django e-mail backend.
EMAIL_BACKEND = os.environ.get(
    "FAGKRAFT_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if _PRODUCTION
    else "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("FAGKRAFT_EMAIL_FROM", "Fagkraft <fagkraft@localhost>")
EMAIL_HOST = os.environ.get("FAGKRAFT_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("FAGKRAFT_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("FAGKRAFT_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("FAGKRAFT_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("FAGKRAFT_EMAIL_USE_TLS", False)

# Uploaded files (course certificates) live here, outside the static files and with no URL
# of their own: they are served only by views that ask the access policy first.
MEDIA_ROOT = os.environ.get("FAGKRAFT_MEDIA_ROOT", str(Path.cwd() / "var" / "media"))

DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "fagkraft.accounts.api_auth.LockoutAwareBasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Fagkraft API",
    "DESCRIPTION": "Organisation, workforce and competence register of Fagkraft.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Swagger UI would otherwise fetch a badge from validator.swagger.io: no internet loads.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    # The schema describes every endpoint: only signed-in users may read it.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # One stable name per choice set; without these, spectacular makes up hashed names
    # (ServiceArea9edEnum) that change as fields are added.
    "ENUM_NAME_OVERRIDES": {
        "ServiceAreaEnum": "fagkraft.workforce.models.Unit.ServiceArea",
        "ProjectionServiceAreaEnum": "fagkraft.projections.forms.SERVICE_AREAS",
        "PositionKindEnum": "fagkraft.workforce.models.PositionKind",
        "ProfessionGroupEnum": "fagkraft.workforce.models.Profession.Group",
    },
}

# Every page loads its scripts, styles, fonts and images from this site only, and no
# inline script or event handler runs. Inline *styles* stay allowed: Plotly and Swagger UI
# set style attributes and <style> elements at run time, and a style cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/table.html"

# Domain settings (rules of thumb from DOMAIN.md are settings, not constants).
FAGKRAFT = {
    # Aggregates shown outside the unit hide counts below this many persons.
    "SUPPRESSION_THRESHOLD": env_int("FAGKRAFT_SUPPRESSION_THRESHOLD", 5),
    # Early retirement is possible from 62: the unit page shows the share at or above it.
    "SENIOR_AGE": env_int("FAGKRAFT_SENIOR_AGE", 62),
    # A leaver who starts another position in the trust within this many days moved
    # internally rather than left the trust.
    "INTERNAL_MOVE_GRACE_DAYS": env_int("FAGKRAFT_INTERNAL_MOVE_GRACE_DAYS", 31),
    "TURNOVER_YEARS": env_int("FAGKRAFT_TURNOVER_YEARS", 5),
    # A requirement whose deadline or expiry is this close counts as "due soon".
    "COMPETENCE_DUE_SOON_DAYS": env_int("FAGKRAFT_COMPETENCE_DUE_SOON_DAYS", 30),
    # WISN working time (issue 5): the agreed full-time week, weeks of annual leave
    # (Holiday Act four weeks plus the agreed fifth) and the sick-leave rate, in % of
    # agreed working days (a rule of thumb for health trusts; set your own).
    "WISN_HOURS_PER_WEEK": env_float("FAGKRAFT_WISN_HOURS_PER_WEEK", 37.5),
    "WISN_HOLIDAY_WEEKS": env_float("FAGKRAFT_WISN_HOLIDAY_WEEKS", 5),
    "WISN_SICK_LEAVE_PERCENT": env_float("FAGKRAFT_WISN_SICK_LEAVE_PERCENT", 7.0),
    # Education (issue 4): a candidate is "behind" when the expected completion is more than
    # this many days after the planned end; until this many days of a pathway have passed,
    # its pace says nothing yet and the planned end is used as the expected completion.
    "EDUCATION_BEHIND_GRACE_DAYS": env_int("FAGKRAFT_EDUCATION_BEHIND_GRACE_DAYS", 90),
    "EDUCATION_MIN_PACE_DAYS": env_int("FAGKRAFT_EDUCATION_MIN_PACE_DAYS", 90),
    # The specialty code that makes a doctor a child and adolescent psychiatrist.
    "CHILD_PSYCHIATRY_SPECIALTY": os.environ.get("FAGKRAFT_CHILD_PSYCHIATRY_SPECIALTY", "LE-BUP"),
    # Projections: the age at which the supply model retires staff, and the Monte Carlo
    # draws of a page's run (in the request) and of a background run.
    "PROJECTION_RETIREMENT_AGE": env_int("FAGKRAFT_PROJECTION_RETIREMENT_AGE", 67),
    "PROJECTION_WEB_DRAWS": env_int("FAGKRAFT_PROJECTION_WEB_DRAWS", 500),
    # The draws of a Monte Carlo run started from the scenario page (a background job).
    "PROJECTION_JOB_DRAWS": env_int("FAGKRAFT_PROJECTION_JOB_DRAWS", 10000),
    # SSB's PxWebApi v2 (`fagkraft ssb fetch`): where it is, how long to wait for an answer
    # and the largest answer accepted (SSB caps a request at 800,000 cells).
    "SSB_API_BASE_URL": os.environ.get("FAGKRAFT_SSB_API_BASE_URL", "https://data.ssb.no"),
    "SSB_API_TIMEOUT_SECONDS": env_float("FAGKRAFT_SSB_API_TIMEOUT_SECONDS", 60.0),
    "SSB_API_MAX_BYTES": env_int("FAGKRAFT_SSB_API_MAX_BYTES", 50_000_000),
    # Imported files are untrusted: an import refuses a file with more rows below the
    # header or more columns than this, and an .xlsx that would unpack to more megabytes.
    "IMPORT_MAX_ROWS": env_int("FAGKRAFT_IMPORT_MAX_ROWS", 200000),
    "IMPORT_MAX_COLUMNS": env_int("FAGKRAFT_IMPORT_MAX_COLUMNS", 200),
    "IMPORT_MAX_UNPACKED_MB": env_int("FAGKRAFT_IMPORT_MAX_UNPACKED_MB", 200),
    # A course certificate (PDF, JPEG or PNG) attached to a reported course is refused above
    # this size.
    "CERTIFICATE_MAX_MB": env_float("FAGKRAFT_CERTIFICATE_MAX_MB", 5.0),
    # `fagkraft send-reminders`: employees hear of an expiring certificate this many days
    # before it runs out (once per threshold), and the links in the mails start here.
    "REMINDER_EXPIRY_DAYS": [int(days) for days in env_list("FAGKRAFT_REMINDER_EXPIRY_DAYS",
                                                            "90,30")],
    "SITE_URL": os.environ.get("FAGKRAFT_SITE_URL", "http://127.0.0.1:8000"),
    # Single sign-on (OpenID Connect, authorization code with PKCE; docs/deploy.md): Entra ID
    # or HelseID. Off while the discovery URL is empty. A private key file (PEM or JWK) means
    # private_key_jwt client authentication (HelseID requires it); else the client secret.
    "OIDC_DISCOVERY_URL": os.environ.get("FAGKRAFT_OIDC_DISCOVERY_URL", ""),
    "OIDC_PROVIDER_NAME": os.environ.get("FAGKRAFT_OIDC_PROVIDER_NAME", ""),
    "OIDC_CLIENT_ID": os.environ.get("FAGKRAFT_OIDC_CLIENT_ID", ""),
    "OIDC_CLIENT_SECRET": os.environ.get("FAGKRAFT_OIDC_CLIENT_SECRET", ""),
    "OIDC_PRIVATE_KEY_FILE": os.environ.get("FAGKRAFT_OIDC_PRIVATE_KEY_FILE", ""),
    "OIDC_SCOPES": os.environ.get("FAGKRAFT_OIDC_SCOPES", "openid profile email"),
    # The claim a login is matched by (the user name), the claim listing the user's groups
    # (mapped to a role and unit in the admin) and, optionally, the claim holding the HPR
    # number that ties the login to its employee record.
    "OIDC_USER_CLAIM": os.environ.get("FAGKRAFT_OIDC_USER_CLAIM", "email"),
    "OIDC_GROUPS_CLAIM": os.environ.get("FAGKRAFT_OIDC_GROUPS_CLAIM", "groups"),
    "OIDC_HPR_CLAIM": os.environ.get("FAGKRAFT_OIDC_HPR_CLAIM", ""),
    # Clock difference tolerated between the provider and this server, and how long to
    # wait for the provider to answer.
    "OIDC_LEEWAY_SECONDS": env_int("FAGKRAFT_OIDC_LEEWAY_SECONDS", 60),
    "OIDC_TIMEOUT_SECONDS": env_float("FAGKRAFT_OIDC_TIMEOUT_SECONDS", 10.0),
    # Pushed authorization requests (RFC 9126; HelseID requires them of new clients): on,
    # and the provider's discovery names a PAR endpoint, the authorization parameters are
    # POSTed there and the browser carries only a request_uri.
    "OIDC_USE_PAR": env_bool("FAGKRAFT_OIDC_USE_PAR", False),
    # Microsoft Graph, where an Entra ID user's groups are fetched when there were too
    # many for the token ("group overage"); within OIDC_TIMEOUT_SECONDS, else no login.
    "OIDC_GRAPH_URL": os.environ.get("FAGKRAFT_OIDC_GRAPH_URL",
                                     "https://graph.microsoft.com/v1.0"),
    # Off: the login page offers only single sign-on and no password is accepted anywhere.
    "PASSWORD_LOGIN": env_bool("FAGKRAFT_PASSWORD_LOGIN", True),
}
# Logging out of single sign-on answers the logout form with a redirect to the login
# service's end-session page; browsers hold such a redirect to the form-action list.
if FAGKRAFT["OIDC_DISCOVERY_URL"]:
    _sso = urlsplit(FAGKRAFT["OIDC_DISCOVERY_URL"])
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(f"{_sso.scheme}://{_sso.netloc}")

# The production server (`make serve`): gunicorn reads these through
# fagkraft/gunicorn_conf.py. They are not Django settings; they live here so that every
# variable is declared in one place.
SERVER_BIND = os.environ.get("FAGKRAFT_BIND", "127.0.0.1:8000")
SERVER_WORKERS = env_int("FAGKRAFT_WORKERS", 2)
SERVER_TIMEOUT_SECONDS = env_int("FAGKRAFT_WORKER_TIMEOUT_SECONDS", 120)
SERVER_ACCESS_LOG = env_bool("FAGKRAFT_ACCESS_LOG", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("FAGKRAFT_LOG_LEVEL", "WARNING")},
}
