from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from news.models import NewsRelease
from partners.models import Institution

HOME_LATEST = 5
HOME_MOST_READ = 5


class HomeView(TemplateView):
    template_name = "intloffice/home.html"

    def get_context_data(self, **kwargs):
        published = NewsRelease.objects.published().for_list()
        return super().get_context_data(
            latest_releases=published[:HOME_LATEST],
            most_read_releases=published.most_read()[:HOME_MOST_READ],
            partners=Institution.objects.for_home(),
            **kwargs,
        )


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"


@never_cache
def healthz(request):
    """200 when the database answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
