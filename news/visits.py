"""Which requests for a release page count as a visit (DESIGN.md, PITFALLS 4).

Only a person reading the page counts: not HEAD requests, not link prefetches and
prerenders, not crawlers, link unfurlers or fetchers (also those without "bot" in
their name), and not a request without a User-Agent.
"""

import re

# Matched anywhere in the User-Agent, ignoring case. Generic words first, then
# agents seen on this audience's sites that the generic words miss.
NON_HUMAN_WORDS = [
    r"bot\b", r"bot/", r"crawl", r"spider", r"slurp", r"scrap", r"fetch", r"preview",
    r"monitor", r"headless", r"python-", r"curl/", r"wget/", r"httpclient", r"okhttp",
    r"go-http-client", r"java/", r"libwww", r"axios/",
    r"baiduspider", r"sogou", r"360spider", r"haosouspider", r"yisouspider", r"yandex",
    r"petalbot", r"bytespider", r"applebot", r"bingbot", r"googlebot",
    r"facebookexternalhit", r"facebookcatalog", r"twitterbot", r"slackbot", r"telegrambot",
    r"whatsapp", r"discordbot", r"linkedinbot", r"skypeuripreview",
    r"micromessenger.*(?:spider|bot)", r"wechat.*(?:spider|bot)", r"mp\.weixin",
    r"chatgpt-user", r"gptbot", r"oai-searchbot", r"anthropic-ai", r"claudebot",
    r"claude-web", r"perplexity", r"ccbot", r"amazonbot", r"duckassist",
    r"semrush", r"ahrefs", r"mj12bot", r"dotbot", r"dataforseo", r"lighthouse",
    r"pingdom", r"uptimerobot", r"statuscake",
]  # fmt: skip
NON_HUMAN_AGENTS = re.compile("|".join(NON_HUMAN_WORDS), re.IGNORECASE)
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


def is_non_human(user_agent):
    return not user_agent.strip() or bool(NON_HUMAN_AGENTS.search(user_agent))


def is_countable_visit(request):
    return (
        request.method == "GET"
        and not is_prefetch(request)
        and not is_non_human(request.META.get("HTTP_USER_AGENT", ""))
    )
