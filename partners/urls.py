from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.InstitutionListView.as_view(), name="list"),
    # <str:>, not <slug:>: slugs may be Chinese or Cyrillic.
    path("<str:slug>/", views.InstitutionDetailView.as_view(), name="detail"),
]
