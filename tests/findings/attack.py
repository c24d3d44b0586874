"""Engine-level scenarios for the attacker (findings.audit): fictional waves, no database."""

from __future__ import annotations

from datalab_monitor.findings import Category, answers_to_frames, compute_findings
from datalab_monitor.findings.audit import AuditReport, attack, published_question
from datalab_monitor.findings.publication import publish
from datalab_monitor.questionnaire.loader import load_version
from datalab_monitor.questionnaire.schema import Text

QUESTIONNAIRE = load_version("2019")
CATEGORIES = [Category(c, Text(c)) for c in ("internal", "regional", "datahub", "data-center")]
TOPICS = ("partners", "analysis_types", "domains", "improvements", "fte")
CHART_CODES = [q.code for q in QUESTIONNAIRE.questions if q.topic in TOPICS]


def lab(number: int, category: str, **answers) -> tuple:
    """One fictional lab's answers (defaults: a plain answer to every chart question)."""
    found = {
        "partners": ["cbs"],
        "analysis_types": ["descriptive"],
        "domains": ["social"],
        "improvements": ["staff"],
        "fte_own": 1,
    }
    found.update(answers)
    return (number, {"category": category}, found)


def audit_records(records, min_cell: int, codes=CHART_CODES) -> AuditReport:
    """Protect every chart question of the fictional wave ``records`` and attack it."""
    frames = answers_to_frames(records, QUESTIONNAIRE)
    findings = compute_findings(frames, QUESTIONNAIRE, by="category", groups=CATEGORIES)
    report = AuditReport()
    for code in codes:
        question = QUESTIONNAIRE.question(code)
        result = findings.result(code)
        publication = publish(result, findings.crosstabs.get(code), question, min_cell)
        report.add(attack(published_question(result, publication, question, min_cell), min_cell))
    return report
