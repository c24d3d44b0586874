"""Versioned changes of profiles and projects: every change is a ``ChangeRecord`` with the state
before and after, its author and time. Researchers approve pending changes and revert applied ones.

With ``settings.DATALAB_PROFILE_APPROVAL``, changes made through an edit link wait (status
pending) and nothing public changes until a researcher approves. Consent withdrawn removes the
contact from the profile at once, also under approval (withdrawal never waits).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from datalab_monitor.registry.models import Datalab

from .models import ChangeRecord, EditLink, LabProfile, Project

PROFILE_FIELDS = (
    "description_nl",
    "description_en",
    "website",
    "start_year",
    "partner_codes",
    "partners_other",
    "domains",
    "contact_name",
    "contact_email",
    "contact_consent",
)
# Fields the register (``Datalab``) already has; a first profile starts from them.
REGISTER_FIELDS = ("description_nl", "description_en", "website", "start_year")
PROJECT_FIELDS = (
    "title_nl",
    "title_en",
    "summary_nl",
    "summary_en",
    "domains",
    "analysis_types",
    "data_sources",
    "year",
    "status",
    "result_url",
    "code_url",
    "reusable",
    "removed",
)


class ChangeError(Exception):
    """A change that cannot be approved or reverted (already decided, or not the latest)."""


@dataclass(frozen=True)
class Author:
    """Who makes a change: a coordinator through an edit link, or a researcher."""

    label: str
    user: Any = None
    edit_link: EditLink | None = None

    @classmethod
    def coordinator(cls, link: EditLink) -> Author:
        return cls(f"coordinator (edit link {link.pk})", edit_link=link)

    @classmethod
    def researcher(cls, user) -> Author:
        return cls(f"researcher {user.get_username()}", user=user)


def snapshot(obj: LabProfile | Project) -> dict[str, Any]:
    fields = PROFILE_FIELDS if isinstance(obj, LabProfile) else PROJECT_FIELDS
    return {name: getattr(obj, name) for name in fields}


def _clean_contact(data: dict[str, Any]) -> dict[str, Any]:
    """No consent, no contact: the name and e-mail are not kept without consent."""
    if not data.get("contact_consent"):
        data = {**data, "contact_name": "", "contact_email": "", "contact_consent": False}
    return data


def profile_of(lab: Datalab) -> LabProfile:
    """The lab's profile (an unsaved empty one if it has none yet)."""
    try:
        return lab.profile
    except LabProfile.DoesNotExist:
        return LabProfile(lab=lab)


def waits_for_approval(author: Author) -> bool:
    return bool(getattr(settings, "DATALAB_PROFILE_APPROVAL", False)) and author.user is None


def _apply(obj: LabProfile | Project, data: dict[str, Any]) -> None:
    for name, value in data.items():
        setattr(obj, name, value)
    if isinstance(obj, LabProfile):
        obj.is_fictional = False  # once the lab (or a researcher) edits it, the profile is real
        if obj.contact_consent and obj.contact_consent_at is None:
            obj.contact_consent_at = timezone.now()
        if not obj.contact_consent:
            obj.contact_consent_at = None
    obj.updated_at = timezone.now()
    obj.full_clean()
    obj.save()


def _record(lab, kind, project, before, after, author, status) -> ChangeRecord:
    return ChangeRecord.objects.create(
        lab=lab,
        kind=kind,
        project=project,
        before=before,
        after=after,
        status=status,
        author=author.label,
        user=author.user,
        edit_link=author.edit_link,
    )


