"""Template filters of the report."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def css_string(value: object) -> str:
    """``value`` escaped for use inside a double-quoted CSS string in a <style> element."""
    text = str(value)
    for raw, escaped in (
        ("\\", "\\\\"),
        ('"', '\\"'),
        ("<", "\\3C "),
        (">", "\\3E "),
        ("\n", "\\A "),
    ):
        text = text.replace(raw, escaped)
    return text
