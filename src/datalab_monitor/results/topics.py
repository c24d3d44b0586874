"""The publication's five charts, in its order: (topic, title)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

TOPICS: tuple[tuple[str, Promise], ...] = (
    ("partners", gettext_lazy("Who do the data labs work with?")),
    ("analysis_types", gettext_lazy("What kinds of analysis do the data labs do?")),
    ("domains", gettext_lazy("In which domain do the data labs work?")),
    ("improvements", gettext_lazy("What could be better?")),
    ("fte", gettext_lazy("How many FTE do the data labs have?")),
)
