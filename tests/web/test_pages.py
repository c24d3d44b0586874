"""The public pages: status, structure, filters and search, lab pages, key figures, privacy."""

from __future__ import annotations

import re

import pytest
from django.template import RequestContext, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from datalab_monitor.core.navigation import navigation_items
from datalab_monitor.inventory.models import Wave
from datalab_monitor.registry.models import Datalab

from .conftest import client_in

PAGES = ["/", "/datalabs/", "/datalabs/twente/", "/categorieen/", "/10-dos/"]


def numbers_in_table(html: str) -> list[int]:
    """The lab numbers in the result table of the lab list."""
    return [int(n) for n in re.findall(r'numeric-data">(\d+)</td>', html)]


def figures(html: str, block_id: str) -> dict[str, str]:
    block = re.search(rf'<dl class="dm-figures" id="{block_id}">(.*?)</dl>', html, re.S).group(1)
    pairs = re.findall(
        r'<dt class="dm-figure__label">(.*?)</dt><dd class="dm-figure__value">(.*?)</dd>', block
    )
    return dict(pairs)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("url", PAGES)
def test_every_page_answers_with_one_h1_and_a_title(register, url, language):
    response = client_in(language).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert re.search(r"<title>[^<]+ · Datalab Monitor</title>", html)
    assert 'href="#main"' in html and 'id="main"' in html  # skip link and its target


def test_every_lab_has_a_page(register, nl_client):
    for lab in Datalab.objects.all():
        response = nl_client.get(lab.get_absolute_url())
        assert response.status_code == 200, lab
        assert f"Datalab nr. {lab.number}" in response.content.decode()


def test_unknown_lab_and_unknown_page_give_the_404_page(register, nl_client):
    for url in ["/datalabs/bestaat-niet/", "/bestaat-niet/"]:
        response = nl_client.get(url)
        assert response.status_code == 404
        html = response.content.decode()
        assert "Pagina niet gevonden" in html
        assert html.count("<h1") == 1


def test_500_page_renders_without_a_request():
    with translation.override("nl"):
        html = render_to_string("500.html")
    assert "Er ging iets mis" in html and html.count("<h1") == 1


def test_navigation_skips_pages_that_do_not_exist():
    items = navigation_items(
        "/datalabs/twente/",
        [("web:home", "Home"), ("nowhere:page", "Missing"), ("web:lab-list", "Labs")],
    )
    assert [(i.url, i.label, i.current) for i in items] == [
        ("/", "Home", False),
        ("/datalabs/", "Labs", True),
    ]


def test_menu_marks_the_current_page(register, nl_client):
    html = nl_client.get("/categorieen/").content.decode()
    assert 'href="/categorieen/" aria-current="page">Categorieën</a>' in html
    assert 'href="/" aria-current' not in html
    assert 'href="/10-dos/">10 do&#x27;s</a>' in html


def test_notice_block_comes_before_the_content(rf: RequestFactory):
    template = Template(
        '{% extends "base.html" %}{% block notice %}NOTICE{% endblock %}'
        "{% block content %}CONTENT{% endblock %}"
    )
    html = template.render(RequestContext(rf.get("/"), {}))
    main = html[html.index('<main id="main"') :]
    assert main.index("NOTICE") < main.index("CONTENT") < main.index("</main>")


def test_footer_names_the_sources(register, nl_client):
    html = nl_client.get("/").content.decode()
    assert "Inventarisatie datalabs: de resultaten" in html and "VNG" in html
    assert "CBS en Kadaster" in html and "creativecommons.org/licenses/by/4.0/" in html


# Lab list: filters and search -------------------------------------------------------------


def test_lab_list_shows_every_lab_by_default(register, nl_client):
    html = nl_client.get("/datalabs/").content.decode()
    assert numbers_in_table(html) == list(range(1, 39))
    assert "38 datalabs gevonden" in html
    assert '<label class="utrecht-form-label" for="id_category">Categorie</label>' in html
    assert '<label class="utrecht-form-label" for="id_province">Provincie</label>' in html
    assert '<label class="utrecht-form-label" for="id_q">Zoeken</label>' in html


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"category": "datahub"}, [28]),
        ({"category": "internal"}, list(range(1, 15))),
        ({"province": "PV21"}, [31]),  # Fryslân: the Friesland lab
        ({"province": "PV23"}, [6, 24]),  # Overijssel: Enschede and Twente
        ({"q": "GM0164"}, [24]),  # CBS code of Hengelo (in Twente)
        ({"q": "hengelo"}, [24]),  # municipality name, any case
        ({"q": "Fryslân"}, [31]),  # alias
        ({"q": "'s-Hertogenbosch"}, [28]),  # alias and municipality name
        ({"q": "Leiden"}, [35]),
        ({"q": "leid"}, [35, 36]),  # part of a name: Leiden and Leidschendam-Voorburg
        ({"q": "Enschede"}, [6, 24]),  # own lab, and a municipality of Twente
        ({"q": "Enschede", "category": "regional"}, [24]),
        ({"q": "Enschede", "province": "PV27"}, []),
        ({"q": "  Teylingen  "}, [9]),  # HLTsamen, spaces ignored
        ({"q": "zzz-no-such-lab"}, []),
    ],
)
def test_filters_and_search(register, nl_client, query, expected):
    html = nl_client.get("/datalabs/", query).content.decode()
    assert numbers_in_table(html) == expected
    count = len(expected)
    assert f"{count} {'datalab' if count == 1 else 'datalabs'} gevonden" in html
    if not expected:
        assert "Geen datalab voldoet aan deze filters." in html


