"""Every string of the findings pages has a Dutch translation in results/locale."""

from __future__ import annotations

import polib

from datalab_monitor.core.i18n import PACKAGE_DIR, po_files
from tests.web.msgids import msgids_in_package

PO = PACKAGE_DIR / "results" / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def test_every_results_string_is_translated():
    assert PO.is_file()
    translated = {e.msgid for path in po_files() for e in polib.pofile(str(path)) if e.translated()}
    found = msgids_in_package(PACKAGE_DIR / "results")
    assert found
    missing = sorted({m.msgid for m in found} - translated)
    assert not missing, missing
