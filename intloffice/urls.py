from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from . import editor, media, views
from .sitemaps import sitemaps

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.RobotsView.as_view(), name="robots"),
    path(
        "sitemap.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("news/", include("news.urls")),
    path("partners/", include("partners.urls")),
    path("admin/", admin.site.urls),
    path("editor/upload-image/", editor.upload_image, name="editor_upload_image"),
    *media.media_urlpatterns(),
]

if "bench" in settings.INSTALLED_APPS:
    # The benchmark's floor endpoints: only with DJANGO_BENCH=1, never in a deployment.
    urlpatterns.append(path("bench/", include("bench.urls")))
