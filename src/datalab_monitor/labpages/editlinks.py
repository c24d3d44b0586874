"""Edit links for lab coordinators: like the invitation links (hashed token, expiry, revocable).

A link is requested on the lab page (e-mailed to the register's contact address, with the same
answer whether or not one exists) or issued by a researcher in the admin, which revokes the lab's
earlier links. Tokens and e-mail addresses are never logged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from datalab_monitor.core.tokens import hash_token, new_token
from datalab_monitor.registry.models import Datalab

from .models import EditLink

logger = logging.getLogger(__name__)

DEFAULT_DAYS = 14
MAX_TOKEN_LENGTH = 200


class EditLinkError(Exception):
    """A link that cannot be used; ``status`` is the HTTP status the page is served with."""

    status = 404
    reason = "unknown"


class UnknownEditLink(EditLinkError):
    pass


class ExpiredEditLink(EditLinkError):
    status = 410
    reason = "expired"


class RevokedEditLink(EditLinkError):
    status = 410
    reason = "revoked"


@dataclass(frozen=True)
class IssuedEditLink:
    """A freshly issued link with its token: the only moment the token is known."""

    link: EditLink
    token: str

    @property
    def path(self) -> str:
        return reverse("labpages:edit-home", args=[self.token])


def link_days() -> int:
    return int(getattr(settings, "DATALAB_EDIT_LINK_DAYS", DEFAULT_DAYS))


@transaction.atomic
def issue_edit_link(
    lab: Datalab, *, user=None, requested_on_site: bool = False, expires_at: datetime | None = None
) -> IssuedEditLink:
    """A new edit link for ``lab``.

    A researcher's link replaces the lab's earlier links. A link requested on the lab page does
    not: anyone can press that button, and it must not cut off a coordinator who is editing.
    """
    now = timezone.now()
    if not requested_on_site:
        EditLink.objects.filter(lab=lab, revoked_at__isnull=True).update(revoked_at=now)
    token = new_token()
    link = EditLink.objects.create(
        lab=lab,
        token_hash=hash_token(token),
        expires_at=expires_at or now + timedelta(days=link_days()),
        requested_on_site=requested_on_site,
        issued_by=user,
    )
    logger.info("Issued edit link %s for lab %s", link.pk, lab.number)
    return IssuedEditLink(link, token)


def revoke_edit_link(link: EditLink) -> EditLink:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        logger.info("Revoked edit link %s (lab %s)", link.pk, link.lab.number)
    return link


def resolve_edit_token(token: str, *, now: datetime | None = None) -> EditLink:
    """The link of ``token``; raises UnknownEditLink, RevokedEditLink or ExpiredEditLink."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise UnknownEditLink()
    link = (
        EditLink.objects.select_related("lab", "lab__category")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if link is None:
        raise UnknownEditLink()
    now = now or timezone.now()
    if link.revoked_at is not None:
        raise RevokedEditLink()
    if link.expires_at <= now:
        raise ExpiredEditLink()
    EditLink.objects.filter(pk=link.pk).update(last_used_at=now)
    return link


def _message(lab: Datalab, link: str, expires_at: datetime) -> tuple[str, str]:
    subjects, parts = [], []
    for language in ("nl", "en"):
        with translation.override(language):
            context = {"lab": lab, "link": link, "expires_at": expires_at}
            subjects.append(render_to_string("labpages/email/subject.txt", context).strip())
            parts.append(render_to_string("labpages/email/edit_link.txt", context).strip())
    return " / ".join(subjects), "\n\n-----\n\n".join(parts) + "\n"


def send_edit_link(lab: Datalab, absolute) -> bool:
    """E-mail a new edit link to the lab's registered contact address; False if it has none.

    The caller answers the visitor the same way in both cases.
    """
    address = lab.contact_email.strip()
    if not address:
        logger.info("Edit link requested for lab %s: no contact address", lab.number)
        return False
    issued = issue_edit_link(lab, requested_on_site=True)
    subject, body = _message(lab, absolute(issued.path), issued.link.expires_at)
    EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[address]
    ).send()
    logger.info("E-mailed edit link %s for lab %s", issued.link.pk, lab.number)
    return True
