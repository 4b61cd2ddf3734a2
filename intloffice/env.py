"""Reading settings from environment variables.

An empty variable means the default, as if it were not set (a `.env` file or a
container definition often lists every variable, some left blank). A value that
cannot be read stops the site with ImproperlyConfigured, which manage.py reports as
one line naming the variable, never as a traceback.
"""

import os
import re
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key


def env_value(name):
    """The variable's value without surrounding spaces, or None when unset or empty."""
    value = os.environ.get(name, "").strip()
    return value or None


def env_bool(name, default=False):
    value = env_value(name)
    if value is None:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = env_value(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name, default):
    value = env_value(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_choice(name, default, choices):
    value = (env_value(name) or default).lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}.")
    return value


def local_secret_key(path):
    """A random key kept under var/ for local runs, made on first use."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(get_random_secret_key())
        path.chmod(0o600)
    return path.read_text().strip()


def env_secret_key(name, *, debug, local_path):
    """The secret key; only a debug run may do without one (it gets a local one)."""
    if key := os.environ.get(name, ""):
        return key
    if not debug:
        raise ImproperlyConfigured(
            f"{name} must be set when DJANGO_DEBUG is off (`make serve` generates one under var/)."
        )
    return local_secret_key(local_path)


def env_database(name, default_url):
    """The database the URL in `name` names, set up for several server processes."""
    database = dj_database_url.parse(env_value(name) or default_url)
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # Several server processes share one file: WAL lets readers and the writer
        # work at once, IMMEDIATE takes the write lock at BEGIN (no deadlock on
        # upgrade) and the busy timeout makes writers queue instead of failing with
        # "locked".
        database["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=20000;",
        }
        # SQLite makes the file but not its folder. The default one (var/) does not
        # exist on a fresh clone, and even `manage.py check` opens the database (a
        # JSON field asks it whether it supports JSON). A folder DATABASE_URL names
        # is the deployment's to make: a wrong one must fail, not be made.
        if env_value(name) is None:
            Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    else:
        database["CONN_MAX_AGE"] = env_int("DJANGO_CONN_MAX_AGE", 60)
        database["CONN_HEALTH_CHECKS"] = True
        database.setdefault("OPTIONS", {})["connect_timeout"] = 3
    return database


def env_languages(name, supported):
    """(code, name) of each language listed in `name`, all of them if it is empty;
    each must be one of `supported` (a mapping of code to name)."""
    languages = [
        (code.lower(), supported.get(code.lower(), code))
        for code in dict.fromkeys(env_list(name, list(supported)))
    ]
    if unknown := [code for code, _name in languages if code not in supported]:
        raise ImproperlyConfigured(
            f"{name} names {', '.join(unknown)}; the site can speak {', '.join(supported)}."
        )
    return languages


def env_language_code(name, default, languages):
    code = os.environ.get(name, default).strip().lower()
    if code not in dict(languages):
        raise ImproperlyConfigured(
            f"{name} {code!r} is not one of DJANGO_LANGUAGES ({', '.join(dict(languages))})."
        )
    return code


def env_mailer(prefix, *, debug):
    """Django's "default" mailer: the SMTP server that PREFIX_HOST names (with
    PREFIX_PORT, _USE_TLS, _USE_SSL, _HOST_USER, _HOST_PASSWORD, _TIMEOUT).

    Without a host, a debug run prints messages on the console, and any other run
    hands them to the machine's own mail server (localhost:25), which is where a
    server usually relays mail from.
    """
    host = env_value(f"{prefix}_HOST")
    if host is None and debug:
        return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    use_tls, use_ssl = env_bool(f"{prefix}_USE_TLS"), env_bool(f"{prefix}_USE_SSL")
    if use_tls and use_ssl:
        # A server speaks one or the other on a port: asking for both is a mistake.
        raise ImproperlyConfigured(
            f"Set {prefix}_USE_TLS (STARTTLS, usually port 587) or {prefix}_USE_SSL "
            "(TLS from the start, usually port 465), not both."
        )
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": host or "localhost",
            "port": env_int(f"{prefix}_PORT", 465 if use_ssl else 587 if use_tls else 25),
            "use_tls": use_tls,
            "use_ssl": use_ssl,
            "username": env_value(f"{prefix}_HOST_USER") or "",
            # Not stripped: a password may begin or end with a space.
            "password": os.environ.get(f"{prefix}_HOST_PASSWORD", ""),
            # Seconds to wait for the server: a silent one must not hang a daily run.
            "timeout": env_int(f"{prefix}_TIMEOUT", 30),
        },
    }


def env_site_url(name, default):
    """The site's public address, for links in what is read away from the site (the
    e-mails a management command sends have no request to take it from)."""
    url = (env_value(name) or default).rstrip("/")
    if not url.startswith(("http://", "https://")) or "/" in url.split("://", 1)[1]:
        raise ImproperlyConfigured(
            f"{name} must be the site's address, like https://io.example.edu, not {url!r}."
        )
    return url


def env_caches(redis_name, *, cache_dir, page_entries):
    """The "default" and "pages" caches: on the Redis server the URL in `redis_name`
    names, or else in files under `cache_dir` (see settings.py for why two)."""
    if redis_url := env_value(redis_name):
        # Answers as a miss while Redis is away, so pages are rendered instead.
        redis = {"BACKEND": "core.cache.ResilientRedisCache", "LOCATION": redis_url}
        return {"default": redis, "pages": {**redis, "KEY_PREFIX": "pages"}}
    files = "django.core.cache.backends.filebased.FileBasedCache"
    return {
        "default": {
            "BACKEND": files,
            "LOCATION": cache_dir / "default",
            # Django's file cache culls past MAX_ENTRIES; this one never gets there.
            "OPTIONS": {"MAX_ENTRIES": sys.maxsize},
        },
        "pages": {
            "BACKEND": files,
            "LOCATION": cache_dir / "pages",
            "OPTIONS": {"MAX_ENTRIES": page_entries},
        },
    }


def env_object_storage(prefix):
    """The S3Storage options shared by media, documents and pending imports when
    `{prefix}_BUCKET` names a bucket of an S3-compatible store, else None.

    The endpoint, region, keys and addressing style name the store (AWS S3 needs only
    the bucket and region; MinIO, Ceph RGW, Aliyun OSS and Tencent COS need their
    endpoint); without keys, boto3 looks where it always does (its own variables,
    ~/.aws, an instance role). Timeouts are short and retries few, so a store that
    does not answer costs a page a few seconds at most, not minutes.
    """
    bucket = env_value(f"{prefix}_BUCKET")
    if bucket is None:
        return None
    from botocore.config import Config

    style = env_choice(f"{prefix}_ADDRESSING_STYLE", "auto", ["auto", "path", "virtual"])
    options = {
        "bucket_name": bucket,
        "endpoint_url": env_value(f"{prefix}_ENDPOINT_URL"),
        "region_name": env_value(f"{prefix}_REGION"),
        "access_key": env_value(f"{prefix}_ACCESS_KEY_ID"),
        "secret_key": env_value(f"{prefix}_SECRET_ACCESS_KEY"),
        "addressing_style": None if style == "auto" else style,
        "signature_version": "s3v4",
        "client_config": Config(
            connect_timeout=env_int(f"{prefix}_TIMEOUT", 3),
            read_timeout=env_int(f"{prefix}_TIMEOUT", 3) * 3,
            retries={"max_attempts": 2, "mode": "standard"},
        ),
        # Names are random or derived from random ones; a clash is a race, not a
        # replacement (core/images/renditions.py keeps one copy).
        "file_overwrite": False,
    }
    return {name: value for name, value in options.items() if value is not None}


def object_storages(storage_options, public_url_name):
    """(STORAGES without "staticfiles", MEDIA_URL) for media, documents and pending
    imports in the bucket `storage_options` names (env_object_storage), each under a
    prefix of its own; public media are read from the address in `public_url_name`."""
    protocol, domain = env_public_media_url(public_url_name, storage_options)
    s3 = "storages.backends.s3.S3Storage"
    storages = {
        "default": {
            "BACKEND": s3,
            "OPTIONS": {
                **storage_options,
                "location": "media",
                "custom_domain": domain,
                "url_protocol": protocol,
                "querystring_auth": False,
                # Stored names are random and never reused (core/media.py).
                "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
            },
        },
        "documents": {
            "BACKEND": s3,
            "OPTIONS": {
                **storage_options,
                "location": "documents",
                "querystring_expire": 60,
                # A download is read from the store before it is sent: past this size
                # it waits in a temporary file rather than in the worker's memory.
                "max_memory_size": 2 * 1024 * 1024,
            },
        },
        "import_export": {
            "BACKEND": s3,
            "OPTIONS": {**storage_options, "location": "imports", "querystring_expire": 60},
        },
    }
    return storages, f"{protocol}//{domain}/media/"


PUBLIC_ADDRESS = re.compile(r"[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~-]+)*")


def env_public_media_url(name, storage_options):
    """(url_protocol, custom_domain) for public media in object storage: from the
    address in `name` (a CDN or the bucket's public address), else the endpoint
    followed by the bucket, the address path-style stores answer at."""
    url = env_value(name)
    if url is None:
        endpoint = storage_options.get("endpoint_url")
        if endpoint is None:
            region = storage_options.get("region_name") or "us-east-1"
            endpoint = f"https://s3.{region}.amazonaws.com"
        url = f"{endpoint.rstrip('/')}/{storage_options['bucket_name']}"
    scheme, separator, rest = url.rstrip("/").partition("://")
    # Its host goes into the Content Security Policy: nothing but a host name, a port
    # and a plain path, so no value can widen the policy ("*", a quote, a space).
    if not separator or scheme not in ("http", "https") or not PUBLIC_ADDRESS.fullmatch(rest):
        raise ImproperlyConfigured(
            f"{name} must be an address like https://media.example.edu, not {url!r}."
        )
    return f"{scheme}:", rest


def media_origin(media_url):
    """[scheme://host[:port]] of media served from another address, else []."""
    scheme, separator, rest = media_url.partition("://")
    return [f"{scheme}://{rest.split('/', 1)[0]}"] if separator else []
