from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("<id:pk>/<str:name>", views.download, name="download"),
]
