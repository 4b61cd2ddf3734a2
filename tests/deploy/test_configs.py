"""The files in deploy/ are accepted by the real nginx, haproxy and systemd, and the
README names every environment variable the settings read."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
CI = os.environ.get("CI") in {"true", "1"}


def tool(name, *places):
    """The path of a system program; skipped without it, failed under CI."""
    found = next((str(p) for p in places if Path(p).exists()), None) or shutil.which(name)
    if found is None:
        message = f"{name} is not installed (apt-get install {name}): its check cannot run"
        if CI:
            pytest.fail(message + " under CI")
        pytest.skip(message)
    return found


def check(command, **options):
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, **options)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_nginx_accepts_the_site_with_a_real_certificate(tmp_path, certificate):
    nginx = tool("nginx", "/usr/sbin/nginx")
    cert, key = certificate
    site = (DEPLOY / "nginx-intloffice.conf").read_text()
    site = site.replace("/etc/ssl/intloffice/fullchain.pem", str(cert))
    site = site.replace("/etc/ssl/intloffice/privkey.pem", str(key))
    (tmp_path / "site.conf").write_text(site)
    # The main file a distribution ships, reduced to what the site needs.
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        "events {}\n"
        f"http {{ access_log off; client_body_temp_path {tmp_path}/body; "
        f"proxy_temp_path {tmp_path}/proxy; include {tmp_path}/site.conf; }}\n"
    )
    output = check([nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")])
    assert "test is successful" in output


def test_haproxy_accepts_its_configuration_with_a_real_certificate(tmp_path, certificate):
    haproxy = tool("haproxy", "/usr/sbin/haproxy")
    cert, key = certificate
    bundle = tmp_path / "intloffice.pem"
    bundle.write_bytes(cert.read_bytes() + key.read_bytes())
    config = (DEPLOY / "haproxy-intloffice.cfg").read_text()
    config = config.replace("/etc/haproxy/certs/intloffice.pem", str(bundle))
    (tmp_path / "haproxy.cfg").write_text(config)
    output = check([haproxy, "-c", "-f", str(tmp_path / "haproxy.cfg")])
    assert "Configuration file is valid" in output


def test_haproxy_checks_readiness_at_healthz_with_a_host_the_site_serves():
    config = (DEPLOY / "haproxy-intloffice.cfg").read_text()
    hosts = re.search(r"^DJANGO_ALLOWED_HOSTS=(.*)$", env_example(), re.M).group(1).split(",")
    assert re.search(r"uri /healthz .*hdr Host (\S+)", config).group(1) in hosts
    assert "http-check expect status 200" in config


def test_systemd_accepts_the_units(tmp_path):
    analyze = tool("systemd-analyze")
    units = []
    for unit in sorted(DEPLOY.glob("*.service")) + sorted(DEPLOY.glob("*.timer")):
        text = unit.read_text().replace("/srv/intloffice", str(ROOT))
        text = text.replace("/etc/intloffice/env", str(DEPLOY / "intloffice.env.example"))
        # The account the units run as is the deployment's to make; root exists here.
        text = re.sub(r"^(User|Group)=intloffice$", r"\1=root", text, flags=re.M)
        (tmp_path / unit.name).write_text(text)
        units.append(str(tmp_path / unit.name))
    result = subprocess.run([analyze, "verify", *units], capture_output=True, text=True, timeout=60)
    ours = [line for line in result.stderr.splitlines() if str(tmp_path) in line]
    assert ours == []


def env_example():
    return (DEPLOY / "intloffice.env.example").read_text()


def settings_variables():
    settings = (ROOT / "intloffice" / "settings.py").read_text()
    env = (ROOT / "intloffice" / "env.py").read_text()
    # A variable's name is passed to a reader (env_int("DJANGO_..."), or as the last
    # argument of object_storages) or to os.environ.get.
    read = re.compile(r'(?:env_\w+\(|os\.environ\.get\(|object_storages\(\w+, )\s*"([A-Z0-9_]+)"')
    names = set(read.findall(settings)) | set(read.findall(env))
    # env_mailer and env_object_storage read a family of variables under a prefix.
    for function, prefix in re.findall(
        r'(env_mailer|env_object_storage)\("([A-Z0-9_]+)"', settings
    ):
        body = env.split(f"def {function}(", 1)[1].split("\ndef ", 1)[0]
        names.discard(prefix)
        names |= {prefix + suffix for suffix in re.findall(r'f"\{prefix\}(_[A-Z_]+)"', body)}
    return names


def test_the_readme_names_every_environment_variable_the_settings_read():
    readme = (ROOT / "README.md").read_text()
    names = settings_variables()
    assert {"DATABASE_URL", "DJANGO_EMAIL_HOST", "DJANGO_S3_BUCKET"} <= names
    assert sorted(name for name in names if not re.search(rf"\b{name}\b", readme)) == []


def test_the_example_environment_file_sets_only_variables_the_site_or_gunicorn_reads():
    names = settings_variables() | {"FORWARDED_ALLOW_IPS", "WEB_CONCURRENCY"}
    assigned = re.findall(r"^([A-Z0-9_]+)=", env_example(), re.M)
    assert sorted(set(assigned) - names) == []
    # systemd takes everything after "=" as the value, comments included.
    assert not re.search(r"^[A-Z0-9_]+=.*[ \t]#", env_example(), re.M)


def test_the_example_environment_file_gives_settings_for_a_server_behind_the_balancer():
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "intloffice.settings"}
    for name, value in re.findall(r"^([A-Z0-9_]+)=(.*)$", env_example(), re.M):
        env[name] = value
    env["DJANGO_SECRET_KEY"] = "a-key-as-long-as-a-real-one-" + "x" * 30
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.MEDIA_URL, s.SECURE_PROXY_SSL_HEADER, s.SECURE_SSL_REDIRECT, "
        "s.CACHES['default']['BACKEND'], s.STORAGES['documents']['OPTIONS']['location'], "
        "s.DATABASES['default']['ENGINE'])"
    )
    output = check([sys.executable, "-c", code], cwd=ROOT, env=env).split()

    assert output == [
        "https://media.io.example.edu/media/",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "True",
        "core.cache.ResilientRedisCache",
        "documents",
        "django.db.backends.postgresql",
    ]
