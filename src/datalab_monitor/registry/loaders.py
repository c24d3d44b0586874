"""Load the municipality reference table and the register into the database.

Every loader validates the whole file first and writes in one transaction: a bad file stores
nothing. Errors name the file and the entry (row or lab number) and the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils.text import slugify

from datalab_monitor.yamlerrors import describe_yaml_error

from .models import Category, Datalab, Do, Municipality, Partner, Province
from .reference import (
    DATA_DIR,
    MUNICIPALITIES_CSV,
    PROVINCES_CSV,
    MunicipalityRow,
    read_municipality_table,
)

REGISTER_YAML = DATA_DIR / "register.yaml"


class RegisterFileError(ValueError):
    """The register file is not valid; ``problems`` lists every problem found."""

    def __init__(self, source: Path | str, problems: list[str]):
        self.source = str(source)
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems))


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, what: str) -> None:
        bucket = getattr(self, kind)
        bucket[what] = bucket.get(what, 0) + 1

    def summary(self) -> str:
        parts = []
        for kind in ("created", "updated", "unchanged"):
            items = getattr(self, kind)
            if items:
                parts.append(kind + ": " + ", ".join(f"{n} {w}" for w, n in sorted(items.items())))
        return "; ".join(parts) or "nothing to do"

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def upsert(model, lookup: dict[str, Any], values: dict[str, Any], report: LoadReport, what: str):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        report.count("created", what)
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
        report.count("updated", what)
    else:
        report.count("unchanged", what)
    return obj


def _read_provinces(path: Path) -> list[tuple[str, str]]:
    import csv

    with path.open(encoding="utf-8", newline="") as handle:
        return [(row["code"], row["name"]) for row in csv.DictReader(handle)]


@transaction.atomic
def load_municipalities(
    table: Path = MUNICIPALITIES_CSV, provinces_table: Path = PROVINCES_CSV
) -> LoadReport:
    """Create or refresh provinces and municipalities (public facts) from the reference table."""
    report = LoadReport()
    provinces = {
        code: upsert(Province, {"code": code}, {"name": name}, report, "provinces")
        for code, name in _read_provinces(provinces_table)
    }
    rows: list[MunicipalityRow] = read_municipality_table(table)
    problems = [
        f"row {n} ({row.code}): unknown province {row.province_code}"
        for n, row in enumerate(rows, start=2)
        if row.province_code not in provinces
    ]
    codes = {row.code for row in rows}
    problems += [
        f"row {n} ({row.code}): successor {code} is not in the table"
        for n, row in enumerate(rows, start=2)
        for code in row.successor_codes
        if code not in codes
    ]
    if problems:
        raise RegisterFileError(table, problems)
    municipalities = {}
    for row in rows:
        municipalities[row.code] = upsert(
            Municipality,
            {"code": row.code},
            {
                "name": row.name,
                "names": {str(year): name for year, name in sorted(row.names.items())},
                "province": provinces[row.province_code],
                "valid_from": row.valid_from,
                "valid_to": row.valid_to,
            },
            report,
            "municipalities",
        )
    for row in rows:
        municipality = municipalities[row.code]
        wanted = {municipalities[code].pk for code in row.successor_codes}
        if set(municipality.successors.values_list("pk", flat=True)) != wanted:
            municipality.successors.set(wanted)
            report.count("updated", "successor links")
    return report


def read_register(path: Path = REGISTER_YAML) -> dict[str, Any]:
    """Read and validate the register file against the municipalities in the database."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RegisterFileError(path, ["file not found"]) from exc
    except yaml.YAMLError as exc:
        raise RegisterFileError(path, [describe_yaml_error(exc)]) from exc
    if not isinstance(data, dict):
        raise RegisterFileError(path, ["the file must hold 'categories', 'labs' and 'dos'"])
    problems: list[str] = []
    categories = data.get("categories") or []
    labs = data.get("labs") or []
    dos = data.get("dos") or []
    for section, items in (("categories", categories), ("labs", labs), ("dos", dos)):
        if not items:
            problems.append(f"section '{section}' is missing or empty")
        elif not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            problems.append(f"section '{section}' must be a list of entries")
    if problems:
        raise RegisterFileError(path, problems)

    for position, category in enumerate(categories, start=1):
        for key in ("code", "name_nl", "name_en", "description_nl", "description_en"):
            if not category.get(key):
                problems.append(f"categories, entry {position}: field '{key}' is missing")
    category_codes = {c.get("code") for c in categories}
    known_codes = set(Municipality.objects.values_list("code", flat=True))
    province_codes = set(Province.objects.values_list("code", flat=True))
    seen_numbers: set[int] = set()
    seen_slugs: set[str] = set()
    for position, lab in enumerate(labs, start=1):
        where = f"labs, entry {position}" + (
            f" (number {lab['number']})" if "number" in lab else ""
        )
        number = lab.get("number")
        if not isinstance(number, int) or number < 1:
            problems.append(f"{where}: field 'number' must be a whole number from 1")
        elif number in seen_numbers:
            problems.append(f"{where}: number {number} occurs twice")
        seen_numbers.add(number)
        if not lab.get("name"):
            problems.append(f"{where}: field 'name' is missing")
        slug = lab.get("slug") or slugify(lab.get("name", ""))
        if slug in seen_slugs:
            problems.append(f"{where}: slug '{slug}' occurs twice")
        seen_slugs.add(slug)
        if lab.get("category") not in category_codes:
            problems.append(f"{where}: field 'category': unknown category {lab.get('category')!r}")
        codes = list(lab.get("municipalities") or [])
        if lab.get("lead") and lab["lead"] not in known_codes:
            problems.append(f"{where}: field 'lead': unknown CBS code {lab['lead']!r}")
        for code in codes:
            if code not in known_codes:
                problems.append(f"{where}: field 'municipalities': unknown CBS code {code!r}")
        for code in lab.get("covers_provinces") or []:
            if code not in province_codes:
                problems.append(f"{where}: field 'covers_provinces': unknown province {code!r}")
        if not codes and not lab.get("covers_provinces"):
            problems.append(f"{where}: a lab must cover at least one municipality")
        if lab.get("lead") and codes and lab["lead"] not in codes:
            problems.append(f"{where}: field 'lead': {lab['lead']} is not among its municipalities")
    for position, do in enumerate(dos, start=1):
        for key in ("number", "title_nl", "title_en", "body_nl", "body_en"):
            if not do.get(key):
                problems.append(f"dos, entry {position}: field '{key}' is missing")
    if problems:
        raise RegisterFileError(path, problems)
    return data


