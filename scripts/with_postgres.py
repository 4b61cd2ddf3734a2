"""Run a command against a throwaway PostgreSQL cluster, then remove the cluster.

    python scripts/with_postgres.py -- pytest

Finds the server binaries (PG_BINDIR, or the newest /usr/lib/postgresql/*/bin),
initialises a cluster in a temporary folder, starts it on a free loopback port,
runs the command with DATABASE_URL pointing at it, and stops and deletes the
cluster whatever happens. PostgreSQL refuses to run as root, so as root the
cluster belongs to the `postgres` system user (or `nobody`).

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


def main(command):
    bindir = find_bindir()
    if bindir is None:
        print("PostgreSQL server binaries not found (set PG_BINDIR).", file=sys.stderr)
        return NO_POSTGRES
    owner = cluster_owner()
    root = Path(tempfile.mkdtemp(prefix="intloffice-pg-"))
    data = root / "data"
    port = free_port()
    if owner:
        os.chown(root, owner.pw_uid, owner.pw_gid)
    run = subprocess.run
    try:
        run(
            as_owner(
                owner,
                [
                    bindir / "initdb",
                    "-D",
                    data,
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ],
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = (
            f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=200 "
            "-c fsync=off -c full_page_writes=off"
        )
        run(
            as_owner(
                owner,
                [bindir / "pg_ctl", "-D", data, "-o", options, "-l", root / "log", "-w", "start"],
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        run(
            as_owner(
                owner,
                [
                    bindir / "createdb",
                    "-h",
                    "127.0.0.1",
                    "-p",
                    port,
                    "-U",
                    "postgres",
                    "intloffice",
                ],
            ),
            check=True,
        )
        version = run(
            as_owner(owner, [bindir / "postgres", "--version"]), capture_output=True, text=True
        ).stdout.strip()
        print(f"Started a throwaway cluster: {version} on 127.0.0.1:{port}", flush=True)
        env = dict(
            os.environ,
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/intloffice",
            PG_BINDIR=str(bindir),
            PG_DATA=str(data),
            PG_OWNER=owner.pw_name if owner else "",
        )
        return run(command, env=env).returncode
    finally:
        run(
            as_owner(owner, [bindir / "pg_ctl", "-D", data, "-m", "immediate", "stop"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[:1] == ["--"]:
        arguments = arguments[1:]
    if not arguments:
        sys.exit(__doc__)
    sys.exit(main(arguments))
