"""Read questionnaire definitions from YAML, checking every field; errors name file and path."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from datalab_monitor.yamlerrors import describe_yaml_error

from .schema import Condition, Option, Page, Question, Questionnaire, QuestionType, Text

DEFINITIONS_DIR = Path(__file__).resolve().parent / "definitions"
# libyaml's loader is ~10x faster than the pure-Python one; same safe subset of YAML.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class QuestionnaireError(ValueError):
    """A questionnaire definition is invalid; the message says which file and where."""


def available_versions() -> list[str]:
    return sorted(path.stem for path in DEFINITIONS_DIR.glob("*.yaml"))


@lru_cache(maxsize=8)
def load_version(version: str) -> Questionnaire:
    path = DEFINITIONS_DIR / f"{version}.yaml"
    if not path.is_file():
        raise QuestionnaireError(
            f"questionnaire version {version!r} does not exist; available: {available_versions()}"
        )
    return load_file(path)


def load_file(path: Path | str) -> Questionnaire:
    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)  # noqa: S506
    except yaml.YAMLError as exc:
        raise QuestionnaireError(f"{path}, {describe_yaml_error(exc)}") from exc
    return parse(data, source=str(path))


def _text(value: Any, where: str, required: bool = True) -> Text | None:
    if value is None and not required:
        return None
    if isinstance(value, str):
        return Text(nl=value)
    if isinstance(value, dict) and isinstance(value.get("nl"), str) and value["nl"].strip():
        return Text(nl=value["nl"].strip(), en=str(value.get("en", "")).strip())
    raise QuestionnaireError(f"{where}: needs a Dutch text ('nl') and preferably an English one")


def _number(value: Any, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise QuestionnaireError(f"{where}: must be a number")
    return value


def _question(data: dict[str, Any], where: str) -> Question:
    code = data.get("code")
    if not isinstance(code, str) or not code.isidentifier():
        raise QuestionnaireError(f"{where}: 'code' must be a name of letters, digits and '_'")
    where = f"{where} ({code})"
    try:
        kind = QuestionType(data.get("type"))
    except ValueError as exc:
        kinds = ", ".join(t.value for t in QuestionType)
        raise QuestionnaireError(f"{where}: 'type' must be one of {kinds}") from exc
    options: list[Option] = []
    if kind is QuestionType.SCALE and "options" not in data:
        raise QuestionnaireError(f"{where}: a scale needs 5 labelled options 1..5")
    for index, item in enumerate(data.get("options") or [], start=1):
        option_where = f"{where}, option {index}"
        if not isinstance(item, dict) or not str(item.get("code", "")).strip():
            raise QuestionnaireError(f"{option_where}: needs a 'code'")
        options.append(
            Option(
                code=str(item["code"]),
                label=_text(item.get("label"), f"{option_where}: 'label'"),
                other=bool(item.get("other", False)),
                exclusive=bool(item.get("exclusive", False)),
            )
        )
    if kind.has_options and len(options) < 2:
        raise QuestionnaireError(f"{where}: a {kind.value} question needs at least two options")
    if not kind.has_options and options:
        raise QuestionnaireError(f"{where}: a {kind.value} question has no options")
    codes = [o.code for o in options]
    if len(set(codes)) != len(codes):
        raise QuestionnaireError(f"{where}: option codes must be unique")
    show_if = None
    if data.get("show_if"):
        condition = data["show_if"]
        if (
            not isinstance(condition, dict)
            or "question" not in condition
            or "any_of" not in condition
        ):
            raise QuestionnaireError(f"{where}: 'show_if' needs 'question' and 'any_of'")
        show_if = Condition(str(condition["question"]), tuple(str(c) for c in condition["any_of"]))
    previous = data.get("previous") or {}
    return Question(
        code=code,
        type=kind,
        label=_text(data.get("label"), f"{where}: 'label'"),
        help=_text(data.get("help"), f"{where}: 'help'", required=False),
        required=bool(data.get("required", False)),
        options=tuple(options),
        minimum=_number(data.get("min"), f"{where}: 'min'"),
        maximum=_number(data.get("max"), f"{where}: 'max'"),
        max_length=data.get("max_length"),
        show_if=show_if,
        previous_code=previous.get("question"),
        previous_options={
            str(new): tuple(old if isinstance(old, list) else [old])
            for new, old in (previous.get("options") or {}).items()
        },
        topic=data.get("topic"),
    )


def parse(data: Any, source: str = "<questionnaire>") -> Questionnaire:
    if not isinstance(data, dict):
        raise QuestionnaireError(f"{source}: expected a mapping with 'version' and 'pages'")
    version = str(data.get("version") or "").strip()
    if not version:
        raise QuestionnaireError(f"{source}: 'version' is missing")
    pages = []
    seen: dict[str, str] = {}
    for page_index, page in enumerate(data.get("pages") or [], start=1):
        where = f"{source}: page {page_index}"
        if not isinstance(page, dict) or not page.get("code"):
            raise QuestionnaireError(f"{where}: needs a 'code'")
        questions = []
        for index, item in enumerate(page.get("questions") or [], start=1):
            question = _question(item or {}, f"{where} ({page['code']}), question {index}")
            if question.code in seen:
                raise QuestionnaireError(
                    f"{where}: question code {question.code!r} is also used on page {seen[question.code]}"
                )
            seen[question.code] = page["code"]
            questions.append(question)
        if not questions:
            raise QuestionnaireError(f"{where}: has no questions")
        pages.append(
            Page(
                code=str(page["code"]),
                title=_text(page.get("title"), f"{where}: 'title'"),
                intro=_text(page.get("intro"), f"{where}: 'intro'", required=False),
                questions=tuple(questions),
            )
        )
    if not pages:
        raise QuestionnaireError(f"{source}: has no pages")
    questionnaire = Questionnaire(
        version=version,
        title=_text(data.get("title"), f"{source}: 'title'"),
        intro=_text(data.get("intro"), f"{source}: 'intro'", required=False),
        pages=tuple(pages),
        previous_version=data.get("previous_version"),
    )
    _check_conditions(questionnaire, source)
    return questionnaire


def _check_conditions(questionnaire: Questionnaire, source: str) -> None:
    order = [q.code for q in questionnaire.questions]
    for question in questionnaire.questions:
        condition = question.show_if
        if condition is None:
            continue
        where = f"{source}: question {question.code}: 'show_if'"
        if condition.question not in order or order.index(condition.question) >= order.index(
            question.code
        ):
            raise QuestionnaireError(f"{where}: must refer to an earlier question")
        target = questionnaire.question(condition.question)
        unknown = [code for code in condition.any_of if target.option(code) is None]
        if unknown:
            raise QuestionnaireError(f"{where}: {condition.question} has no option {unknown[0]!r}")
