"""The inventory's operations, used by the views, the admin and the commands.

- waves: ``create_wave``, ``open_wave``, ``close_wave``, ``publish_wave`` (after
  ``publication_checklist``), ``unpublish_wave``, ``set_labs_known``; a step the wave's state
  does not allow raises ``WaveStateError`` (draft -> open -> closed -> published, see
  docs/inventory.md);
- invitations: ``issue_invitations`` (new links for a whole wave in one action; the token is
  returned once and stored only as a hash), ``revoke_invitation``, ``reissue_invitation``,
  ``resolve_token`` (with a distinct error for unknown, expired and revoked links);
- responses: ``response_for`` (the lab's response, or a new unsaved one pre-filled from the lab's
  answers to the previous wave) and ``save_response`` (validated, optimistic locking, revision).

Tokens and e-mail addresses are never logged.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from datalab_monitor.core.tokens import hash_token, new_token
from datalab_monitor.questionnaire.mapping import map_answers
from datalab_monitor.registry.models import Datalab

from .models import Invitation, Response, ResponseRevision, Wave

logger = logging.getLogger(__name__)

DEFAULT_INVITATION_DAYS = 60


# --- errors -------------------------------------------------------------------------------


class InvitationError(Exception):
    """A link that cannot be used; ``status`` is the HTTP status the page is served with."""

    status = 404
    reason = "unknown"


class UnknownInvitation(InvitationError):
    status = 404
    reason = "unknown"


class ExpiredInvitation(InvitationError):
    status = 410
    reason = "expired"


class RevokedInvitation(InvitationError):
    status = 410
    reason = "revoked"


class WaveClosedError(Exception):
    """The wave does not accept answers (not open yet, or past its close date)."""


class StaleResponseError(Exception):
    """The response was saved elsewhere since it was loaded; nothing was stored."""

    def __init__(self, expected: int, current: int):
        super().__init__(
            f"response was changed elsewhere: expected version {expected}, found {current}"
        )
        self.expected = expected
        self.current = current


class ResponseValidationError(Exception):
    """The answers do not fit the questionnaire; nothing was stored."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(f"{len(errors)} answer(s) not valid: {', '.join(sorted(errors))}")
        self.errors = errors


# --- waves --------------------------------------------------------------------------------


def create_wave(
    *,
    year: int,
    slug: str,
    title_nl: str,
    title_en: str = "",
    questionnaire_version: str,
    opens_on: date | None = None,
    closes_on: date | None = None,
    labs: Iterable[Datalab] | None = None,
    previous_wave: Wave | None = None,
    labs_known: int | None = None,
) -> Wave:
    """A new draft wave; ``labs`` to invite default to every active lab of the register."""
    from datalab_monitor.questionnaire import load_version

    load_version(questionnaire_version)  # refuses an unknown version
    if previous_wave is None:
        previous_wave = (
            Wave.objects.filter(year__lt=year, is_synthetic=False, responses__isnull=False)
            .order_by("-year")
            .first()
        )
    with transaction.atomic():
        wave = Wave.objects.create(
            year=year,
            slug=slug,
            title_nl=title_nl,
            title_en=title_en or title_nl,
            questionnaire_version=questionnaire_version,
            opens_on=opens_on,
            closes_on=closes_on,
            previous_wave=previous_wave,
            labs_known=labs_known,
        )
        if labs is None:
            labs = Datalab.objects.filter(status=Datalab.Status.ACTIVE)
        wave.invited_labs.set(list(labs))
    return wave


class WaveStateError(Exception):
    """A change of a wave's state that is not allowed now; ``problems`` say why, for the user."""

    def __init__(self, problems: list[str]):
        super().__init__(" ".join(str(problem) for problem in problems))
        self.problems = [str(problem) for problem in problems]


@dataclass(frozen=True)
class ChecklistItem:
    """One condition for publishing a wave: met or not, and what to do when it is not."""

    code: str
    label: str
    done: bool
    todo: str


