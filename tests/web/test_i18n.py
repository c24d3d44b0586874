"""Every string the site shows has a Dutch translation, and the language switch works."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.utils import translation

from datalab_monitor.core.i18n import PACKAGE_DIR, po_files

from .msgids import msgids_in_package, msgids_in_python

# The sources whose strings must all be in a .po file (the apps of the foundation).
CHECKED_SOURCES = [
    PACKAGE_DIR / "core",
    PACKAGE_DIR / "web",
    PACKAGE_DIR / "registry",
    PACKAGE_DIR / "inventory" / "models.py",
    PACKAGE_DIR / "inventory" / "apps.py",
    PACKAGE_DIR / "inventory" / "admin.py",
    PACKAGE_DIR / "settings.py",
]


def all_po_entries() -> dict[tuple[str | None, str], polib.POEntry]:
    entries = {}
    for path in po_files():
        for entry in polib.pofile(str(path)):
            if not entry.obsolete:
                entries[(entry.msgctxt, entry.msgid)] = entry
    return entries


def test_there_is_a_dutch_po_file_per_app():
    apps_with_po = {path.relative_to(PACKAGE_DIR).parts[0] for path in po_files()}
    assert {"core", "web", "registry", "inventory"} <= apps_with_po


@pytest.mark.parametrize("path", po_files(), ids=lambda p: str(p.relative_to(PACKAGE_DIR)))
def test_po_file_is_complete(path: Path):
    po = polib.pofile(str(path))
    assert po.metadata.get("Language") == "nl"
    untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"{path}: untranslated: {untranslated}"
    assert not fuzzy, f"{path}: fuzzy: {fuzzy}"


def test_every_string_in_the_code_has_a_dutch_translation():
    entries = all_po_entries()
    missing = []
    for source in CHECKED_SOURCES:
        found = msgids_in_python(source) if source.suffix == ".py" else msgids_in_package(source)
        assert found or source.name == "admin.py", f"no strings found in {source}?"
        missing += [m for m in found if (m.context, m.msgid) not in entries]
    assert not missing, "\n".join(f"{m.source}: {m.msgid!r}" for m in missing)


def test_the_extractor_finds_template_and_python_strings():
    """Guard the guard: the extractor sees translate, blocktranslate (with plurals) and _()."""
    found = {m.msgid: m for m in msgids_in_package(PACKAGE_DIR / "web")}
    assert "Data labs of Dutch municipalities" in found  # {% translate %}
    assert found["%(counter)s data lab found"].plural == "%(counter)s data labs found"
    assert "All provinces" in found  # gettext_lazy in forms


def test_no_translation_is_shadowed_by_another_catalog():
    """Django merges catalogs; an earlier app (e.g. the admin) wins for an identical msgid."""
    shadowed = []
    with translation.override("nl"):
        for (context, msgid), entry in all_po_entries().items():
            if entry.msgid_plural:
                got = (
                    translation.npgettext(context, msgid, entry.msgid_plural, 1)
                    if context
                    else translation.ngettext(msgid, entry.msgid_plural, 1)
                )
                expected = entry.msgstr_plural[0]
            else:
                got = (
                    translation.pgettext(context, msgid) if context else translation.gettext(msgid)
                )
                expected = entry.msgstr
            if got != expected:
                shadowed.append(f"{msgid!r}: expected {expected!r}, Django gives {got!r}")
    assert not shadowed, "\n".join(shadowed)


def test_dutch_home_page_is_in_dutch(register, nl_client):
    html = nl_client.get("/").content.decode()
    assert '<html lang="nl">' in html
    assert "Datalabs van Nederlandse gemeenten" in html
    assert "Datalabs in kaart" in html
    assert "Kerncijfers" in html
    assert "Data labs of Dutch municipalities" not in html


def test_english_home_page_is_in_english(register, en_client):
    html = en_client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Data labs of Dutch municipalities" in html
    assert "Key figures" in html
    assert "Datalabs van Nederlandse gemeenten" not in html
    assert "Kerncijfers" not in html


def test_content_fields_follow_the_language(register, nl_client, en_client):
    assert "Regionale samenwerking" in nl_client.get("/categorieen/").content.decode()
    english = en_client.get("/categorieen/").content.decode()
    assert "Regional collaboration" in english
    assert "Regionale samenwerking" not in english
    assert "Just start!" in en_client.get("/10-dos/").content.decode()
    assert "Begin gewoon!" in nl_client.get("/10-dos/").content.decode()


def test_language_switch_is_a_form_on_every_page(register, nl_client, en_client):
    for url in ["/", "/datalabs/", "/datalabs/twente/", "/categorieen/", "/10-dos/"]:
        dutch = nl_client.get(url).content.decode()
        assert 'action="/i18n/setlang/"' in dutch and 'method="post"' in dutch
        assert 'name="language" value="en" lang="en">English</button>' in dutch
        english = en_client.get(url).content.decode()
        assert 'name="language" value="nl" lang="nl">Nederlands</button>' in english
        assert f'name="next" value="{url}"' in english


def test_switching_language_keeps_the_page(register, client):
    assert '<html lang="nl">' in client.get("/datalabs/").content.decode()
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/datalabs/?category=datahub"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/datalabs/?category=datahub"
    html = client.get(response["Location"]).content.decode()
    assert '<html lang="en">' in html
    assert "1 data lab found" in html
    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    assert "Datalabs van Nederlandse gemeenten" in client.get("/").content.decode()


def test_site_opens_in_dutch_whatever_the_browser_asks(register, client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nl">' in html
    client.cookies["django_language"] = "fr"  # not offered: Dutch
    assert '<html lang="nl">' in client.get("/").content.decode()
    client.cookies["django_language"] = "en"
    assert '<html lang="en">' in client.get("/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
