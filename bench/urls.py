from django.urls import path

from . import views

app_name = "bench"

urlpatterns = [
    path("floor/static/", views.floor_static, name="floor_static"),
    path("floor/counted/", views.floor_counted, name="floor_counted"),
]
