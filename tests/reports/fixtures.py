"""A small published wave with hand-made responses, and personal data planted on the labs.

The numbers the report must show are worked out by hand below (not by the findings engine), so
the tests check the report against an independent expectation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from datalab_monitor.inventory.models import Response, Wave
from datalab_monitor.registry.models import Datalab

# Planted personal data and per-lab answers: none of these may appear in any public output.
CONTACT_NAMES = ["Henriëtte Zwanenburg-Quist", "Barend Oosterwolde"]
CONTACT_EMAILS = ["h.zwanenburg@voorbeeldgemeente.nl", "barend.oosterwolde@example.org"]
OTHER_TEXTS = ["Stichting Geheime Zebra", "Vereniging Paarse Kikker"]
TIPS_TEXT = "Begin bij de koffieautomaat van verdieping zeven"
ODD_FTE = 13.75  # one lab's own FTE: must never be published as such
SECRETS = [*CONTACT_NAMES, *CONTACT_EMAILS, *OTHER_TEXTS, TIPS_TEXT, "13.75", "13,75"]

RESPONDENTS = 10
LABS_KNOWN = 16
INTERVIEWS = 2


@dataclass(frozen=True)
class Expected:
    """What the published report of the fixture wave must show (worked out by hand)."""

    respondents: int = RESPONDENTS  # n = 10 for every question
    labs_known: int = LABS_KNOWN
    interviews: int = INTERVIEWS
    response_percent: int = 63  # 10 / 16 = 62.5 %, rounded half up (docs/protection.md)
    # partners: cbs 10 of 10 (100%), universities 6 (60%), companies 2 (< 3), other 2 (< 3)
    partners_cbs: tuple[int, int] = (10, 100)
    partners_universities: tuple[int, int] = (6, 60)
    # domains: social 4 (40%), safety 6 (60%)
    domains_social: tuple[int, int] = (4, 40)


def answers_for(index: int) -> dict:
    """Valid answers of the 2019 questionnaire for the ``index``-th respondent (0-9)."""
    partners = ["cbs"]
    if index < 6:
        partners.append("universities")
    if index in (6, 7):
        partners.append("companies")
    answers = {
        "start_year": 2015 + index % 4,
        "partners": partners,
        "analysis_types": ["descriptive"] + (["diagnostic"] if index < 5 else []),
        "domains": ["social"] if index < 4 else ["safety"],
        "fte_own": ODD_FTE if index == 0 else float(index % 3) / 2,
        "funding": ["project_basis"],
        "improvements": ["money", "staff"] if index % 2 else ["knowledge"],
        "tips": TIPS_TEXT,
    }
    if index in (8, 9):
        answers["partners"] = [*partners, "other"]
        answers["partners.other"] = OTHER_TEXTS[index - 8]
    return answers


def plant_contacts() -> list[Datalab]:
    labs = list(Datalab.objects.order_by("number")[: len(CONTACT_NAMES)])
    for lab, name, email in zip(labs, CONTACT_NAMES, CONTACT_EMAILS, strict=True):
        lab.contact_name = name
        lab.contact_email = email
        lab.save(update_fields=["contact_name", "contact_email"])
    return labs


def make_wave(slug: str = "test-2024", *, synthetic: bool = False, year: int = 2024) -> Wave:
    """A published wave with ``RESPONDENTS`` submitted responses of the first labs."""
    plant_contacts()
    wave = Wave.objects.create(
        slug=slug,
        year=year,
        title_nl=f"Testinventarisatie {year}",
        title_en=f"Test inventory {year}",
        status=Wave.Status.PUBLISHED,
        is_synthetic=synthetic,
        started_on=date(year - 1, 11, 1),
        opens_on=date(year - 1, 12, 1),
        closes_on=date(year, 1, 31),
        labs_known=LABS_KNOWN,
        interviews_held=INTERVIEWS,
        questionnaire_version="2019",
    )
    for index, lab in enumerate(Datalab.objects.order_by("number")[:RESPONDENTS]):
        Response.objects.create(
            wave=wave,
            lab=lab,
            status=Response.Status.SUBMITTED,
            answers=answers_for(index),
            source=Response.Source.ADMIN,
        )
    return wave
