"""The site plus one deliberately wrong counter, for the concurrency tests' control.

`/lossy/<pk>/` counts a visit by reading the count and writing count + 1 (the
read-modify-write that the counter must never do). The test that uses it
shows that the concurrency harness notices lost counts, so that its "no count
lost" verdict on the real page means something.
"""

import time

from django.http import HttpResponse

from intloffice.wsgi import application as site  # sets Django up first
from news.models import NewsRelease


def lossy_count(pk):
    count = NewsRelease.objects.values_list("view_count", flat=True).get(pk=pk)
    time.sleep(0.002)  # widen the window a slow server would have anyway
    NewsRelease.objects.filter(pk=pk).update(view_count=count + 1)
    return HttpResponse("counted")


def application(environ, start_response):
    path = environ.get("PATH_INFO", "")
    if path.startswith("/lossy/"):
        response = lossy_count(int(path.strip("/").split("/")[1]))
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [response.content]
    return site(environ, start_response)
