#!/usr/bin/env bash
# `make audit`: the W3C Nu HTML Checker, Lighthouse and axe-core on every public page
# type in every language, and the weight of a first visit (tests/audit/), against
# gunicorn serving the demo content in a temporary folder. The three tools come from
# npm at the versions package-lock.json pins; they need Java, Node.js and Chromium
# from the system.
#
# Exit status: pytest's, 77 when Java, Node.js, npm or Chromium is missing, 1 when
# npm leaves one of the three tools uninstalled.
set -uo pipefail
cd "$(dirname "$0")/.."

export CHROME_PATH="${CHROME_PATH:-${CHROMIUM:-/usr/bin/chromium}}"
missing=()
command -v java >/dev/null || missing+=("java (apt-get install default-jre-headless)")
command -v node >/dev/null || missing+=("node (apt-get install nodejs)")
command -v npm >/dev/null || missing+=("npm (apt-get install npm)")
[ -x "$CHROME_PATH" ] || missing+=("chromium at $CHROME_PATH (apt-get install chromium)")
if [ ${#missing[@]} -gt 0 ]; then
    printf 'Missing for the audit: %s\n' "${missing[@]}"
    exit 77
fi
echo "java: $(java -version 2>&1 | head -n 1); node: $(node --version); $("$CHROME_PATH" --version 2>/dev/null)"

# The lockfile pins every package (package.json's overrides pin the two that one of
# Lighthouse's own dependencies asks for as "latest", which would not stay put).
# Install scripts are not needed: vnu-jar's would fetch a Java runtime when none is
# found, and the system's is used instead.
if [ ! node_modules/.package-lock.json -nt package-lock.json ] ||
    [ ! node_modules/.package-lock.json -nt package.json ]; then
    npm ci --ignore-scripts --no-audit --no-fund || exit 1
fi
for tool in vnu-jar/build/dist/vnu.jar lighthouse/cli/index.js axe-core/axe.min.js; do
    if [ ! -f "node_modules/$tool" ]; then
        echo "AUDIT CANNOT RUN: node_modules/$tool is missing (npm ci installs it from package-lock.json)" >&2
        exit 1
    fi
done

export DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-test-only-secret-key-not-for-production}"
exec .venv/bin/python -m pytest tests/audit -m audit -v "$@"
