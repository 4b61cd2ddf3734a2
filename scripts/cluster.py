"""A throwaway cluster on this machine: the demo site on several app servers.

    python scripts/cluster.py [--nodes 2] [--port 8080]      (`make cluster`)

Starts a PostgreSQL cluster (scripts/with_postgres.py), Debian's redis-server (the
shared cache, nothing persisted), moto's S3 server (the object storage, with a
bucket), N gunicorn nodes of the site and haproxy in front of them, round robin,
taking a node out while its /healthz is not 200. It migrates once, loads the demo,
creates an administrator and prints the addresses; Ctrl-C stops everything and
deletes every file it made.

Imported, `Cluster` is the same topology for the tests (tests/cluster/): they stop and
start its engines and kill its nodes. Everything runs from temporary folders on
loopback ports: free ones, or `first_port` and the ports after it.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

if not __package__:  # run as a script: make `scripts` importable as a package
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.with_postgres import ThrowawayPostgres, find_bindir, free_port

BASE_DIR = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
MOTO_SERVER = BIN / "moto_server"
BUCKET = "intloffice"
ADMIN = "admin"
PUBLIC_MEDIA_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/media/*",
        }
    ],
}
# Each node: gunicorn workers times threads requests at a time.
WORKERS = 2
THREADS = 4


def missing_engines():
    """The engines this machine lacks, by name (empty when a cluster can start)."""
    missing = []
    if find_bindir() is None:
        missing.append("PostgreSQL (postgresql)")
    if not Path(REDIS_SERVER).is_file():
        missing.append("redis-server (redis-server)")
    if not Path(HAPROXY).is_file():
        missing.append("haproxy (haproxy)")
    if not MOTO_SERVER.is_file():
        missing.append("moto_server (requirements/test.txt)")
    return missing


def wait_for(url, process, seconds=60, statuses=(200,)):
    """Wait until `url` answers one of `statuses`, or fail if `process` exits."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status in statuses:
                    return
        except urllib.error.HTTPError as error:
            if error.code in statuses:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in {seconds} s")


