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
# A switch is on when it says 1, true, yes or on, as the settings read it.
is_on() { case "${1,,}" in 1 | true | yes | on) return 0 ;; *) return 1 ;; esac; }
# Locally the site is served on plain http://127.0.0.1: no redirect to HTTPS, no
# secure-only cookies (the admin login needs its cookies). Behind a TLS proxy
# (DJANGO_BEHIND_TLS_PROXY=1) or with DJANGO_SSL_REDIRECT set, the HTTPS defaults hold.
if [ -z "${DJANGO_SSL_REDIRECT:-}" ] && ! is_on "${DJANGO_BEHIND_TLS_PROXY:-}"; then
    export DJANGO_SSL_REDIRECT=0
    echo "Plain HTTP (DJANGO_SSL_REDIRECT=0); set DJANGO_BEHIND_TLS_PROXY=1 behind a TLS proxy."
fi
# gunicorn takes X-Forwarded-Proto: https (and a few other headers) as the truth from
# the addresses in --forwarded-allow-ips, by default this machine's: behind a local
# proxy that passes clients' headers on, any visitor could make plain HTTP pass for
# HTTPS. So no address is trusted unless a TLS proxy is declared, and then only
# FORWARDED_ALLOW_IPS (by default this machine, where the proxy usually runs).
forwarded_allow_ips=""
if is_on "${DJANGO_BEHIND_TLS_PROXY:-}"; then
    forwarded_allow_ips="${FORWARDED_ALLOW_IPS:-127.0.0.1,::1}"
elif [ -n "${FORWARDED_ALLOW_IPS:-}" ]; then
    echo "FORWARDED_ALLOW_IPS is ignored: proxy headers are trusted only with DJANGO_BEHIND_TLS_PROXY=1."
fi
# The access log names no reader: the time, the request line, the status, the size
# and the time taken, without gunicorn's default address, referrer and User-Agent.
access_log_format='%(t)s "%(r)s" %(s)s %(b)s %(M)sms'
.venv/bin/python manage.py collectstatic --noinput --verbosity 0
.venv/bin/python manage.py migrate --noinput --verbosity 0
exec .venv/bin/gunicorn intloffice.wsgi \
    --bind "${HOST:-127.0.0.1}:${PORT:-8000}" \
    --workers "${WEB_CONCURRENCY:-3}" \
    --access-logfile - \
    --access-logformat "$access_log_format" \
    --forwarded-allow-ips "$forwarded_allow_ips"
