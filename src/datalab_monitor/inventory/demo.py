"""A fictional demo wave: one submitted response per lab of the register, from a fixed seed.

The answers are drawn with numpy so that they agree with what the 2019 publication states,
without pretending to be the real (unpublished) answers:

- the social domain is the most common domain, ticked by clearly more than a quarter of the labs
  (each lab ticks it with probability 0.45; the other domains 0.10-0.30);
- descriptive analyses are the most common (0.92), then diagnostic (0.55), predictive (0.30),
  prescriptive the least (0.10); every lab does at least one kind;
- almost all labs have little or no own staff: 0 FTE (55%), under 1 FTE (30%), 1-3 FTE (15%);
  people contribute "beside their regular work" (1-12 contributors);
- little funding: mostly per project or from departments' budgets, "no funding of its own" for
  about a fifth, general funds for a few;
- partners, improvements, roles and data sources follow the publication's 10 do's (CBS, base
  registries and open data common; knowledge, staff and money the most wanted improvements).

The wave is flagged ``is_synthetic``: every page, export and report that shows it says so.
``create_demo_wave`` is idempotent: run it again with the same seed and nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import transaction

from datalab_monitor.registry.models import Datalab

from .models import Response, ResponseRevision, Wave

DEMO_SLUG = "demo-2019"
DEMO_SEED = 2019
QUESTIONNAIRE_VERSION = "2019"

# Probability that a lab ticks each option (multiple choice).
DOMAINS = {
    "social": 0.45,
    "safety": 0.25,
    "mobility": 0.25,
    "spatial": 0.30,
    "economy": 0.20,
    "sustainability": 0.20,
    "care": 0.15,
    "education": 0.10,
    "public_space": 0.20,
    "operations": 0.25,
}
ANALYSIS_TYPES = {"descriptive": 0.92, "diagnostic": 0.55, "predictive": 0.30, "prescriptive": 0.10}
PARTNERS = {
    "municipalities": 0.45,
    "province": 0.20,
    "national_government": 0.15,
    "cbs": 0.45,
    "universities": 0.35,
    "universities_applied": 0.35,
    "research_institutes": 0.15,
    "companies": 0.30,
    "society": 0.15,
    "other_labs": 0.30,
}
IMPROVEMENTS = {
    "knowledge": 0.55,
    "money": 0.45,
    "staff": 0.55,
    "management_commitment": 0.30,
    "organisational_support": 0.40,
    "data_access": 0.45,
    "privacy_legal": 0.35,
    "collaboration": 0.25,
    "tools": 0.25,
}
ROLES = {
    "project_lead": 0.80,
    "data_engineer": 0.45,
    "data_scientist": 0.50,
    "data_analyst": 0.75,
    "privacy_officer": 0.45,
    "information_security": 0.25,
    "domain_experts": 0.55,
}
DATA_SOURCES = {
    "base_registries": 0.70,
    "kadaster": 0.45,
    "cbs": 0.80,
    "open_data": 0.70,
    "internal": 0.85,
    "partners": 0.30,
}
PRIVACY = {
    "dpia": 0.40,
    "privacy_officer": 0.60,
    "pseudonymisation": 0.55,
    "agreements": 0.45,
    "secure_environment": 0.30,
}
FUNDING = {
    "general_funds": 0.12,
    "project_basis": 0.50,
    "department_budgets": 0.35,
    "external_subsidy": 0.12,
}
TIPS = [
    "Begin klein met een duidelijk gekaderde vraag. (fictief)",
    "Zoek collega's die enthousiast zijn en laat resultaten snel zien. (fictief)",
    "Betrek de privacy officer vanaf het begin. (fictief)",
    "Kijk eerst bij andere datalabs voordat je zelf iets bouwt. (fictief)",
]


@dataclass(frozen=True)
class DemoResult:
    wave: Wave
    created: int
    changed: int
    unchanged: int


def _pick(rng: np.random.Generator, probabilities: dict[str, float]) -> list[str]:
    draws = rng.random(len(probabilities))
    return [code for (code, p), draw in zip(probabilities.items(), draws, strict=True) if draw < p]


def demo_answers(rng: np.random.Generator, lab: Datalab) -> dict[str, Any]:
    """One lab's fictional answers (questionnaire 2019 codes)."""
    domains = _pick(rng, DOMAINS) or ["social" if rng.random() < 0.5 else "operations"]
    analyses = _pick(rng, ANALYSIS_TYPES) or ["descriptive"]
    partners = _pick(rng, PARTNERS) or ["none"]
    fte_band = rng.random()
    if fte_band < 0.55:
        fte = 0.0
    elif fte_band < 0.85:
        fte = float(rng.choice([0.2, 0.4, 0.5, 0.6, 0.8]))
    else:
        fte = float(rng.choice([1.0, 1.5, 2.0, 3.0]))
    funding = _pick(rng, FUNDING)
    if fte == 0.0 and rng.random() < 0.4 or not funding:
        funding = ["none"]
    working_method = str(rng.choice(["agile", "fixed_steps", "other"], p=[0.5, 0.4, 0.1]))
    answers: dict[str, Any] = {
        "lab_name": f"Datalab {lab.name}",
        "start_year": int(rng.integers(2014, 2020)),
        "driven_by": str(rng.choice(["demand", "supply", "both"], p=[0.45, 0.2, 0.35])),
        "projects": int(rng.integers(1, 25)),
        "partners": partners,
        "analysis_types": analyses,
        "domains": domains,
        "fte_own": fte,
        "contributors": int(rng.integers(1, 13)),
        "roles": _pick(rng, ROLES) or ["data_analyst"],
        "funding": funding,
        "data_sources": _pick(rng, DATA_SOURCES) or ["internal"],
        "working_method": working_method,
        "method_known": str(rng.choice(["yes", "partly", "no"], p=[0.3, 0.45, 0.25])),
        "privacy_measures": _pick(rng, PRIVACY) or ["none"],
        "management_support": int(rng.integers(2, 6)),
        "improvements": _pick(rng, IMPROVEMENTS) or ["knowledge"],
        "tips": str(rng.choice(TIPS)),
    }
    if working_method == "other":
        answers["working_method.other"] = "Per project verschillend (fictief)"
    return answers


