#!/usr/bin/env bash
# `make serve`: the site as production runs it (gunicorn + whitenoise, debug off).
# Works from a fresh clone: a secret key is generated once under var/ unless
# DJANGO_SECRET_KEY is set.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
if [ -z "${DJANGO_SECRET_KEY:-}" ]; then
    [ -s var/secret_key ] || (umask 077 && .venv/bin/python -c \
        'import secrets; print(secrets.token_urlsafe(50))' > var/secret_key)
    DJANGO_SECRET_KEY="$(cat var/secret_key)"
    export DJANGO_SECRET_KEY
fi
export DJANGO_DEBUG=0
# Locally the site is served on plain http://127.0.0.1: no redirect to HTTPS, no
# secure-only cookies (the admin login needs its cookies). Behind a TLS proxy
# (DJANGO_BEHIND_TLS_PROXY=1) or with DJANGO_SSL_REDIRECT set, the HTTPS defaults hold.
if [ -z "${DJANGO_SSL_REDIRECT:-}" ] && [ -z "${DJANGO_BEHIND_TLS_PROXY:-}" ]; then
    export DJANGO_SSL_REDIRECT=0
    echo "Plain HTTP (DJANGO_SSL_REDIRECT=0); set DJANGO_BEHIND_TLS_PROXY=1 behind a TLS proxy."
fi
.venv/bin/python manage.py collectstatic --noinput --verbosity 0
.venv/bin/python manage.py migrate --noinput --verbosity 0
exec .venv/bin/gunicorn intloffice.wsgi \
    --bind "${HOST:-127.0.0.1}:${PORT:-8000}" \
    --workers "${WEB_CONCURRENCY:-3}" \
    --access-logfile - \
    --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}"
