"""An open-data table: rows plus the Table Schema that describes them (Frictionless)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The mark of data from a wave that is not published (only the command line exports those).
CONCEPT_NOTE = "concept — niet gepubliceerd / draft — not published"

LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}


@dataclass(frozen=True)
class Field:
    """One column: a Table Schema field (``type`` is a Frictionless type name)."""

    name: str
    type: str
    description: str
    required: bool = False

    def descriptor(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "description": self.description,
        }
        if self.required:
            found["constraints"] = {"required": True}
        return found


@dataclass
class Table:
    """A named table of rows (dicts keyed by field name) with its schema."""

    name: str
    title: str
    description: str
    fields: list[Field]
    rows: list[dict[str, Any]] = field(default_factory=list)
    primary_key: list[str] = field(default_factory=list)
    # Not empty when the table holds data of a wave that is not published: CONCEPT_NOTE and the
    # waves. Every format's metadata carries it (XLSX properties, JSON, datapackage.json).
    status_note: str = ""

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "fields": [f.descriptor() for f in self.fields],
            "missingValues": [""],
        }
        if self.primary_key:
            schema["primaryKey"] = self.primary_key
        return schema

    def check(self) -> None:
        """Every row has exactly the schema's fields (a programming error otherwise)."""
        expected = set(self.field_names)
        for index, row in enumerate(self.rows, start=1):
            if set(row) != expected:
                raise ValueError(
                    f"table {self.name}, row {index}: fields {sorted(set(row) ^ expected)} "
                    "do not match the schema"
                )