def _move(wave: Wave, allowed_from: Iterable[str], to: str, **updates: Any) -> Wave:
    """Change the status only if it is still one of ``allowed_from`` (safe against races)."""
    changed = Wave.objects.filter(pk=wave.pk, status__in=list(allowed_from)).update(
        status=to, **updates
    )
    wave.refresh_from_db()
    if changed != 1:
        raise WaveStateError([_state_refusal(wave, to)])
    _saved(wave, ["status", *updates])
    logger.info("Wave %s is now %s", wave.slug, to)
    return wave


def _saved(wave: Wave, fields: list[str]) -> None:
    """Save the values just written, so that post_save listeners (caches, API) hear of it."""
    wave.save(update_fields=fields)


def _state_refusal(wave: Wave, to: str) -> str:
    status = wave.get_status_display()
    if to == Wave.Status.OPEN and wave.status == Wave.Status.PUBLISHED:
        return _("The wave is published: withdraw the publication before you open it again.")
    if to == Wave.Status.PUBLISHED and wave.status == Wave.Status.PUBLISHED:
        return _("The wave is already published.")
    if to == Wave.Status.PUBLISHED:
        return _("Only a closed wave can be published; this wave is %(status)s.") % {
            "status": status
        }
    if to == Wave.Status.CLOSED and wave.status == Wave.Status.PUBLISHED:
        return _("The wave is published; withdraw the publication to make it closed again.")
    if to == Wave.Status.CLOSED:
        return _("Only an open wave can be closed; this wave is %(status)s.") % {"status": status}
    return _("The wave is %(status)s: this step is not possible now.") % {"status": status}


def open_wave(wave: Wave) -> Wave:
    """Let the invited labs fill in the wave (draft or closed -> open)."""
    updates: dict[str, Any] = {}
    if wave.opens_on is None:
        updates["opens_on"] = timezone.localdate()
    return _move(wave, [Wave.Status.DRAFT, Wave.Status.CLOSED], Wave.Status.OPEN, **updates)


def close_wave(wave: Wave) -> Wave:
    """Stop accepting answers (open -> closed)."""
    return _move(wave, [Wave.Status.OPEN], Wave.Status.CLOSED)


def publication_checklist(wave: Wave, *, findings_reviewed: bool = False) -> list[ChecklistItem]:
    """What publishing ``wave`` needs; ``findings_reviewed`` is the researcher's confirmation."""
    received = wave.questionnaires_received or 0
    return [
        ChecklistItem(
            "closed",
            _("The wave is closed"),
            wave.status in (Wave.Status.CLOSED, Wave.Status.PUBLISHED),
            _("Close the wave first, so that no answers change after publication."),
        ),
        ChecklistItem(
            "labs_known",
            _("The number of data labs known is filled in"),
            bool(wave.labs_known),
            _(
                "Fill in how many data labs were known when the wave ran: the response rate "
                "and the findings need it."
            ),
        ),
        ChecklistItem(
            "received",
            _("At least one questionnaire was submitted"),
            received > 0,
            _("No lab has submitted its answers: there is nothing to publish."),
        ),
        ChecklistItem(
            "reviewed",
            _("The findings were reviewed"),
            findings_reviewed,
            _("Check the researchers' findings page, then tick “I have reviewed the findings”."),
        ),
    ]


def publish_wave(wave: Wave, *, findings_reviewed: bool) -> Wave:
    """Make the wave's protected findings public (closed -> published).

    Refused with every unmet item of :func:`publication_checklist` at once.
    """
    missing = [
        item.todo
        for item in publication_checklist(wave, findings_reviewed=findings_reviewed)
        if not item.done
    ]
    if wave.status == Wave.Status.PUBLISHED:
        missing = [_state_refusal(wave, Wave.Status.PUBLISHED)]
    if missing:
        raise WaveStateError(missing)
    return _move(wave, [Wave.Status.CLOSED], Wave.Status.PUBLISHED)


def unpublish_wave(wave: Wave) -> Wave:
    """Withdraw the publication (published -> closed): public pages no longer show the wave."""
    if wave.status != Wave.Status.PUBLISHED:
        raise WaveStateError([_("The wave is not published.")])
    return _move(wave, [Wave.Status.PUBLISHED], Wave.Status.CLOSED)


