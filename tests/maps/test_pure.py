"""The map core and the geo readers are plain Python: importing them loads no Django."""

from __future__ import annotations

import subprocess
import sys

PURE = [
    "datalab_monitor.maps.projection",
    "datalab_monitor.maps.layout",
    "datalab_monitor.maps.style",
    "datalab_monitor.maps.model",
    "datalab_monitor.maps.anchors",
    "datalab_monitor.maps.render",
    "datalab_monitor.maps.coverage",
    "datalab_monitor.geo.topojson",
    "datalab_monitor.geo.boundaries",
    "datalab_monitor.geo.points",
    "datalab_monitor.geo.download",
]


def test_pure_modules_do_not_import_django():
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in PURE)
        + "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={}
    )
    assert result.stdout.strip() == "[]", result.stdout
