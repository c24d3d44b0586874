"""Every scrolling table container in a template is reachable by keyboard and named.

axe's ``scrollable-region-focusable`` only sees a container when it scrolls at the width
tested; this check covers every template at once: a ``dm-table-container`` or
``dm-table-scroll`` needs ``tabindex="0"``, ``role="region"`` and ``aria-labelledby``.
"""

from __future__ import annotations

import re
from pathlib import Path

import datalab_monitor

SOURCE = Path(datalab_monitor.__file__).resolve().parent
CONTAINER = re.compile(r"<div\b[^>]*\bclass=\"[^\"]*\b(dm-table-container|dm-table-scroll)\b[^>]*>")
NEEDED = ('tabindex="0"', 'role="region"', "aria-labelledby=")


def test_scrolling_table_containers_are_focusable_named_regions():
    found, problems = 0, []
    for template in sorted(SOURCE.rglob("*.html")):
        for match in CONTAINER.finditer(template.read_text(encoding="utf-8")):
            found += 1
            missing = [attribute for attribute in NEEDED if attribute not in match.group(0)]
            if missing:
                problems.append(f"{template.relative_to(SOURCE)}: {match.group(0)} lacks {missing}")
    assert found >= 10
    assert not problems, "\n".join(problems)
