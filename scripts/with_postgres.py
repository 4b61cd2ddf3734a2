"""Run a command against a throwaway PostgreSQL cluster, then remove the cluster.

    python scripts/with_postgres.py -- pytest

Finds the server binaries (PG_BINDIR, or the newest /usr/lib/postgresql/*/bin),
initialises a cluster in a temporary folder, starts it on a free loopback port,
runs the command with DATABASE_URL pointing at it, and stops and deletes the
cluster whatever happens. PostgreSQL refuses to run as root, so as root the
cluster belongs to the `postgres` system user (or `nobody`).

scripts/cluster.py starts its database with the same `ThrowawayPostgres`.

Exit status: the command's, or 3 when no server binaries are found.
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

NO_POSTGRES = 3


def find_bindir():
    if os.environ.get("PG_BINDIR"):
        return Path(os.environ["PG_BINDIR"])
    candidates = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    if not candidates:
        return None
    newest = max(candidates, key=lambda path: int(Path(path).parent.parent.name))
    return Path(newest).parent


def cluster_owner():
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    sys.exit("Running as root with neither a 'postgres' nor a 'nobody' user to own the cluster.")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_owner(owner, command):
    prefix = ["runuser", "-u", owner.pw_name, "--"] if owner else []
    return prefix + [str(part) for part in command]


class ThrowawayPostgres:
    """A PostgreSQL cluster in a temporary folder with one database, `intloffice`.

    start() initialises and starts it, stop() stops it and deletes the folder;
    restart() stops and starts the same cluster (its data stays)."""

    def __init__(self, bindir, port=None):
        self.bindir = bindir
        self.port = port or free_port()
        self.owner = cluster_owner()
        self.root = Path(tempfile.mkdtemp(prefix="intloffice-pg-"))
        self.data = self.root / "data"
        if self.owner:
            os.chown(self.root, self.owner.pw_uid, self.owner.pw_gid)

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/intloffice"

    @property
    def version(self):
        return self.run([self.bindir / "postgres", "--version"], capture_output=True).stdout

    def run(self, command, **options):
        return subprocess.run(as_owner(self.owner, command), check=True, text=True, **options)

    def start(self):
        self.run(
            [self.bindir / "initdb", "-D", self.data, "-U", "postgres", "-A", "trust",
             "-E", "UTF8", "--locale=C.UTF-8"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        self.start_server()
        self.run(
            [self.bindir / "createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres",
             "intloffice"]
        )  # fmt: skip
        return self

    def start_server(self):
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c max_connections=200 -c fsync=off -c full_page_writes=off"
        )
        self.run(
            [self.bindir / "pg_ctl", "-D", self.data, "-o", options, "-l", self.root / "log",
             "-w", "start"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip

    def restart(self):
        self.run(
            [self.bindir / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"],
            stdout=subprocess.DEVNULL,
        )
        self.start_server()

    def stop(self):
        subprocess.run(
            as_owner(
                self.owner, [self.bindir / "pg_ctl", "-D", self.data, "-m", "immediate", "stop"]
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(self.root, ignore_errors=True)

    def environment(self):
        """What the test run's helpers read to restart this cluster themselves."""
        return {
            "DATABASE_URL": self.url,
            "PG_BINDIR": str(self.bindir),
            "PG_DATA": str(self.data),
            "PG_OWNER": self.owner.pw_name if self.owner else "",
        }


def main(command):
    bindir = find_bindir()
    if bindir is None:
        print("PostgreSQL server binaries not found (set PG_BINDIR).", file=sys.stderr)
        return NO_POSTGRES
    postgres = ThrowawayPostgres(bindir)
    try:
        postgres.start()
        print(
            f"Started a throwaway cluster: {postgres.version.strip()} on 127.0.0.1:{postgres.port}",
            flush=True,
        )
        return subprocess.run(command, env={**os.environ, **postgres.environment()}).returncode
    finally:
        postgres.stop()


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[:1] == ["--"]:
        arguments = arguments[1:]
    if not arguments:
        sys.exit(__doc__)
    sys.exit(main(arguments))
