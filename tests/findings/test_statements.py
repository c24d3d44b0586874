"""Statements: the quantifier bands at every boundary, in Dutch and English."""

from __future__ import annotations

import pytest

from datalab_monitor.findings.results import Category, ChoiceResult, Count, Coverage
from datalab_monitor.findings.statements import (
    BANDS,
    band_for,
    choice_statement,
    quantifier,
    sentence,
)
from datalab_monitor.questionnaire.schema import Text


@pytest.mark.parametrize(
    ("count", "base", "nl"),
    [
        (10, 10, "alle datalabs"),
        (9, 10, "bijna alle datalabs"),  # 90 % exactly: bijna alle
        (89, 100, "minstens drie kwart van de datalabs"),
        (3, 4, "minstens drie kwart van de datalabs"),  # 75 % exactly
        (74, 100, "een ruime meerderheid van de datalabs"),
        (3, 5, "een ruime meerderheid van de datalabs"),  # 60 % exactly
        (59, 100, "ruim de helft van de datalabs"),
        (51, 100, "ruim de helft van de datalabs"),
        (1, 2, "de helft van de datalabs"),
        (49, 100, "minstens een op de drie datalabs"),
        (1, 3, "minstens een op de drie datalabs"),  # one third exactly
        (33, 100, "meer dan een kwart van de datalabs"),
        (26, 100, "meer dan een kwart van de datalabs"),
        (1, 4, "een op de vijf à een op de vier datalabs"),  # 25 % exactly: not "meer dan"
        (1, 5, "een op de vijf à een op de vier datalabs"),  # 20 % exactly
        (19, 100, "minstens een op de tien datalabs"),
        (1, 10, "minstens een op de tien datalabs"),  # 10 % exactly
        (9, 100, "minder dan een op de tien datalabs"),
        (1, 38, "minder dan een op de tien datalabs"),
        (0, 38, "geen enkel datalab"),
    ],
)
def test_band_boundaries(count, base, nl):
    assert quantifier(count, base) == nl


def test_bands_cover_every_share_exactly_once():
    for base in range(1, 61):
        for count in range(base + 1):
            from fractions import Fraction

            holding = [b for b in BANDS if b.holds(Fraction(count, base))]
            assert len(holding) == 1, (count, base, [b.nl for b in holding])


def test_band_for_rejects_impossible_shares():
    with pytest.raises(ValueError):
        band_for(5, 4)
    with pytest.raises(ValueError):
        band_for(0, 0)


def _count(code, label_nl, label_en, count, base):
    return Count(Category(code, Text(label_nl, label_en)), count, base)


def test_publication_sentence():
    social = _count("social", "Sociaal domein", "Social domain", 11, 38)  # 28.9 %
    assert sentence("domains", social) == (
        "Meer dan een kwart van de datalabs werkt binnen het sociaal domein."
    )
    assert sentence("domains", social, "en") == (
        "More than a quarter of the data labs work in the social domain."
    )


def test_verb_agreement_and_adjectives():
    descriptive = _count("descriptive", "Beschrijvend", "Descriptive", 36, 38)
    assert (
        sentence("analysis_types", descriptive)
        == "Bijna alle datalabs doen beschrijvende analyses."
    )
    assert (
        sentence("analysis_types", descriptive, "en")
        == "Almost all data labs do descriptive analyses."
    )
    cbs = _count("cbs", "CBS", "Statistics Netherlands (CBS)", 4, 38)
    assert sentence("partners", cbs) == "Minstens een op de tien datalabs werkt samen met CBS."
    assert sentence("partners", cbs, "en") == (
        "At least one in ten data labs works with Statistics Netherlands (CBS)."
    )


def test_statement_uses_the_largest_published_option():
    counts = (
        _count("a", "Alpha", "Alpha", 20, 38),
        _count("b", "Beta", "Beta", 30, 38),
    )
    result = ChoiceResult("q", Text("Q"), True, Coverage(38, 38, 0), counts)
    assert "beta" in choice_statement("other_topic", result)
    assert "alpha" in choice_statement("other_topic", result, published={"a"})
    assert choice_statement("other_topic", result, published=set()) is None
