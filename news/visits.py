"""Which requests for a release page count as a visit.

Only a person reading the page counts: not HEAD requests, not link prefetches and
prerenders, not crawlers, link unfurlers or fetchers, and not a request without a
User-Agent.

Crawlers are recognised by the patterns of the `crawler-user-agents` package (the
community list at github.com/monperrus/crawler-user-agents, released on PyPI every
few weeks): refresh it by upgrading the package's pin in requirements/base.txt. Our
own rules below add what matters for this site's audience and what the list may
lag behind on: Chinese search engines, AI fetchers, link unfurlers and tools.
"""

import functools
import re

from crawleruseragents import CRAWLER_USER_AGENTS_DATA

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
