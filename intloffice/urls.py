from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path

from core import editor, media
from core.library import views as library_views
from core.pagecache import cache_public_page
from pages import views as pages_views

from . import views
from .search import SiteSearchView
from .sitemaps import sitemaps

# Addresses outside the languages: machines read them, and uploads are one file each.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.RobotsView.as_view(), name="robots"),
    # The index names each section's pages (/sitemap-news.xml?p=2, ...); both are
    # cached like pages, so a crawler's visit costs a cache read.
    path(
        "sitemap.xml",
        cache_public_page(params=())(sitemap_views.index),
        {"sitemaps": sitemaps},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        cache_public_page(params=("p",))(sitemap_views.sitemap),
        {"sitemaps": sitemaps},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("language/", views.switch_language, name="switch_language"),
    path("editor/upload-image/", editor.upload_image, name="editor_upload_image"),
    path("editor/library/", library_views.library_images, name="editor_library"),
    *media.media_urlpatterns(),
]

# Pages in every language: /news/ in the default one, /zh-hans/news/ and /ru/news/.
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("programmes/", include("programmes.urls")),
    path("news/", include("news.urls")),
    path("partners/", include("partners.urls")),
    path("documents/", include("documents.urls")),
    path("search/", SiteSearchView.as_view(), name="search"),
    path("admin/", admin.site.urls),
    # Last: any other address made of slugs may be one of the office's pages (a
    # top-level page may not take a first segment named above; see
    # pages.paths.reserved_segments()). Only slugs: an address with a dot or other
    # characters no slug has (x.pdf, a mistyped document link) is no page, and is not
    # sent on to its form with a slash added only to be "not found" there.
    re_path(r"^(?P<page_path>(?:[-\w]+/)*[-\w]+)/$", pages_views.page_view, name="page"),
    prefix_default_language=False,
)

handler404 = views.page_not_found

if "bench" in settings.INSTALLED_APPS:
    # The benchmark's floor endpoints: only with DJANGO_BENCH=1, never in a deployment.
    # First: the office pages' pattern takes any address made of slugs.
    urlpatterns.insert(0, path("bench/", include("bench.urls")))
