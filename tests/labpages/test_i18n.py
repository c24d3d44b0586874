"""Every string of the lab pages has a Dutch translation (here or in another app's catalog),
and the pages follow the reader's language."""

from __future__ import annotations

import polib
import pytest

from datalab_monitor.core.i18n import PACKAGE_DIR
from tests.web.msgids import msgids_in_package
from tests.web.test_i18n import all_po_entries

PO = PACKAGE_DIR / "labpages" / "locale" / "nl" / "LC_MESSAGES" / "django.po"
EMAIL_MSGIDS = [
    "Edit link for the page of %(lab)s",
    "Someone asked for a link to edit the public page of %(lab)s on the Datalab Monitor.",
]


def test_every_lab_pages_string_is_translated_to_dutch():
    po = polib.pofile(str(PO))
    assert po.metadata["Language"] == "nl"
    assert not po.untranslated_entries() and not po.fuzzy_entries()
    entries = all_po_entries()
    found = msgids_in_package(PACKAGE_DIR / "labpages")
    assert len(found) > 100
    missing = [m for m in found if (m.context, m.msgid) not in entries]
    missing += [msgid for msgid in EMAIL_MSGIDS if (None, msgid) not in entries]
    assert not missing, missing


@pytest.mark.django_db
def test_pages_follow_the_language(register, nl_client, en_client):
    from datalab_monitor.labpages.demo import create_demo_pages

    create_demo_pages()
    dutch = nl_client.get("/projecten/").content.decode()
    english = en_client.get("/projecten/").content.decode()
    assert "Projecten van de datalabs" in dutch and "Demo: " in dutch
    assert "Projects of the data labs" in english and "Projecten van de datalabs" not in english
    assert "Kijk bij de buren" in nl_client.get("/datalabs/twente/").content.decode()
    assert "Look at the neighbours" in en_client.get("/datalabs/twente/").content.decode()
