"""`python -m bench` (`make bench`): seed, serve, load, report. See README.md."""

import argparse
import json
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
FOLDER = BASE_DIR / "var" / "bench"


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--releases", type=int, default=1000, help="news releases to seed")
    parser.add_argument("--reseed", action="store_true", help="seed again even if seeded")
    parser.add_argument("--seed-only", action="store_true", help="seed, then stop")
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds (median)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per round and page")
    parser.add_argument("--warmup", type=int, default=2, help="warm-up seconds per page")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--workers", type=int, default=default_workers(), help="gunicorn workers")
    parser.add_argument("--hot", type=int, default=15, metavar="SECONDS",
                        help="hot-article run length (0: skip it)")  # fmt: skip
    parser.add_argument("--hot-connections", type=int, default=64)
    parser.add_argument("--project-floors", action="store_true",
                        help="also measure the floors served by this project (behind its "
                        "whole middleware stack), besides the bare project's")  # fmt: skip
    parser.add_argument("--page-seconds", type=int, metavar="SECONDS",
                        help="the page cache's lifetime (DJANGO_PUBLIC_PAGE_SECONDS; "
                        "0 renders every page afresh)")  # fmt: skip
    parser.add_argument("--pages", help="comma-separated page names to measure (default: all)")
    parser.add_argument("--section", choices=["all", "cached", "uncached"], default="all",
                        help="cached: pages under load with wrk (and the hot article); "
                        "uncached: each page type rendered afresh for addresses never "
                        "asked before (default: both)")  # fmt: skip
    parser.add_argument("--uncached-requests", type=int, default=100, metavar="N",
                        help="measured requests per page type in the uncached section")  # fmt: skip
    parser.add_argument("--uncached-connections", type=int, default=2, metavar="N",
                        help="connections of the uncached section (default: 2)")  # fmt: skip
    parser.add_argument("--cluster", type=int, metavar="NODES",
                        help="measure through the load balancer of a throwaway cluster "
                        "(scripts/cluster.py) with NODES app servers, then with one")  # fmt: skip
    parser.add_argument("--cluster-port", type=int, metavar="PORT",
                        help="the cluster's balancer port, its engines and nodes on the "
                        "ports after it (default: free ones)")  # fmt: skip
    return parser.parse_args(argv)


# The floors every page is measured against: a bare Django project (bench/bare/).
BARE_FLOORS = {"bare_static": "/floor/static/", "bare_counted": "/floor/counted/"}


def default_workers():
    # Measured on 2 cores: cores + 1 sync workers served CPU-bound pages as fast as
    # 2 x cores + 1 and more, with a lower p99 (README, Benchmark).
    return int(os.environ.get("WEB_CONCURRENCY") or (os.cpu_count() or 1) + 1)


def bench_environment(database_url, page_seconds=None):
    """The environment of the benchmark server and of this process: production
    settings (debug off) on plain HTTP, with the bench app and folders of its own."""
    env = {
        "DJANGO_SETTINGS_MODULE": "intloffice.settings",
        "DATABASE_URL": database_url,
        "DJANGO_BENCH": "1",
        "DJANGO_DEBUG": "0",
        "DJANGO_SSL_REDIRECT": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_MEDIA_ROOT": str(FOLDER / "media"),
        "DJANGO_STATIC_ROOT": str(FOLDER / "static"),
    }
    # The server gets this environment only: pass on what tunes it.
    for name in ["GUNICORN_CMD_ARGS", "PATH", "DJANGO_VISIT_WINDOW_SECONDS"]:
        if name in os.environ:
            env[name] = os.environ[name]
    if page_seconds is not None:
        env["DJANGO_PUBLIC_PAGE_SECONDS"] = str(page_seconds)
    return env


