"""Settings for the international office site.

One module for every environment: production differs only through environment
variables (documented in README.md and .env.example). Defaults are safe: debug is
off unless DJANGO_DEBUG asks for it, and then a secret key must be given.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def local_secret_key(path):
    """A random key kept under var/ for local runs, made on first use."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(get_random_secret_key())
        path.chmod(0o600)
    return path.read_text().strip()


# Django core

DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            "(`make serve` generates one under var/)."
        )
    SECRET_KEY = local_secret_key(VAR_DIR / "secret_key")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "core",
    "modeltranslation",  # before the admin, which it extends
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_countries",
    "simple_history",
    "axes",
    "partners",
    "news",
    "intloffice",  # the project on top: it composes the apps above
]

MIDDLEWARE = [
    "core.middleware.HeadWithoutBodyMiddleware",
    "core.middleware.OverlongAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.middleware.PreferredLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "core.middleware.OneLoginAttemptAtATimeMiddleware",
]

ROOT_URLCONF = "intloffice.urls"
WSGI_APPLICATION = "intloffice.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.office",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL names another.

DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several server processes share one file: WAL lets readers and the writer work
    # at once, IMMEDIATE takes the write lock at BEGIN (no deadlock on upgrade) and
    # the busy timeout makes writers queue instead of failing with "locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=20000;",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DJANGO_CONN_MAX_AGE", "60"))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 3

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "core.security.LoginLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages and time

# The languages the site can speak. Content has a column for each of them (the
# database schema does not depend on configuration); DJANGO_LANGUAGES chooses which
# the site offers and DJANGO_LANGUAGE_CODE the default, served without a URL prefix.
SUPPORTED_LANGUAGES = {
    "en": _("English"),
    "zh-hans": _("Simplified Chinese"),
    "ru": _("Russian"),
}
LANGUAGE_CODE = os.environ.get("DJANGO_LANGUAGE_CODE", "en").strip().lower()
LANGUAGES = [
    (code.lower(), SUPPORTED_LANGUAGES.get(code.lower(), code))
    for code in dict.fromkeys(env_list("DJANGO_LANGUAGES", list(SUPPORTED_LANGUAGES)))
]
if unknown := [code for code, _name in LANGUAGES if code not in SUPPORTED_LANGUAGES]:
    raise ImproperlyConfigured(
        f"DJANGO_LANGUAGES names {', '.join(unknown)}; "
        f"the site can speak {', '.join(SUPPORTED_LANGUAGES)}."
    )
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(
        f"DJANGO_LANGUAGE_CODE {LANGUAGE_CODE!r} is not one of DJANGO_LANGUAGES "
        f"({', '.join(dict(LANGUAGES))})."
    )
MODELTRANSLATION_LANGUAGES = tuple(SUPPORTED_LANGUAGES)
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_FALLBACK_LANGUAGES = (LANGUAGE_CODE,)
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Asia/Shanghai")
USE_TZ = True

# Static files and uploads

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Cache: Redis when REDIS_URL is set (shared by every process and machine), else
# files under DJANGO_CACHE_DIR (var/cache by default; shared by the processes of one
# machine), so that the new content version a staff edit sets reaches every
# server process.
# Two caches (core/pagecache.py): "pages" for rendered public pages, which
# visitors can multiply (a search word, a page number), so it is bounded; "default"
# for the small state that content makes (the content version, the office's details,
# image renditions), which visitors cannot add to, so it never drops an entry: a
# flood of pages cannot evict the content version. With Redis both live in one
# server; give it maxmemory-policy volatile-lru so that only entries with an expiry
# (pages first) make room, never the content version.

CACHE_DIR = Path(os.environ.get("DJANGO_CACHE_DIR") or VAR_DIR / "cache")
PAGE_CACHE_ENTRIES = 1000
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "pages",
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": CACHE_DIR / "default",
            # Django's file cache culls past MAX_ENTRIES; this one never gets there.
            "OPTIONS": {"MAX_ENTRIES": sys.maxsize},
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": CACHE_DIR / "pages",
            "OPTIONS": {"MAX_ENTRIES": PAGE_CACHE_ENTRIES},
        },
    }

