"""Rendered reports, kept in the shared cache under the stamp of everything they show.

A report shows the wave's findings (its responses and the previous wave's, for the trend), the
register (categories, labs on the map, do's), the map's boundary files and the wave's own texts.
The key changes with any of them, with the protection limit and with the code's version, so a download after a change is
rendered anew and a repeated one is read from the cache (shared by all server processes).
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

import datalab_monitor
from datalab_monitor.core.dataversion import current_stamp
from datalab_monitor.inventory.models import Wave
from datalab_monitor.results.protect import wave_stamp
from datalab_monitor.results.services import min_cell
from datalab_monitor.web.figures import geo_state

from .render import Format, render_report

TIMEOUT = 7 * 24 * 3600  # a stale entry is never read (new key), only evicted


def report_key(wave: Wave, fmt: Format, language: str) -> str:
    parts = (
        datalab_monitor.__version__,
        current_stamp(),
        wave_stamp(wave),
        wave_stamp(wave.previous_wave),
        min_cell(),
        geo_state(),
        fmt,
        language,
    )
    return "report-" + hashlib.sha256(repr(parts).encode()).hexdigest()


def cached_report(wave: Wave, fmt: Format = "pdf", language: str = "nl") -> bytes:
    """The report's bytes: from the cache when nothing it shows has changed, else rendered."""
    key = report_key(wave, fmt, language)
    data = cache.get(key)
    if data is None:
        data = render_report(wave, fmt, language)
        cache.set(key, data, TIMEOUT)
    return data
