"""Match a respondent to a data lab: by CBS code, by name or by one of the lab's aliases.

Codes: the lab's lead municipality, or its only municipality ("GM0796", "0796" and "796" all
work). Names: case-, accent-, punctuation- and space-insensitive, a leading "Gemeente" ignored;
the lab's name, its aliases and the names of its lead (or only) municipality are known.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_noop as _noop

from datalab_monitor.registry.models import Datalab, Municipality

_CODE = re.compile(r"^(?:gm)?\s*-?\s*(\d{1,4})$", re.IGNORECASE)
_NOT_WORD = re.compile(r"[^\w]+")
_PREFIXES = ("gemeente ", "municipality of ", "gem ")


def name_key(name: str) -> str:
    """'Gemeente 's-Hertogenbosch' and "s-hertogenbosch" give the same key."""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    text = _NOT_WORD.sub(" ", text).replace("_", " ").strip()
    text = " ".join(text.split())
    for prefix in _PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix) :]
    return text


def municipality_code(value: str) -> str | None:
    """'GM0796', 'gm796', '0796' or '796' -> 'GM0796'; None if it is not a code."""
    match = _CODE.match(value.strip())
    return f"GM{int(match.group(1)):04d}" if match else None


@dataclass(frozen=True)
class LabMatch:
    lab: Datalab | None
    message: str = ""
    params: dict | None = None
    by: str = "name"  # which column decided: "code" or "name"


class LabMatcher:
    """An index of the register built once per import."""

    def __init__(self, labs: list[Datalab]) -> None:
        self.by_code: dict[str, set[int]] = defaultdict(set)
        self.by_name: dict[str, set[int]] = defaultdict(set)
        # Codes and names of the municipalities that a lab's place merged into since: used
        # only when nothing matches directly ("GM1980 Dijk en Waard" finds Heerhugowaard).
        self.by_successor_code: dict[str, set[int]] = defaultdict(set)
        self.by_successor_name: dict[str, set[int]] = defaultdict(set)
        self.labs = {lab.pk: lab for lab in labs}
        today = date.today()
        for lab in labs:
            municipalities = list(lab.municipalities.all())
            places = [lab.lead_municipality] if lab.lead_municipality else []
            if len(municipalities) == 1 and municipalities[0] not in places:
                places.append(municipalities[0])
            names = [lab.name, *lab.alias_list]
            for municipality in places:
                self.by_code[municipality.code].add(lab.pk)
                names += [municipality.name, *municipality.names.values()]
                for successor in municipality.successors_on(today):
                    if successor.code != municipality.code:
                        self.by_successor_code[successor.code].add(lab.pk)
                        self.by_successor_name[name_key(successor.name)].add(lab.pk)
            for name in names:
                if name_key(name):
                    self.by_name[name_key(name)].add(lab.pk)

    @classmethod
    def from_database(cls) -> LabMatcher:
        labs = Datalab.objects.select_related("lead_municipality").prefetch_related(
            "municipalities__successors"
        )
        return cls(list(labs))

    def _one(self, found: set[int], value: str, kind: str) -> LabMatch:
        if len(found) == 1:
            return LabMatch(self.labs[next(iter(found))])
        if found:
            names = ", ".join(
                f"{self.labs[pk].number}. {self.labs[pk].name}" for pk in sorted(found)
            )
            message = {
                "code": _noop("Ambiguous lab: code {value} fits several labs ({labs})."),
                "name": _noop("Ambiguous lab: name '{value}' fits several labs ({labs})."),
            }[kind]
            return LabMatch(None, message, {"value": value, "labs": names}, by=kind)
        return LabMatch(None, by=kind)

    def match_code(self, value: str) -> LabMatch:
        code = municipality_code(value)
        if code is None:
            return LabMatch(
                None,
                _noop("'{value}' is not a CBS municipality code (e.g. GM0796 or 0796)."),
                {"value": value},
                by="code",
            )
        found = self.by_code.get(code) or self.by_successor_code.get(code, set())
        result = self._one(found, code, "code")
        if result.lab is None and not result.message:
            municipality = Municipality.objects.filter(code=code).first()
            where = f"{code} ({municipality.name})" if municipality else code
            return LabMatch(
                None,
                _noop("Unknown lab: no data lab in the register for municipality {code}."),
                {"code": where},
                by="code",
            )
        return LabMatch(result.lab, result.message, result.params, by="code")

    def match_name(self, value: str) -> LabMatch:
        key = name_key(value)
        found = self.by_name.get(key) or self.by_successor_name.get(key, set())
        result = self._one(found, value, "name")
        if result.lab is None and not result.message:
            return LabMatch(
                None,
                _noop(
                    "Unknown lab: '{value}' is not the name or a known alias of a data lab "
                    "in the register (add it to the lab's aliases)."
                ),
                {"value": value},
            )
        return result

    def match(self, code: str, name: str) -> LabMatch:
        """Match by code when given, else by name; both given must agree."""
        if not code and not name:
            return LabMatch(None, _noop("No lab name or code in this row."), {})
        by_code = self.match_code(code) if code else None
        if by_code is not None and by_code.lab is None:
            return by_code
        if name:
            by_name = self.match_name(name)
            if by_code is None:
                return by_name
            if by_name.lab is not None and by_name.lab != by_code.lab:
                return LabMatch(
                    None,
                    _noop("Ambiguous lab: code {code} is lab {a} but name '{name}' is lab {b}."),
                    {"code": code, "name": name, "a": by_code.lab.name, "b": by_name.lab.name},
                    by="code",
                )
        return by_code
