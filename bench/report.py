"""The results: a table on the terminal, JSON in var/bench/latest.json and a dated copy."""

import datetime
import json
import os
import platform
import subprocess
from pathlib import Path

import django


def machine():
    return {
        "cores": os.cpu_count(),
        "memory_gb": round(memory_bytes() / 2**30, 1),
        "cpu_model": cpu_model(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "os": platform.platform(),
        "wrk": wrk_version(),
    }


def memory_bytes():
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) * 1024
    return 0


def cpu_model():
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def wrk_version():
    result = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
    return (result.stdout or result.stderr).split(" [")[0].strip()


def load_average():
    return [round(value, 2) for value in os.getloadavg()]


def page_row(page, result, floors):
    floor_rps = floors.get(page.floor)
    return {
        "name": page.name,
        "path": page.path,
        "rps": round(result["rps"], 1),
        "p50_ms": round(result["p50_ms"], 2),
        "p99_ms": round(result["p99_ms"], 2),
        "queries": page.queries,
        "queries_rendered": page.queries_rendered,
        "html_bytes": page.html_bytes,
        "floor": page.floor,
        "floor_ratio": round(result["rps"] / floor_rps, 3) if floor_rps else None,
        "rounds_rps": [round(value, 1) for value in result["rounds_rps"]],
        "non_2xx": result["non_2xx"],
        "socket_errors": result["socket_errors"],
        **({"first_visit": page.first_visit} if getattr(page, "first_visit", None) else {}),
    }


def table(rows):
    header = (
        f"{'page':<16}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'SQL':>5}{'rendered':>9}"
        f"{'HTML B':>9}{'1st gz B':>10}  {'ratio to floor':<24}"
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        first_visit = row.get("first_visit", {}).get("gzip_bytes", "")
        ratio = "" if row["floor_ratio"] is None else f"{row['floor_ratio']:.3f} of {row['floor']}"
        errors = f"  ({row['non_2xx']} non-2xx!)" if row["non_2xx"] else ""
        # The bare project's floors run in another process: their queries are not counted.
        queries, rendered = (blank(row[name]) for name in ("queries", "queries_rendered"))
        lines.append(
            f"{row['name']:<16}{row['rps']:>9.1f}{row['p50_ms']:>9.2f}{row['p99_ms']:>9.2f}"
            f"{queries:>5}{rendered:>9}{row['html_bytes']:>9}"
            f"{first_visit:>10}  {ratio:<24}{errors}"
        )
    lines.append(
        "bare_*: a bare Django project (bench/bare/); floor_*: this project's own floors, "
        "behind its whole middleware stack (--project-floors)."
    )
    return "\n".join(lines)


def blank(value):
    return "-" if value is None else value


def write_json(result, folder):
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, indent=2, ensure_ascii=False)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    latest = folder / "latest.json"
    latest.write_text(text)
    (folder / f"{stamp}-{result['database']}-{result['releases']}.json").write_text(text)
    return latest
