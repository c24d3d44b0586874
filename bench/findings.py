"""Benchmark: time and peak memory to compute all findings of 38, 10,000 and 1,000,000 responses.

Run: ``.venv/bin/python bench/findings.py`` (or give sizes: ``bench/findings.py 38 1000000``).
Each size runs in a fresh subprocess so its peak memory (max RSS) is its own. Synthetic answers
are generated vectorised with numpy straight into the engine's tidy frames; then the engine
computes every choice and number question with its breakdown by category, small-number
protection and statements for the five publication charts. Target: 1,000,000 responses in
under 5 s and under 2 GB.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
import tracemalloc

import numpy as np
import pandas as pd

from datalab_monitor.findings import compute_findings, frames_from_tables, protect_counts
from datalab_monitor.findings.statements import choice_statement, fte_statement
from datalab_monitor.questionnaire import QuestionType, load_version

CATEGORIES = ["internal", "regional", "datahub", "data-center"]
CATEGORY_SHARES = [14 / 38, 13 / 38, 1 / 38, 10 / 38]
SIZES = [38, 10_000, 1_000_000]


def synthetic_frames(n: int, seed: int = 1):
    """Random answers to every choice and number question of the 2019 questionnaire."""
    rng = np.random.default_rng(seed)
    questionnaire = load_version("2019")
    questions = [q for q in questionnaire.questions if q.type.has_options or q.type.is_number]
    question_codes = [q.code for q in questions]
    option_codes = sorted({o for q in questions for o in q.option_codes})
    option_index = {code: i for i, code in enumerate(option_codes)}
    parts = []  # (respondent, question code, option code, value) arrays
    for qi, question in enumerate(questions):
        if question.type is QuestionType.MULTIPLE:
            k = len(question.options)
            chance = rng.uniform(0.05, 0.6, size=k).astype(np.float32)
            ticked = rng.random((n, k), dtype=np.float32) < chance
            ticked &= rng.random(n, dtype=np.float32)[:, None] < 0.95  # 5 % skip the question
            who, which = np.nonzero(ticked)
            del ticked
            local = np.array([option_index[c] for c in question.option_codes], dtype=np.int16)
            parts.append(_part(who, qi, local[which]))
        elif question.type.has_options:
            who = np.flatnonzero(rng.random(n, dtype=np.float32) < 0.9)
            local = np.array([option_index[c] for c in question.option_codes], dtype=np.int16)
            chosen = local[rng.integers(0, len(local), size=len(who))]
            parts.append(_part(who, qi, chosen))
        else:
            who = np.flatnonzero(rng.random(n, dtype=np.float32) < 0.9)
            if question.topic == "fte":
                values = np.round(rng.exponential(1.2, size=len(who)) * 2) / 2
            else:
                values = rng.integers(0, 50, size=len(who)).astype(float)
            parts.append(_part(who, qi, np.full(len(who), -1, dtype=np.int16), values))
    respondent = np.concatenate([p[0] for p in parts])
    answers = pd.DataFrame(
        {
            "respondent": respondent,
            "question": pd.Categorical.from_codes(
                np.concatenate([p[1] for p in parts]), question_codes
            ),
            "option": pd.Categorical.from_codes(
                np.concatenate([p[2] for p in parts]), option_codes
            ),
            "value": np.concatenate([p[3] for p in parts]),
        }
    )
    respondents = pd.DataFrame(
        {
            "respondent": np.arange(n, dtype=np.int64),
            "category": rng.choice(CATEGORIES, size=n, p=CATEGORY_SHARES),
        }
    )
    return questionnaire, frames_from_tables(answers, respondents)


def _part(who, question, options, values=None):
    """Compact columns for one question's answer rows."""
    if values is None:
        values = np.full(len(who), np.nan, dtype=np.float32)
    return (
        who.astype(np.int32),
        np.full(len(who), question, dtype=np.int16),
        options,
        values.astype(np.float32),
    )


def all_findings(questionnaire, frames) -> int:
    """Every result, breakdown, protection and statement; returns the number of results."""
    findings = compute_findings(frames, questionnaire, by="category")
    for question in questionnaire.questions:
        if question.topic not in ("partners", "analysis_types", "domains", "improvements", "fte"):
            continue
        result = findings.result(question.code)
        table = findings.crosstabs[question.code]
        counts = result.classes if question.type.is_number else result.counts
        protect_counts(
            [c.count for c in counts],
            result.base,
            multiple=question.type is QuestionType.MULTIPLE,
            breakdown=table.counts,
            column_bases=table.column_bases,
        )
        if question.type.is_number:
            fte_statement(result)
        else:
            choice_statement(question.topic, result)
    return len(findings.choices) + len(findings.numbers) + len(findings.crosstabs)


def run_one(n: int) -> dict:
    start = time.perf_counter()
    questionnaire, frames = synthetic_frames(n)
    generated = time.perf_counter() - start
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB (Linux)
    start = time.perf_counter()
    results = all_findings(questionnaire, frames)
    computed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tracemalloc.start()
    all_findings(questionnaire, frames)  # again, to measure what the findings allocate
    _current, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "responses": n,
        "answer_rows": len(frames.answers),
        "results": results,
        "generate_s": round(generated, 2),
        "findings_s": round(computed, 3),
        "rss_after_generate_mib": round(before),
        "peak_rss_mib": round(peak),
        "findings_alloc_mib": round(traced / 2**20),
    }


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--one":
        print(json.dumps(run_one(int(argv[1]))))
        return
    sizes = [int(a) for a in argv] or SIZES
    print(
        f"{'responses':>10} {'answer rows':>12} {'results':>8} {'generate s':>11} "
        f"{'findings s':>11} {'RSS input MiB':>14} {'peak RSS MiB':>13} {'findings MiB':>13}"
    )
    for n in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{r['responses']:>10,} {r['answer_rows']:>12,} {r['results']:>8} "
            f"{r['generate_s']:>11} {r['findings_s']:>11} {r['rss_after_generate_mib']:>14} "
            f"{r['peak_rss_mib']:>13} {r['findings_alloc_mib']:>13}"
        )
    print(
        "target: 1,000,000 responses, findings in < 5 s and peak memory < 2048 MiB\n"
        "RSS input: process after generating the frames; peak RSS: the whole process (input\n"
        "included); findings MiB: peak extra memory the findings allocate (tracemalloc)."
    )


if __name__ == "__main__":
    main(sys.argv[1:])
