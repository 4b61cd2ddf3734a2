from django.urls import path

from core.pagecache import cache_public_page

from . import calendar, views

app_name = "programmes"

urlpatterns = [
    path("", views.OpportunityListView.as_view(), name="list"),
    path("archive/", views.OpportunityArchiveView.as_view(), name="archive"),
    path(
        "deadlines.ics",
        cache_public_page(params=())(calendar.deadlines_ics),
        name="deadlines_ics",
    ),
    path("<segment:slug>/", views.OpportunityDetailView.as_view(), name="detail"),
]
