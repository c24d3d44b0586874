"""Spectral lints the OpenAPI document with the ADR ruleset: 0 errors; a broken copy fails."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from datalab_monitor.api import API_VERSION

PROJECT = Path(__file__).resolve().parents[2]
SPECTRAL = PROJECT / "node_modules" / ".bin" / "spectral"
RULESET = PROJECT / "src" / "datalab_monitor" / "api" / "spectral.yaml"

pytestmark = pytest.mark.django_db


def lint(document: dict, tmp_path: Path) -> list[dict]:
    if not SPECTRAL.exists() and not shutil.which("npx"):
        pytest.fail("Spectral is not installed: run npm install")
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(document))
    output = tmp_path / "spectral.json"
    done = subprocess.run(
        [str(SPECTRAL), "lint", "--ruleset", str(RULESET), "--format", "json"]
        + ["--output", str(output), "--fail-severity", "error", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert output.exists(), done.stdout + done.stderr
    return [r for r in json.loads(output.read_text() or "[]") if r["severity"] == 0]


def test_openapi_document_has_no_spectral_errors_and_the_rules_bite(api, tmp_path):
    document = api.get("/api/v1/openapi.json").json()
    assert lint(document, tmp_path) == []

    broken = json.loads(json.dumps(document))
    broken["info"]["version"] = "v1"
    broken["servers"][0]["url"] = "/api"
    broken["paths"]["/datalabs/"] = broken["paths"].pop("/datalabs")
    operation = broken["paths"]["/dos"]["get"]
    del operation["responses"]["200"]["headers"]["API-Version"]
    not_found = operation["responses"]["404"]["content"]
    not_found["application/json"] = not_found.pop("application/problem+json")
    broken["paths"]["/dos"]["trace"] = operation
    codes = {error["code"] for error in lint(broken, tmp_path)}
    assert codes >= {
        "adr-semver",
        "adr-uri-version",
        "adr-no-trailing-slash",
        "adr-version-header",
        "adr-problem-details",
        "adr-http-methods",
    }
    assert document["info"]["version"] == API_VERSION
