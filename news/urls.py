from django.urls import path

from core.pagecache import cache_public_page

from . import feeds, preview_views, views, visit_views

app_name = "news"

urlpatterns = [
    path("", views.NewsReleaseListView.as_view(), name="list"),
    path("feed/", cache_public_page(params=("topic",))(feeds.LatestNewsFeed()), name="feed"),
    # Not cached: see news.preview_views.
    path("preview/<str:token>/", preview_views.preview, name="preview"),
    # Beacon counting (see news.visit_views). No slash at the end: a release's own
    # address always has one, so no slug can take these.
    path("<id:pk>/visit", visit_views.report_visit, name="report_visit"),
    path("<id:pk>/visit.gif", visit_views.visit_pixel, name="visit_pixel"),
    path("<id:pk>/", views.NewsReleaseDetailView.as_view(), name="detail_by_id"),
    path("<id:pk>/<segment:slug>/", views.NewsReleaseDetailView.as_view(), name="detail"),
]
