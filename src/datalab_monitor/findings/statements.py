"""Short Dutch and English sentences written from results by rules.

A sentence = a quantifier chosen from the share (the bands below) + a phrase for the topic and
option. Shares are compared as exact fractions, so a boundary such as 9 of 10 (90 %) is
"bijna alle" and never falls into the band below by rounding.

=====================  =========================================  ==================================
share p                Dutch                                      English
=====================  =========================================  ==================================
p = 1                  alle datalabs                              all data labs
9/10 <= p < 1          bijna alle datalabs                        almost all data labs
3/4 <= p < 9/10        minstens drie kwart van de datalabs        at least three quarters of ...
3/5 <= p < 3/4         een ruime meerderheid van de datalabs      a clear majority of the data labs
1/2 < p < 3/5          ruim de helft van de datalabs              just over half of the data labs
p = 1/2                de helft van de datalabs                   half of the data labs
1/3 <= p < 1/2         minstens een op de drie datalabs           at least one in three data labs
1/4 < p < 1/3          meer dan een kwart van de datalabs         more than a quarter of the ...
1/5 <= p <= 1/4        een op de vijf à een op de vier datalabs   one in five to one in four ...
1/10 <= p < 1/5        minstens een op de tien datalabs           at least one in ten data labs
0 < p < 1/10           minder dan een op de tien datalabs         fewer than one in ten data labs
p = 0                  geen enkel datalab                         no data lab
=====================  =========================================  ==================================
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from datalab_monitor.questionnaire.schema import Text

from .classes import FTE_CLASSES
from .formatting import format_number
from .results import ChoiceResult, Count, NumberResult


@dataclass(frozen=True)
class Band:
    """A quantifier for shares from ``low`` to ``high`` (inclusive as flagged)."""

    low: Fraction
    high: Fraction
    low_inclusive: bool
    high_inclusive: bool
    nl: str
    en: str
    plural: bool  # Dutch verb agrees with a plural subject ("bijna alle datalabs werken")
    en_plural: bool = True  # English: "one in ten data labs works" is singular

    def holds(self, share: Fraction) -> bool:
        above = share >= self.low if self.low_inclusive else share > self.low
        below = share <= self.high if self.high_inclusive else share < self.high
        return above and below


F = Fraction
BANDS: tuple[Band, ...] = (
    Band(F(1), F(1), True, True, "alle datalabs", "all data labs", True),
    Band(F(9, 10), F(1), True, False, "bijna alle datalabs", "almost all data labs", True),
    Band(
        F(3, 4),
        F(9, 10),
        True,
        False,
        "minstens drie kwart van de datalabs",
        "at least three quarters of the data labs",
        False,
    ),
    Band(
        F(3, 5),
        F(3, 4),
        True,
        False,
        "een ruime meerderheid van de datalabs",
        "a clear majority of the data labs",
        False,
    ),
    Band(
        F(1, 2),
        F(3, 5),
        False,
        False,
        "ruim de helft van de datalabs",
        "just over half of the data labs",
        False,
    ),
    Band(F(1, 2), F(1, 2), True, True, "de helft van de datalabs", "half of the data labs", False),
    Band(
        F(1, 3),
        F(1, 2),
        True,
        False,
        "minstens een op de drie datalabs",
        "at least one in three data labs",
        False,
        False,
    ),
    Band(
        F(1, 4),
        F(1, 3),
        False,
        False,
        "meer dan een kwart van de datalabs",
        "more than a quarter of the data labs",
        False,
    ),
    Band(
        F(1, 5),
        F(1, 4),
        True,
        True,
        "een op de vijf à een op de vier datalabs",
        "one in five to one in four data labs",
        False,
        False,
    ),
    Band(
        F(1, 10),
        F(1, 5),
        True,
        False,
        "minstens een op de tien datalabs",
        "at least one in ten data labs",
        False,
        False,
    ),
    Band(
        F(0),
        F(1, 10),
        False,
        False,
        "minder dan een op de tien datalabs",
        "fewer than one in ten data labs",
        False,
    ),
    Band(F(0), F(0), True, True, "geen enkel datalab", "no data lab", False, False),
)


def band_for(count: int, base: int) -> Band:
    if base <= 0 or not 0 <= count <= base:
        raise ValueError(f"a share needs 0 <= count <= base and base > 0, got {count}/{base}")
    share = Fraction(count, base)
    return next(band for band in BANDS if band.holds(share))


def quantifier(count: int, base: int, language: str = "nl") -> str:
    band = band_for(count, base)
    return band.en if language == "en" else band.nl


@dataclass(frozen=True)
class Phrase:
    """What the labs do, with the option's label in ``{label}`` (singular and plural verb)."""

    nl_singular: str
    nl_plural: str
    en_singular: str
    en_plural: str


