"""Compile the project's .po files into .mo files with polib (no GNU gettext needed)."""

from __future__ import annotations

from pathlib import Path

import polib

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def po_files(root: Path = PACKAGE_DIR) -> list[Path]:
    return sorted(root.glob("**/locale/*/LC_MESSAGES/*.po"))


def compile_all(root: Path = PACKAGE_DIR) -> list[Path]:
    """Write a .mo beside every .po whose .mo is missing or older; return those written."""
    written = []
    for po_path in po_files(root):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written