def main(argv=None):
    args = parse_args(argv)
    if args.cluster:
        return main_cluster(args)
    from .database import bench_database_url, create_postgres_database, is_postgres

    FOLDER.mkdir(parents=True, exist_ok=True)
    database_url = bench_database_url(args.releases, os.environ.get("DATABASE_URL", ""), FOLDER)
    env = bench_environment(database_url, args.page_seconds)
    os.environ.update(env)
    if is_postgres(database_url):
        create_postgres_database(database_url)
    import django

    django.setup()
    prepare_database(args.releases, database_url, args.reseed)
    if args.seed_only:
        return 0
    from . import uncached
    from .hot import print_hot
    from .report import load_average, machine, table, write_json

    result = {
        "machine": machine(),
        "load_average": {"before": load_average()},
        "database": "postgresql" if is_postgres(database_url) else "sqlite",
        "releases": args.releases,
    }
    if args.section in {"all", "cached"}:
        result |= measure(args, env)
    if args.section in {"all", "uncached"}:
        result["uncached"] = measure_uncached(args, env)
    result["load_average"]["after"] = load_average()
    print()
    if "pages" in result:
        print(table(result["pages"]))
    if result.get("hot"):
        print_hot(result["hot"])
    if "uncached" in result:
        print(f"\nUncached ({args.uncached_connections} connections, page cache off):")
        print(uncached.table(result["uncached"]["pages"]))
    print(f"\nWritten to {write_json(result, FOLDER)}")
    return 0


def main_cluster(args):
    from .cluster import measure_cluster, table
    from .report import load_average, machine

    before = load_average()
    result = {"machine": machine(), "releases": args.releases, "database": "postgresql"}
    result |= measure_cluster(args)
    result["load_average"] = {"before": before, "after": load_average()}
    print()
    print(table(result))
    FOLDER.mkdir(parents=True, exist_ok=True)
    path = FOLDER / "cluster-latest.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(f"\nWritten to {path}")
    return 0


def prepare_database(releases, database_url, reseed):
    from . import database
    from .seed import seed

    if not reseed and database.is_seeded(releases):
        print(f"Re-using the database seeded with {releases} releases (--reseed to redo).")
        return
    print(f"Seeding {releases} releases into {redacted(database_url)} ...", flush=True)
    started = time.monotonic()
    database.reset(database_url)
    counts = seed(releases)
    database.analyze(database_url)
    database.mark_seeded(releases)
    print(f"Seeded {counts} in {time.monotonic() - started:.0f} s.")


def redacted(database_url):
    from urllib.parse import urlparse

    parts = urlparse(database_url)
    return parts._replace(netloc=parts.hostname or "").geturl() if parts.password else database_url


def measure(args, env):
    from django.conf import settings
    from django.db import connections

    from . import pages as site
    from .hot import hot_article
    from .report import page_row
    from .server import running_bare_server, running_server

    pages = site.site_pages()
    if args.pages:
        wanted = set(args.pages.split(","))
        pages = [page for page in pages if page.name in wanted] or pages[:1]
    bare_floors = [site.Page(name, path, floor=name) for name, path in BARE_FLOORS.items()]
    for page in pages:
        # Each page against the bare project's floor (see README.md, Benchmark).
        page.floor = "bare_" + page.floor.removeprefix("floor_")
    database = settings.DATABASES["default"]
    with (
        running_server(env, args.workers, FOLDER / "server.log") as url,
        running_bare_server(env, args.workers, FOLDER / "server-bare.log", database) as bare_url,
    ):
        site.measure_in_process(pages)
        project_floors = []
        if args.project_floors:
            floor_bytes = next((p.html_bytes for p in pages if p.name == "news_detail"), None)
            project_floors = site.floor_pages(floor_bytes or pages[0].html_bytes)
            site.measure_in_process(project_floors)
        for page in pages:
            page.first_visit = site.first_visit_weight(url, page)
        for floor in bare_floors:
            floor.html_bytes = len(site.fetch(bare_url + floor.path))
        connections.close_all()
        endpoints = pages + project_floors + bare_floors
        bases = {page.name: url for page in pages + project_floors}
        bases |= {floor.name: bare_url for floor in bare_floors}
        results = load_rounds(bases, endpoints, args)
        hot = hot_article(url, args, FOLDER / "server.log") if args.hot else None
    floor_rps = {page.name: results[page.name]["rps"] for page in project_floors + bare_floors}
    return {
        "server": server_description(args.workers),
        "wrk": {
            "connections": args.connections,
            "rounds": args.rounds,
            "seconds": args.duration,
            "warmup_seconds": args.warmup,
        },
        "pages": [page_row(page, results[page.name], floor_rps) for page in endpoints],
        "hot": hot,
    }