@transaction.atomic
def change_profile(lab: Datalab, data: dict[str, Any], author: Author) -> ChangeRecord | None:
    """Change the lab's profile to ``data`` (a subset of PROFILE_FIELDS); None if nothing changed."""
    profile = profile_of(lab)
    before = snapshot(profile) if profile.pk else None
    after = _clean_contact({**snapshot(profile), **data})
    if before == after:
        return None
    if waits_for_approval(author):
        if profile.pk and profile.contact_consent and not after["contact_consent"]:
            _apply(profile, _clean_contact({"contact_consent": False}))  # withdrawal never waits
        status = ChangeRecord.Status.PENDING
    else:
        _apply(profile, after)
        status = ChangeRecord.Status.APPLIED
    return _record(lab, ChangeRecord.Kind.PROFILE, None, before, after, author, status)


@transaction.atomic
def save_project(
    lab: Datalab, data: dict[str, Any], author: Author, project: Project | None = None
) -> ChangeRecord | None:
    """Create (``project`` None) or change one of the lab's projects."""
    if project is not None and project.lab_id != lab.pk:
        raise ChangeError("the project belongs to another lab")
    before = snapshot(project) if project is not None else None
    base = before or snapshot(Project(lab=lab))
    after = {**base, **data}
    if before == after:
        return None
    if waits_for_approval(author):
        status = ChangeRecord.Status.PENDING
    else:
        project = project or Project(lab=lab)
        _apply(project, after)
        status = ChangeRecord.Status.APPLIED
    return _record(lab, ChangeRecord.Kind.PROJECT, project, before, after, author, status)


def _target(change: ChangeRecord) -> LabProfile | Project:
    if change.kind == ChangeRecord.Kind.PROFILE:
        return profile_of(change.lab)
    return change.project or Project(lab=change.lab)


@transaction.atomic
def approve(change: ChangeRecord, user) -> ChangeRecord:
    """Apply a pending change (a researcher's decision)."""
    change = ChangeRecord.objects.select_for_update().get(pk=change.pk)
    if change.status != ChangeRecord.Status.PENDING:
        raise ChangeError("only a change that waits for approval can be approved")
    target = _target(change)
    _apply(target, _clean_contact(change.after) if change.kind == "profile" else change.after)
    change.status = ChangeRecord.Status.APPLIED
    change.decided_at = timezone.now()
    change.decided_by = user
    if change.project is None and isinstance(target, Project):
        change.project = target
    change.save()
    return change


@transaction.atomic
def reject(change: ChangeRecord, user) -> ChangeRecord:
    change = ChangeRecord.objects.select_for_update().get(pk=change.pk)
    if change.status != ChangeRecord.Status.PENDING:
        raise ChangeError("only a change that waits for approval can be rejected")
    change.status = ChangeRecord.Status.REJECTED
    change.decided_at = timezone.now()
    change.decided_by = user
    change.save()
    return change


@transaction.atomic
def revert(change: ChangeRecord, user) -> ChangeRecord:
    """Undo an applied change: restore the state before it, as a new change by ``user``.

    A created project is reverted by removing it; the contact is restored only with the consent
    it had (and never if the person withdrew consent later).
    """
    change = ChangeRecord.objects.select_for_update().get(pk=change.pk)
    if change.status != ChangeRecord.Status.APPLIED:
        raise ChangeError("only an applied change can be reverted")
    target = _target(change)
    current = snapshot(target)
    if change.before is None:
        restored = {**current, "removed": True} if change.kind == "project" else _empty_profile()
    else:
        restored = dict(change.before)
    if change.kind == "profile":
        if not current["contact_consent"]:  # a withdrawn consent is never undone by a revert
            restored = {**restored, "contact_consent": False}
        restored = _clean_contact(restored)
    _apply(target, restored)
    change.status = ChangeRecord.Status.REVERTED
    change.decided_at = timezone.now()
    change.decided_by = user
    change.save()
    return ChangeRecord.objects.create(
        lab=change.lab,
        kind=change.kind,
        project=target if isinstance(target, Project) else None,
        before=current,
        after=restored,
        status=ChangeRecord.Status.APPLIED,
        author=Author.researcher(user).label,
        user=user,
        reverts=change,
    )


def _empty_profile() -> dict[str, Any]:
    return snapshot(LabProfile())
