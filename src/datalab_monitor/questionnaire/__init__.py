"""Questionnaires as data: versioned YAML definitions, their schema, and answer validation.

Plain Python (no Django imports), so the findings engine and notebooks can use it::

    from datalab_monitor.questionnaire import load_version
    q = load_version("2019")
    cleaned, errors = q.validate({"partners": ["cbs", "universities"]})
"""

from .loader import QuestionnaireError, available_versions, load_file, load_version
from .schema import Option, Page, Question, Questionnaire, QuestionType

__all__ = [
    "Option",
    "Page",
    "Question",
    "QuestionType",
    "Questionnaire",
    "QuestionnaireError",
    "available_versions",
    "load_file",
    "load_version",
]
