"""Every string of the api app (admin: tokens, audit events) has a Dutch translation."""

from __future__ import annotations

from datalab_monitor.core.i18n import PACKAGE_DIR
from tests.web.msgids import msgids_in_package
from tests.web.test_i18n import all_po_entries


def test_every_api_string_has_a_dutch_translation():
    entries = all_po_entries()
    found = msgids_in_package(PACKAGE_DIR / "api")
    assert found
    missing = [m.msgid for m in found if (m.context, m.msgid) not in entries]
    assert not missing, missing