REGISTER_YEAR = 2019


@transaction.atomic
def load_register(path: Path = REGISTER_YAML, update: bool = False) -> LoadReport:
    """Load categories, labs and do's. Existing labs are left as corrected in the admin, unless
    ``update`` is set, which makes the database match the file again."""
    data = read_register(path)
    report = LoadReport()
    categories = {}
    for item in data["categories"]:
        fields = {k: item[k] for k in ("name_nl", "name_en", "description_nl", "description_en")}
        fields["order"] = item.get("order", 0)
        categories[item["code"]] = upsert(
            Category, {"code": item["code"]}, fields, report, "categories"
        )
    for item in data["dos"]:
        fields = {k: item[k] for k in ("title_nl", "title_en", "body_nl", "body_en")}
        upsert(Do, {"number": item["number"]}, fields, report, "do's")

    in_register_year = Municipality.objects.in_force(REGISTER_YEAR)
    for item in data["labs"]:
        existing = Datalab.objects.filter(number=item["number"]).first()
        if existing is not None and not update:
            report.count("unchanged", "labs")
            continue
        codes = set(item.get("municipalities") or [])
        provinces = item.get("covers_provinces") or []
        codes |= set(
            in_register_year.filter(province__code__in=provinces).values_list("code", flat=True)
        )
        fields = {
            "name": item["name"],
            "slug": item.get("slug") or slugify(item["name"]),
            "category": categories[item["category"]],
            "lead_municipality": Municipality.objects.get(code=item["lead"])
            if item.get("lead")
            else None,
            "aliases": "\n".join(item.get("aliases") or []),
            "start_year": item.get("start_year"),
            "website": item.get("website", ""),
            "status": item.get("status", Datalab.Status.ACTIVE),
        }
        lab = upsert(Datalab, {"number": item["number"]}, fields, report, "labs")
        municipality_ids = set(
            Municipality.objects.filter(code__in=codes).values_list("pk", flat=True)
        )
        if set(lab.municipalities.values_list("pk", flat=True)) != municipality_ids:
            lab.municipalities.set(municipality_ids)
        partners = [
            Partner.objects.get_or_create(name=name)[0] for name in item.get("partners") or []
        ]
        if {p.pk for p in partners} != set(lab.partners.values_list("pk", flat=True)):
            lab.partners.set(partners)
    return report