TOPIC_PHRASES: dict[str, Phrase] = {
    "partners": Phrase(
        "werkt samen met {label}",
        "werken samen met {label}",
        "works with {label}",
        "work with {label}",
    ),
    "analysis_types": Phrase(
        "doet {label} analyses",
        "doen {label} analyses",
        "does {label} analyses",
        "do {label} analyses",
    ),
    "domains": Phrase(
        "werkt binnen {label}", "werken binnen {label}", "works in {label}", "work in {label}"
    ),
    "improvements": Phrase(
        "noemt {label} als verbeterpunt",
        "noemen {label} als verbeterpunt",
        "names {label} as something to improve",
        "name {label} as something to improve",
    ),
}
GENERIC_PHRASE = Phrase(
    "kiest ‘{label}’", "kiezen ‘{label}’", "chooses ‘{label}’", "choose ‘{label}’"
)

# Labels that need an article or other wording inside a sentence (language, not data).
LABEL_IN_SENTENCE: dict[tuple[str, str], Text] = {
    ("domains", "social"): Text("het sociaal domein", "the social domain"),
    ("domains", "safety"): Text("het domein veiligheid", "the safety domain"),
    ("domains", "care"): Text("het domein zorg en welzijn", "care and welfare"),
    ("domains", "education"): Text("het onderwijs", "education"),
    ("domains", "public_space"): Text("de openbare ruimte", "public space"),
    ("domains", "other"): Text("een ander domein", "another domain"),
    ("partners", "other"): Text("andere partners", "other partners"),
    ("improvements", "other"): Text("iets anders", "something else"),
}


def label_in_sentence(topic: str, count: Count, language: str) -> str:
    special = LABEL_IN_SENTENCE.get((topic, count.code))
    if special is not None:
        return special.get(language)
    label = count.category.label.get(language)
    if topic == "domains" and language == "nl":
        return "het domein " + _lower_first(label)
    return _lower_first(label)


def _lower_first(text: str) -> str:
    """Lower-case the first letter unless the label holds a name (CBS, Statistics Netherlands)."""
    if any(ch.isupper() for ch in text[1:]):
        return text
    return text[:1].lower() + text[1:]


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentence(topic: str, count: Count, language: str = "nl") -> str:
    """E.g. "Meer dan een kwart van de datalabs werkt binnen het sociaal domein."."""
    band = band_for(count.count, count.base)
    phrase = TOPIC_PHRASES.get(topic, GENERIC_PHRASE)
    if language == "en":
        template = phrase.en_plural if band.en_plural else phrase.en_singular
        subject = band.en
    else:
        template = phrase.nl_plural if band.plural else phrase.nl_singular
        subject = band.nl
    label = label_in_sentence(topic, count, language)
    if topic == "analysis_types" and language == "nl" and not label.endswith("e"):
        label += "e"  # an adjective before a noun: beschrijvend -> beschrijvende analyses
    return _capitalise(f"{subject} {template.format(label=label)}.")


def choice_statement(
    topic: str, result: ChoiceResult, language: str = "nl", published: set[str] | None = None
) -> str | None:
    """A sentence about the most chosen option (only among ``published`` codes, if given)."""
    if result.base == 0:
        return None
    candidates = [c for c in result.sorted_counts() if published is None or c.code in published]
    if not candidates:
        return None
    return sentence(topic, candidates[0], language)


FTE_TEXTS = {
    "none": Text("{q} {have} geen eigen FTE.", "{q} {have} no dedicated FTE."),
    "at_most": Text(
        "Minstens de helft van de datalabs heeft hooguit {bound} eigen FTE.",
        "At least half of the data labs have at most {bound} dedicated FTE.",
    ),
}


def fte_statement(
    result: NumberResult, language: str = "nl", published: set[str] | None = None
) -> str | None:
    """A sentence from the published class counts only (``published``: codes of the classes
    shown; None: all): on labs without own FTE, else on the class that holds the median.

    Never from the median itself: that may be one lab's value (see findings.statistics).
    """
    if not result.n or not result.classes:
        return None
    shown = {c.code for c in result.classes} if published is None else published
    zero = next((c for c in result.classes if c.code == "0"), None)
    if zero is not None and zero.code in shown:
        band = band_for(zero.count, zero.base)
        if language == "en":
            have = "have" if band.en_plural else "has"
            return _capitalise(FTE_TEXTS["none"].en.format(q=band.en, have=have))
        have = "hebben" if band.plural else "heeft"
        return _capitalise(FTE_TEXTS["none"].nl.format(q=band.nl, have=have))
    bounds = dict(
        zip((c.code for c in FTE_CLASSES.categories), FTE_CLASSES.upper_bounds, strict=True)
    )
    below = 0
    for count in result.classes:
        if count.code not in shown or count.code not in bounds:
            return None  # the statement would tell something about a hidden class
        below += count.count
        if 2 * below >= result.n:
            bound = bounds[count.code]
            if bound == float("inf"):
                return None
            text = format_number(bound, language)
            return FTE_TEXTS["at_most"].get(language).format(bound=text)
    return None
