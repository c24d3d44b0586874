"""Small-number protection of a whole wave, computed once per wave state and limit.

The protection does not depend on the language, so the Dutch and English pages, the CSVs, the
report, open data, the API and the next wave's trend table all share one result
(:func:`protected_wave`), cached under the wave's state.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.db.models import Count as DbCount
from django.db.models import Max, Q

from datalab_monitor.findings.publication import Publication, publish, publish_exact
from datalab_monitor.inventory.models import Response, Wave

from .adapters import category_groups, responses_frames, submitted_responses
from .topics import TOPICS

if TYPE_CHECKING:
    from datalab_monitor.findings import Findings, Frames


def wave_stamp(wave: Wave | None) -> str:
    """Changes whenever anything the findings of ``wave`` depend on changes."""
    if wave is None:
        return "-"
    submitted = Q(status=Response.Status.SUBMITTED)
    stats = Response.objects.filter(wave=wave).aggregate(
        n=DbCount("id", filter=submitted),
        last=Max("updated_at", filter=submitted),
        any_last=Max("updated_at"),
    )
    labs = list(
        submitted_responses(wave)
        .order_by("lab__number")
        .values_list("lab__number", "lab__category__code")
    )
    facts = (
        wave.slug,
        labs,
        wave.status,
        wave.questionnaire_version,
        wave.labs_known,
        wave.reported_questionnaires,
        wave.interviews_held,
        wave.title_nl,
        wave.title_en,
        wave.source_nl,
        wave.source_en,
        wave.is_synthetic,
        wave.previous_wave_id,
    )
    digest = hashlib.sha256(repr(facts).encode()).hexdigest()[:16]
    return f"{wave.pk}:{stats['n']}:{stats['last']}:{stats['any_last']}:{digest}"


def wave_results(wave: Wave) -> tuple[Frames, Findings]:
    """The exact results of ``wave`` (broken down by the register's categories)."""
    from datalab_monitor.findings.compute import compute_findings  # pandas: load on first use

    frames = responses_frames(wave)
    findings = compute_findings(
        frames, wave.questionnaire(), by="category", groups=category_groups()
    )
    return frames, findings


def chart_questions(wave: Wave) -> dict[str, str]:
    """Topic -> question code of the charts this wave's questionnaire has."""
    by_topic = wave.questionnaire().questions_by_topic()
    return {topic: by_topic[topic].code for topic, _title in TOPICS if topic in by_topic}


def protected_wave(
    wave: Wave, findings: Findings, limit: int, *, exact: bool = False, stamp: str | None = None
) -> dict[str, Publication]:
    """Question code -> what may be published of it (every chart of the wave)."""
    questionnaire = wave.questionnaire()
    codes = chart_questions(wave).values()
    if exact:
        return {
            code: publish_exact(findings.result(code), findings.crosstabs.get(code))
            for code in codes
        }
    key = "protected-" + hashlib.sha256(f"{stamp or wave_stamp(wave)}|{limit}".encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = {
            code: publish(
                findings.result(code),
                findings.crosstabs.get(code),
                questionnaire.question(code),
                limit,
            )
            for code in codes
        }
        cache.set(key, found, 3600)
    return found
