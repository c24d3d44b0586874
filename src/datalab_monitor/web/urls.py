from django.urls import path

from . import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("datalabs/", views.lab_list, name="lab-list"),
    path("datalabs/<slug:slug>/", views.lab_detail, name="lab-detail"),
    path("categorieen/", views.categories, name="categories"),
    path("10-dos/", views.dos, name="dos"),
]
