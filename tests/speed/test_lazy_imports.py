"""Start-up stays light: the URLconf imports none of the heavy libraries (HEAVY)."""

from __future__ import annotations

import os
import subprocess
import sys


def fresh_python(code: str, env: dict[str, str] | None = None) -> str:
    """What ``code`` prints, run in a new interpreter (nothing imported yet)."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


HEAVY = ("pandas", "altair", "vl_convert", "openpyxl", "weasyprint", "shapely", "numpy", "scipy")


def test_urlconf_does_not_import_heavy_libraries(tmp_path):
    code = (
        "import sys, django\n"
        "django.setup()\n"
        "import datalab_monitor.urls\n"
        "from django.urls import resolve\n"
        "resolve('/')\n"
        f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "datalab_monitor.settings",
        "DATALAB_VAR_DIR": str(tmp_path),
    }
    imported = fresh_python(code, env)
    assert imported == "", f"imported at start-up: {imported}"


def test_findings_package_names_resolve_lazily():
    code = (
        "import sys\n"
        "import datalab_monitor.findings.trend, datalab_monitor.findings.number_trend\n"
        "from datalab_monitor.findings import Status, trend, number_trend\n"
        "assert callable(trend) and callable(number_trend), (trend, number_trend)\n"
        "assert 'pandas' in sys.modules  # the trend parts need the engine\n"
        "import datalab_monitor.findings as f\n"
        "assert set(f.__all__) <= set(dir(f))\n"
        "assert sorted(f.__all__) == sorted(f._MODULE_OF)  # the lists agree\n"
        "print('ok')\n"
    )
    assert fresh_python(code) == "ok"


def test_light_findings_names_do_not_load_pandas():
    code = (
        "import sys\n"
        "from datalab_monitor.findings import Status, NumberResult, DEFAULT_MIN_CELL\n"
        "print('pandas' in sys.modules)\n"
    )
    assert fresh_python(code) == "False"
