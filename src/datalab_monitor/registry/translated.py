"""Kept for the migrations, which name ``TranslatedFieldsMixin`` here; the code is in core."""

from datalab_monitor.core.translated import TranslatedFieldsMixin  # noqa: F401
