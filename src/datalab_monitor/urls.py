"""URL configuration: the public site, the researchers' admin and the language switch."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Datalab Monitor"
admin.site.site_title = "Datalab Monitor"
# "View site" in the admin leads back to the researchers' pages.
admin.site.site_url = "/inventarisatie/beheer/"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("datalab_monitor.api.urls")),
    path("inventarisatie/", include("datalab_monitor.inventory.urls")),
    path("bevindingen/", include("datalab_monitor.results.urls")),
    path("kaart/", include("datalab_monitor.maps.urls")),
    path("rapport/", include("datalab_monitor.reports.urls")),
    path("open-data/", include("datalab_monitor.opendata.urls")),
    path("", include("datalab_monitor.labpages.urls")),
    path("", include("datalab_monitor.web.urls")),
]