@transaction.atomic
def create_demo_wave(slug: str = DEMO_SLUG, seed: int = DEMO_SEED) -> DemoResult:
    """Create or update the synthetic wave ``slug`` with one submitted response per lab."""
    wave_fields = {
        "year": 2019,
        "questionnaire_version": QUESTIONNAIRE_VERSION,
        "title_nl": "Demo-inventarisatie 2019 (fictieve antwoorden)",
        "title_en": "Demo inventory 2019 (fictional answers)",
        "status": Wave.Status.PUBLISHED,
        "is_synthetic": True,
        "labs_known": 48,
        "interviews_held": 3,
        "source_nl": f"Fictieve gegevens, gegenereerd door datalab-monitor demo (seed {seed})",
        "source_en": f"Fictional data, generated by datalab-monitor demo (seed {seed})",
    }
    wave, _ = Wave.objects.update_or_create(slug=slug, defaults=wave_fields)
    questionnaire = wave.questionnaire()
    rng = np.random.default_rng(seed)
    labs = list(Datalab.objects.order_by("number"))
    wave.invited_labs.set(labs)
    created = changed = unchanged = 0
    for lab in labs:
        cleaned, errors = questionnaire.validate(demo_answers(rng, lab))
        if errors:  # a bug in this module, not bad input: never store invalid answers
            raise ValueError(f"demo answers for lab {lab.number} are not valid: {errors}")
        response = Response.objects.filter(wave=wave, lab=lab).first()
        if response is not None and response.answers == cleaned:
            unchanged += 1
            continue
        if response is None:
            response = Response(wave=wave, lab=lab, version=0)
            created += 1
        else:
            changed += 1
        response.answers = cleaned
        response.status = Response.Status.SUBMITTED
        response.source = Response.Source.DEMO
        response.version += 1
        response.save()
        if response.submitted_at is None:
            response.submitted_at = response.updated_at
            response.save(update_fields=["submitted_at"])
        ResponseRevision.objects.create(
            response=response,
            version=response.version,
            status=response.status,
            answers=cleaned,
            changed_by=f"datalab-monitor demo (seed {seed})",
        )
    return DemoResult(wave, created, changed, unchanged)
