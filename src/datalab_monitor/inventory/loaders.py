"""Load the facts of waves run outside this system (``data/waves.yaml``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml
from django.db import transaction

from datalab_monitor.registry.loaders import LoadReport, RegisterFileError, upsert
from datalab_monitor.yamlerrors import describe_yaml_error

from .models import Wave

WAVES_YAML = Path(__file__).resolve().parent / "data" / "waves.yaml"
WAVE_FIELDS = (
    "year",
    "title_nl",
    "title_en",
    "status",
    "started_on",
    "labs_known",
    "reported_questionnaires",
    "interviews_held",
    "source_nl",
    "source_en",
)


@transaction.atomic
def load_waves(path: Path = WAVES_YAML) -> LoadReport:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except FileNotFoundError as exc:
        raise RegisterFileError(path, ["file not found"]) from exc
    except yaml.YAMLError as exc:
        raise RegisterFileError(path, [describe_yaml_error(exc)]) from exc
    if not isinstance(data, dict):
        raise RegisterFileError(path, ["the file must hold a list 'waves'"])
    problems = []
    waves = data.get("waves") or []
    statuses = set(Wave.Status.values)
    for position, wave in enumerate(waves, start=1):
        where = f"waves, entry {position}"
        for key in ("slug", "year", "title_nl", "title_en"):
            if not wave.get(key):
                problems.append(f"{where}: field '{key}' is missing")
        if wave.get("status", "draft") not in statuses:
            problems.append(f"{where}: field 'status' must be one of {sorted(statuses)}")
        if wave.get("started_on") and not isinstance(wave["started_on"], date):
            problems.append(f"{where}: field 'started_on' must be a date (YYYY-MM-DD)")
    if problems:
        raise RegisterFileError(path, problems)
    report = LoadReport()
    for wave in waves:
        fields = {key: wave[key] for key in WAVE_FIELDS if key in wave}
        existing = Wave.objects.filter(slug=wave["slug"]).first()
        if existing is None:
            upsert(Wave, {"slug": str(wave["slug"])}, fields, report, "waves")
        else:
            report.count("unchanged", "waves")
    return report
