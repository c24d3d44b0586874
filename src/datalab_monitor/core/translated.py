"""Content stored in Dutch and English fields (``title_nl``, ``title_en``), picked by language."""

from __future__ import annotations

from django.utils.translation import get_language


def current_language() -> str:
    return (get_language() or "nl").split("-")[0]


def translated(obj: object, field: str, language: str | None = None) -> str:
    """The ``field`` of ``obj`` in ``language`` (default: the active one), falling back to Dutch."""
    language = language or current_language()
    value = getattr(obj, f"{field}_{language}", "") or ""
    return value or getattr(obj, f"{field}_nl", "")


class TranslatedFieldsMixin:
    """Adds ``obj.tr('name')`` for fields stored per language."""

    def tr(self, field: str, language: str | None = None) -> str:
        return translated(self, field, language)
