from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("datapackage.json", views.datapackage_json, name="datapackage-json"),
    path("datapackage.zip", views.datapackage_zip, name="datapackage-zip"),
    path(
        "waves/<slug:slug>/findings.<str:fmt>", views.wave_findings_download, name="wave-findings"
    ),
    path("codebook/<str:version>.<str:fmt>", views.codebook_download, name="codebook"),
    path("<slug:name>.<str:fmt>", views.table_download, name="table"),
]
