from django.urls import path

from intloffice.pagecache import cache_public_page

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.NewsReleaseListView.as_view(), name="list"),
    path("feed/", cache_public_page(params=())(feeds.LatestNewsFeed()), name="feed"),
    path("<int:pk>/", views.NewsReleaseDetailView.as_view(), name="detail_by_id"),
    # <str:>, not <slug:>: slugs made from Chinese or Russian titles are Unicode.
    path("<int:pk>/<str:slug>/", views.NewsReleaseDetailView.as_view(), name="detail"),
]
