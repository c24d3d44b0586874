"""Translate answers of an older questionnaire version into a newer version's codes.

Every question of a newer version may say where it came from::

    - code: fte_dedicated                       # renamed question
      previous: {question: fte_own}
    - code: domains                             # option split: one old code, two new ones
      previous: {question: domains, options: {spatial_planning: [spatial], housing: [spatial]}}
    - code: data_sources                        # options merged: two old codes, one new one
      previous: {question: data_sources, options: {base_registries: [base_registries, kadaster]}}

Rules (``map_answers``):

- A question without ``previous`` comes from the question with the same code, if the older
  version has one; a question with no counterpart (new in this version) stays unanswered.
- An option code maps to itself unless ``previous.options`` lists it. A new option listed there
  receives every old code it names (a merge: old ``kadaster`` becomes ``base_registries``).
- A split (one old code listed under several new codes) cannot be decided for the respondent:
  with ``on_split="all"`` (default, for trends: "worked in spatial planning or housing") a
  multiple-choice answer gets all the new codes; with ``on_split="drop"`` (for pre-filling a
  form, so nobody confirms a guess) they are left out. A single-choice answer is always dropped.
  Either way the question is listed in ``MappedAnswers.ambiguous``.
- The "other, namely" text follows its option. Old codes without a new counterpart are dropped
  and listed in ``MappedAnswers.dropped``.
- Versions further apart are mapped step by step along ``previous_version``.
- The result is cleaned with the newer version's validation (partial), so it is always valid.

Trends (the findings engine) compare like with like: map the older wave's answers into the newer
version, then count; split codes must then be read together (``split_groups``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .loader import load_version
from .schema import Question, Questionnaire, QuestionType, other_key

OnSplit = Literal["all", "drop"]


class MappingError(ValueError):
    """Two versions are not connected through ``previous_version``."""


@dataclass
class MappedAnswers:
    answers: dict[str, Any]
    ambiguous: dict[str, list[str]] = field(default_factory=dict)  # question -> old codes split
    dropped: dict[str, list[str]] = field(default_factory=dict)  # question -> old codes lost


def source_question(question: Question, older: Questionnaire) -> Question | None:
    """The question of ``older`` that ``question`` (of the next version) continues, if any."""
    code = question.previous_code or question.code
    try:
        return older.question(code)
    except KeyError:
        return None


def option_map(question: Question, older_question: Question) -> dict[str, list[str]]:
    """Old option code -> the new option codes it becomes (several for a split)."""
    mapping: dict[str, list[str]] = {}
    for option in question.options:
        olds = question.previous_options.get(option.code)
        if olds is None:
            olds = (option.code,) if older_question.option(option.code) is not None else ()
        for old in olds:
            mapping.setdefault(old, []).append(option.code)
    return mapping


def split_groups(question: Question, older_question: Question) -> list[list[str]]:
    """Groups of new option codes that together stand for one old code (to compare trends)."""
    return [new for new in option_map(question, older_question).values() if len(new) > 1]


def _map_step(
    answers: dict[str, Any], older: Questionnaire, newer: Questionnaire, on_split: OnSplit
):
    result = MappedAnswers(answers={})
    for question in newer.questions:
        old_question = source_question(question, older)
        if old_question is None or old_question.code not in answers:
            continue
        value = answers[old_question.code]
        if not question.type.has_options:
            if old_question.type.has_options:
                continue
            result.answers[question.code] = value
            continue
        mapping = option_map(question, old_question)
        old_codes = value if isinstance(value, list) else [value]
        new_codes: list[str] = []
        for old in (str(code) for code in old_codes):
            targets = mapping.get(old, [])
            if not targets:
                result.dropped.setdefault(question.code, []).append(old)
            elif len(targets) > 1:
                result.ambiguous.setdefault(question.code, []).append(old)
                if on_split == "all" and question.type is QuestionType.MULTIPLE:
                    new_codes += targets
            else:
                new_codes += targets
        if question.type is QuestionType.MULTIPLE:
            if new_codes:
                result.answers[question.code] = list(dict.fromkeys(new_codes))
        elif len(new_codes) == 1:
            result.answers[question.code] = new_codes[0]
        other = question.other_option
        old_other = other_key(old_question.code)
        if other is not None and other.code in new_codes and old_other in answers:
            result.answers[other_key(question.code)] = answers[old_other]
    cleaned, errors = newer.validate(result.answers, partial=True)
    for code in errors:
        cleaned.pop(code, None)
    result.answers = cleaned
    return result


def version_chain(source: str, target: str) -> list[Questionnaire]:
    """The versions from ``source`` up to ``target`` along ``previous_version`` (both included)."""
    chain = [load_version(target)]
    while chain[-1].version != source:
        previous = chain[-1].previous_version
        if not previous:
            raise MappingError(
                f"questionnaire version {target!r} does not descend from version {source!r}"
            )
        chain.append(load_version(previous))
    return list(reversed(chain))


def map_answers(
    answers: dict[str, Any], source: str, target: str, *, on_split: OnSplit = "all"
) -> MappedAnswers:
    """Translate ``answers`` of version ``source`` into version ``target`` (same or newer)."""
    chain = version_chain(source, target)
    if len(chain) == 1:
        cleaned, errors = chain[0].validate(answers, partial=True)
        return MappedAnswers({k: v for k, v in cleaned.items() if k not in errors})
    result = MappedAnswers(answers=dict(answers))
    for older, newer in zip(chain, chain[1:], strict=False):
        step = _map_step(result.answers, older, newer, on_split)
        for code, olds in step.ambiguous.items():
            result.ambiguous.setdefault(code, []).extend(olds)
        for code, olds in step.dropped.items():
            result.dropped.setdefault(code, []).extend(olds)
        result.answers = step.answers
    return result
