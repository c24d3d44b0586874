"""The read API: resources, filters, links, headers and problem details (NL API Design Rules)."""

from __future__ import annotations

import pytest

from datalab_monitor.api import API_VERSION

pytestmark = pytest.mark.django_db


def test_every_response_has_the_api_version_header_even_errors(api):
    for url in ("/api/v1", "/api/v1/datalabs", "/api/v1/nope", "/api/v1/datalabs/9999"):
        assert api.get(url)["API-Version"] == API_VERSION


def test_lab_list_filters_by_province_and_category_like_the_issue(api):
    response = api.get("/api/v1/datalabs?provincie=PV27&categorie=intern")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["count"] == len(body["results"]) > 0
    for lab in body["results"]:
        assert lab["category"] == {"code": "internal", "label": "Intern datalab"}
        assert "PV27" in [p["code"] for p in lab["provinces"]]
        assert lab["_links"]["self"]["href"].startswith("http://localhost/api/v1/datalabs/")


def test_lab_list_matches_the_register_for_every_filter(api):
    from datalab_monitor.registry.models import Datalab

    everything = api.get("/api/v1/datalabs?pageSize=100").json()
    assert everything["count"] == Datalab.objects.count()
    stopped = api.get("/api/v1/datalabs?status=stopped&pageSize=100").json()
    assert stopped["count"] == Datalab.objects.filter(status="stopped").count()
    alkmaar = api.get("/api/v1/datalabs?gemeente=GM0361").json()
    expected = set(
        Datalab.objects.filter(municipalities__code="GM0361").values_list("number", flat=True)
    )
    assert {lab["number"] for lab in alkmaar["results"]} >= expected


def test_pagination_returns_links(api):
    body = api.get("/api/v1/datalabs?pageSize=5&page=2").json()
    links = body["_links"]
    assert set(links) >= {"self", "first", "prev", "next", "last"}
    assert "page=3" in links["next"]["href"] and "pageSize=5" in links["next"]["href"]
    assert len(body["results"]) == 5 and body["page"] == 2
    following = api.get(links["next"]["href"].replace("http://localhost", "")).json()
    assert following["results"][0]["number"] > body["results"][-1]["number"]


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page=abc",
        "pageSize=1000",
        "status=open",
        "provincie=27",
        "gemeente=xx",
        "categorie=nonsense",
    ],
)
def test_bad_parameters_are_problem_details_naming_the_parameter(api, query):
    response = api.get(f"/api/v1/datalabs?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400 and body["title"] == "Bad Request"
    assert body["invalidParams"][0]["name"] == query.split("=")[0]


def test_unknown_address_and_trailing_slash_are_404_problems(api):
    for url in (
        "/api/v1/datalabs/",
        "/api/v1/bestaat-niet",
        "/api/v1/gemeenten/GM9999",
        "/api/v1/datalabs?page=999",
    ):
        response = api.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == 404


def test_other_methods_are_405_problems_with_allow(api):
    response = api.delete("/api/v1/datalabs/1")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert "GET" in response["Allow"]
    assert api.post("/api/v1/datalabs", {}).status_code == 405


def test_not_acceptable_is_a_406_problem(api):
    response = api.get("/api/v1/datalabs", HTTP_ACCEPT="text/html")
    assert response.status_code == 406
    assert response["Content-Type"] == "application/problem+json"


def test_cors_allows_reading_from_any_origin(api):
    response = api.get("/api/v1/datalabs", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = api.options(
        "/api/v1/datalabs",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 204
    assert "PATCH" not in preflight["Access-Control-Allow-Methods"]


def test_stateless_no_cookies(api):
    response = api.get("/api/v1/datalabs")
    assert not response.cookies


def test_etag_gives_304(api):
    first = api.get("/api/v1/categorieen")
    again = api.get("/api/v1/categorieen", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_a_change_is_visible_at_once(api):
    from datalab_monitor.registry.models import Datalab

    assert api.get("/api/v1/datalabs/1").json()["startYear"] is None
    lab = Datalab.objects.get(number=1)
    lab.start_year = 2016
    lab.save()
    assert api.get("/api/v1/datalabs/1").json()["startYear"] == 2016


def test_english_labels_with_accept_language(api):
    body = api.get("/api/v1/categorieen/internal", HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["label"] == "Internal data lab"
    assert api.get("/api/v1/categorieen/internal").json()["label"] == "Intern datalab"


def test_municipality_has_names_province_mergers_and_labs(api):
    from datalab_monitor.registry.models import Municipality

    merged = Municipality.objects.filter(valid_to__isnull=False, datalabs__isnull=False).first()
    body = api.get(f"/api/v1/gemeenten/{merged.code}").json()
    assert body["validTo"] == merged.valid_to.isoformat()
    assert body["successors"] and body["currentMunicipalities"]
    assert body["datalabs"]
    successor = body["currentMunicipalities"][0]["code"]
    later = api.get(f"/api/v1/gemeenten/{successor}").json()
    assert merged.code in {p["code"] for p in later["predecessors"]} or later["predecessors"]
    assert {lab["number"] for lab in body["datalabs"]} <= {
        lab["number"] for lab in later["datalabs"]
    }


def test_dos_and_categories(api):
    assert len(api.get("/api/v1/dos").json()["results"]) == 10
    categories = api.get("/api/v1/categorieen").json()["results"]
    assert sum(c["datalabCount"] for c in categories) == api.get("/api/v1/datalabs").json()["count"]


def test_only_published_waves(api):
    from datalab_monitor.inventory.models import Wave

    slugs = {w["slug"] for w in api.get("/api/v1/inventarisaties").json()["results"]}
    assert slugs == set(Wave.objects.published().values_list("slug", flat=True))
    draft = Wave.objects.create(year=2030, slug="concept", title_nl="c", title_en="c")
    assert api.get(f"/api/v1/inventarisaties/{draft.slug}").status_code == 404
    assert api.get(f"/api/v1/inventarisaties/{draft.slug}/bevindingen").status_code == 404


def test_openapi_document(api):
    response = api.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"] == "3.0.3"
    assert document["info"]["version"] == API_VERSION
    assert document["servers"][0]["url"] == "/api/v1"
    assert all(path == "/" or not path.endswith("/") for path in document["paths"])


def test_rate_limit_gives_429_with_retry_after(api, settings):
    settings.DATALAB_API_RATES = {"anonymous": "3/minute", "token": None}
    statuses = [api.get("/api/v1/dos").status_code for _ in range(5)]
    assert statuses[:3] == [200, 200, 200] and statuses[-1] == 429
    response = api.get("/api/v1/dos")
    assert response["Content-Type"] == "application/problem+json"
    assert int(response["Retry-After"]) >= 1
