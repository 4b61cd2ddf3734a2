from django.urls import path

from core.pagecache import cache_public_page

from . import feeds, preview_views, views

app_name = "news"

urlpatterns = [
    path("", views.NewsReleaseListView.as_view(), name="list"),
    path("feed/", cache_public_page(params=("topic",))(feeds.LatestNewsFeed()), name="feed"),
    # Not cached: see news.preview_views.
    path("preview/<str:token>/", preview_views.preview, name="preview"),
    path("<id:pk>/", views.NewsReleaseDetailView.as_view(), name="detail_by_id"),
    path("<id:pk>/<segment:slug>/", views.NewsReleaseDetailView.as_view(), name="detail"),
]
