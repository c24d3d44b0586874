"""The engine against numbers computed by hand on small fixtures."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from datalab_monitor.findings import (
    FramesError,
    answers_to_frames,
    compute_findings,
    frames_from_tables,
    other_texts,
    trend,
)
from datalab_monitor.findings.classes import FTE_CLASSES
from datalab_monitor.questionnaire import load_version
from datalab_monitor.questionnaire.loader import parse

Q = load_version("2019")

RECORDS = [
    (
        1,
        {"category": "a"},
        {
            "partners": ["cbs", "universities"],
            "fte_own": 0,
            "working_method": "agile",
            "method_known": "yes",
            "partners.other": "ignored",
        },
    ),
    (2, {"category": "a"}, {"partners": ["cbs"], "fte_own": 1, "working_method": "agile"}),
    (
        3,
        {"category": "b"},
        {
            "partners": ["municipalities", "cbs", "other"],
            "partners.other": "Waterschap",
            "fte_own": 2,
        },
    ),
    (4, {"category": "b"}, {"fte_own": 5}),
    (
        5,
        {"category": "b"},
        {
            "partners": ["none"],
            "fte_own": 5.5,
            "working_method": "fixed_steps",
            "method_known": "no",
        },
    ),
    (6, {"category": "b"}, {"fte_own": 0.5}),
]


@pytest.fixture
def findings():
    return compute_findings(answers_to_frames(RECORDS, Q), Q)


def test_multiple_choice_percent_of_respondents_who_answered(findings):
    partners = findings.choices["partners"]
    assert partners.multiple
    assert partners.base == 4  # respondents 1, 2, 3, 5 answered; 4 and 6 did not
    assert partners.coverage.missing == 2
    assert partners.count("cbs").count == 3
    assert partners.count("cbs").percent == pytest.approx(75.0)
    assert partners.count("universities").percent == pytest.approx(25.0)
    assert partners.count("province").count == 0
    assert sum(c.percent for c in partners.counts) > 100  # of respondents, not of ticks


def test_single_choice_and_condition(findings):
    method = findings.choices["working_method"]
    assert method.base == 3 and method.coverage.missing == 3
    assert method.count("agile").percent == pytest.approx(200 / 3)
    known = findings.choices["method_known"]  # only asked when working_method was answered
    assert (known.base, known.coverage.missing, known.coverage.not_asked) == (2, 1, 3)


def test_numbers_and_fte_classes_at_boundaries(findings):
    fte = findings.numbers["fte_own"]
    assert fte.n == 6 and fte.coverage.missing == 0
    assert fte.mean == pytest.approx((0 + 1 + 2 + 5 + 5.5 + 0.5) / 6)
    assert fte.median == pytest.approx(1.5)
    assert fte.q1 == pytest.approx(0.625) and fte.q3 == pytest.approx(4.25)
    # 0 -> "0"; 0.5 and 1 -> "0-1"; 2 -> "1-2"; 5 -> "2-5"; 5.5 -> "5+"
    assert [c.count for c in fte.classes] == [1, 2, 1, 1, 1]
    assert [c.code for c in fte.classes] == ["0", "0-1", "1-2", "2-5", "5+"]


def test_classify_boundaries():
    values = pd.Series([0, 1e-9, 1, 1.000001, 2, 2.5, 5, 5.01]).to_numpy()
    assert list(FTE_CLASSES.classify(values)) == [0, 1, 1, 2, 2, 3, 3, 4]


def test_crosstab_by_category(findings):
    table = findings.crosstabs["partners"]
    assert [c.code for c in table.columns] == ["a", "b"]
    assert table.column_bases == (2, 2)
    cbs = [r.code for r in table.rows].index("cbs")
    assert table.counts[cbs] == (2, 1)
    fte = findings.crosstabs["fte_own"]
    assert fte.counts == ((1, 0), (1, 1), (0, 1), (0, 1), (0, 1))
    assert fte.row_totals == (1, 2, 1, 1, 1)


def test_crosstab_by_single_choice_question():
    frames = answers_to_frames(RECORDS, Q)
    found = compute_findings(frames, Q, questions=["partners"], by="working_method")
    table = found.crosstabs["partners"]
    assert [c.code for c in table.columns] == ["agile", "fixed_steps", "other"]
    assert table.column_bases == (2, 1, 0)
    assert table.unclassified == 1  # respondent 3 answered partners but not working_method


def test_other_texts_for_researchers():
    frames = answers_to_frames(RECORDS, Q)
    texts = other_texts(frames, "partners")
    assert [(t.respondent, t.text) for t in texts] == [(1, "ignored"), (3, "Waterschap")]


def test_bad_input_is_reported_with_respondent_and_question():
    with pytest.raises(FramesError, match=r"respondent 7, question partners: 'nope'"):
        answers_to_frames([(7, {}, {"partners": ["nope"]})], Q)
    with pytest.raises(FramesError, match=r"respondent 8, question fte_own"):
        answers_to_frames([(8, {}, {"fte_own": "veel"})], Q)
    with pytest.raises(FramesError, match="respondent 9 is not in the respondents table"):
        frames_from_tables(
            pd.DataFrame(
                {"respondent": [9], "question": ["fte_own"], "option": [None], "value": [1.0]}
            ),
            pd.DataFrame({"respondent": [1]}),
        )


def test_empty_wave():
    frames = answers_to_frames([], Q)
    found = compute_findings(frames, Q)
    assert found.choices["partners"].base == 0
    assert found.numbers["fte_own"].median is None


NEW_VERSION = {
    "version": "test-next",
    "previous_version": "2019",
    "title": {"nl": "Test"},
    "pages": [
        {
            "code": "p",
            "title": {"nl": "P"},
            "questions": [
                {
                    "code": "research_partners",
                    "type": "multiple",
                    "topic": "partners",
                    "label": {"nl": "Partners"},
                    "previous": {
                        "question": "partners",
                        "options": {"knowledge": ["universities", "universities_applied"]},
                    },
                    "options": [
                        {"code": "cbs", "label": {"nl": "CBS"}},
                        {"code": "knowledge", "label": {"nl": "Kennisinstellingen"}},
                        {"code": "citizens", "label": {"nl": "Inwoners"}},
                    ],
                }
            ],
        }
    ],
}


def test_trend_through_the_version_mapping():
    new = parse(NEW_VERSION)
    previous_frames = answers_to_frames(
        [
            (1, {}, {"partners": ["cbs", "universities", "universities_applied"]}),
            (2, {}, {"partners": ["universities_applied"]}),
            (3, {}, {"partners": ["municipalities"]}),
            (4, {}, {"partners": ["cbs"]}),
        ],
        Q,
    )
    current_frames = answers_to_frames(
        [
            (1, {}, {"research_partners": ["cbs", "knowledge"]}),
            (2, {}, {"research_partners": ["cbs"]}),
            (3, {}, {"research_partners": ["citizens"]}),
        ],
        new,
    )
    current = compute_findings(current_frames, new, by=None).choices["research_partners"]
    found = trend(current, new.question("research_partners"), previous_frames, Q)
    rows = {r.category.code: r for r in found.rows}
    assert found.previous_question == "partners"
    assert (found.previous_base, found.current_base) == (4, 3)
    assert rows["cbs"].previous.count == 2 and rows["cbs"].change == pytest.approx(200 / 3 - 50)
    # a merge counts each respondent once: respondents 1 and 2 -> 2 of 4
    assert rows["knowledge"].previous.count == 2
    assert rows["knowledge"].change == pytest.approx(100 / 3 - 50)
    assert [c.code for c in found.not_comparable] == ["citizens"]


def test_engine_does_not_import_django():
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'django' or name.startswith('django.'):\n"
        "            raise ImportError('django is blocked')\n"
        "sys.meta_path.insert(0, Block())\n"
        "import datalab_monitor.findings, datalab_monitor.charts\n"
        "from datalab_monitor.findings import suppression, statements, trend\n"
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules)\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_row_order_does_not_matter():
    frames = answers_to_frames(RECORDS, Q)
    shuffled = frames_from_tables(
        frames.answers.sample(frac=1, random_state=3).reset_index(drop=True),
        frames.respondents,
        frames.texts,
    )
    a, b = compute_findings(frames, Q), compute_findings(shuffled, Q)
    assert a.choices == b.choices and a.numbers == b.numbers and a.crosstabs == b.crosstabs


def test_answers_to_a_hidden_question_are_not_counted():
    frames = frames_from_tables(
        pd.DataFrame(
            {
                "respondent": [1, 2, 2],
                "question": ["method_known", "working_method", "method_known"],
                "option": ["yes", "agile", "no"],
                "value": [None, None, None],
            }
        ),
        pd.DataFrame({"respondent": [1, 2]}),
    )
    known = compute_findings(frames, Q, by=None).choices["method_known"]
    assert known.coverage == known.coverage.__class__(2, 1, 0, 1)
    assert known.count("no").count == 1 and known.count("yes").count == 0