def set_labs_known(wave: Wave, labs_known: int | None) -> Wave:
    """How many data labs were known when the wave ran; fixed once the wave is published."""
    if labs_known is not None and labs_known < 0:
        raise WaveStateError([_("The number of data labs known cannot be negative.")])
    changed = (
        Wave.objects.filter(pk=wave.pk)
        .exclude(status=Wave.Status.PUBLISHED)
        .update(labs_known=labs_known)
    )
    wave.refresh_from_db()
    if changed != 1:
        raise WaveStateError(
            [_("The wave is published: withdraw the publication to change its figures.")]
        )
    _saved(wave, ["labs_known"])
    return wave


def previous_wave_answers(wave: Wave | None) -> int:
    """How many responses holding answers the wave stores (what a next wave can pre-fill from)."""
    if wave is None:
        return 0
    return sum(1 for answers in wave.responses.values_list("answers", flat=True) if answers)


# --- invitations ----------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedInvitation:
    """A freshly issued invitation with its token: the only moment the token is known."""

    invitation: Invitation
    token: str

    @property
    def lab(self) -> Datalab:
        return self.invitation.lab


def default_expiry(wave: Wave) -> datetime:
    """The end of the wave's close date; without one, ``DATALAB_INVITATION_DAYS`` from now."""
    if wave.closes_on:
        end = datetime.combine(wave.closes_on + timedelta(days=1), time.min)
        return timezone.make_aware(end)
    days = getattr(settings, "DATALAB_INVITATION_DAYS", DEFAULT_INVITATION_DAYS)
    return timezone.now() + timedelta(days=days)


def _active(invitations):
    return invitations.filter(revoked_at__isnull=True)


@transaction.atomic
def issue_invitations(
    wave: Wave, labs: Iterable[Datalab] | None = None, expires_at: datetime | None = None
) -> list[IssuedInvitation]:
    """New links for ``labs`` (default: every invited lab); earlier links of those labs stop.

    Saved answers belong to the lab, not to the link: a new link opens the same response.
    """
    labs = list(wave.invited_labs.all() if labs is None else labs)
    new_labs = [lab for lab in labs if not wave.invited_labs.filter(pk=lab.pk).exists()]
    if new_labs:
        wave.invited_labs.add(*new_labs)
    now = timezone.now()
    expires_at = expires_at or default_expiry(wave)
    _active(Invitation.objects.filter(wave=wave, lab__in=labs)).update(revoked_at=now)
    issued = []
    for lab in sorted(labs, key=lambda lab: lab.number):
        token = new_token()
        invitation = Invitation.objects.create(
            wave=wave, lab=lab, token_hash=hash_token(token), expires_at=expires_at
        )
        issued.append(IssuedInvitation(invitation, token))
    logger.info("Issued %d invitation(s) for wave %s", len(issued), wave.slug)
    return issued


def revoke_invitation(invitation: Invitation) -> Invitation:
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        logger.info("Revoked invitation %s (wave %s)", invitation.pk, invitation.wave.slug)
    return invitation


def reissue_invitation(invitation: Invitation) -> IssuedInvitation:
    """Revoke the lab's links for the wave and issue a new one (keeps the answers)."""
    return issue_invitations(invitation.wave, [invitation.lab])[0]