# Public pages are kept rendered for this many seconds (core/pagecache.py); a
# staff edit shows at once whatever this says. 0 turns the page cache off.
PUBLIC_PAGE_SECONDS = int(os.environ.get("DJANGO_PUBLIC_PAGE_SECONDS", "5"))

# Security
# With debug off the site expects HTTPS: requests are redirected to it, cookies are
# sent over it only, and browsers are told to keep to it (HSTS). DJANGO_SSL_REDIRECT=0
# turns all three off together for a plain-HTTP run on 127.0.0.1 (`make serve` does).
# Behind a TLS-terminating proxy, DJANGO_BEHIND_TLS_PROXY=1 trusts its
# X-Forwarded-Proto and X-Forwarded-For headers; without it they are ignored.

HTTPS_ONLY = env_bool("DJANGO_SSL_REDIRECT", default=not DEBUG)
BEHIND_TLS_PROXY = env_bool("DJANGO_BEHIND_TLS_PROXY")
# How many proxies append to X-Forwarded-For in front of the site (nginx: one).
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT") or 1)

SECURE_SSL_REDIRECT = HTTPS_ONLY
# Load balancers probe the health check over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
ONE_YEAR = 365 * 24 * 60 * 60
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS") or (ONE_YEAR if HTTPS_ONLY else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = HTTPS_ONLY
CSRF_COOKIE_SECURE = HTTPS_ONLY
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = HTTPS_ONLY
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = ONE_YEAR
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content Security Policy: every page loads scripts, styles, fonts and images from
# this site only, runs no inline script (no nonces either: pages may be cached) and
# cannot be framed. The admin pages where CKEditor 5 runs (core.widgets.RichTextAdminMixin)
# get EDITOR_CSP: CKEditor shows an image being uploaded as a data: URL and sizes it with
# style attributes (never <style> elements or inline script); tests/browser/test_csp.py.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
EDITOR_CSP = {
    **SECURE_CSP,
    "img-src": [CSP.SELF, "data:"],
    "style-src-attr": [CSP.UNSAFE_INLINE],
}

# Login lockout (django-axes): after DJANGO_LOGIN_FAILURE_LIMIT failed logins for
# one account from one client address, that pair is locked out for
# DJANGO_LOGIN_COOLOFF_MINUTES; after DJANGO_LOGIN_ADDRESS_FAILURE_LIMIT failed logins
# from one address over all accounts (password spraying), that address is locked out
# for every account. The second limit is far above what the people behind one
# campus NAT address mistype in a cool-off period. Attempts are counted in the
# database (shared by every process); staff unlock from the admin ("Access
# attempts"). The client address is REMOTE_ADDR, or the proxy's X-Forwarded-For
# entry when DJANGO_BEHIND_TLS_PROXY is set.

LOGIN_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT") or 5)
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_ADDRESS_FAILURE_LIMIT") or 30)
AXES_FAILURE_LIMIT = "core.security.failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES") or 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
AXES_LOCKOUT_CALLABLE = "core.security.lockout_response"
AXES_RESET_ON_SUCCESS = True
# No per-login log of addresses and browsers: personal data that only grows.
AXES_DISABLE_ACCESS_LOG = True

# Logging: one JSON object a line on stdout, for the process manager to collect.
# Server errors carry the request's method and path; requests refused as suspicious
# (an unknown Host, too many parameters) are warnings, not errors.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "core.logs.JsonLinesFormatter"}},
    "filters": {"refusals": {"()": "core.logs.RefusalsAsWarnings"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["refusals"],
        }
    },
    "root": {"handlers": ["stdout"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
}

# Benchmarks (`make bench`, bench/) only: the floor endpoints' app, and cache keys of
# their own so that a benchmark server never shares entries with the site's.

if env_bool("DJANGO_BENCH"):
    INSTALLED_APPS.append("bench")
    for cache_settings in CACHES.values():
        cache_settings["KEY_PREFIX"] = "bench-" + cache_settings.get("KEY_PREFIX", "default")
