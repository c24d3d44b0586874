"""docs/notebook.md runs as written, without Django."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "notebook.md"


def test_notebook_example_runs_without_django():
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 4
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'django' or name.startswith('django.'):\n"
        "            raise ImportError('django is blocked')\n"
        "sys.meta_path.insert(0, Block())\n" + "\n".join(blocks)
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "5 labs answered; 1 did not" in out
    assert "CBS: 4 (80% of the labs)" in out
    assert "median FTE 0.75" in out
    assert "Minstens drie kwart van de datalabs werkt samen met CBS." in out
    assert "'universities': '< 3'" in out
