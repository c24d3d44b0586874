"""Find the translatable strings (msgids) in Python modules and Django templates.

There is no GNU gettext on the machine, so ``makemessages`` cannot run; the tests use this to
check that every string the site shows has a Dutch translation in some .po file.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation.template import templatize

GETTEXT_FUNCTIONS = {
    "_": (0, None, None),
    "gettext": (0, None, None),
    "gettext_lazy": (0, None, None),
    "ngettext": (0, 1, None),
    "ngettext_lazy": (0, 1, None),
    "pgettext": (1, None, 0),
    "pgettext_lazy": (1, None, 0),
    "npgettext": (1, 2, 0),
    "npgettext_lazy": (1, 2, 0),
}


@dataclass(frozen=True)
class Msgid:
    msgid: str
    plural: str | None = None
    context: str | None = None
    source: str = ""


def _call_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def msgids_in_code(code: str, source: str = "") -> list[Msgid]:
    found = []
    for node in ast.walk(ast.parse(code)):
        if not isinstance(node, ast.Call):
            continue
        spec = GETTEXT_FUNCTIONS.get(_call_name(node) or "")
        if spec is None:
            continue
        singular, plural, context = spec
        args = [_literal(arg) for arg in node.args]
        if len(args) <= singular or args[singular] is None:
            continue
        found.append(
            Msgid(
                msgid=args[singular],
                plural=args[plural] if plural is not None and len(args) > plural else None,
                context=args[context] if context is not None else None,
                source=f"{source}:{node.lineno}",
            )
        )
    return found


def msgids_in_python(path: Path) -> list[Msgid]:
    return msgids_in_code(path.read_text(encoding="utf-8"), str(path))


CALL = re.compile(r"\b(?:n?p?gettext)\((?:[^()'\"]|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")*\)")


def msgids_in_template(path: Path) -> list[Msgid]:
    """Run Django's ``templatize`` (what makemessages uses) and read the gettext calls it writes."""
    code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    found = []
    for match in CALL.finditer(code):
        # templatize writes the count variable of plurals as a bare name; make it parseable.
        call = re.sub(r",\s*[A-Za-z_][\w.]*\)$", ", 1)", match.group(0))
        found += msgids_in_code(call, str(path))
    return found


def msgids_in_package(root: Path) -> list[Msgid]:
    found = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" not in path.parts:
            found += msgids_in_python(path)
    for path in sorted(root.rglob("templates/**/*.html")):
        found += msgids_in_template(path)
    return found
