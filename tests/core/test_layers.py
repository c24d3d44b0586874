"""The arrows point down: core imports no other app, and no app imports the API (the top)."""

from __future__ import annotations

import ast
from pathlib import Path

import datalab_monitor

PACKAGE = Path(datalab_monitor.__file__).parent


def imported_apps(folder: Path) -> dict[str, set[str]]:
    """Per module below ``folder``: the datalab_monitor apps it imports (second name part)."""
    found: dict[str, set[str]] = {}
    for path in folder.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        apps = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                parts = name.split(".")
                if parts[0] == "datalab_monitor" and len(parts) > 1:
                    apps.add(parts[1])
        found[str(path.relative_to(PACKAGE))] = apps
    return found


def test_core_imports_no_other_app():
    outside = {module: apps - {"core"} for module, apps in imported_apps(PACKAGE / "core").items()}
    assert not {m: a for m, a in outside.items() if a}


def test_no_app_imports_the_api():
    importers = {
        module: apps
        for module, apps in imported_apps(PACKAGE).items()
        if "api" in apps and not module.startswith("api/")
    }
    assert not importers, importers
