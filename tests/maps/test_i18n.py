"""Every string of the map app has a Dutch translation in the app's own .po file."""

from __future__ import annotations

import polib

from datalab_monitor.core.i18n import PACKAGE_DIR
from tests.web.msgids import msgids_in_package

PO = PACKAGE_DIR / "maps" / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def test_every_map_string_is_translated_to_dutch():
    po = polib.pofile(str(PO))
    assert po.metadata["Language"] == "nl"
    entries = {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}
    found = msgids_in_package(PACKAGE_DIR / "maps")
    assert len(found) > 40
    missing = [m for m in found if (m.context, m.msgid) not in entries]
    assert not missing, "\n".join(f"{m.source}: {m.msgid!r}" for m in missing)
    assert not po.untranslated_entries() and not po.fuzzy_entries()
    for message in found:
        entry = entries[(message.context, message.msgid)]
        assert entry.msgid_plural == (message.plural or ""), message.msgid
