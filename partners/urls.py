from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.InstitutionListView.as_view(), name="list"),
    path("<segment:slug>/", views.InstitutionDetailView.as_view(), name="detail"),
]
