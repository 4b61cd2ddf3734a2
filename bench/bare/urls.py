from django.urls import path

from . import views

urlpatterns = [
    path("floor/static/", views.floor_static),
    path("floor/counted/", views.floor_counted),
]
