"""Template filters for the site: translated content fields and formatted figures."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

from datalab_monitor.core.translated import translated

register = template.Library()


@register.filter
def tr(obj: object, field: str) -> str:
    """``{{ category|tr:"name" }}``: the field in the active language (``name_nl``/``name_en``)."""
    return translated(obj, field)


@register.filter
def percent(value: float | None, digits: int = 0) -> str:
    """A share (0-1) as a percentage in the active language, e.g. 0.7917 -> '79%'; '' if unknown."""
    if value is None or value == "":
        return ""
    return f"{number_format(round(float(value) * 100, digits), decimal_pos=digits)}%"
