"""Django settings, read from the environment with safe local defaults.

Environment variables:

- ``DATABASE_URL``: database, e.g. ``postgres://user@host:5432/name``. Default: SQLite in ``var/``.
- ``SECRET_KEY``: default: a random key generated once into ``var/secret_key``.
- ``DEBUG``: ``1``/``true`` to enable debug mode. Default: off.
- ``ALLOWED_HOSTS``: comma-separated. Default: ``127.0.0.1,localhost``.
- ``DATALAB_GEO_DIR``: directory with CBS boundary files (TopoJSON). Default: the download cache.
- ``DATALAB_VAR_DIR``: where local state lives (SQLite file, caches). Default: ``var/``.
- ``DATALAB_NODE_MODULES``: where npm installed the front-end packages. Default: ``node_modules/``.
- ``EMAIL_BACKEND``, ``EMAIL_HOST``, ``EMAIL_PORT``, ``EMAIL_HOST_USER``, ``EMAIL_HOST_PASSWORD``,
  ``EMAIL_USE_TLS``, ``DEFAULT_FROM_EMAIL``: sending invitations. Default: printed to the console
  with the recipients hidden.
- ``DATALAB_MIN_CELL``: small-number protection: public cells based on fewer labs are hidden.
  Default: 3.
- ``DB_BUSY_TIMEOUT`` (SQLite), ``DB_POOL``, ``DB_POOL_MIN_SIZE``, ``DB_POOL_MAX_SIZE``,
  ``DB_POOL_TIMEOUT``, ``DB_CONN_MAX_AGE`` (PostgreSQL): see ``core/envconfig.py``.
- ``DATALAB_CACHE``: ``file`` (default, ``var/cache``), ``database`` or ``memory``.
- ``DATALAB_STATIC_ROOT``: where ``collectstatic`` puts the static files. Default:
  ``var/staticfiles``.
- ``DATALAB_HTTPS``: ``1`` when the site is reached over HTTPS: redirect HTTP, secure cookies,
  HSTS (``SECURE_HSTS_SECONDS``, default one year; ``SECURE_HSTS_INCLUDE_SUBDOMAINS`` and
  ``SECURE_HSTS_PRELOAD``, default on). Default: off, or on with ``DATALAB_BEHIND_TLS_PROXY``.
- ``DATALAB_BEHIND_TLS_PROXY``: ``1`` when a TLS proxy in front sets ``X-Forwarded-Proto``
  (and strips it from clients): trust it for ``https`` links. Default: off.
- ``LOG_LEVEL``: default ``INFO``. Every log line is redacted (``core/redact.py``).
- Server processes: ``WEB_CONCURRENCY``, ``GUNICORN_*``: see ``core/gunicorn_conf.py``.
- ``DATALAB_PROFILE_APPROVAL``: ``1`` makes changes through a lab's edit link wait for a
  researcher's approval. Default: off (applied at once, reviewable and revertible).
- ``DATALAB_WRONG_LINK_LIMIT``: unknown personal links a client may try, ``"attempts/seconds"``;
  then 429 until the window ends (valid links keep working). Default: ``20/600``.
- ``DATALAB_TRUSTED_PROXIES``: how many proxies in front append to ``X-Forwarded-For``; the
  client address for rate limits and login lockout is taken from there. Default: 0 (the
  header is ignored and the connection's address is the client).
- ``AXES_FAILURE_LIMIT`` (default 5), ``AXES_COOLOFF_MINUTES`` (default 30),
  ``AXES_LOCKOUT_PARAMETERS`` (default ``ip_address``; ``username+ip_address`` locks only that
  user from that address): admin login lockout after failed logins (django-axes).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from datalab_monitor.core import envconfig

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


VAR_DIR = Path(os.environ.get("DATALAB_VAR_DIR", PROJECT_DIR / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "datalab_monitor.core",
    "datalab_monitor.geo",
    "datalab_monitor.registry",
    "datalab_monitor.inventory",
    "datalab_monitor.results",
    "datalab_monitor.maps",
    "datalab_monitor.reports",
    "datalab_monitor.opendata",
    "datalab_monitor.web",
    "datalab_monitor.labpages",
    "rest_framework",
    "drf_spectacular",
    "datalab_monitor.api",
    "axes",
]

MIDDLEWARE = [
    "datalab_monitor.core.health.HealthCheckMiddleware",
    "datalab_monitor.api.middleware.ApiMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "datalab_monitor.core.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "datalab_monitor.core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: the admin login lockout
]

ROOT_URLCONF = "datalab_monitor.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "core" / "admin_templates"],  # admin overrides (accessibility)
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "datalab_monitor.core.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "datalab_monitor.wsgi.application"

DATABASES = {"default": envconfig.database(VAR_DIR)}
CACHES = envconfig.caches(VAR_DIR)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Dutch first, English second. Source strings (msgids) are English; Dutch lives in .po files.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [PACKAGE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DATALAB_STATIC_ROOT") or VAR_DIR / "staticfiles").resolve()
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
NODE_MODULES_DIR = Path(os.environ.get("DATALAB_NODE_MODULES", PROJECT_DIR / "node_modules"))
# App static files, and from node_modules only the files the site uses (core/staticfiles.py).
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "datalab_monitor.core.staticfiles.VendorFinder",
]
# `collectstatic` (run by `init`) writes hashed, compressed copies that WhiteNoise serves with
# far-future caching; only with DEBUG are files served straight from the finders.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "admin:login"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses logins while locked out
    "django.contrib.auth.backends.ModelBackend",
]

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "datalab_monitor.core.mail.RedactingConsoleBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "datalab-monitor@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")

# Reference data: CBS boundary files (TopoJSON). Tests and CI point this at ../shared/geo.
GEO_CACHE_DIR = VAR_DIR / "geo"
DATALAB_GEO_DIR = Path(os.environ.get("DATALAB_GEO_DIR") or GEO_CACHE_DIR)

# Small-number protection of public findings: cells based on fewer labs are shown as "< N".
DATALAB_MIN_CELL = int(os.environ.get("DATALAB_MIN_CELL", "3"))

# Lab pages: with 1, changes made through a lab's edit link wait for a researcher's approval.
DATALAB_PROFILE_APPROVAL = env_bool("DATALAB_PROFILE_APPROVAL")

# Abuse limits (core/ratelimit.py, docs/roles.md): unknown links per client, the client address
# behind proxies, and the admin login lockout (django-axes, counted per client address).
DATALAB_WRONG_LINK_LIMIT = os.environ.get("DATALAB_WRONG_LINK_LIMIT", "20/600")
DATALAB_TRUSTED_PROXIES = int(os.environ.get("DATALAB_TRUSTED_PROXIES", "0"))
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = int(os.environ.get("AXES_COOLOFF_MINUTES", "30")) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [
    part.split("+") if "+" in part else part
    for part in env_list("AXES_LOCKOUT_PARAMETERS", "ip_address")
]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "datalab_monitor.core.ratelimit.client_address"
AXES_LOCKOUT_CALLABLE = "datalab_monitor.core.lockout.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # keep no record of successful logins (addresses, browsers)
AXES_VERBOSE = False  # no "AXES: BEGIN" banner on every command

LOGGING = envconfig.logging_config(os.environ.get("LOG_LEVEL", "INFO").upper())

if not DEBUG:
    SESSION_COOKIE_HTTPONLY = True
    X_FRAME_OPTIONS = "DENY"

# HTTPS, from the environment (docs/deploy.md). Behind a TLS proxy, trust its X-Forwarded-Proto.
if env_bool("DATALAB_BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if env_bool("DATALAB_HTTPS", default=env_bool("DATALAB_BEHIND_TLS_PROXY")):
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz/?$", r"^readyz/?$"]  # probes inside the network
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)

# Content-Security-Policy (django-csp): no inline script or style anywhere; charts are inline
# SVG, the Utrecht CSS draws icons from data: URIs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The public API (/api/v1, docs/api.md): stateless token authentication, problem details, rate
# limits per client address (anonymous) or per token, counted in the "default" cache.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["datalab_monitor.api.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "datalab_monitor.api.throttling.AnonymousThrottle",
        "datalab_monitor.api.throttling.TokenThrottle",
    ],
    "EXCEPTION_HANDLER": "datalab_monitor.api.problems.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "NUM_PROXIES": DATALAB_TRUSTED_PROXIES,  # the same proxies as for the abuse limits
}
# Requests per client: "N/second|minute|hour|day"; empty: no limit.
DATALAB_API_RATES = {
    "anonymous": os.environ.get("DATALAB_API_RATE_ANONYMOUS", "600/minute") or None,
    "token": os.environ.get("DATALAB_API_RATE_TOKEN", "1200/minute") or None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Datalab Monitor API",
    "DESCRIPTION": (
        "The register of municipal data labs and the published findings of the inventory "
        "waves. Follows the NL API Design Rules; see docs/api.md. This document: /api/v1/openapi.json."
    ),
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.0.3",
    "CONTACT": {
        "name": "Datalab Monitor",
        "url": "https://github.com/datalab-monitor/datalab-monitor",
    },
    "LICENSE": {"name": "EUPL-1.2"},
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": ["datalab_monitor.api.schema.postprocess"],
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
}
