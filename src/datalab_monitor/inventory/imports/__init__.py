"""Import responses exported from other survey tools (LimeSurvey, KoboToolbox/ODK, Microsoft
Forms, Google Forms or any CSV/XLSX) into an inventory wave, all or nothing.

    from datalab_monitor.inventory.imports import run_import
    report = run_import(path.read_bytes(), path.name, "2019", "limesurvey-2019", dry_run=True)
    print(report.as_text())
"""

from .mapping import Mapping, MappingError, load_mapping, parse_mapping, shipped_mappings
from .report import Action, Change, ImportReport, LabOutcome, Problem
from .service import WaveNotFound, find_wave, run_import

__all__ = [
    "Action",
    "Change",
    "ImportReport",
    "LabOutcome",
    "Mapping",
    "MappingError",
    "Problem",
    "WaveNotFound",
    "find_wave",
    "load_mapping",
    "parse_mapping",
    "run_import",
    "shipped_mappings",
]
