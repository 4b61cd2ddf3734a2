"""HTTP load with wrk (Debian's package) on loopback, read back through a Lua script."""

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPORT_SCRIPT = Path(__file__).with_name("wrk") / "report.lua"
BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/140.0 Safari/537.36"
)


@dataclass
class Round:
    requests: int
    seconds: float
    ok: int
    not_ok: int
    p50_ms: float
    p99_ms: float
    socket_errors: int
    timeouts: int

    @property
    def rps(self):
        return self.requests / self.seconds if self.seconds else 0.0


def ensure_wrk():
    """The path of wrk; installed with apt-get when missing and running as root."""
    if path := shutil.which("wrk"):
        return path
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk is missing: installing it with apt-get (Debian package wrk).")
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=False)
        if path := shutil.which("wrk"):
            return path
    sys.exit("wrk is missing: install it with `sudo apt-get install -y wrk`, then run again.")


def run_wrk(url, seconds, connections, threads=1):
    """One wrk run against `url`, as a browser would ask (its User-Agent counts visits)."""
    command = [
        ensure_wrk(),
        f"--threads={min(threads, connections)}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        "--timeout=30s",
        f"--script={REPORT_SCRIPT}",
        "--header=User-Agent: " + BROWSER,
        "--header=Accept: text/html",
        url,
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    for line in result.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            data = json.loads(line.removeprefix("BENCH_JSON "))
            return Round(
                requests=data["requests"],
                seconds=data["duration_us"] / 1e6,
                ok=data["ok"],
                not_ok=data["not_ok"],
                p50_ms=data["p50_us"] / 1000,
                p99_ms=data["p99_us"] / 1000,
                socket_errors=data["socket_errors"],
                timeouts=data["timeouts"],
            )
    raise RuntimeError(f"wrk printed no result:\n{result.stdout}\n{result.stderr}")
