"""What is published as open data, and how each download is produced.

Only published waves appear; their findings are the suppressed ones shown publicly.
"""

from __future__ import annotations

from datalab_monitor.inventory.models import Wave
from datalab_monitor.labpages.opendata import profiles_table, projects_table
from datalab_monitor.questionnaire import available_versions

from .codebook import codebook_table
from .datapackage import package_files
from .findings import concept_waves, findings_table
from .register import register_municipalities_table, register_table
from .tables import Table

# The labs' own pages (issue 14): projects and public profiles.
LAB_PAGE_TABLES = {"projects": projects_table, "lab-profiles": profiles_table}


def lab_page_tables() -> list[Table]:
    return [make() for make in LAB_PAGE_TABLES.values()]


def published_waves() -> list[Wave]:
    return list(Wave.objects.published().order_by("-year", "slug"))


def versions_of(waves: list[Wave]) -> list[str]:
    return sorted({wave.questionnaire_version for wave in waves})


def datapackage_files(waves: list[Wave] | None = None) -> dict[str, bytes]:
    """The data package of the register plus the findings and codebook of ``waves``
    (default: every published wave)."""
    waves = published_waves() if waves is None else waves
    tables = [
        register_table(),
        register_municipalities_table(),
        findings_table(waves),
        codebook_table(versions_of(waves) or available_versions()),
        *lab_page_tables(),
    ]
    synthetic = [wave.slug for wave in waves if wave.is_synthetic]
    return package_files(tables, synthetic_waves=synthetic, concept_waves=concept_waves(waves))


def public_table(name: str) -> Table:
    """A table of the data package by resource name (findings and codebook of all published
    waves), so that ``datapackage.json`` served beside them resolves its relative paths."""
    if name == "register":
        return register_table()
    if name == "register-municipalities":
        return register_municipalities_table()
    if name == "findings":
        return findings_table(published_waves())
    if name in LAB_PAGE_TABLES:
        return LAB_PAGE_TABLES[name]()
    if name == "codebook":
        return codebook_table(versions_of(published_waves()) or available_versions())
    raise KeyError(name)


TABLE_NAMES = ("register", "register-municipalities", "findings", "codebook", *LAB_PAGE_TABLES)
