"""A Frictionless Data Package of the open data: ``datapackage.json`` plus one CSV per table.

Resources: the register, the municipalities per lab, the published (suppressed) findings of the
chosen waves and the codebook of their questionnaire versions. Data licence: CC BY 4.0.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

from django.utils import timezone

from .formats import to_csv
from .tables import CONCEPT_NOTE, LICENCE, Table

SOURCES = [
    {
        "title": "VNG (Vereniging van Nederlandse Gemeenten), Inventarisatie datalabs: de resultaten (2019)",
    },
    {
        "title": "CBS, Gemeentelijke indeling (municipality codes and names)",
        "path": "https://www.cbs.nl/nl-nl/onze-diensten/methoden/classificaties/overig/gemeentelijke-indelingen-per-jaar",
    },
]


def resource_descriptor(table: Table) -> dict[str, Any]:
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "title": table.title,
        "description": table.description,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "header": True},
        "licenses": [LICENCE],
        "schema": table.schema(),
        **({"publication_status": table.status_note} if table.status_note else {}),
    }


def package_descriptor(
    tables: list[Table],
    *,
    synthetic_waves: list[str] | None = None,
    concept_waves: list[str] | None = None,
) -> dict[str, Any]:
    description = (
        "Open data of the Datalab Monitor: the register of municipal data labs in the "
        "Netherlands (with CBS codes), the published findings of the inventory waves (numbers "
        "based on fewer than min_cell labs suppressed, see the findings table) and the codebook of the questionnaire. No "
        "personal data and no answers of individual labs."
    )
    if synthetic_waves:
        description += (
            " The findings of wave(s) " + ", ".join(synthetic_waves) + " are FICTIONAL demo data "
            "(column wave_is_synthetic = true)."
        )
    title = "Datalab Monitor: register and findings of municipal data labs"
    status: dict[str, str] = {}
    if concept_waves:
        title = f"{title} ({CONCEPT_NOTE})"
        description += (
            " The findings of wave(s) " + ", ".join(concept_waves) + " are NOT PUBLISHED: a "
            "concept, not for distribution."
        )
        status["publication_status"] = f"{CONCEPT_NOTE}: {', '.join(concept_waves)}"
    return {
        "profile": "tabular-data-package",
        "name": "datalab-monitor",
        "title": title,
        **status,
        "description": description,
        "licenses": [LICENCE],
        "sources": SOURCES,
        "created": timezone.now().replace(microsecond=0).isoformat(),
        "keywords": ["datalabs", "gemeenten", "VNG", "CBS", "open data"],
        "resources": [resource_descriptor(table) for table in tables],
    }


def package_files(tables: list[Table], **kwargs) -> dict[str, bytes]:
    """File name -> content: ``datapackage.json`` and the CSV files."""
    files = {f"{table.name}.csv": to_csv(table) for table in tables}
    descriptor = package_descriptor(tables, **kwargs)
    files["datapackage.json"] = (
        json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    ).encode()
    return files


def package_zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(f"datalab-monitor/{name}", content)
    return buffer.getvalue()


def write_package(files: dict[str, bytes], target: Path) -> Path:
    """Write to ``target``: a .zip file, or a directory (created) with the files in it."""
    if target.suffix == ".zip":
        target.write_bytes(package_zip(files))
        return target
    target.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (target / name).write_bytes(content)
    return target / "datapackage.json"
