"""The uncached section: what each anonymous page type costs when it is rendered afresh.

The server of this section runs with the page cache off (DJANGO_PUBLIC_PAGE_SECONDS=0),
so no answer can come from it, whatever the address. On top of that, no address is
asked for twice: each request names a search word, a page number, a year, a release
or a partner not asked for before, so the database works on other rows every time
instead of re-reading one result from its buffers. Pages that read nothing of the
address but the language (feed, robots.txt, the sitemap index) or the period of "most
read" (home) have a few variants; past those a counter in a parameter they ignore keeps
the address new.

Each address is requested once, so this is a fixed list of requests rather than a
timed run (wrk's): a small client of our own sends them over `connections` keep-alive
connections and times each one.
"""

import http.client
import itertools
import math
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from . import corpus
from .load import BROWSER

PAGE_TYPES = [
    "home", "news_list", "news_list_page", "news_search", "news_detail", "partner_list",
    "partner_search", "partner_detail", "site_search", "feed", "sitemap_index", "sitemap_page",
    "robots",
]  # fmt: skip
# The sitemap's pages are larger than a page of the site, and may take longer.
TARGET_P99_MS = {name: 300 if name == "sitemap_page" else 150 for name in PAGE_TYPES}
LANGUAGE_PREFIXES = ["", "/zh-hans", "/ru"]
COUNTER = "uncached"  # read by no view
# The home page and the news list show the most read of a period (?read=), each
# period a query of its own: the default one (no parameter) and the others in turn.
READ_PERIODS = ["", "read=week", "read=year", "read=all"]


def search_words():
    """Words of the three scripts, common and rare, in the case a visitor might type.

    Common: the corpus's words, which the seeded releases are made of (a few of them
    are in half the releases). Rare: names that appear in a few releases, and words
    in none. Chinese: the corpus's phrases and the two-character words inside them.
    """
    chinese_pairs = {
        phrase[start : start + 2]
        for phrase in corpus.CHINESE_PHRASES
        for start in range(0, len(phrase) - 1, 2)
    }
    rare = [
        "Cubot", "Aberdeen", "Sudbury", "Ouro Preto", "zeolite", "hydrogeology",
        "闫倩倩", "青岛", "熊猫", "量子", "留学", "Томск", "Улаанбаатар", "квазар",
    ]  # fmt: skip
    capitalised_russian = [word.capitalize() for word in corpus.RUSSIAN_WORDS[::3]]
    words = [
        *corpus.ENGLISH_WORDS,
        *corpus.CHINESE_PHRASES,
        *sorted(chinese_pairs),
        *corpus.RUSSIAN_WORDS,
        *capitalised_russian,
        *rare,
    ]
    return list(dict.fromkeys(words))


def partner_words():
    """What a visitor types to find a partner: a city (in English or natively), a kind."""
    words = [w for _code, city, native in corpus.CITIES for w in (city, native)]
    words += [kind.split()[-1] for kind in corpus.INSTITUTION_KINDS]
    words += ["大学", "университет", "National", "Federal", "Technology", "Tomsk", "Minsk"]
    return list(dict.fromkeys(words))


def site_search_words():
    """What a visitor types in the header's box: a news word or a partner's."""
    words = search_words()
    partners = partner_words()
    # In turn, so that both kinds are asked for from the first requests on.
    mixed = [w for pair in itertools.zip_longest(words, partners) for w in pair if w]
    return list(dict.fromkeys(mixed))


@dataclass
class Site:
    """What the addresses are made from: read from the seeded database by site_sample()."""

    news_pages: int
    years: list[int]
    release_paths: list[str]
    partner_paths: list[str]
    countries: list[str]
    sitemap_pages: list[str]


def with_counter(path, number):
    return f"{path}{'&' if '?' in path else '?'}{COUNTER}={number}"


def fresh(variants, fallbacks, count):
    """`count` addresses, none twice: the variants first, then the fallbacks in turn
    with a counter that no view reads."""
    addresses = list(dict.fromkeys(variants))[:count]
    for number in itertools.count(1):
        if len(addresses) >= count:
            break
        addresses.append(with_counter(fallbacks[number % len(fallbacks)], number))
    return addresses


def with_periods(paths):
    """Each path with each period of "most read", in turn."""
    periods = itertools.cycle(READ_PERIODS)
    addresses = []
    for path in paths:
        period = next(periods)
        addresses.append(f"{path}{'&' if '?' in path else '?'}{period}" if period else path)
    return addresses


def in_languages(paths):
    """Each path under every language prefix, in turn."""
    return [prefix + path for path in paths for prefix in LANGUAGE_PREFIXES]


def searches(path, words, rng):
    """?q= with each word alone, then with two words of the list, in turn by language."""
    singles = list(words)
    rng.shuffle(singles)
    pairs = [f"{a} {b}" for a, b in itertools.combinations(words, 2)]
    rng.shuffle(pairs)
    queries = singles + pairs
    prefixes = itertools.cycle(LANGUAGE_PREFIXES)
    return (f"{next(prefixes)}{path}?q={quote(query)}" for query in queries)


