"""Fictional lab profiles, projects and do examples for the demo (``datalab-monitor demo``).

Nothing here is real: every profile, project and curated example is flagged ``is_fictional`` and
labelled so on every page that shows it. Titles start with "Demo:". Drawn from a fixed seed, so
running it again changes nothing. A lab whose profile was made by its coordinator is left alone.
"""

from __future__ import annotations

import random

from django.db import transaction

from datalab_monitor.registry.models import Datalab, Do

from . import codelists
from .models import DoExample, LabProfile, Project

DEMO_SEED = 2026
THEMES = [
    ("Armoede in beeld", "Poverty at a glance", "social"),
    ("Schuldhulp eerder in beeld", "Spotting debt problems earlier", "social"),
    ("Woningvoorraad en doorstroming", "Housing stock and moving on", "housing"),
    ("Verkeersveiligheid rond scholen", "Road safety around schools", "mobility"),
    ("Energiearmoede per buurt", "Energy poverty per neighbourhood", "sustainability"),
    ("Meldingen openbare ruimte", "Public space reports", "public_space"),
    ("Ondermijning signaleren", "Signals of organised crime", "safety"),
    ("Jeugdzorg en doorlooptijden", "Youth care and waiting times", "care"),
    ("Werkloosheid en scholing", "Unemployment and training", "economy"),
    ("Vroegtijdig schoolverlaten", "Early school leaving", "education"),
    ("Klantcontact analyseren", "Analysing customer contact", "operations"),
]


def _pick(rng: random.Random, codes: list[str], low: int, high: int) -> list[str]:
    return sorted(rng.sample(codes, rng.randint(low, high)))


@transaction.atomic
def create_demo_pages(seed: int = DEMO_SEED) -> int:
    """Fictional profiles and projects for every lab without a real profile; returns projects made."""
    domains = codelists.codes("domains")
    partners = codelists.codes("partners")
    kinds = codelists.codes("analysis_types")
    sources = codelists.codes("data_sources")
    made = 0
    for lab in Datalab.objects.order_by("number"):
        rng = random.Random(seed * 1000 + lab.number)  # each lab's draws are its own
        lab_domains = _pick(rng, domains, 1, 3)
        if rng.random() < 0.5 and "social" not in lab_domains:
            lab_domains = sorted([*lab_domains, "social"])
        profile_data = {
            "description_nl": f"Demo: een verzonnen profiel van {lab.name}, om de site te tonen.",
            "description_en": f"Demo: a made-up profile of {lab.name}, to show the site.",
            "start_year": rng.randint(2014, 2019),
            "partner_codes": _pick(rng, partners, 1, 3),
            "domains": lab_domains,
        }
        count = rng.randint(0, 3)
        existing = LabProfile.objects.filter(lab=lab).first()
        if existing is not None and not existing.is_fictional:
            continue
        LabProfile.objects.update_or_create(
            lab=lab, defaults={**profile_data, "is_fictional": True}
        )
        kept = []
        for index in range(count):
            nl, en, domain = THEMES[(lab.number + index * 5) % len(THEMES)]
            project, _created = Project.objects.update_or_create(
                lab=lab,
                title_nl=f"Demo: {nl}",
                is_fictional=True,
                defaults={
                    "title_en": f"Demo: {en}",
                    "summary_nl": "Verzonnen project voor de demo; het heeft niet plaatsgevonden.",
                    "summary_en": "A made-up project for the demo; it did not take place.",
                    "domains": sorted({domain, rng.choice(lab_domains)}),
                    "analysis_types": _pick(rng, kinds, 1, 2),
                    "data_sources": _pick(rng, sources, 1, 3),
                    "year": rng.randint(2018, 2025),
                    "status": rng.choice(["planned", "running", "completed"]),
                    "reusable": rng.random() < 0.3,
                },
            )
            kept.append(project.pk)
            made += 1
        Project.objects.filter(lab=lab, is_fictional=True).exclude(pk__in=kept).delete()
    _curate_examples(random.Random(seed))
    return made


def _curate_examples(rng: random.Random) -> None:
    """Link each do to one or two fictional projects (curated data; labelled fictional)."""
    projects = list(
        Project.objects.filter(is_fictional=True, removed=False).order_by("lab__number", "title_nl")
    )
    kept = []
    for do in Do.objects.order_by("number"):
        if not projects:
            break
        for order, project in enumerate(rng.sample(projects, min(2, len(projects)))):
            example, _created = DoExample.objects.update_or_create(
                do=do,
                project=project,
                is_fictional=True,
                defaults={
                    "order": order,
                    "note_nl": "Verzonnen voorbeeld (demo).",
                    "note_en": "Made-up example (demo).",
                },
            )
            kept.append(example.pk)
    DoExample.objects.filter(is_fictional=True).exclude(pk__in=kept).delete()
