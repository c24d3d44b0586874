"""Say where and why a YAML file could not be parsed (plain Python, no Django)."""

from __future__ import annotations

import yaml


def describe_yaml_error(exc: yaml.YAMLError) -> str:
    """E.g. "line 4, column 7: not valid YAML (mapping values are not allowed here)"."""
    mark = getattr(exc, "problem_mark", None)
    where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
    problem = getattr(exc, "problem", None) or "syntax error"
    return f"{where}not valid YAML ({problem})"
