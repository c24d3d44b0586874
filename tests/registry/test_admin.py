"""The researchers' admin: changelists, search, filters, Dutch labels, editing a lab."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from datalab_monitor.registry.models import Category, Datalab, Municipality


@pytest.fixture
def admin_nl(admin_client: Client) -> Client:
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    return admin_client


def changelist_rows(html: str) -> list[str]:
    """The link texts of the first column of each changelist row."""
    return re.findall(r'<th class="field-[\w_]+"><a href="[^"]+">([^<]*)</a></th>', html)


CHANGELISTS = [
    "registry_province",
    "registry_municipality",
    "registry_category",
    "registry_datalab",
    "registry_partner",
    "registry_do",
    "inventory_wave",
]


@pytest.mark.parametrize("name", CHANGELISTS)
def test_superuser_opens_every_changelist_and_add_form(register, admin_nl, name):
    assert admin_nl.get(reverse(f"admin:{name}_changelist")).status_code == 200
    assert admin_nl.get(reverse(f"admin:{name}_add")).status_code == 200


def test_anonymous_visitors_are_sent_to_the_login(register, client):
    response = client.get(reverse("admin:registry_datalab_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_admin_labels_are_dutch(register, admin_nl):
    html = admin_nl.get(reverse("admin:index")).content.decode()
    assert "Datalabs" in html and "Gemeenten" in html and "Inventarisatierondes" in html
    html = admin_nl.get(reverse("admin:registry_datalab_changelist")).content.decode()
    assert "Inventarisatienummer" in html and "Trekkende gemeente" in html


def test_lab_changelist_shows_number_name_category_lead_status(register, admin_nl):
    html = admin_nl.get(reverse("admin:registry_datalab_changelist")).content.decode()
    for column in ("number", "name", "category", "lead_municipality", "status"):
        assert f"column-{column}" in html
    assert "38 datalabs" in html


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Twente", ["24"]),
        ("GM0164", ["24"]),  # CBS code of a municipality covered
        ("Hengelo", ["24"]),  # name of a municipality covered
        ("Fryslân", ["31"]),  # alias
        ("JADS", ["28"]),  # alias
        ("28", ["28", "34"]),  # inventory number; Kempen covers Bladel, GM1728
    ],
)
def test_lab_changelist_search(register, admin_nl, query, expected):
    html = admin_nl.get(reverse("admin:registry_datalab_changelist"), {"q": query}).content.decode()
    assert changelist_rows(html) == expected


def test_lab_changelist_filters(register, admin_nl):
    url = reverse("admin:registry_datalab_changelist")
    assert changelist_rows(
        admin_nl.get(
            url, {"category__id__exact": Category.objects.get(code="datahub").pk}
        ).content.decode()
    ) == ["28"]
    assert changelist_rows(admin_nl.get(url, {"province": "PV23"}).content.decode()) == ["6", "24"]
    Datalab.objects.filter(number=12).update(status=Datalab.Status.STOPPED)
    assert changelist_rows(admin_nl.get(url, {"status__exact": "stopped"}).content.decode()) == [
        "12"
    ]


def test_municipality_search_and_filters(register, admin_nl):
    url = reverse("admin:registry_municipality_changelist")
    html = admin_nl.get(url, {"q": "GM0398"}).content.decode()
    assert changelist_rows(html) == ["GM0398"]
    assert "Dijk en Waard (GM1980)" in html  # its successor
    merged = changelist_rows(admin_nl.get(url, {"existence": "merged"}).content.decode())
    assert "GM0398" in merged and "GM1980" not in merged
    expected_merged = (
        Municipality.objects.count()
        - Municipality.objects.in_force(__import__("datetime").date.today()).count()
    )
    assert len(merged) == expected_merged
    in_force = admin_nl.get(url, {"existence": "in_force", "q": "Dijk en Waard"}).content.decode()
    assert changelist_rows(in_force) == ["GM1980"]
    fryslan = Municipality.objects.get(code="GM0080").province  # Leeuwarden
    html = admin_nl.get(
        url, {"province__id__exact": fryslan.pk, "q": "Leeuwarden"}
    ).content.decode()
    assert changelist_rows(html) == ["GM0080"]


def test_lab_change_form_has_a_separate_personal_data_fieldset(register, admin_nl):
    lab = Datalab.objects.get(number=3)
    html = admin_nl.get(reverse("admin:registry_datalab_change", args=[lab.pk])).content.decode()
    fieldset = html.split("Persoonsgegevens (niet openbaar)")[1].split("</fieldset>")[0]
    assert 'name="contact_name"' in fieldset and 'name="contact_email"' in fieldset
    assert 'name="name"' not in fieldset


def test_superuser_changes_a_lab(register, admin_nl):
    lab = Datalab.objects.get(number=3)
    diemen = Municipality.objects.get(code="GM0384")
    data = {
        "number": "3",
        "name": "Amsterdam Datalab",
        "slug": "amsterdam",
        "category": str(Category.objects.get(code="regional").pk),
        "status": "active",
        "lead_municipality": str(lab.lead_municipality.pk),
        "municipalities": [str(lab.lead_municipality.pk), str(diemen.pk)],
        "partners": [],
        "start_year": "2016",
        "website": "https://example.org/",
        "aliases": "",
        "description_nl": "",
        "description_en": "",
        "contact_name": "Iemand",
        "contact_email": "iemand@example.org",
        "_save": "Opslaan",
    }
    response = admin_nl.post(reverse("admin:registry_datalab_change", args=[lab.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    lab.refresh_from_db()
    assert lab.name == "Amsterdam Datalab"
    assert lab.category.code == "regional"
    assert lab.start_year == 2016
    assert sorted(lab.municipalities.values_list("code", flat=True)) == ["GM0363", "GM0384"]
    assert lab.contact_email == "iemand@example.org"


def test_invalid_change_is_refused_with_a_dutch_message(register, admin_nl):
    lab = Datalab.objects.get(number=3)
    data = {
        "number": "4",  # taken by Alphen aan den Rijn
        "name": "Amsterdam",
        "slug": "amsterdam",
        "category": str(lab.category.pk),
        "status": "active",
        "municipalities": [str(lab.lead_municipality.pk)],
        "_save": "Opslaan",
    }
    response = admin_nl.post(reverse("admin:registry_datalab_change", args=[lab.pk]), data)
    assert response.status_code == 200
    assert (
        "Er bestaat al een Datalab met eenzelfde Inventarisatienummer" in response.content.decode()
    )
    lab.refresh_from_db()
    assert lab.number == 3
