"""Deliver invitation links: as a CSV download or by e-mail.

Tokens are stored only as hashes, so a link can be shown only when it is issued. Delivering links
(downloading the CSV or sending e-mails) therefore issues new links; the lab's earlier links stop
working. Answers belong to the lab, not to the link, so nothing saved is lost.
E-mail addresses and tokens are never logged.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from datalab_monitor.inert import inert_row
from datalab_monitor.registry.models import Datalab

from .models import Wave
from .services import IssuedInvitation, issue_invitations

logger = logging.getLogger(__name__)

CSV_COLUMNS = ("lab_number", "lab_name", "link", "expires_at")


def link_path(token: str) -> str:
    return reverse("inventory:form-start", args=[token])


def links_csv(issued: list[IssuedInvitation], absolute: Callable[[str], str]) -> str:
    """CSV (UTF-8 with BOM, for Excel) of lab number, lab name, personal link and expiry."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for item in issued:
        writer.writerow(
            inert_row(
                [
                    item.lab.number,
                    item.lab.name,
                    absolute(link_path(item.token)),
                    item.invitation.expires_at.isoformat(timespec="minutes"),
                ]
            )
        )
    return buffer.getvalue()


@dataclass
class EmailReport:
    sent: list[Datalab] = field(default_factory=list)
    without_address: list[Datalab] = field(default_factory=list)


def _message_body(wave: Wave, item: IssuedInvitation, link: str) -> tuple[str, str]:
    parts, subjects = [], []
    for language in ("nl", "en"):
        with translation.override(language):
            context = {"wave": wave, "lab": item.lab, "link": link, "invitation": item.invitation}
            subjects.append(render_to_string("inventory/email/subject.txt", context).strip())
            parts.append(render_to_string("inventory/email/invitation.txt", context).strip())
    return " / ".join(subjects), "\n\n-----\n\n".join(parts) + "\n"


def email_invitations(
    wave: Wave, absolute: Callable[[str], str], labs: list[Datalab] | None = None
) -> EmailReport:
    """Issue new links for the invited labs that have a contact address and e-mail them."""
    labs = list(wave.invited_labs.order_by("number") if labs is None else labs)
    report = EmailReport()
    with_address = []
    for lab in labs:
        (with_address if lab.contact_email.strip() else report.without_address).append(lab)
    if not with_address:
        return report
    issued = issue_invitations(wave, with_address)
    messages = []
    for item in issued:
        subject, body = _message_body(wave, item, absolute(link_path(item.token)))
        messages.append(
            EmailMessage(
                subject=subject,
                body=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[item.lab.contact_email.strip()],
            )
        )
    with get_connection() as connection:
        connection.send_messages(messages)
    now = timezone.now()
    for item in issued:
        item.invitation.sent_at = now
        item.invitation.save(update_fields=["sent_at"])
        report.sent.append(item.lab)
    logger.info(
        "E-mailed %d invitation(s) for wave %s; %d lab(s) without an address",
        len(report.sent),
        wave.slug,
        len(report.without_address),
    )
    return report
