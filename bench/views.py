"""The floors: what a page costs with no work of ours, and with one counted visit.

Both render a page of `?bytes=` bytes (the runner passes the news release page's
size) from a template, so that a page's figure divided by its floor's is the share
of Django's own cost that the page keeps.
"""

from functools import lru_cache

from django.db.models import F
from django.shortcuts import render

from .models import Counter

DEFAULT_BYTES = 20_000
MAX_BYTES = 500_000
WORDS = [
    "exchange", "cooperation", "university", "partner", "students", "programme", "agreement",
    "semester", "scholarship", "research", "faculty", "delegation", "visit", "campus",
]  # fmt: skip


def floor_static(request):
    """No database work at all."""
    return render(request, "bench/floor.html", {"paragraphs": filler(page_bytes(request))})


def floor_counted(request):
    """One atomic UPDATE n = n + 1 on the dedicated row, then one SELECT by primary key."""
    Counter.objects.filter(pk=1).update(n=F("n") + 1)
    counter = Counter.objects.get(pk=1)
    context = {"paragraphs": filler(page_bytes(request)), "count": counter.n}
    return render(request, "bench/floor.html", context)


def page_bytes(request):
    try:
        size = int(request.GET.get("bytes", DEFAULT_BYTES))
    except ValueError:
        size = DEFAULT_BYTES
    return min(max(size, 0), MAX_BYTES)


@lru_cache(maxsize=8)
def filler(size):
    """Paragraphs of about 400 characters adding up to about `size` bytes."""
    paragraphs, total, index = [], 0, 0
    while total < size:
        words = [WORDS[(index + step) % len(WORDS)] for step in range(60)]
        paragraph = " ".join(words)[: min(400, size - total)]
        paragraphs.append(paragraph)
        total += len(paragraph) + len("<p></p>\n")
        index += 7
    return tuple(paragraphs)