def test_filter_matches_the_database(register, nl_client):
    """Province filter = labs with at least one municipality in that province, for every province."""
    from datalab_monitor.registry.models import Province

    for province in Province.objects.all():
        expected = sorted(
            set(
                Datalab.objects.filter(municipalities__province=province).values_list(
                    "number", flat=True
                )
            )
        )
        html = nl_client.get("/datalabs/", {"province": province.code}).content.decode()
        assert numbers_in_table(html) == expected, province


def test_filter_form_keeps_the_choices_and_reports_a_bad_value(register, nl_client):
    html = nl_client.get("/datalabs/", {"category": "regional", "q": "Twente"}).content.decode()
    assert '<option value="regional" selected>Regionale samenwerking</option>' in html
    assert 'value="Twente"' in html
    assert "Filters wissen" in html
    html = nl_client.get("/datalabs/", {"category": "nonsense", "q": "Twente"}).content.decode()
    assert "utrecht-form-field-error-message" in html and 'aria-invalid="true"' in html
    assert numbers_in_table(html) == [24]  # the valid filter still applies


def test_lab_list_shows_category_and_municipalities(register, nl_client):
    html = nl_client.get("/datalabs/", {"q": "HLTsamen"}).content.decode()
    assert "Intern datalab" in html
    assert "Hillegom, Lisse, Teylingen" in html
    html = nl_client.get("/datalabs/", {"q": "Twente"}).content.decode()
    assert "14 gemeenten (Overijssel)" in html


# Lab page ---------------------------------------------------------------------------------


def test_lab_page_lists_municipalities_with_cbs_codes_and_province(register, nl_client):
    lab = Datalab.objects.get(name="Twente")
    html = nl_client.get(lab.get_absolute_url()).content.decode()
    codes = sorted(lab.municipalities.values_list("code", flat=True))
    assert len(codes) == 14
    for code in codes:
        assert f'<code class="dm-code">{code}</code>' in html
    assert html.count('<td class="utrecht-table__cell">Overijssel</td>') == 14
    assert "14 betrokken gemeenten" in html
    assert "Regionale samenwerking" in html and 'href="/categorieen/#regional"' in html
    assert "niet vastgelegd" in html  # no lead municipality for a regional lab


def test_lab_page_shows_status_start_year_website_partners_and_lead(register, nl_client):
    from datalab_monitor.registry.models import Partner

    lab = Datalab.objects.get(number=3)
    lab.start_year = 2016
    lab.website = "https://example.org/datalab"
    lab.status = Datalab.Status.STOPPED
    lab.save()
    lab.partners.add(Partner.objects.create(name="Hogeschool van Voorbeeld"))
    html = nl_client.get(lab.get_absolute_url()).content.decode()
    assert "2016" in html
    assert 'href="https://example.org/datalab"' in html
    assert "Gestopt" in html
    assert "Hogeschool van Voorbeeld" in html
    assert "Amsterdam (GM0363)" in html  # lead municipality


def test_lab_page_shows_what_became_of_a_merged_municipality(register, nl_client, en_client):
    lab = Datalab.objects.get(number=8)  # Heerhugowaard, merged into Dijk en Waard in 2022
    html = nl_client.get(lab.get_absolute_url()).content.decode()
    assert "GM0398" in html
    assert "op 1 januari 2022 opgegaan in Dijk en Waard (GM1980)" in html
    english = en_client.get(lab.get_absolute_url()).content.decode()
    assert "merged on 1 January 2022 into Dijk en Waard (GM1980)" in english


def test_categories_page_has_an_anchor_per_category_with_its_labs(register, nl_client):
    html = nl_client.get("/categorieen/").content.decode()
    for code, numbers in [
        ("internal", range(1, 15)),
        ("datahub", [28]),
        ("data-center", range(29, 39)),
    ]:
        section = re.search(rf'<section[^>]*id="{code}".*?</section>', html, re.S).group(0)
        assert re.findall(r'<li value="(\d+)">', section) == [str(n) for n in numbers]


def test_dos_page_shows_the_ten_dos_from_the_database(register, nl_client):
    from datalab_monitor.registry.models import Do

    html = nl_client.get("/10-dos/").content.decode()
    assert re.findall(r'<li class="dm-do" value="(\d+)">', html) == [str(n) for n in range(1, 11)]
    do = Do.objects.get(number=9)
    do.title_nl = "Kijk bij de buren (aangepast)"
    do.save()
    assert "Kijk bij de buren (aangepast)" in nl_client.get("/10-dos/").content.decode()


