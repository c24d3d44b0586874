from django.urls import path

from . import views

app_name = "results"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.wave_detail, name="wave"),
    path("<slug:slug>/onderzoeker/", views.researcher_detail, name="researcher"),
    path("<slug:slug>/onderzoeker/<slug:topic>.csv", views.researcher_csv, name="researcher-csv"),
    path(
        "<slug:slug>/onderzoeker/<slug:topic>/categorieen.csv",
        views.researcher_breakdown_csv,
        name="researcher-breakdown-csv",
    ),
    path("<slug:slug>/<slug:topic>/categorieen.csv", views.breakdown_csv, name="breakdown-csv"),
    path("<slug:slug>/<slug:topic>.csv", views.chart_csv, name="csv"),
]
