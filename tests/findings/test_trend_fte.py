"""The FTE trend of the engine against numbers computed by hand (2019 -> 2026 questionnaire)."""

from __future__ import annotations

import pytest
import yaml

from datalab_monitor.findings import answers_to_frames, compute_findings, number_trend
from datalab_monitor.findings.classes import FTE_CLASSES
from datalab_monitor.findings.number_trend import previous_number_question
from datalab_monitor.questionnaire import load_version
from datalab_monitor.questionnaire.loader import DEFINITIONS_DIR, parse

V2019 = load_version("2019")
V2026 = load_version("2026")

# 2019: class boundaries on purpose (0 -> "0"; 1 -> ">0-1"; 2 -> ">1-2"; 5 -> ">2-5"; 5.5 -> ">5")
BEFORE = [0, 0, 0.5, 1, 1, 2, 3, 5, 6]  # n = 9: 2, 3, 1, 2, 1; median 1; mean 18.5 / 9
AFTER = [0, 1.5, 2, 2, 4, 5, 5.01, 8]  # n = 8: 1, 0, 3, 2, 2; median 3; mean 27.51 / 8


def _frames(values, code, questionnaire, missing=1):
    records = [(i, {}, {code: v}) for i, v in enumerate(values)]
    records += [(100 + i, {}, {"partners": ["cbs"]}) for i in range(missing)]  # FTE missing
    return answers_to_frames(records, questionnaire)


def _trend(before=BEFORE, after=AFTER, previous_questionnaire=V2019):
    current_frames = _frames(after, "fte_dedicated", V2026)
    current = compute_findings(current_frames, V2026, by=None).numbers["fte_dedicated"]
    previous_frames = _frames(before, "fte_own", V2019)
    return number_trend(
        current, V2026.question("fte_dedicated"), previous_frames, previous_questionnaire
    )


def test_renamed_question_is_found_through_the_mapping():
    assert V2026.question("fte_dedicated").previous_code == "fte_own"
    assert previous_number_question(V2026.question("fte_dedicated"), V2019).code == "fte_own"
    # a choice question never continues as a number question
    assert previous_number_question(V2026.question("fte_dedicated"), _v2019("choice")) is None


def test_class_shares_and_changes_by_hand():
    found = _trend()
    assert (found.question, found.previous_question) == ("fte_dedicated", "fte_own")
    assert (found.previous_base, found.current_base) == (9, 8)  # missing answers left out
    assert [r.category.code for r in found.rows] == [c.code for c in FTE_CLASSES.categories]
    assert [r.previous.count for r in found.rows] == [2, 3, 1, 2, 1]
    assert [r.current.count for r in found.rows] == [1, 0, 3, 2, 2]
    expected = [100 / 8 - 200 / 9, 0 - 300 / 9, 300 / 8 - 100 / 9, 25 - 200 / 9, 25 - 100 / 9]
    assert [r.change for r in found.rows] == pytest.approx(expected)
    assert sum(r.previous.percent for r in found.rows) == pytest.approx(100)


def test_median_and_mean_change_by_hand():
    found = _trend()
    assert (found.previous.median, found.current.median) == (1, 3)
    assert found.median_change == pytest.approx(2)
    assert found.mean_change == pytest.approx(27.51 / 8 - 18.5 / 9)


def test_no_trend_when_the_previous_version_lacks_the_question():
    assert _trend(previous_questionnaire=_v2019("absent")) is None


def test_nobody_answered_before():
    found = _trend(before=[])
    assert found.previous_base == 0
    assert all(r.previous.percent is None and r.change is None for r in found.rows)
    assert found.median_change is None and found.mean_change is None


def _v2019(fte: str) -> object:
    """Version 2019 with its FTE question removed (``fte="absent"``) or made a choice."""
    data = yaml.safe_load((DEFINITIONS_DIR / "2019.yaml").read_text(encoding="utf-8"))
    for section in data["pages"]:
        for question in list(section["questions"]):
            if question["code"] != "fte_own":
                continue
            if fte == "absent":
                section["questions"].remove(question)
            else:
                question.update(
                    type="single", options=[{"code": c, "label": {"nl": c}} for c in "ab"]
                )
                for key in ("min", "max"):
                    question.pop(key, None)
    return parse(data)
