"""Inventory URLs: the lab coordinators' form, the researchers' pages and the codebooks."""

from django.urls import path

from . import import_admin, views_codebook, views_form, views_staff

app_name = "inventory"

urlpatterns = [
    # Lab coordinators, with their personal link.
    path("invullen/<str:token>/", views_form.start, name="form-start"),
    path("invullen/<str:token>/pagina/<slug:page_code>/", views_form.page_view, name="form-page"),
    path("invullen/<str:token>/controleren/", views_form.review, name="form-review"),
    path("invullen/<str:token>/verzonden/", views_form.done, name="form-done"),
    # Researchers (staff login).
    path("beheer/", views_staff.wave_list, name="wave-list"),
    path("beheer/nieuw/", views_staff.wave_create, name="wave-create"),
    path("beheer/import/", import_admin.import_responses_view, name="import-responses"),
    path("beheer/<slug:slug>/", views_staff.wave_detail, name="wave-detail"),
    path("beheer/<slug:slug>/status/", views_staff.wave_status, name="wave-status"),
    path(
        "beheer/<slug:slug>/bekende-datalabs/", views_staff.wave_labs_known, name="wave-labs-known"
    ),
    path("beheer/<slug:slug>/links.csv", views_staff.links_download, name="links-csv"),
    path("beheer/<slug:slug>/e-mail/", views_staff.links_email, name="links-email"),
    path(
        "beheer/<slug:slug>/antwoorden/<int:number>/",
        views_staff.response_detail,
        name="response-detail",
    ),
    # Codebooks (public: the questions, never answers).
    path("codeboek/", views_codebook.codebook_index, name="codebook-index"),
    path("codeboek/<str:version>/", views_codebook.codebook_page, name="codebook"),
    path("codeboek/<str:version>.csv", views_codebook.codebook_download, name="codebook-csv"),
]
