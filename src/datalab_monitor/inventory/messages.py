"""Translate the questionnaire's validation messages (English msgids with values filled in)."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from datalab_monitor.questionnaire.schema import Question

# Each pattern matches one message of datalab_monitor.questionnaire.validation.
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^Enter a number of at least (?P<value>.+)\.$"), "at_least"),
    (re.compile(r"^Enter a number of at most (?P<value>.+)\.$"), "at_most"),
    (re.compile(r"^Use at most (?P<value>\d+) characters\.$"), "max_length"),
    (re.compile(r"^'(?P<value>.*)' is not one of the options\.$"), "not_an_option"),
    (re.compile(r"^'(?P<value>.*)' cannot be combined with other options\.$"), "exclusive"),
    (re.compile(r"^Unknown question '(?P<value>.*)'\.$"), "unknown"),
    (re.compile(r"^'(?P<value>.*)' is ambiguous: it may be a thousand .*$"), "ambiguous"),
    (
        re.compile(
            r"^Remove the control character (?P<value>U\+[0-9A-F]+) \(character (?P<position>\d+)\)\.$"
        ),
        "control",
    ),
]


def translate_error(message: str, question: Question | None = None, language: str = "nl") -> str:
    """The message in the active language (option labels in ``language`` if ``question`` given)."""
    fixed = {
        "Enter a number.": _("Enter a number."),
        "Enter a whole number.": _("Enter a whole number."),
        "This question is required.": _("This question is required."),
        "Enter a number; thousands are grouped by three (1.000.000).": _(
            "Enter a number; thousands are grouped by three (1.000.000)."
        ),
    }
    if message in fixed:
        return fixed[message]
    for pattern, kind in _PATTERNS:
        match = pattern.match(message)
        if match is None:
            continue
        value = match.group("value")
        if kind == "at_least":
            return _("Enter a number of at least %(value)s.") % {"value": value}
        if kind == "at_most":
            return _("Enter a number of at most %(value)s.") % {"value": value}
        if kind == "max_length":
            return _("Use at most %(value)s characters.") % {"value": value}
        if kind == "not_an_option":
            return _("'%(value)s' is not one of the options.") % {"value": value}
        if kind == "exclusive":
            if question is not None:
                option = next((o for o in question.options if o.label.en == value), None)
                value = option.label.get(language) if option else value
            return _("'%(value)s' cannot be combined with other options.") % {"value": value}
        if kind == "ambiguous":
            return _(
                "'%(value)s' is ambiguous: it may be a thousand or a decimal number; write it "
                "without a thousands separator."
            ) % {"value": value}
        if kind == "control":
            return _("Remove the control character %(value)s (character %(position)s).") % {
                "value": value,
                "position": match.group("position"),
            }
        return _("Unknown question '%(value)s'.") % {"value": value}
    return message
