"""Every string of the report and open-data apps has a Dutch translation."""

from __future__ import annotations

import polib
import pytest

from datalab_monitor.core.i18n import PACKAGE_DIR, po_files
from tests.web.msgids import msgids_in_package


def translated_msgids() -> set[tuple[str | None, str]]:
    found = set()
    for path in po_files():
        for entry in polib.pofile(str(path)):
            if entry.translated() and not entry.obsolete:
                found.add((entry.msgctxt, entry.msgid))
    return found


@pytest.mark.parametrize("app", ["reports", "opendata"])
def test_every_string_has_a_dutch_translation(app):
    known = translated_msgids()
    found = msgids_in_package(PACKAGE_DIR / app)
    assert len(found) > 20
    missing = [f"{m.source}: {m.msgid!r}" for m in found if (m.context, m.msgid) not in known]
    assert not missing, "\n".join(missing)
