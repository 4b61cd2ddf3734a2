"""The site behind the real nginx with deploy/nginx-intloffice.conf, and behind the
real haproxy with deploy/haproxy-intloffice.cfg, over TLS, as DJANGO_BEHIND_TLS_PROXY=1
expects it: HTTPS is believed (no redirect loop, secure cookies, HSTS sent once),
plain HTTP is sent to HTTPS, and the login lockout counts the client's address that
the balancer saw, not one the client wrote. haproxy sends requests to the node only
once its /healthz check passes."""

import http.client
import os
import re
import socket
import ssl
import subprocess
import time
from contextlib import contextmanager
from urllib.parse import urlencode

import pytest

from bench.server import free_port
from tests.deploy.test_configs import DEPLOY, tool
from tests.security.logins import LIMIT
from tests.server import served_by_make_serve
from tests.user_agents import BROWSER

pytestmark = pytest.mark.server

HOST = "io.example.edu"


def nginx_site(certificate, http_port, https_port, node_port):
    """deploy/nginx-intloffice.conf on loopback ports, with one node and `certificate`."""
    cert, key = certificate
    site = (DEPLOY / "nginx-intloffice.conf").read_text()
    site = site.replace("/etc/ssl/intloffice/fullchain.pem", str(cert))
    site = site.replace("/etc/ssl/intloffice/privkey.pem", str(key))
    site = re.sub(r"^\s*listen \[::\].*\n", "", site, flags=re.M)
    site = re.sub(r"listen 80;", f"listen 127.0.0.1:{http_port};", site)
    site = re.sub(r"listen 443 ", f"listen 127.0.0.1:{https_port} ", site)
    nodes = re.findall(r"^\s*server 10\.\S+ (.*)$", site, flags=re.M)
    site = re.sub(r"^\s*server 10\..*\n", "", site, flags=re.M)
    return site.replace(
        "upstream intloffice {",
        f"upstream intloffice {{\n    server 127.0.0.1:{node_port} {nodes[0]}",
    )