def measure_uncached(args, env):
    """Every page type for addresses never asked before, from a server of its own
    with the page cache off (see bench/uncached.py)."""
    from django.db import connections

    from . import uncached
    from .server import running_server

    warmup = 2 * args.workers  # each worker loads its templates once
    count = args.uncached_requests + warmup
    planned = uncached.plan(uncached.site_sample(count), count)
    connections.close_all()
    uncached_env = {**env, "DJANGO_PUBLIC_PAGE_SECONDS": "0"}
    print(f"Uncached: {args.uncached_requests} requests per page type ...", flush=True)
    with running_server(uncached_env, args.workers, FOLDER / "server-uncached.log") as url:
        names = [n for n in (args.pages or "").split(",") if n in uncached.PAGE_TYPES]
        rows = uncached.measure(url, planned, args.uncached_connections, warmup, names)
    return {
        "connections": args.uncached_connections,
        "requests_per_page": args.uncached_requests,
        "warmup_per_page": warmup,
        "page_cache_seconds": 0,
        "pages": rows,
    }


def load_rounds(bases, endpoints, args):
    """Warm every endpoint up, then measure them in interleaved rounds, so that a
    burst of load from elsewhere on the machine touches all of them alike. `bases`:
    the base URL of each endpoint's server, by name."""
    from .load import run_wrk

    print(f"Warming up {len(endpoints)} endpoints ...", flush=True)
    for page in endpoints:
        run_wrk(bases[page.name] + page.path, args.warmup, args.connections)
    rounds = {page.name: [] for page in endpoints}
    for number in range(1, args.rounds + 1):
        for page in endpoints:
            measured = run_wrk(bases[page.name] + page.path, args.duration, args.connections)
            rounds[page.name].append(measured)
            print(f"round {number}: {page.name:<16}{measured.rps:>8.1f} req/s", flush=True)
    return {name: summarize(measured) for name, measured in rounds.items()}


def summarize(rounds):
    return {
        "rps": statistics.median(r.rps for r in rounds),
        "p50_ms": statistics.median(r.p50_ms for r in rounds),
        "p99_ms": statistics.median(r.p99_ms for r in rounds),
        "rounds_rps": [r.rps for r in rounds],
        "non_2xx": sum(r.not_ok for r in rounds),
        "socket_errors": sum(r.socket_errors + r.timeouts for r in rounds),
    }


def server_description(workers):
    import gunicorn
    from django.conf import settings

    extra = os.environ.get("GUNICORN_CMD_ARGS", "")
    threads = next((word.split("=")[1] for word in extra.split() if "--threads=" in word), "1")
    worker_class = "gthread" if threads != "1" else "sync"
    if "--worker-class=" in extra:
        worker_class = extra.split("--worker-class=")[1].split()[0]
    return {
        "software": f"gunicorn {gunicorn.__version__} + whitenoise (scripts/serve.sh)",
        "workers": workers,
        "worker_class": worker_class,
        "threads": int(threads),
        "gunicorn_cmd_args": extra,
        "page_cache_seconds": settings.PUBLIC_PAGE_SECONDS,
        "visit_window_seconds": settings.VISIT_WINDOW_SECONDS,
    }


if __name__ == "__main__":
    sys.exit(main())