def stop_process(process, sig=signal.SIGTERM):
    """Stop a process started in a session of its own, with all its children."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


class Cluster:
    def __init__(self, nodes=2, first_port=None, extra_env=None, quiet=True):
        self.root = Path(tempfile.mkdtemp(prefix="intloffice-cluster-"))
        ports = iter(range(first_port, first_port + 4 + nodes)) if first_port else None
        take = (lambda: next(ports)) if ports else free_port
        self.balancer_port = take()
        self.redis_port = take()
        self.storage_port = take()
        self.postgres = ThrowawayPostgres(find_bindir(), port=take())
        self.node_ports = [take() for _ in range(nodes)]
        self.extra_env = extra_env or {}
        self.quiet = quiet
        self.admin_password = secrets.token_urlsafe(12)
        self.nodes = [None] * nodes
        self.redis = self.storage = self.balancer = None

    # Addresses

    @property
    def url(self):
        return f"http://127.0.0.1:{self.balancer_port}"

    @property
    def node_urls(self):
        return [f"http://127.0.0.1:{port}" for port in self.node_ports]

    @property
    def storage_url(self):
        return f"http://127.0.0.1:{self.storage_port}"

    @property
    def media_url(self):
        """Where browsers read media: the bucket's public address."""
        return f"{self.storage_url}/{BUCKET}"

    @property
    def redis_url(self):
        return f"redis://127.0.0.1:{self.redis_port}/0"

    @property
    def database_url(self):
        return self.postgres.url

    def environment(self):
        """The site's settings on every node (and for manage.py against the cluster)."""
        return {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AWS_"))},
            "PYTHONPATH": str(BASE_DIR),
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "DJANGO_SECRET_KEY": self.secret_key,
            "DJANGO_DEBUG": "0",
            "DJANGO_SSL_REDIRECT": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_STATIC_ROOT": str(self.root / "static"),
            # Nothing should be written to a node's disk; were it, it lands here.
            "DJANGO_MEDIA_ROOT": str(self.root / "local-media"),
            "DJANGO_DOCUMENTS_ROOT": str(self.root / "local-documents"),
            "DJANGO_CACHE_DIR": str(self.root / "local-cache"),
            "DJANGO_S3_BUCKET": BUCKET,
            "DJANGO_S3_ENDPOINT_URL": self.storage_url,
            "DJANGO_S3_REGION": "us-east-1",
            "DJANGO_S3_ACCESS_KEY_ID": "cluster",
            "DJANGO_S3_SECRET_ACCESS_KEY": "cluster-secret",
            "DJANGO_S3_ADDRESSING_STYLE": "path",
            "DJANGO_S3_PUBLIC_URL": self.media_url,
            "DJANGO_SUPERUSER_PASSWORD": self.admin_password,
            **self.extra_env,
        }

    # The whole topology

    def start(self):
        self.secret_key = secrets.token_urlsafe(50)
        try:
            self.say("PostgreSQL ...")
            self.postgres.start()
            self.say("Redis, object storage ...")
            self.start_redis()
            self.start_storage()
            self.say("migrate, collectstatic, demo content ...")
            self.manage("migrate", "--noinput", "-v", "0")
            self.manage("collectstatic", "--noinput", "-v", "0")
            self.manage("load_demo")
            self.manage("ensure_admin", "--username", ADMIN, "--url", self.url + "/admin/")
            self.say(f"{len(self.nodes)} app nodes ...")
            for index in range(len(self.nodes)):
                self.start_node(index, wait=False)
            for index in range(len(self.nodes)):
                wait_for(self.node_urls[index] + "/healthz", self.nodes[index])
            self.say("the balancer ...")
            self.start_balancer()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self):
        stop_process(self.balancer)
        for index in range(len(self.nodes)):
            # A throwaway cluster has no request worth finishing (gunicorn's graceful
            # stop can wait half a minute for idle keep-alive connections).
            self.kill_node(index)
        for process in [self.storage, self.redis]:
            stop_process(process)
        self.postgres.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    def say(self, message):
        if not self.quiet:
            print(message, flush=True)

    def spawn(self, name, command, env=None):
        """A process in a session of its own (so that it can be stopped with its
        children), its output appended to a log in the cluster's folder."""
        with open(self.root / f"{name}.log", "ab") as log:
            return subprocess.Popen(
                [str(part) for part in command],
                cwd=BASE_DIR,
                env=env or self.environment(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def manage(self, *args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.environment(),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    # App nodes

    def start_node(self, index, wait=True):
        self.kill_node(index)
        self.nodes[index] = self.spawn(
            f"node{index}",
            [BIN / "gunicorn", "intloffice.wsgi", "--bind", f"127.0.0.1:{self.node_ports[index]}",
             "--workers", WORKERS, "--threads", THREADS, "--log-level", "warning",
             "--forwarded-allow-ips", ""],
        )  # fmt: skip
        if wait:
            wait_for(self.node_urls[index] + "/healthz", self.nodes[index])

    def kill_node(self, index):
        """SIGKILL to the node's master and workers at once, as a crashed machine."""
        stop_process(self.nodes[index], signal.SIGKILL)

    # Engines

    def start_redis(self):
        self.redis = self.spawn(
            "redis",
            [REDIS_SERVER, "--port", self.redis_port, "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--maxmemory", "64mb", "--maxmemory-policy", "volatile-lru",
             "--dir", self.root],
        )  # fmt: skip
        deadline = time.monotonic() + 20
        while (
            subprocess.run(
                ["redis-cli", "-p", str(self.redis_port), "ping"], capture_output=True
            ).stdout.strip()
            != b"PONG"
        ):
            if time.monotonic() > deadline or self.redis.poll() is not None:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.1)

    def stop_redis(self):
        stop_process(self.redis)

    def start_storage(self):
        """moto's S3 server with the bucket (moto keeps nothing across a restart)."""
        self.storage = self.spawn(
            "storage", [MOTO_SERVER, "-H", "127.0.0.1", "-p", self.storage_port]
        )
        wait_for(self.storage_url, self.storage, statuses=(200, 403, 404))
        import boto3

        s3 = boto3.client(
            "s3",
            endpoint_url=self.storage_url,
            region_name="us-east-1",
            aws_access_key_id="cluster",
            aws_secret_access_key="cluster-secret",
        )
        s3.create_bucket(Bucket=BUCKET)
        # Browsers read media/ straight from the bucket; documents/ and imports/ stay
        # private (the site streams documents after its permission check).
        s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_MEDIA_POLICY))

    def stop_storage(self):
        stop_process(self.storage)

    def restart_postgres(self):
        self.postgres.restart()

    # The balancer

    def balancer_config(self):
        servers = "\n".join(
            f"    server node{index} 127.0.0.1:{port} check"
            for index, port in enumerate(self.node_ports)
        )
        return f"""\
global
    maxconn 4096

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # A request that never reached a node (refused: the node is down) goes to another
    # node. A GET or HEAD whose node closed the connection without an answer (killed
    # while serving it) is sent again too; any other method never is, as it may have
    # changed something before the node died.
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response

frontend site
    bind 127.0.0.1:{self.balancer_port}
    http-request disable-l7-retry unless METH_GET  # GET and HEAD
    default_backend nodes

backend nodes
    balance roundrobin
    # /healthz answers 200 while a node can serve (its database answers), else 503.
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    default-server inter 1s fall 2 rise 1
    # Which node answered, for whoever wants to know (the tests do).
    http-response set-header X-Cluster-Node %s
{servers}
"""

    def start_balancer(self):
        config = self.root / "haproxy.cfg"
        config.write_text(self.balancer_config())
        self.balancer = self.spawn("haproxy", [HAPROXY, "-f", config, "-db"])
        wait_for(self.url + "/healthz", self.balancer)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Needs PostgreSQL's server binaries, redis-server, haproxy "
        "(apt-get install postgresql redis-server haproxy) and the test requirements "
        "(moto). Logs and data live in a temporary folder, deleted on exit.",
    )
    parser.add_argument("--nodes", type=int, default=2, help="app servers (default 2)")
    parser.add_argument(
        "--port",
        type=int,
        default=8080,
        help="the balancer's port (default 8080); the engines take the ports after it",
    )
    arguments = parser.parse_args()
    if missing := missing_engines():
        sys.exit("Missing: " + ", ".join(missing))
    cluster = Cluster(nodes=arguments.nodes, first_port=arguments.port, quiet=False)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        cluster.start()
        print(f"\nThe site:       {cluster.url}/")
        print(f"Administrator:  {cluster.url}/admin/  {ADMIN} / {cluster.admin_password}")
        for index, url in enumerate(cluster.node_urls):
            print(f"App node {index}:     {url}/")
        print(f"PostgreSQL:     {cluster.database_url}")
        print(f"Redis:          {cluster.redis_url}")
        print(f"Object storage: {cluster.storage_url}/ (bucket {BUCKET}, moto)")
        print(f"Logs:           {cluster.root}/*.log")
        print("Ctrl-C stops it all.", flush=True)
        while all(process.poll() is None for process in [cluster.balancer, *cluster.nodes]):
            time.sleep(1)
        print("A process of the cluster exited; stopping.")
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
