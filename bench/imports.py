"""Benchmark: how fast, and in how much memory, hostile import files are refused.

Run: ``.venv/bin/python bench/imports.py``. Uses a temporary SQLite database with the register
(``init``). Each file is imported (dry run) in a fresh process through the command line and
through the admin upload page (Django's test client), paired with a good file in the same way;
the script prints wall time, CPU time and peak RSS per run and the ratio to the good file.
Targets (issue 11): every hostile file refused within 5 s and 300 MB RSS; the 100,000-row file
within 2 s, with one line that says why. Files are generated here (fictional data).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HEADER = "cbscode,labname,startyear\n"
ROW = "GM0361,Alkmaar,2017\n"
MAPPING = """tool: generic
validation: partial
lab: {code: cbscode, name: labname}
questions: {start_year: startyear}
"""

ADMIN_SCRIPT = """
import os, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datalab_monitor.settings")
django.setup()
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
path, mapping = sys.argv[1], sys.argv[2]
client = Client()
client.force_login(User.objects.get(username="bench"))
response = client.post("/inventarisatie/beheer/import/", {
    "action": "dry_run", "wave": "2019", "allow_closed": "on",
    "file": SimpleUploadedFile(os.path.basename(path), open(path, "rb").read()),
    "mapping_file": SimpleUploadedFile("m.yaml", open(mapping, "rb").read()),
})
refused = b"errornote" in response.content or b"errorlist" in response.content
print(response.status_code, "refused" if refused else "accepted")
"""


def _zip(members: dict[str, bytes], level: int = 9) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _streamed_zip(name: str, chunk: bytes, total: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open(name, "w", force_zip64=True) as member:
            written = 0
            while written < total:
                member.write(chunk)
                written += len(chunk)
    return buffer.getvalue()


def hostile_files(folder: Path) -> dict[str, Path]:
    from openpyxl import Workbook

    files: dict[str, bytes] = {}
    files["good.csv"] = (HEADER + ROW).encode()
    files["rows-100000.csv"] = (HEADER + ROW * 100_000).encode()
    files["huge-12MB.csv"] = (HEADER + ROW + "#" * (12 * 1024 * 1024)).encode()
    files["bomb-1GB.xlsx"] = _streamed_zip("xl/worksheets/sheet1.xml", b"\0" * 1024**2, 1024**3)
    row_xml = b'<row r="2"><c r="A2" t="inlineStr"><is><t>GM0361</t></is></c></row>'
    files["rows-1GB.xlsx"] = _streamed_zip("xl/worksheets/sheet1.xml", row_xml * 16384, 1024**3)
    files["many-parts.xlsx"] = _zip({f"xl/p{i}.xml": b"<x/>" for i in range(5000)}, level=1)
    files["encrypted.xlsx"] = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le")
    )
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sheet1")
    sheet.append(["cbscode", "labname", "startyear"])
    for _ in range(100_000):
        sheet.append(["GM0361", "Alkmaar", 2017])
    buffer = io.BytesIO()
    workbook.save(buffer)
    files["rows-100000.xlsx"] = buffer.getvalue()
    sparse = io.BytesIO()
    good_xlsx = Workbook()
    good_xlsx.active.append(["cbscode", "labname", "startyear"])
    good_xlsx.active.append(["GM0361", "Alkmaar", 2017])
    good_xlsx.save(sparse)
    with zipfile.ZipFile(io.BytesIO(sparse.getvalue())) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"</sheetData>",
        b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    )
    files["sparse-last-cell.xlsx"] = _zip(parts)
    files["good.xlsx"] = sparse.getvalue()
    paths = {}
    for name, data in files.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    return paths


def run(command: list[str], env: dict[str, str]) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds and peak RSS (MB) of a child process, and its last line."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=PROJECT_DIR
    )
    output = process.stdout.read().decode("utf-8", "replace")
    _pid, _status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    lines = [line for line in output.splitlines() if line.strip().startswith("-")]
    last = lines[0] if lines else output.strip().splitlines()[-1] if output.strip() else ""
    return wall, cpu, usage.ru_maxrss / 1024, last[:110]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
            "DATALAB_VAR_DIR": str(folder / "var"),
            "DJANGO_SETTINGS_MODULE": "datalab_monitor.settings",
        }
        cli = [str(Path(PYTHON).parent / "datalab-monitor")]
        subprocess.run([*cli, "init"], env=env, check=True, capture_output=True)
        subprocess.run(
            [
                PYTHON,
                "-c",
                "import django,os;django.setup();from django.contrib.auth.models import User;"
                "User.objects.create_superuser('bench','b@example.org','x')",
            ],
            env=env,
            check=True,
        )
        mapping = folder / "mapping.yaml"
        mapping.write_text(MAPPING)
        (folder / "admin.py").write_text(ADMIN_SCRIPT)
        print("Generating hostile files ...", flush=True)
        paths = hostile_files(folder)
        print(f"{'file':24} {'size':>9} {'via':6} {'wall s':>7} {'cpu s':>6} {'RSS MB':>7}  result")
        baseline: dict[str, float] = {}
        for name, path in paths.items():
            for via in ("cli", "admin"):
                if via == "cli":
                    command = [*cli, "import-responses", str(path), "--wave", "2019"]
                    command += ["--mapping", str(mapping), "--dry-run", "--allow-closed"]
                else:
                    command = [PYTHON, str(folder / "admin.py"), str(path), str(mapping)]
                wall, cpu, rss, last = run(command, env)
                if name.startswith("good"):
                    baseline[via] = cpu
                ratio = f"x{cpu / baseline[via]:.1f}" if baseline.get(via) else ""
                size = f"{path.stat().st_size / 1024:.0f} KB"
                print(
                    f"{name:24} {size:>9} {via:6} {wall:7.2f} {cpu:6.2f} {rss:7.0f}  "
                    f"{ratio:6} {last}",
                    flush=True,
                )
    print("CPU time is per process (Django start-up included); the ratio is to the good file.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
