"""The site's main navigation: (URL name, label) entries, shown only when the URL exists.

Other apps' pages (map, findings, open data, ...) are listed here in advance; an entry whose
URL name does not resolve yet is skipped, so a page appears in the menu as soon as it lands.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

NAVIGATION: list[tuple[str, str | Promise]] = [
    ("web:home", pgettext_lazy("site menu", "Home")),
    ("web:lab-list", _("Data labs")),
    ("maps:map", _("Map")),
    ("web:categories", _("Categories")),
    ("results:index", _("Findings")),
    ("labpages:project-list", _("Projects")),
    ("web:dos", _("10 do's")),
    ("reports:index", _("Report")),
    ("opendata:index", _("Open data")),
]

# Shown only to logged-in staff (VNG researchers).
STAFF_NAVIGATION: list[tuple[str, str | Promise]] = [
    ("inventory:wave-list", _("Inventory (researchers)")),
]


@dataclass(frozen=True)
class NavItem:
    url: str
    label: str
    current: bool


def is_current(url: str, path: str) -> bool:
    """The home page is current only on itself; other entries also for the pages below them."""
    if url == "/":
        return path == "/"
    return path == url or path.startswith(url)


def navigation_items(
    path: str = "", entries: list[tuple[str, str | Promise]] | None = None
) -> list[NavItem]:
    """The resolvable entries of ``entries`` (default: ``NAVIGATION``) for the page at ``path``."""
    items = []
    for url_name, label in NAVIGATION if entries is None else entries:
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append(NavItem(url=url, label=str(label), current=is_current(url, path)))
    return items


def home_crumb() -> tuple[str, str]:
    """The first breadcrumb of every page: (URL, label), labelled as in the menu."""
    return reverse("web:home"), str(NAVIGATION[0][1])