@contextmanager
def running_nginx(tmp_path, site):
    nginx = tool("nginx", "/usr/sbin/nginx")
    (tmp_path / "site.conf").write_text(site)
    temp = " ".join(
        f"{name}_temp_path {tmp_path}/{name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (tmp_path / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        + f"http {{ access_log off; {temp} include {tmp_path}/site.conf; }}\n"
    )
    process = subprocess.Popen(
        [nginx, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-g", "daemon off;"]
    )
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_for_port(port, process, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "the balancer exited"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on port {port}")


def haproxy_config(certificate, folder, http_port, https_port, node_port):
    """deploy/haproxy-intloffice.cfg on loopback ports, with one node, `certificate`
    and a socket to ask haproxy about its checks."""
    cert, key = certificate
    bundle = folder / "intloffice.pem"
    bundle.write_bytes(cert.read_bytes() + key.read_bytes())
    config = (DEPLOY / "haproxy-intloffice.cfg").read_text()
    config = config.replace("/etc/haproxy/certs/intloffice.pem", str(bundle))
    config = config.replace("    log /dev/log local0\n", f"    stats socket {folder}/admin.sock\n")
    config = config.replace("bind :80\n", f"bind 127.0.0.1:{http_port}\n")
    config = config.replace("bind :443 ", f"bind 127.0.0.1:{https_port} ")
    config = re.sub(r"^\s*server node2 .*\n", "", config, flags=re.M)
    return config.replace("server node1 10.0.0.11:8000", f"server node1 127.0.0.1:{node_port}")


@contextmanager
def running_haproxy(folder, config):
    haproxy = tool("haproxy", "/usr/sbin/haproxy")
    (folder / "haproxy.cfg").write_text(config)
    process = subprocess.Popen([haproxy, "-db", "-f", str(folder / "haproxy.cfg")])
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_for_passed_check(folder, process, seconds=30):
    """Until haproxy reports the node's /healthz check passed (L7OK)."""
    deadline = time.monotonic() + seconds
    status = ""
    while time.monotonic() < deadline:
        assert process.poll() is None, "haproxy exited"
        try:
            with socket.socket(socket.AF_UNIX) as admin:
                admin.connect(str(folder / "admin.sock"))
                admin.sendall(b"show stat\n")
                status = admin.makefile().read()
        except OSError:
            pass
        if "L7OK" in status:
            return
        time.sleep(0.2)
    raise AssertionError(f"the node's check never passed:\n{status}")


class Client:
    """Requests to the balancer as a browser at https://io.example.edu sends them."""

    def __init__(self, https_port):
        self.port = https_port
        self.context = ssl.create_default_context()
        # The certificate is a throwaway one made for this test.
        self.context.check_hostname = False
        self.context.verify_mode = ssl.CERT_NONE
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPSConnection(
            "127.0.0.1", self.port, context=self.context, timeout=30
        )
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        sent = {"Host": HOST, "User-Agent": BROWSER, "Accept-Language": "en"}
        sent |= {"Cookie": cookie} if cookie else {}
        try:
            connection.request(method, path, body=body, headers=sent | (headers or {}))
            response = connection.getresponse()
            text = response.read().decode()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        return response, text

    def failed_login(self, forwarded_for):
        _response, page = self.request("GET", "/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = {"csrfmiddlewaretoken": token, "username": "editor", "password": "wrong"}
        response, _text = self.request(
            "POST",
            "/admin/login/",
            urlencode(form),
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"https://{HOST}",
                "Referer": f"https://{HOST}/admin/login/",
                # What a client may write: the balancer puts the address it saw last.
                "X-Forwarded-For": forwarded_for,
            },
        )
        return response.status


@pytest.fixture(scope="module", params=["nginx", "haproxy"])
def behind_balancer(request, tmp_path_factory, certificate):
    """`make serve` behind the balancer: (its HTTP port, its HTTPS port)."""
    env = {"DJANGO_BEHIND_TLS_PROXY": "1", "DJANGO_ALLOWED_HOSTS": f"{HOST},127.0.0.1"}
    with served_by_make_serve(tmp_path_factory.mktemp("site"), env) as site:
        node_port = int(site.url.rsplit(":", 1)[1])
        http_port, https_port = free_port(), free_port()
        folder = tmp_path_factory.mktemp(request.param)
        if request.param == "nginx":
            config = nginx_site(certificate, http_port, https_port, node_port)
            with running_nginx(folder, config) as nginx:
                wait_for_port(https_port, nginx)
                yield http_port, https_port
        else:
            config = haproxy_config(certificate, folder, http_port, https_port, node_port)
            with running_haproxy(folder, config) as haproxy:
                wait_for_passed_check(folder, haproxy)
                yield http_port, https_port


def test_behind_the_balancer_https_is_believed_and_cookies_are_secure(behind_balancer):
    _http_port, https_port = behind_balancer
    client = Client(https_port)
    home, html = client.request("GET", "/")
    login, _page = client.request("GET", "/admin/login/")

    assert home.status == 200
    assert f'href="https://{HOST}/' in html
    assert len(home.headers.get_all("Strict-Transport-Security")) == 1
    csrf = [c for c in login.headers.get_all("Set-Cookie") if c.startswith("csrftoken=")]
    assert csrf and "; secure" in csrf[0].lower()


def test_plain_http_to_the_balancer_is_sent_to_https(behind_balancer):
    http_port, _https_port = behind_balancer
    connection = http.client.HTTPConnection("127.0.0.1", http_port, timeout=30)
    connection.request("GET", "/news/?page=2", headers={"Host": HOST})
    response = connection.getresponse()
    connection.close()

    assert response.status == 301
    assert response.headers["Location"] == f"https://{HOST}/news/?page=2"


def test_a_client_cannot_dodge_the_lockout_by_writing_its_own_forwarded_for(behind_balancer):
    _http_port, https_port = behind_balancer
    client = Client(https_port)
    statuses = [client.failed_login(f"198.51.100.{n}") for n in range(LIMIT)]

    # Each forged address differs; the one the balancer saw does not: the fifth is locked out.
    assert statuses == [200] * (LIMIT - 1) + [429]
