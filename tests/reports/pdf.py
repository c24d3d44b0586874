"""Read a PDF the way a reader's tools do: pdftotext / pdfinfo / pdfimages (poppler-utils)."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

from tests.system_tools import require_command


def _with_file(pdf: bytes, command: list[str]) -> str:
    require_command(command[0], "poppler-utils")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(pdf)
        result = subprocess.run(
            [*command, str(path), *(["-"] if command[0] == "pdftotext" else [])],
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout


def pdf_text(pdf: bytes, page: int | None = None) -> str:
    """The text of the PDF (or of one page), laid out as on the page."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return _with_file(pdf, ["pdftotext", "-layout", *pages])


def pdf_info(pdf: bytes) -> dict[str, str]:
    lines = _with_file(pdf, ["pdfinfo"]).splitlines()
    return dict(
        (key.strip(), value.strip())
        for key, value in (line.split(":", 1) for line in lines if ":" in line)
    )


def page_count(pdf: bytes) -> int:
    return int(pdf_info(pdf)["Pages"])


def image_count(pdf: bytes) -> int:
    """Raster images in the PDF (charts and map must be vector graphics: none)."""
    listing = _with_file(pdf, ["pdfimages", "-list"]).splitlines()
    return len([line for line in listing[2:] if line.strip()])


def squeeze(text: str) -> str:
    """Whitespace collapsed, for phrases that may wrap across lines."""
    return re.sub(r"\s+", " ", text)
