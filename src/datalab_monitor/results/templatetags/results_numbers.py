"""Template filters for numbers: the one formatting rule of findings.formatting.

``{{ value|number }}`` (one decimal, e.g. "0,3"), ``{{ value|percent }}`` ("13%"). The language
is the active one; use these instead of ``floatformat``.
"""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from datalab_monitor.findings.formatting import format_number, format_percent

register = template.Library()


def _language() -> str:
    return (get_language() or "nl").split("-")[0]


@register.filter
def number(value) -> str:
    return format_number(None if value is None or value == "" else float(value), _language())


@register.filter
def percent(value) -> str:
    return format_percent(None if value is None or value == "" else float(value), _language())
