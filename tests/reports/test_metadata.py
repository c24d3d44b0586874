"""Open-source metadata: publiccode.yml (standard v0.4) and the EUPL-1.2 licence."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_publiccode_yml_has_the_required_fields():
    data = yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))
    assert data["publiccodeYmlVersion"] == "0.4"
    for key in ["name", "url", "platforms", "categories", "developmentStatus", "softwareType"]:
        assert data[key], key
    assert "web" in data["platforms"]
    assert data["legal"]["license"] == "EUPL-1.2"
    assert data["maintenance"]["type"] in {"internal", "contract", "community", "none"}
    for language in ("nl", "en"):
        description = data["description"][language]
        assert len(description["shortDescription"]) <= 150
        assert 150 <= len(description["longDescription"]) <= 10000
        assert description["features"]
    assert data["localisation"]["availableLanguages"] == ["nl", "en"]


def test_licence_is_the_full_eupl_1_2():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    for article in [
        "1.Definitions",
        "5.Obligations of the Licensee",
        "15.Applicable Law",
        "Appendix",
    ]:
        assert article in text
    assert len(text) > 12000
