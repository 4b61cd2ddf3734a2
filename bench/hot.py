"""The hot-article run of `make bench`: all traffic on one release, and a check that
its view count went up by exactly the responses the server sent."""

import time


def hot_article(url, args, log_path):
    """All traffic on one release from many connections; then the count must equal
    the counted responses exactly, and so must the sum of its daily figures.

    wrk abandons the requests in flight when its time is up, and the server still
    counts them, so the exact comparison is with the 2xx responses in the server's
    access log (`log_path`); wrk's own count of 2xx may only fall short by those in
    flight.
    """
    from django.db.models import Sum
    from django.utils.encoding import iri_to_uri

    from news.models import DailyViews, NewsRelease

    from .load import run_wrk
    from .server import count_access_log

    release = NewsRelease.objects.published().order_by("-release_time", "-pk").first()
    path = iri_to_uri(release.get_absolute_url())

    def daily_sum():
        days = DailyViews.objects.filter(release=release.pk)
        return days.aggregate(views=Sum("views"))["views"] or 0

    count_before = NewsRelease.objects.get(pk=release.pk).view_count
    daily_before = daily_sum()
    logged_before = count_access_log(log_path, path)
    print(f"Hot article: {args.hot_connections} connections on {path} for {args.hot} s ...")
    measured = run_wrk(url + path, args.hot, args.hot_connections)
    logged = wait_for_quiet_log(log_path, path) - logged_before
    view_count = NewsRelease.objects.get(pk=release.pk).view_count
    counted = view_count - count_before
    daily_added = daily_sum() - daily_before
    return {
        "path": path,
        "connections": args.hot_connections,
        "seconds": args.hot,
        "rps": round(measured.rps, 1),
        "p50_ms": round(measured.p50_ms, 2),
        "p99_ms": round(measured.p99_ms, 2),
        "wrk_2xx": measured.ok,
        "wrk_other": measured.not_ok,
        "server_2xx": logged,
        "count_added": counted,
        "daily_added": daily_added,
        "daily_total_equals_count": daily_sum() == view_count,
        "exact": counted == logged == daily_added
        and 0 <= logged - measured.ok <= args.hot_connections,
    }


def wait_for_quiet_log(log_path, path, quiet_seconds=1.0, limit_seconds=60):
    """The logged 2xx count for `path` once the server has answered the requests
    left in flight (the count stopped changing)."""
    from .server import count_access_log

    deadline = time.monotonic() + limit_seconds
    count = count_access_log(log_path, path)
    while time.monotonic() < deadline:
        time.sleep(quiet_seconds)
        latest = count_access_log(log_path, path)
        if latest == count:
            return count
        count = latest
    return count


def print_hot(hot):
    verdict = "exact" if hot["exact"] else "NOT EXACT"
    print(
        f"\nhot article: {hot['rps']:.1f} req/s from {hot['connections']} connections, "
        f"p50 {hot['p50_ms']:.1f} ms, p99 {hot['p99_ms']:.1f} ms; count +{hot['count_added']}, "
        f"daily figures +{hot['daily_added']} (sum of all days = count: "
        f"{hot['daily_total_equals_count']}), "
        f"server 2xx {hot['server_2xx']}, wrk 2xx {hot['wrk_2xx']} "
        f"(the rest were in flight when wrk stopped): {verdict}"
    )
