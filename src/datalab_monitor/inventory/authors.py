"""Who saved a revision, in the reader's language.

``ResponseRevision.changed_by`` is stored as a fixed English key (it is data, not UI text):
"invitation link of lab 7", "import:<file>", "datalab-monitor demo (seed 2019)". The pages show
it translated; anything else (a researcher's name) is shown as stored.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

LINK = re.compile(r"invitation link of lab (\d+)")
IMPORT = re.compile(r"import:(.*)", re.DOTALL)
DEMO = re.compile(r"datalab-monitor demo \(seed (-?\d+)\)")


def describe_author(changed_by: str) -> str:
    if match := LINK.fullmatch(changed_by):
        return _("the invitation link of lab %(number)s") % {"number": match[1]}
    if match := IMPORT.fullmatch(changed_by):
        return _("an import of file %(file)s") % {"file": match[1]}
    if match := DEMO.fullmatch(changed_by):
        return _("the demo (fictional data, seed %(seed)s)") % {"seed": match[1]}
    return changed_by