def plan(site, count, seed=11):
    """`count` never-repeated addresses for each page type: {page type: [address]}."""
    rng = random.Random(seed)
    pages = list(range(2, site.news_pages + 1))
    rng.shuffle(pages)
    prefixes = itertools.cycle(LANGUAGE_PREFIXES)
    partner_lists = [
        f"/partners/?country={country}&sort={sort}"
        for country in site.countries
        for sort in ("name", "founded", "ranking")
    ]
    sitemap_pages = list(site.sitemap_pages)
    rng.shuffle(sitemap_pages)
    natural = {
        "home": (in_languages(with_periods(["/"] * 4)), with_periods(["/"] * 4)),
        "news_list": (
            with_periods(in_languages([f"/news/?year={y}" for y in site.years])),
            with_periods(["/news/"] * 4),
        ),
        "news_list_page": ([f"{next(prefixes)}/news/?page={n}" for n in pages], ["/news/?page=2"]),
        "news_search": (
            itertools.islice(searches("/news/", search_words(), rng), count),
            ["/news/?q=scholarship"],
        ),
        "news_detail": (site.release_paths, site.release_paths),
        "partner_list": (in_languages(partner_lists), ["/partners/"]),
        "partner_search": (
            itertools.islice(searches("/partners/", partner_words(), rng), count),
            ["/partners/?q=university"],
        ),
        "partner_detail": (site.partner_paths, site.partner_paths),
        # The whole site's search: the news words and the partners' words, together.
        "site_search": (
            itertools.islice(searches("/search/", site_search_words(), rng), count),
            ["/search/?q=university"],
        ),
        "feed": (in_languages(["/news/feed/"]), ["/news/feed/"]),
        "sitemap_index": (["/sitemap.xml"], ["/sitemap.xml"]),
        "sitemap_page": (sitemap_pages, sitemap_pages),
        "robots": (["/robots.txt"], ["/robots.txt"]),
    }
    return {name: fresh(*natural[name], count) for name in PAGE_TYPES}


def site_sample(count, seed=11):
    """Read from the seeded database what plan() needs: `count` random public releases
    and partners (each in one of its languages), the years, countries, sitemap pages."""
    import xml.etree.ElementTree as ET

    from django.test import Client
    from django.utils import translation
    from django.utils.encoding import iri_to_uri

    from news.models import NewsRelease
    from partners.models import Institution

    rng = random.Random(seed)
    published = NewsRelease.objects.published()
    ids = list(published.values_list("pk", flat=True))
    releases = published.filter(pk__in=rng.sample(ids, min(count, len(ids))))
    institutions = list(Institution.objects.order_by("pk"))
    rng.shuffle(institutions)
    languages = itertools.cycle(["en", "zh-hans", "ru"])
    release_paths, partner_paths = [], []
    for objects, paths in ((releases, release_paths), (institutions[:count], partner_paths)):
        for item in objects:
            with translation.override(next(languages)):
                paths.append(iri_to_uri(item.get_absolute_url()))
    index = Client(HTTP_HOST="localhost").get("/sitemap.xml")
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    sitemap_pages = [
        urlsplit(loc.text)._replace(scheme="", netloc="").geturl()
        for loc in ET.fromstring(index.content).iter(f"{namespace}loc")
    ]
    return Site(
        news_pages=max(1, math.ceil(published.count() / 10)),
        years=sorted({moment.year for moment in published.dates("release_time", "year")}),
        release_paths=release_paths,
        partner_paths=partner_paths,
        countries=sorted(set(Institution.objects.values_list("country", flat=True))),
        sitemap_pages=sitemap_pages,
    )


@dataclass
class Timings:
    milliseconds: list[float] = field(default_factory=list)
    not_ok: list[str] = field(default_factory=list)


def percentile(values, share):
    """The nearest-rank percentile: the smallest value with `share` % of them at or below."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share / 100 * len(ordered)) - 1)] if ordered else None


def request_all(base_url, addresses, connections):
    """GET each address once over `connections` keep-alive connections; time each."""
    host = urlsplit(base_url)
    local = threading.local()
    timings = Timings()
    lock = threading.Lock()

    def get(address):
        if not hasattr(local, "connection"):
            local.connection = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
        started = time.perf_counter()
        local.connection.request("GET", address, headers={"User-Agent": BROWSER})
        response = local.connection.getresponse()
        response.read()
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            timings.milliseconds.append(elapsed)
            if response.status != 200:
                timings.not_ok.append(f"{response.status} {address}")

    with ThreadPoolExecutor(connections) as pool:
        list(pool.map(get, addresses))
    return timings


def measure(base_url, planned, connections, warmup, names=None):
    """Per page type (`names`, or all): p50 and p99 over its planned addresses after
    `warmup` of them."""
    rows = []
    for name in names or PAGE_TYPES:
        addresses = planned[name]
        request_all(base_url, addresses[:warmup], connections)
        timings = request_all(base_url, addresses[warmup:], connections)
        rows.append(
            {
                "name": name,
                "requests": len(timings.milliseconds),
                "p50_ms": round(percentile(timings.milliseconds, 50), 1),
                "p99_ms": round(percentile(timings.milliseconds, 99), 1),
                "max_ms": round(max(timings.milliseconds), 1),
                "target_p99_ms": TARGET_P99_MS[name],
                "not_ok": timings.not_ok[:5],
                "not_ok_count": len(timings.not_ok),
                "example": addresses[warmup],
            }
        )
        print(f"uncached {name:<16}p50 {rows[-1]['p50_ms']:>8} ms  p99 {rows[-1]['p99_ms']:>8} ms")
    return rows


def table(rows):
    header = f"{'page':<16}{'requests':>9}{'p50 ms':>9}{'p99 ms':>9}{'target':>8}  verdict"
    lines = [header, "-" * len(header)]
    for row in rows:
        verdict = "ok" if row["p99_ms"] <= row["target_p99_ms"] else "OVER"
        if row["not_ok_count"]:
            verdict += f" ({row['not_ok_count']} not 200, e.g. {row['not_ok'][0]})"
        lines.append(
            f"{row['name']:<16}{row['requests']:>9}{row['p50_ms']:>9.1f}{row['p99_ms']:>9.1f}"
            f"{row['target_p99_ms']:>8}  {verdict}"
        )
    return "\n".join(lines)
