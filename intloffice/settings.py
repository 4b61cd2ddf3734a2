"""Settings for the international office site.

One module for every environment: production differs only through environment
variables (documented in README.md and .env.example). Defaults are safe: debug is
off unless DJANGO_DEBUG asks for it, and then a secret key must be given.
"""

import os
from datetime import timedelta
from pathlib import Path

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from intloffice.env import (
    env_bool,
    env_caches,
    env_choice,
    env_database,
    env_int,
    env_language_code,
    env_languages,
    env_list,
    env_mailer,
    env_object_storage,
    env_secret_key,
    env_site_url,
    env_value,
    media_origin,
    object_storages,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


# Django core

DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = env_secret_key("DJANGO_SECRET_KEY", debug=DEBUG, local_path=VAR_DIR / "secret_key")

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
    "import_export",
    "intloffice.apps.AxesAdminConfig",  # django-axes, with a translated name
    "documents",
    "partners",
    "news",
    "programmes",
    "treebeard",
    "pages",
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
    "core.middleware.AdminNulParameterMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.admin_storage.StorageUnreachableMiddleware",
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

# Database: SQLite under var/ unless DATABASE_URL names another; set up for several
# server processes (intloffice/env.py).
DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}

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
LANGUAGES = env_languages("DJANGO_LANGUAGES", SUPPORTED_LANGUAGES)
LANGUAGE_CODE = env_language_code("DJANGO_LANGUAGE_CODE", "en", LANGUAGES)
MODELTRANSLATION_LANGUAGES = tuple(SUPPORTED_LANGUAGES)
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_FALLBACK_LANGUAGES = (LANGUAGE_CODE,)
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# One date style per language: core/formats/ where it differs from Django's own.
FORMAT_MODULE_PATH = ["core.formats"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Asia/Shanghai")
USE_TZ = True

# E-mail (the reminders before agreements end): through the SMTP server that
# DJANGO_EMAIL_HOST names; without one, on the console in a debug run, else through the
# machine's own mail server (intloffice/env.py).

MAILERS = {"default": env_mailer("DJANGO_EMAIL", debug=DEBUG)}
DEFAULT_FROM_EMAIL = env_value("DJANGO_DEFAULT_FROM_EMAIL") or "webmaster@localhost"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address links in e-mails start with (scheme and host, no path).
SITE_URL = env_site_url("DJANGO_SITE_URL", "http://localhost:8000")

# Static files and uploads

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT") or BASE_DIR / "media")
# Documents (forms, guides, signed agreements) live apart from the public media
# folder: a proxy serving MEDIA_ROOT can never hand out a staff-only one; they are
# read only through the download view, which checks permission.
DOCUMENTS_ROOT = Path(os.environ.get("DJANGO_DOCUMENTS_ROOT") or BASE_DIR / "var" / "documents")
# The largest document staff may upload; the checks of its content read at most this.
DOCUMENT_MAX_BYTES = env_int("DJANGO_DOCUMENT_MAX_MB", 20) * 1024 * 1024
STATICFILES_STORAGE = {
    "BACKEND": (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
}
IMPORTS_ROOT = Path(os.environ.get("DJANGO_IMPORTS_ROOT") or VAR_DIR / "imports")

# Object storage: with DJANGO_S3_BUCKET set, media (images and their renditions),
# documents and spreadsheets waiting for confirmation live in that bucket of an
# S3-compatible store (django-storages and boto3), which every app server shares, each
# under a prefix of its own: media/ is read by browsers from DJANGO_S3_PUBLIC_URL (a
# CDN, or the bucket's public address), documents/ and imports/ stay private and are
# only ever read through the site, which checks permission and streams them. The
# bucket's policy gives public read to media/ alone (README.md, "Object storage").
OBJECT_STORAGE = env_object_storage("DJANGO_S3")
if OBJECT_STORAGE is None:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": DOCUMENTS_ROOT, "base_url": None},
        },
        "import_export": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": IMPORTS_ROOT, "base_url": None},
        },
        "staticfiles": STATICFILES_STORAGE,
    }
