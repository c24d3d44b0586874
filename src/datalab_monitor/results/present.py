"""How protected cells are shown and explained (marks and notes), and the number formats.

Every number goes through :mod:`datalab_monitor.findings.formatting` (one rounding rule);
templates use the ``number`` and ``percent`` filters of ``results_numbers``, which call it.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from datalab_monitor.findings import Status
from datalab_monitor.findings.formatting import (
    format_number,
    format_percent,
    format_points,
    machine_number,
)
from datalab_monitor.findings.publication import hidden_mark

__all__ = [
    "format_number",
    "format_percent",
    "format_points",
    "hidden_mark",
    "hidden_note",
    "machine_number",
]


def hidden_note(status: Status, limit: int) -> str:
    if status is Status.SECONDARY:
        return _("hidden so that no other figure can be computed back")
    if status is Status.WITHHELD:
        return _("not published: it would reveal the answers of single labs")
    if status is Status.SMALL_GROUP:
        return _("a category of fewer than %(n)s labs") % {"n": limit}
    return _("fewer than %(n)s labs") % {"n": limit}
