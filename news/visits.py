"""Which requests for a release page count as a visit.

Only a person reading the page counts: not HEAD requests, not link prefetches and
prerenders, not crawlers, link unfurlers or fetchers, and not a request without a
User-Agent. And a visit, not a request: the same browser reading the same release
again within settings.VISIT_WINDOW_SECONDS (a reload, back and forward, the release in
another language) adds nothing.

The browser itself remembers what it was counted for: a cookie lists the releases
counted in the window with the moment each was, and nothing else. The server keeps no
identifier, address or User-Agent of any reader. So browsers behind one address count
apart, and a client that keeps no cookies counts on every request, as all did before.
The cookie is not signed: editing it can only stop one's own visits from counting, or
count them again, which refusing the cookie does too.

Crawlers are recognised by the patterns of the `crawler-user-agents` package (the
community list at github.com/monperrus/crawler-user-agents, released on PyPI every
few weeks): refresh it by upgrading the package's pin in requirements/base.txt. Our
own rules below add what matters for this site's audience and what the list may
lag behind on: Chinese search engines, AI fetchers, link unfurlers and tools.
"""

import functools
import re
import time

from crawleruseragents import CRAWLER_USER_AGENTS_DATA
from django.conf import settings
from django.utils.http import base36_to_int, int_to_base36

# Matched anywhere in the User-Agent, ignoring case: generic words, then agents that
# matter to this audience (Chinese search engines, AI fetchers, link unfurlers), kept
# here so that they stay excluded whatever a release of the list changes. No bare
# "bot" suffix: phone brands end in it too (a Cubot phone's browser is a reader).
LOCAL_NON_HUMAN_WORDS = [
    r"crawl", r"spider", r"\bbot\b", r"headless", r"python-", r"curl/", r"java/",
    r"baiduspider", r"sogou.*spider", r"360spider", r"haosouspider", r"yisouspider",
    r"bytespider", r"petalbot", r"yandex\w*bot", r"yandex\.com/bots",
    r"chatgpt-user", r"gptbot", r"oai-searchbot", r"anthropic-ai", r"claudebot",
    r"claude-(?:web|user|searchbot)", r"perplexity", r"meta-externalagent",
    r"facebookexternalhit", r"twitterbot", r"slackbot", r"telegrambot", r"whatsapp/",
    r"discordbot", r"linkedinbot", r"skypeuripreview", r"mp\.weixin",
]  # fmt: skip

# One pattern, compiled once when the module is imported: the list's own patterns
# keep their case (they are written for it, e.g. "[wW]get"); ours ignore it.
NON_HUMAN_AGENTS = re.compile(
    "|".join(
        [entry["pattern"] for entry in CRAWLER_USER_AGENTS_DATA]
        + [f"(?i:{'|'.join(LOCAL_NON_HUMAN_WORDS)})"]
    )
)
# Browsers whose own name holds a word the list reads as a crawler's ("Sogou"): their
# token is taken out before the list is searched, so the browser's readers count while
# Sogou's spiders ("Sogou web spider") are still caught.
BROWSER_TOKENS_MISREAD_AS_CRAWLERS = re.compile(r"SogouMobileBrowser/[\w.]+")
PREFETCH_HEADERS = {
    "HTTP_SEC_PURPOSE": ("prefetch", "prerender"),
    "HTTP_PURPOSE": ("prefetch", "prerender", "preview"),
    "HTTP_X_PURPOSE": ("prefetch", "preview"),
    "HTTP_X_MOZ": ("prefetch",),
}


def is_prefetch(request):
    return any(
        any(word in request.META.get(header, "").lower() for word in words)
        for header, words in PREFETCH_HEADERS.items()
    )


# A site's visitors share few distinct User-Agents: remember the verdicts rather
# than run some 1,500 patterns over the same string on every visit.
@functools.lru_cache(maxsize=1024)
def is_non_human(user_agent):
    if not user_agent.strip():
        return True
    return bool(NON_HUMAN_AGENTS.search(BROWSER_TOKENS_MISREAD_AS_CRAWLERS.sub("", user_agent)))


def is_countable_visit(request):
    return (
        request.method == "GET"
        and not is_prefetch(request)
        and not is_non_human(request.META.get("HTTP_USER_AGENT", ""))
    )


VISITS_COOKIE = "read"
# Releases remembered at most (the newest): about 16 bytes each, sent with every request.
REMEMBERED_VISITS = 30
ENTRY = re.compile(r"([0-9a-z]{1,13})\.([0-9a-z]{1,8})")


def recent_visits(request):
    """{release id: when its visit was counted (seconds)} for this browser's visits
    still within the window, read once per request from the cookie (entries
    `<id>.<seconds>` in base 36, joined by "_"; a malformed one is skipped)."""
    if not hasattr(request, "_recent_visits"):
        since = time.time() - settings.VISIT_WINDOW_SECONDS
        visits = {}
        for entry in request.COOKIES.get(VISITS_COOKIE, "")[:1024].split("_"):
            if match := ENTRY.fullmatch(entry):
                pk, counted_at = (base36_to_int(part) for part in match.groups())
                if counted_at > since:
                    visits[pk] = counted_at
        request._recent_visits = visits
    return request._recent_visits


def counted_recently(request, pk):
    return settings.VISIT_WINDOW_SECONDS > 0 and int(pk) in recent_visits(request)


def remember_visit(request, pk):
    """Note on the request that its visit to release `pk` was counted, for
    remember_counted_visit() to tell the browser."""
    request.counted_visit = int(pk)


def remember_counted_visit(request, response):
    """Have the browser remember the visit this request counted, if any."""
    pk = getattr(request, "counted_visit", None)
    if pk is None or settings.VISIT_WINDOW_SECONDS <= 0:
        return response
    visits = {**recent_visits(request), pk: int(time.time())}
    newest = sorted(visits.items(), key=lambda item: item[1])[-REMEMBERED_VISITS:]
    response.set_cookie(
        VISITS_COOKIE,
        "_".join(f"{int_to_base36(pk)}.{int_to_base36(moment)}" for pk, moment in newest),
        max_age=settings.VISIT_WINDOW_SECONDS,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response
