"""Saving the coordinators' form under concurrency: per page, per question, never a lost write.

``save_page`` merges one page's answers into the answers stored *now* (see ``conflicts`` for the
rule) and ``submit_response`` submits the stored answers. Both write with a compare-and-set on
``Response.version`` (``UPDATE ... WHERE version = <read>``) and retry a bounded number of times
when another save came first, so they are correct on PostgreSQL and on SQLite alike, with or
without ``IMMEDIATE`` transactions, and a concurrent save is merged rather than refused. Every
stored change writes a ``ResponseRevision``. ``mark_opened`` records that a link was used, at
most once per ``OPENED_RESOLUTION``: a GET of the form never writes to the database.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from datalab_monitor.questionnaire.schema import Page

from .conflicts import Answer, Conflict, merge_page
from .models import Invitation, Response, ResponseRevision, Wave
from .services import ResponseValidationError, response_for

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 25
OPENED_RESOLUTION = timedelta(minutes=10)


class AnswerConflict(Exception):
    """Questions on the page were changed elsewhere after it was loaded; nothing was stored."""

    def __init__(self, conflicts: list[Conflict], stored: dict[str, Any]):
        super().__init__(f"{len(conflicts)} conflicting answer(s): {[c.code for c in conflicts]}")
        self.conflicts = conflicts
        self.stored = stored


class SaveBusyError(Exception):
    """The response kept changing under this save (bounded retries exhausted); nothing stored."""


@dataclass(frozen=True)
class SaveResult:
    response: Response
    changed: bool  # False: the answers were already stored like this, nothing was written
    stored_version_seen: int  # the version the merge was based on


class _Retry(Exception):
    pass


def save_page(
    invitation: Invitation,
    page: Page,
    base: dict[str, str | None],
    mine: dict[str, Answer],
    changed_by: str,
) -> SaveResult:
    """Merge ``mine`` (the page's cleaned answers) into the lab's stored answers.

    Raises AnswerConflict (nothing stored) or ResponseValidationError (the merged answers do not
    fit, e.g. a submitted response lost a required answer; nothing stored).
    """
    questionnaire = invitation.wave.questionnaire()

    def change(current: Response) -> dict[str, Any]:
        merged, conflicts = merge_page(page, current.answers, base, mine)
        if conflicts:
            raise AnswerConflict(conflicts, current.answers)
        submitted = current.status == Response.Status.SUBMITTED
        cleaned, errors = questionnaire.validate(merged, partial=not submitted)
        if errors:
            raise ResponseValidationError(errors)
        return cleaned

    return _store(invitation, change, changed_by, submit=False)


def submit_response(invitation: Invitation, changed_by: str) -> SaveResult:
    """Submit the answers stored now (validated in full); raises ResponseValidationError."""
    questionnaire = invitation.wave.questionnaire()

    def change(current: Response) -> dict[str, Any]:
        cleaned, errors = questionnaire.validate(current.answers)
        if errors:
            raise ResponseValidationError(errors)
        return cleaned

    return _store(invitation, change, changed_by, submit=True)


def _store(
    invitation: Invitation,
    change: Callable[[Response], dict[str, Any]],
    changed_by: str,
    *,
    submit: bool,
) -> SaveResult:
    wave, lab = invitation.wave, invitation.lab
    for attempt in range(MAX_ATTEMPTS):
        current, _prefill = response_for(wave, lab)  # stored, or the unsaved (pre-filled) draft
        answers = change(current)
        unchanged = current.pk is not None and answers == current.answers
        if unchanged and (not submit or current.status == Response.Status.SUBMITTED):
            return SaveResult(current, False, current.version)
        try:
            with transaction.atomic():
                saved = _write(wave, current, answers, changed_by, submit)
                _mark_opened_in_save(invitation, saved)
            return SaveResult(saved, True, current.version)
        except (_Retry, IntegrityError):
            pass  # another save came first: merge again on top of it
        except OperationalError as exc:  # SQLite without IMMEDIATE: a stale read snapshot
            if connection.vendor != "sqlite" or "locked" not in str(exc):
                raise
        time.sleep(min(0.005 * 2**attempt, 0.2))
    raise SaveBusyError(f"response of lab {lab.number} kept changing; nothing stored")


def _write(
    wave: Wave, current: Response, answers: dict[str, Any], changed_by: str, submit: bool
) -> Response:
    now = timezone.now()
    submitted = submit or current.status == Response.Status.SUBMITTED
    status = Response.Status.SUBMITTED if submitted else Response.Status.DRAFT
    version = current.version + 1
    if current.pk is None:
        saved = Response.objects.create(
            wave=wave,
            lab=current.lab,
            status=status,
            answers=answers,
            version=version,
            source=Response.Source.WEB,
            submitted_at=now if submitted else None,
        )
    else:
        updates: dict[str, Any] = {
            "answers": answers,
            "version": version,
            "status": status,
            "updated_at": now,
        }
        if submit:
            updates["submitted_at"] = now
        changed = Response.objects.filter(pk=current.pk, version=current.version).update(**updates)
        if changed != 1:
            raise _Retry()
        for key, value in updates.items():
            setattr(current, key, value)
        saved = current
    ResponseRevision.objects.create(
        response=saved, version=version, status=status, answers=answers, changed_by=changed_by[:200]
    )
    if submit:
        Invitation.objects.filter(wave=wave, lab=current.lab, revoked_at__isnull=True).update(
            submitted_at=now
        )
    logger.info(
        "Saved response %s of wave %s as version %d (%s)", saved.pk, wave.slug, version, status
    )
    return saved


def _opened_is_stale(invitation: Invitation, now: datetime) -> bool:
    last = invitation.last_opened_at
    return invitation.first_opened_at is None or last is None or now - last >= OPENED_RESOLUTION


def mark_opened(invitation: Invitation, now: datetime | None = None) -> None:
    """Record that the link was used (first and last use), at most once per resolution step."""
    now = now or timezone.now()
    if not _opened_is_stale(invitation, now):
        return
    Invitation.objects.filter(pk=invitation.pk).update(
        last_opened_at=now, first_opened_at=Coalesce("first_opened_at", Value(now))
    )
    invitation.first_opened_at = invitation.first_opened_at or now
    invitation.last_opened_at = now


def _mark_opened_in_save(invitation: Invitation, saved: Response) -> None:
    now = saved.updated_at or timezone.now()
    if _opened_is_stale(invitation, now):
        mark_opened(invitation, now)
