"""The project catalogue and lab profiles in the API: filters, consent, approval, the fictional
label, and the same projects as the /projecten/ page and the open-data projects table."""

from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import urlencode

import pytest

from datalab_monitor.labpages import changes
from datalab_monitor.labpages.demo import create_demo_pages
from datalab_monitor.labpages.models import Project

pytestmark = pytest.mark.django_db
AUTHOR = changes.Author("test coordinator")
PAGE_LINK = re.compile(r'href="/projecten/(\d+)/"')


@pytest.fixture
def labs(register):
    from datalab_monitor.registry.models import Datalab

    first, second = Datalab.objects.order_by("number")[:2]
    return first, second


def _project(lab, **data) -> Project:
    record = changes.save_project(lab, {"title_nl": "Project", **data}, AUTHOR)
    return record.project


def ids(api, query: str = "", **headers) -> list[int]:
    body = api.get(f"/api/v1/projecten?pageSize=100&{query}", **headers).json()
    assert body["count"] == len(body["results"])
    return [item["id"] for item in body["results"]]


def test_filters_combine_like_the_catalogue(api, labs):
    first, second = labs
    social = _project(first, domains=["social"], analysis_types=["descriptive"])
    mobility = _project(
        second,
        title_nl="Verkeer rond scholen",
        domains=["mobility"],
        data_sources=["cbs"],
        analysis_types=["predictive"],
    )
    assert set(ids(api)) == {social.pk, mobility.pk}
    assert ids(api, "domein=social") == [social.pk]
    assert set(ids(api, "domein=social&domein=mobility")) == {social.pk, mobility.pk}
    assert set(ids(api, "domein=social,mobility")) == {social.pk, mobility.pk}
    assert ids(api, "domein=social&databron=cbs") == []  # facets combine with AND
    assert ids(api, "databron=cbs") == [mobility.pk]
    assert ids(api, "analysetype=predictive") == [mobility.pk]
    assert ids(api, "q=verkeer+scholen") == [mobility.pk]
    assert ids(api, f"datalab={first.number}") == [social.pk]
    assert social.pk in ids(api, f"categorie={first.category.code}")
    province = first.municipalities.first().province.code
    assert social.pk in ids(api, f"provincie={province}")
    assert ids(api, "provincie=PV99") == []


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("domein=nonsense", "domein"),
        ("analysetype=social", "analysetype"),
        ("databron=x", "databron"),
        ("categorie=nothing", "categorie"),
        ("provincie=27", "provincie"),
        ("datalab=abc", "datalab"),
        ("datalab=0", "datalab"),
        ("q=" + "x" * 101, "q"),
        ("domein=" + ",".join(["social"] * 5 + [f"d{i}" for i in range(20)]), "domein"),
    ],
)
def test_a_wrong_filter_is_a_problem_that_names_it(api, labs, query, name):
    response = api.get(f"/api/v1/projecten?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in response.json()["invalidParams"]] == [name]


def test_codes_and_labels_in_both_languages_with_links(api, labs):
    first, _second = labs
    item = _project(
        first,
        title_en="Project (en)",
        domains=["social"],
        data_sources=["cbs"],
        status="completed",
        year=2024,
        result_url="https://example.org/report",
    )
    dutch = api.get(f"/api/v1/projecten/{item.pk}").json()
    english = api.get(f"/api/v1/projecten/{item.pk}", HTTP_ACCEPT_LANGUAGE="en").json()
    assert (dutch["title"], english["title"]) == ("Project", "Project (en)")
    assert dutch["domains"] == [{"code": "social", "label": "Sociaal domein"}]
    assert english["domains"] == [{"code": "social", "label": "Social domain"}]
    assert dutch["status"]["code"] == english["status"]["code"] == "completed"
    assert dutch["status"]["label"] != english["status"]["label"]
    assert dutch["resultUrl"] == "https://example.org/report" and dutch["codeUrl"] is None
    assert dutch["datalab"]["number"] == first.number
    assert dutch["_links"]["datalab"]["href"].endswith(f"/api/v1/datalabs/{first.number}")
    assert dutch["_links"]["html"]["href"].endswith(f"/projecten/{item.pk}/")
    assert api.get(dutch["_links"]["html"]["href"]).status_code == 200
    lab = api.get(f"/api/v1/datalabs/{first.number}").json()
    assert api.get(lab["_links"]["projects"]["href"]).json()["results"][0]["id"] == item.pk
    assert api.get(lab["_links"]["profile"]["href"]).status_code == 200


def test_removed_and_unknown_projects_are_not_found(api, labs):
    item = _project(labs[0])
    changes.save_project(labs[0], {"removed": True}, AUTHOR, item)
    assert ids(api) == []
    for path in (f"/api/v1/projecten/{item.pk}", "/api/v1/projecten/99999999999999"):
        response = api.get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"


def test_paging_links_keep_repeated_filters(api, labs):
    for number in range(3):
        _project(labs[number % 2], title_nl=f"P{number}", domains=["social", "housing"])
    body = api.get("/api/v1/projecten?domein=social&domein=housing&pageSize=2").json()
    assert body["count"] == 3
    following = api.get(body["_links"]["next"]["href"]).json()
    assert "domein=social&domein=housing" in body["_links"]["next"]["href"]
    assert following["count"] == 3 and len(following["results"]) == 1


def test_contact_only_with_consent_and_gone_when_withdrawn(api, labs):
    lab = labs[0]
    contact = {"contact_name": "Ria Publiek", "contact_email": "ria.publiek@example.org"}
    changes.change_profile(lab, {"description_nl": "Over ons", **contact}, AUTHOR)
    body = api.get(f"/api/v1/datalabs/{lab.number}/profiel")
    assert body.json()["contact"] is None
    assert b"Ria" not in body.content and b"ria.publiek" not in body.content
    changes.change_profile(lab, {**contact, "contact_consent": True}, AUTHOR)
    shown = api.get(f"/api/v1/datalabs/{lab.number}/profiel").json()
    assert shown["contact"] == {"name": "Ria Publiek", "email": "ria.publiek@example.org"}
    changes.change_profile(lab, {"contact_consent": False}, AUTHOR)
    withdrawn = api.get(f"/api/v1/datalabs/{lab.number}/profiel")
    assert withdrawn.json()["contact"] is None and b"ria.publiek" not in withdrawn.content
    # the register's (non-public) contact of the lab is never in any API answer
    lab.contact_email = "register.only@example.org"
    lab.save()
    for path in (f"/api/v1/datalabs/{lab.number}/profiel", f"/api/v1/datalabs/{lab.number}"):
        assert b"register.only" not in api.get(path).content


def test_profile_as_the_lab_page_shows_it(api, labs, client):
    lab = labs[0]
    empty = api.get(f"/api/v1/datalabs/{lab.number}/profiel").json()
    assert empty["hasProfile"] is False and empty["updatedAt"] is None
    assert empty["startYear"] == lab.start_year and empty["domains"] == []
    changes.change_profile(
        lab,
        {
            "description_nl": "Wij meten armoede.",
            "description_en": "We measure poverty.",
            "start_year": 2016,
            "website": "https://lab.example.org",
            "domains": ["social", "housing"],
            "partner_codes": ["cbs"],
            "partners_other": "Hogeschool X, Stichting Y",
        },
        AUTHOR,
    )
    _project(lab)
    body = api.get(f"/api/v1/datalabs/{lab.number}/profiel", HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["hasProfile"] is True and body["isFictional"] is False
    assert body["description"] == "We measure poverty."
    assert (body["startYear"], body["website"]) == (2016, "https://lab.example.org")
    assert [d["code"] for d in body["domains"]] == ["social", "housing"]
    assert [p["code"] for p in body["partners"]] == ["cbs"]
    assert body["partnersOther"] == ["Hogeschool X", "Stichting Y"]
    assert body["projectCount"] == 1
    page = client.get(f"/datalabs/{lab.slug}/").content.decode()
    assert "Wij meten armoede." in page and "https://lab.example.org" in page and "2016" in page
    assert api.get("/api/v1/datalabs/999999/profiel").status_code == 404


def test_changes_waiting_for_approval_stay_out_until_approved(api, labs, settings, admin_user):
    lab = labs[0]
    changes.change_profile(lab, {"description_nl": "Oud"}, AUTHOR)
    item = _project(lab, title_nl="Oude titel")
    path = f"/api/v1/datalabs/{lab.number}/profiel"
    assert api.get(path).json()["description"] == "Oud"
    settings.DATALAB_PROFILE_APPROVAL = True
    pending = changes.change_profile(lab, {"description_nl": "Nieuw"}, AUTHOR)
    waiting = changes.save_project(lab, {"title_nl": "Nieuwe titel"}, AUTHOR, item)
    new = changes.save_project(lab, {"title_nl": "Nog niet goedgekeurd"}, AUTHOR)
    assert api.get(path).json()["description"] == "Oud"
    assert api.get(f"/api/v1/projecten/{item.pk}").json()["title"] == "Oude titel"
    assert ids(api) == [item.pk] and new.project is None
    changes.approve(pending, admin_user)
    changes.approve(waiting, admin_user)
    assert api.get(path).json()["description"] == "Nieuw"  # the data version changed
    assert api.get(f"/api/v1/projecten/{item.pk}").json()["title"] == "Nieuwe titel"


def test_a_changed_project_is_seen_at_once(api, labs):
    """Cached answers follow the data version, which every profile or project save changes."""
    item = _project(labs[0], title_nl="Eerst")
    url = f"/api/v1/projecten/{item.pk}"
    first = api.get(url)
    assert first.json()["title"] == "Eerst"
    assert api.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    changes.save_project(labs[0], {"title_nl": "Daarna"}, AUTHOR, item)
    assert api.get(url).json()["title"] == "Daarna"
    assert api.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
    listing = f"/api/v1/projecten?datalab={labs[0].number}"
    assert len(api.get(listing).json()["results"]) == 1
    Project.objects.filter(pk=item.pk).get().delete()
    assert api.get(listing).json()["results"] == []


def test_demo_projects_and_profiles_are_labelled_fictional(api, register):
    create_demo_pages()
    projects = api.get("/api/v1/projecten?pageSize=100").json()
    assert projects["count"] > 0
    assert all(p["isFictional"] and p["title"].startswith("Demo") for p in projects["results"])
    profile = api.get("/api/v1/datalabs/1/profiel").json()
    assert profile["hasProfile"] and profile["isFictional"]
    document = api.get("/api/v1/openapi.json").json()
    flag = document["components"]["schemas"]["Project"]["properties"]["isFictional"]
    assert "FICTIONAL" in flag["description"]


def _page_ids(client, query: dict) -> list[int]:
    found: list[int] = []
    for number in range(1, 50):
        html = client.get(f"/projecten/?{urlencode({**query, 'pagina': number}, doseq=True)}")
        found += [int(i) for i in PAGE_LINK.findall(html.content.decode())]
        if f"pagina={number + 1}" not in html.content.decode():
            return found
    raise AssertionError("too many pages")


FILTERS = [
    ({}, {}),
    ({"domain": ["social"]}, {"domein": ["social"]}),
    ({"domain": ["social", "housing"]}, {"domein": ["social", "housing"]}),
    (
        {"analysis": ["predictive"], "source": ["cbs"]},
        {"analysetype": ["predictive"], "databron": ["cbs"]},
    ),
    ({"category": ["internal"]}, {"categorie": ["internal"]}),
    ({"province": ["PV27", "PV26"]}, {"provincie": ["PV27", "PV26"]}),
    ({"q": "armoede"}, {"q": "armoede"}),
    (
        {"domain": ["care"], "category": ["datahub", "regional"]},
        {"domein": ["care"], "categorie": ["datahub", "regional"]},
    ),
]


def test_same_projects_as_the_catalogue_page_and_the_open_data(api, client, register):
    create_demo_pages()
    for page_query, api_query in FILTERS:
        assert _page_ids(client, page_query) == ids(api, urlencode(api_query, doseq=True)), (
            page_query
        )
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/open-data/projects.csv").content.decode("utf-8-sig"))
        )
    )
    everything = {p["id"]: p for p in api.get("/api/v1/projecten?pageSize=100").json()["results"]}
    assert sorted(int(row["id"]) for row in rows) == sorted(everything)
    for row in rows:
        item = everything[int(row["id"])]
        assert int(row["lab_number"]) == item["datalab"]["number"]
        assert row["title_nl"] == item["title"]
        for name, field in (
            ("domains", "domains"),
            ("analysis_types", "analysisTypes"),
            ("data_sources", "dataSources"),
        ):
            assert row[f"{name}_codes"] == "; ".join(c["code"] for c in item[field])
            assert row[f"{name}_nl"] == "; ".join(c["label"] for c in item[field])
        assert row["status"] == item["status"]["code"]
        assert (row["year"] or None) == (None if item["year"] is None else str(item["year"]))
        assert json.loads(row["is_fictional"].lower()) is item["isFictional"]


def test_no_unconsented_contact_in_any_catalogue_answer(api, register):
    """The personal-data scan of the public outputs, over the API's catalogue resources."""
    from datalab_monitor.registry.models import Datalab
    from tests.opendata.test_no_personal_data import EMAIL, plant_unconsented_profile_contacts
    from tests.reports.fixtures import CONTACT_NAMES

    plant_unconsented_profile_contacts()
    urls = ["/api/v1/projecten?pageSize=100"]
    urls += [f"/api/v1/projecten/{pk}" for pk in Project.objects.values_list("pk", flat=True)]
    for number in Datalab.objects.values_list("number", flat=True):
        urls += [f"/api/v1/datalabs/{number}/profiel", f"/api/v1/datalabs/{number}"]
    for url in urls:
        response = api.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert not EMAIL.findall(text), url
        assert not [name for name in CONTACT_NAMES if name in text], url