def resolve_token(
    token: str, *, now: datetime | None = None, mark_opened: bool = True
) -> Invitation:
    """The invitation of ``token``; raises UnknownInvitation, RevokedInvitation or ExpiredInvitation."""
    if not token or len(token) > 200:
        raise UnknownInvitation()
    invitation = (
        Invitation.objects.select_related("wave", "lab", "lab__category")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None:
        raise UnknownInvitation()
    now = now or timezone.now()
    if invitation.revoked_at is not None:
        raise RevokedInvitation()
    if invitation.expires_at <= now:
        raise ExpiredInvitation()
    if mark_opened:
        updates = {"last_opened_at": now}
        if invitation.first_opened_at is None:
            updates["first_opened_at"] = now
        Invitation.objects.filter(pk=invitation.pk).update(**updates)
        for key, value in updates.items():
            setattr(invitation, key, value)
    return invitation


# --- responses ------------------------------------------------------------------------------


@dataclass
class Prefill:
    """Answers taken over from the lab's response to the previous wave."""

    wave: Wave
    answers: dict[str, Any]
    check: list[str] = field(default_factory=list)  # questions to check (split options)


def prefill_answers(wave: Wave, lab: Datalab) -> Prefill | None:
    """The lab's answers to ``wave.previous_wave``, in this wave's questionnaire codes."""
    previous = wave.previous_wave
    if previous is None:
        return None
    old = Response.objects.filter(wave=previous, lab=lab).first()
    if old is None or not old.answers:
        return None
    mapped = map_answers(
        old.answers, previous.questionnaire_version, wave.questionnaire_version, on_split="drop"
    )
    if not mapped.answers:
        return None
    return Prefill(previous, mapped.answers, sorted(set(mapped.ambiguous) | set(mapped.dropped)))


def response_for(wave: Wave, lab: Datalab) -> tuple[Response, Prefill | None]:
    """The lab's stored response, or an unsaved draft (version 0) pre-filled from last wave."""
    response = Response.objects.filter(wave=wave, lab=lab).first()
    if response is not None:
        return response, None
    prefill = prefill_answers(wave, lab)
    response = Response(
        wave=wave,
        lab=lab,
        status=Response.Status.DRAFT,
        answers=dict(prefill.answers) if prefill else {},
        version=0,
    )
    return response, prefill


def save_response(
    response: Response,
    answers: dict[str, Any],
    expected_version: int,
    changed_by: str,
    submit: bool = False,
    *,
    source: str | None = None,
) -> Response:
    """Validate and store ``answers`` (all of them) as the next version of ``response``.

    Drafts are validated partially (required questions may be empty), a submit or a change to a
    submitted response fully. A save based on an older version than the stored one raises
    StaleResponseError; invalid answers raise ResponseValidationError. Either way nothing is
    stored. Returns the saved response (a new one gets its primary key).
    """
    questionnaire = response.wave.questionnaire()
    stored = Response.objects.filter(wave_id=response.wave_id, lab_id=response.lab_id).first()
    current_version = stored.version if stored else 0
    if current_version != expected_version:
        raise StaleResponseError(expected_version, current_version)
    submitted = submit or (stored is not None and stored.status == Response.Status.SUBMITTED)
    cleaned, errors = questionnaire.validate(answers, partial=not submitted)
    if errors:
        raise ResponseValidationError(errors)
    now = timezone.now()
    status = Response.Status.SUBMITTED if submitted else Response.Status.DRAFT
    new_version = expected_version + 1
    try:
        with transaction.atomic():
            if stored is None:
                saved = Response.objects.create(
                    wave=response.wave,
                    lab=response.lab,
                    status=status,
                    answers=cleaned,
                    version=new_version,
                    source=source or response.source or Response.Source.WEB,
                    submitted_at=now if submitted else None,
                )
            else:
                updates: dict[str, Any] = {
                    "answers": cleaned,
                    "version": new_version,
                    "status": status,
                    "updated_at": now,
                }
                if submit:
                    updates["submitted_at"] = now
                if source:
                    updates["source"] = source
                changed = Response.objects.filter(pk=stored.pk, version=expected_version).update(
                    **updates
                )
                if changed != 1:  # saved by someone else between the read and this update
                    raise StaleResponseError(expected_version, expected_version + 1)
                saved = Response.objects.get(pk=stored.pk)
            ResponseRevision.objects.create(
                response=saved,
                version=new_version,
                status=status,
                answers=cleaned,
                changed_by=changed_by[:200],
            )
    except IntegrityError as exc:  # another tab created the response at the same moment
        raise StaleResponseError(expected_version, expected_version + 1) from exc
    if submit:
        Invitation.objects.filter(wave=saved.wave, lab=saved.lab, revoked_at__isnull=True).update(
            submitted_at=now
        )
    logger.info(
        "Saved response %s of wave %s as version %d (%s)",
        saved.pk,
        saved.wave.slug,
        new_version,
        status,
    )
    return saved
