"""`python -m bench --cluster N` (`make bench-cluster`): the bench's pages through the
load balancer of a throwaway cluster (scripts/cluster.py: PostgreSQL, Redis, an S3
server, N gunicorn nodes, haproxy), with N nodes and then with one, each with the page
cache on and off. See README.md, "Sizing".

All of it runs on this one machine: the nodes share its cores with the balancer, the
engines and wrk, so a second node shows what the balancer and the shared engines
cost and that every answer stays right, not what a second machine would add.
"""

import os
import sys
import time

# haproxy asks each node's /healthz every second and takes it in or out after two
# answers: after a node is started or stopped, this long makes sure it has.
BALANCER_SETTLES_SECONDS = 4


def measure_cluster(args):
    """Seed the cluster's database, then load each configuration; the result."""
    from scripts.cluster import THREADS, WORKERS, Cluster, missing_engines

    if missing := missing_engines():
        sys.exit("The cluster needs: " + ", ".join(missing))
    cluster = Cluster(
        nodes=args.cluster,
        first_port=args.cluster_port,
        extra_env={"DJANGO_BENCH": "1"},
        quiet=False,
    )
    with cluster:
        seed_cluster(cluster, args.releases)
        runs = []
        for nodes in sorted({args.cluster, 1}, reverse=True):
            for index in range(nodes, args.cluster):
                cluster.kill_node(index)
            for page_seconds in ("5", "0") if nodes == args.cluster else ("0", "5"):
                restart_nodes(cluster, nodes, page_seconds)
                runs.append(measure_run(cluster, args, nodes, int(page_seconds)))
    return {
        "cluster": {
            "nodes": args.cluster,
            "node": f"gunicorn, {WORKERS} workers x {THREADS} threads (gthread)",
            "balancer": "haproxy, round robin, /healthz checks",
            "engines": "PostgreSQL, redis-server, moto_server (S3)",
        },
        "wrk": {"connections": args.connections, "rounds": args.rounds, "seconds": args.duration},
        "runs": runs,
    }


def seed_cluster(cluster, releases):
    """The bench's data in the cluster's database and bucket, seeded from this process."""
    os.environ.update(cluster.environment())
    os.environ["DJANGO_SETTINGS_MODULE"] = "intloffice.settings"
    import django

    django.setup()
    from .__main__ import prepare_database

    prepare_database(releases, cluster.database_url, reseed=True)


def restart_nodes(cluster, nodes, page_seconds):
    cluster.extra_env["DJANGO_PUBLIC_PAGE_SECONDS"] = page_seconds
    for index in range(nodes):
        cluster.start_node(index)
    time.sleep(BALANCER_SETTLES_SECONDS)


def measure_run(cluster, args, nodes, page_seconds):
    from django.db import connections

    from . import pages as site
    from .__main__ import load_rounds

    pages = site.site_pages()
    if args.pages:
        pages = [page for page in pages if page.name in set(args.pages.split(","))] or pages
    connections.close_all()
    cache = "on" if page_seconds else "off"
    print(f"\n{nodes} node(s), page cache {cache}:", flush=True)
    results = load_rounds(dict.fromkeys((page.name for page in pages), cluster.url), pages, args)
    return {
        "nodes": nodes,
        "page_cache_seconds": page_seconds,
        "pages": [
            {
                "name": page.name,
                "path": page.path,
                "rps": round(results[page.name]["rps"], 1),
                "p50_ms": round(results[page.name]["p50_ms"], 2),
                "p99_ms": round(results[page.name]["p99_ms"], 2),
                "non_2xx": results[page.name]["non_2xx"],
                "socket_errors": results[page.name]["socket_errors"],
            }
            for page in pages
        ],
    }


def table(result):
    """req/s of each page by configuration, e.g. `2 nodes cached`; failures flagged."""
    runs = result["runs"]
    heads = [f"{r['nodes']} node{'s' * (r['nodes'] > 1)} {label(r)}" for r in runs]
    lines = ["page".ljust(16) + "".join(f"{head:>20}" for head in heads)]
    lines.append("-" * len(lines[0]))
    for index, page in enumerate(runs[0]["pages"]):
        cells = []
        for run in runs:
            row = run["pages"][index]
            failed = row["non_2xx"] + row["socket_errors"]
            cells.append(f"{row['rps']:.1f}" + (f" ({failed} failed!)" if failed else ""))
        lines.append(page["name"].ljust(16) + "".join(f"{cell:>20}" for cell in cells))
    return "\n".join(lines)


def label(run):
    return "cached" if run["page_cache_seconds"] else "uncached"
