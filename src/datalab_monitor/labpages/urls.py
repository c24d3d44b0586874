from django.urls import path

from . import views_edit, views_public

app_name = "labpages"

urlpatterns = [
    path("projecten/", views_public.project_list, name="project-list"),
    path("projecten/<int:pk>/", views_public.project_detail, name="project-detail"),
    path("gemeenten/", views_public.municipality_search, name="municipality-search"),
    path("gemeenten/<str:code>/", views_public.municipality, name="municipality"),
    path("datalabs/bewerken/<str:token>/", views_edit.edit_home, name="edit-home"),
    path("datalabs/bewerken/<str:token>/profiel/", views_edit.edit_profile, name="edit-profile"),
    path(
        "datalabs/bewerken/<str:token>/projecten/nieuw/",
        views_edit.edit_project,
        name="edit-project-new",
    ),
    path(
        "datalabs/bewerken/<str:token>/projecten/<int:pk>/",
        views_edit.edit_project,
        name="edit-project",
    ),
    path(
        "datalabs/<slug:slug>/bewerklink/", views_edit.request_edit_link, name="request-edit-link"
    ),
]
