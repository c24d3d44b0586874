"""The write API: tokens (hashed, revocable, expiring), roles, audit, imports."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from datalab_monitor.core.roles import CHANGE_REGISTER, MANAGE_WAVE
from tests.inventory.import_files import wave_2019_open  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def patch(api, number, body, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return api.patch(
        f"/api/v1/datalabs/{number}", json.dumps(body), content_type="application/json", **headers
    )


def test_without_token_401_with_www_authenticate(api):
    response = patch(api, 1, {"startYear": 2015})
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_wrong_revoked_or_expired_token_is_401(api, token_for):
    from datalab_monitor.api.models import ApiToken

    assert patch(api, 1, {"startYear": 2015}, "dlm_nonsense").status_code == 401
    token = token_for(CHANGE_REGISTER)
    stored = ApiToken.objects.get()
    assert token not in (stored.token_hash, stored.prefix)  # only the hash is stored
    stored.revoked_at = timezone.now()
    stored.save()
    assert patch(api, 1, {"startYear": 2015}, token).status_code == 401
    stored.revoked_at = None
    stored.expires_at = timezone.now() - timedelta(seconds=1)
    stored.save()
    assert patch(api, 1, {"startYear": 2015}, token).status_code == 401


def test_token_without_the_permission_is_403(api, token_for):
    response = patch(api, 1, {"startYear": 2015}, token_for(MANAGE_WAVE))
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


def test_update_with_permission_is_audited(api, token_for):
    from datalab_monitor.api.models import AuditEvent

    response = patch(api, 1, {"startYear": 2015, "status": "stopped"}, token_for(CHANGE_REGISTER))
    assert response.status_code == 200, response.content
    assert response.json()["status"]["code"] == "stopped"
    assert api.get("/api/v1/datalabs/1").json()["startYear"] == 2015
    event = AuditEvent.objects.get()
    assert event.action == "update" and event.object_id == "1"
    assert event.changes["startYear"] == {"old": None, "new": 2015}
    assert event.username.startswith("api-user-") and event.token is not None


@pytest.mark.parametrize(
    "body, field",
    [
        ({"contact_email": "a@b.nl"}, "contact_email"),
        ({"category": "nope"}, "category"),
        ({"municipalities": ["GM9999"]}, "municipalities"),
        ({"municipalities": []}, "municipalities"),
        ({"startYear": 1800}, "startYear"),
        ({"website": "not a url"}, "website"),
    ],
)
def test_bad_update_is_400_and_changes_nothing(api, token_for, body, field):
    from datalab_monitor.api.models import AuditEvent

    before = api.get("/api/v1/datalabs/1").json()
    response = patch(api, 1, body, token_for(CHANGE_REGISTER))
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == field
    assert api.get("/api/v1/datalabs/1").json() == before
    assert not AuditEvent.objects.exists()


def _upload(api, token, **fields):
    data = {"wave": "demo-2019", "mapping": "limesurvey-2019", **fields}
    return api.post("/api/v1/imports", data, HTTP_AUTHORIZATION=f"Bearer {token}" if token else "")


def test_import_needs_manage_wave(api, token_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("export.csv", b"a;b\n1;2\n")
    assert _upload(api, token_for(CHANGE_REGISTER), file=upload).status_code == 403
    assert _upload(api, None, file=upload).status_code == 401


def test_import_report_as_json_with_row_and_column(api, token_for):
    from datalab_monitor.inventory.demo import create_demo_wave

    create_demo_wave()
    token = token_for(MANAGE_WAVE)
    bad = b"this;is;not;the;export\n1;2;3;4;5\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = _upload(api, token, file=SimpleUploadedFile("export.csv", bad))
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["errors"] and all("row" in e and "column" in e for e in body["errors"])
    assert body["report"]["stored"] is False


def test_missing_fields_are_400(api, token_for):
    response = api.post(
        "/api/v1/imports", {}, HTTP_AUTHORIZATION=f"Bearer {token_for(MANAGE_WAVE)}"
    )
    assert response.status_code == 400
    assert {p["name"] for p in response.json()["invalidParams"]} >= {"wave", "file"}


@pytest.mark.usefixtures("wave_2019_open")
def test_import_dry_run_then_store_is_audited(api, token_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from datalab_monitor.api.models import AuditEvent
    from datalab_monitor.inventory.models import Response
    from tests.inventory.import_files import HERE, csv_bytes

    header = ["CBS-code", "Datalab", "Startjaar", "FTE", "Domeinen", "Steun", "Tips"]
    data = csv_bytes([header, ["GM0361", "Alkmaar", "2017", "1,5", "Sociaal domein", "4", ""]])
    token = token_for(MANAGE_WAVE)
    mapping = (HERE / "generic-small.yaml").read_bytes()

    def send(dry_run: bool):
        return api.post(
            "/api/v1/imports",
            {
                "wave": "2019",
                "file": SimpleUploadedFile("export.csv", data),
                "mappingFile": SimpleUploadedFile("generic-small.yaml", mapping),
                "dryRun": "true" if dry_run else "false",
            },
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )

    before = Response.objects.count()
    checked = send(True)
    assert checked.status_code == 200, checked.content
    report = checked.json()
    assert report["dryRun"] and not report["stored"]
    assert report["outcomes"][0]["labNumber"] == 1 and report["outcomes"][0]["row"] == 2
    assert Response.objects.count() == before and not AuditEvent.objects.exists()

    stored = send(False)
    assert stored.status_code == 200, stored.content
    assert stored.json()["stored"] is True
    assert Response.objects.count() == before + 1
    event = AuditEvent.objects.get()
    assert event.action == "import" and event.object_id == "2019"
    assert event.changes["outcomes"][0]["labNumber"] == 1