# Home page figures ------------------------------------------------------------------------


def expected_register_figures() -> dict[str, int]:
    municipalities, provinces = set(), set()
    for lab in Datalab.objects.prefetch_related("municipalities__province"):
        for municipality in lab.municipalities.all():
            municipalities.add(municipality.code)
            provinces.add(municipality.province.code)
    return {
        "labs": Datalab.objects.count(),
        "municipalities": len(municipalities),
        "provinces": len(provinces),
    }


def test_home_figures_are_those_of_the_database(register, nl_client):
    response = nl_client.get("/")
    html = response.content.decode()
    expected = expected_register_figures()
    register_figures = response.context["register"]
    assert (register_figures.labs, register_figures.municipalities, register_figures.provinces) == (
        expected["labs"],
        expected["municipalities"],
        expected["provinces"],
    )
    assert figures(html, "register-figures") == {
        "Datalabs in het register": str(expected["labs"]),
        "Betrokken gemeenten": str(expected["municipalities"]),
        "Provincies met een datalab": str(expected["provinces"]),
    }
    assert expected["labs"] == 38
    assert figures(html, "wave-figures") == {
        "Bekende datalabs": "48",
        "Ingevulde vragenlijsten": "38",
        "Respons": "79%",
        "Interviews": "3",
    }


def test_home_figures_change_when_the_database_changes(register, nl_client):
    Datalab.objects.get(name="Friesland").delete()
    wave = Wave.objects.get(slug="2019")
    wave.labs_known = 50
    wave.save()
    html = nl_client.get("/").content.decode()
    expected = expected_register_figures()
    assert expected["labs"] == 37
    assert figures(html, "register-figures")["Datalabs in het register"] == "37"
    assert figures(html, "register-figures")["Betrokken gemeenten"] == str(
        expected["municipalities"]
    )
    assert figures(html, "register-figures")["Provincies met een datalab"] == str(
        expected["provinces"]
    )
    assert figures(html, "wave-figures")["Bekende datalabs"] == "50"
    assert figures(html, "wave-figures")["Respons"] == "76%"


def test_home_uses_the_newest_published_wave(register, nl_client, en_client):
    Wave.objects.create(
        slug="2025-draft", year=2026, title_nl="Concept", title_en="Draft", labs_known=99
    )
    Wave.objects.create(
        slug="2025",
        year=2025,
        title_nl="Inventarisatie 2025",
        title_en="Inventory 2025",
        status=Wave.Status.PUBLISHED,
        labs_known=60,
        reported_questionnaires=45,
        interviews_held=0,
    )
    html = nl_client.get("/").content.decode()
    assert "Inventarisatie 2025" in html
    assert figures(html, "wave-figures") == {
        "Bekende datalabs": "60",
        "Ingevulde vragenlijsten": "45",
        "Respons": "75%",
        "Interviews": "0",
    }
    assert "Inventory 2025" in en_client.get("/").content.decode()


def test_home_without_a_published_wave(register, nl_client):
    Wave.objects.update(status=Wave.Status.DRAFT)
    html = nl_client.get("/").content.decode()
    assert "Er is nog geen inventarisatie gepubliceerd." in html
    assert 'id="wave-figures"' not in html


def test_home_lists_categories_with_counts_and_the_numbered_map_list(register, nl_client):
    html = nl_client.get("/").content.decode()
    assert 'href="/datalabs/?category=internal">14 datalabs: Intern datalab</a>' in html
    assert 'href="/datalabs/?category=datahub">1 datalab: DataHub</a>' in html
    kaart = re.search(r'<section class="dm-section" id="kaart".*?</section>', html, re.S).group(0)
    assert "<h2" in kaart and "Datalabs in kaart" in kaart
    assert re.findall(r'<li value="(\d+)">', kaart) == [str(n) for n in range(1, 39)]
    assert ">Den Bosch</a>" in kaart


# Personal data ----------------------------------------------------------------------------

SECRET_NAME = "Jozefien Geheimhouder"
SECRET_EMAIL = "j.geheimhouder@example.org"


def test_contact_person_never_appears_on_a_public_page(register):
    Datalab.objects.update(contact_name=SECRET_NAME, contact_email=SECRET_EMAIL)
    urls = PAGES + ["/bestaat-niet/"] + [lab.get_absolute_url() for lab in Datalab.objects.all()]
    for language in ("nl", "en"):
        client = client_in(language)
        for url in urls:
            html = client.get(url).content.decode()
            for secret in ("Geheimhouder", "j.geheimhouder", "example.org"):
                assert secret not in html, (language, url, secret)


def test_search_does_not_look_in_personal_data(register, nl_client):
    Datalab.objects.filter(number=3).update(contact_name=SECRET_NAME, contact_email=SECRET_EMAIL)
    for term in ("Geheimhouder", "j.geheimhouder@example.org"):
        html = nl_client.get("/datalabs/", {"q": term}).content.decode()
        assert numbers_in_table(html) == []
        assert "Amsterdam" not in html.split('id="result-count"')[1]