else:
    STORAGES, MEDIA_URL = object_storages(OBJECT_STORAGE, "DJANGO_S3_PUBLIC_URL")
    STORAGES["staticfiles"] = STATICFILES_STORAGE

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
CACHES = env_caches("REDIS_URL", cache_dir=CACHE_DIR, page_entries=PAGE_CACHE_ENTRIES)

# Public pages are kept rendered for this many seconds (core/pagecache.py); a
# staff edit shows at once whatever this says. 0 turns the page cache off.
PUBLIC_PAGE_SECONDS = env_int("DJANGO_PUBLIC_PAGE_SECONDS", 5)

# Readership (news/visits.py): the same browser reading a release again within this
# many seconds makes one visit; 0 counts every view.
VISIT_WINDOW_SECONDS = env_int("DJANGO_VISIT_WINDOW_SECONDS", 30 * 60)
# "server": a release page counts its visit as it is served, and no shared cache may
# keep it. "beacon": release pages may be kept by any cache (a CDN, a proxy), and the
# page reports its visit itself, with the site's own script or, without script, an
# image.
VIEW_COUNTING = env_choice("DJANGO_VIEW_COUNTING", "server", ["server", "beacon"])

# Security
# With debug off the site expects HTTPS: requests are redirected to it, cookies are
# sent over it only, and browsers are told to keep to it (HSTS). DJANGO_SSL_REDIRECT=0
# turns all three off together for a plain-HTTP run on 127.0.0.1 (`make serve` does).
# Behind a TLS-terminating proxy, DJANGO_BEHIND_TLS_PROXY=1 trusts its
# X-Forwarded-Proto and X-Forwarded-For headers; without it they are ignored.

HTTPS_ONLY = env_bool("DJANGO_SSL_REDIRECT", default=not DEBUG)
BEHIND_TLS_PROXY = env_bool("DJANGO_BEHIND_TLS_PROXY")
# How many proxies append to X-Forwarded-For in front of the site (nginx: one).
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 1)

SECURE_SSL_REDIRECT = HTTPS_ONLY
# Load balancers probe the health check over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
ONE_YEAR = 365 * 24 * 60 * 60
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", ONE_YEAR if HTTPS_ONLY else 0)
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
    # And the address media are served from, when that is object storage or a CDN.
    "img-src": [CSP.SELF, *media_origin(MEDIA_URL)],
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
# database (shared by every process); staff unlock from the admin ("Login attempts",
# "Access attempts"). The client address is REMOTE_ADDR, or the proxy's X-Forwarded-For
# entry when DJANGO_BEHIND_TLS_PROXY is set.

LOGIN_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("DJANGO_LOGIN_ADDRESS_FAILURE_LIMIT", 30)
AXES_FAILURE_LIMIT = "core.security.failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 15))
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
        # The development server's "Watching for file changes": not news for anyone.
        "django.utils.autoreload": {"level": "WARNING"},
    },
}

# Spreadsheets (django-import-export; partners/spreadsheets.py): staff import and export
# partners as CSV or XLSX. An upload larger than DJANGO_SPREADSHEET_MAX_MB or with more
# rows than DJANGO_SPREADSHEET_MAX_ROWS is refused before any row is read. Between the
# preview and the confirmation the file waits in a storage of its own, outside the
# media folder (no address serves it; with object storage, under the bucket's private
# imports/ prefix), so that any server process can finish the import.

SPREADSHEET_MAX_BYTES = env_int("DJANGO_SPREADSHEET_MAX_MB", 2) * 1024 * 1024
SPREADSHEET_MAX_ROWS = env_int("DJANGO_SPREADSHEET_MAX_ROWS", 5000)
IMPORT_EXPORT_TMP_STORAGE_CLASS = "partners.spreadsheets.PendingImportStorage"
IMPORT_EXPORT_USE_TRANSACTIONS = True

# Benchmarks (`make bench`, bench/) only: the floor endpoints' app, and cache keys of
# their own so that a benchmark server never shares entries with the site's.

if env_bool("DJANGO_BENCH"):
    INSTALLED_APPS.append("bench")
    for cache_settings in CACHES.values():
        cache_settings["KEY_PREFIX"] = "bench-" + cache_settings.get("KEY_PREFIX", "default")
