from django.urls import path

from . import views

app_name = "maps"

urlpatterns = [
    path("", views.map_page, name="map"),
    path("kaart.svg", views.map_svg, name="svg"),
    path("dekking/", views.coverage_page, name="coverage"),
]
