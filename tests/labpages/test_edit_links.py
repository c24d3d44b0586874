"""Edit links: hashed, expiring, revocable, per lab, rate-limited requests, never logged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from datalab_monitor.core.tokens import hash_token
from datalab_monitor.labpages import editlinks
from datalab_monitor.labpages.models import EditLink, LabProfile

pytestmark = pytest.mark.django_db


def edit_url(token: str, rest: str = "") -> str:
    return f"/datalabs/bewerken/{token}/{rest}"


def test_only_the_hash_is_stored(issued, token):
    link = EditLink.objects.get()
    assert link.token_hash == hash_token(token) and token not in link.token_hash
    assert editlinks.resolve_edit_token(token).pk == link.pk


@pytest.mark.parametrize("bad", ["", "x", "no-such-token", "a" * 500])
def test_unknown_tokens_are_refused(client, issued, bad):
    with pytest.raises(editlinks.UnknownEditLink):
        editlinks.resolve_edit_token(bad)
    if bad:
        response = client.get(edit_url(bad))
        assert response.status_code == 404
        assert "token" not in response.content.decode().split("<main")[1]


def test_expired_and_revoked_links_are_refused(client, issued, token, lab):
    EditLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(edit_url(token)).status_code == 410
    EditLink.objects.update(expires_at=timezone.now() + timedelta(days=1))
    assert client.get(edit_url(token)).status_code == 200
    editlinks.revoke_edit_link(EditLink.objects.get())
    response = client.get(edit_url(token, "profiel/"))
    assert response.status_code == 410


def test_a_new_link_revokes_the_old_one(client, lab, token):
    newer = editlinks.issue_edit_link(lab)
    assert client.get(edit_url(token)).status_code == 410
    assert client.get(edit_url(newer.token)).status_code == 200


def test_a_link_edits_only_its_own_lab(client, token, other_lab):
    from datalab_monitor.labpages import changes
    from datalab_monitor.labpages.models import Project

    theirs = changes.save_project(
        other_lab,
        {"title_nl": "Van een ander lab"},
        changes.Author("test"),
    ).project
    response = client.post(
        edit_url(token, f"projecten/{theirs.pk}/"), {"title_nl": "Gekaapt", "status": "running"}
    )
    assert response.status_code == 404
    assert Project.objects.get(pk=theirs.pk).title_nl == "Van een ander lab"


def test_edit_pages_are_private(client, token):
    response = client.get(edit_url(token))
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"


def test_tokens_are_not_logged(client, token, caplog, lab):
    caplog.set_level("DEBUG")
    client.get(edit_url(token))
    client.post(edit_url(token, "profiel/"), {"website": "not a url"})
    client.get(edit_url("unknown-token-abc"))
    client.get(edit_url(token, "projecten/999999/"))
    assert caplog.text  # the 4xx responses were logged ...
    assert token not in caplog.text and "unknown-token-abc" not in caplog.text  # ... redacted
    assert "/bewerken/[token]/" in caplog.text


def test_requesting_a_link_mails_the_registered_address(client, lab, caplog):
    cache.clear()
    caplog.set_level("DEBUG")
    response = client.post(f"/datalabs/{lab.slug}/bewerklink/")
    assert response.status_code == 200
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [lab.contact_email]
    path = next(line for line in mail.outbox[0].body.split() if "/datalabs/bewerken/" in line)
    token = path.rstrip("/").rsplit("/", 1)[-1]
    assert client.get(edit_url(token)).status_code == 200
    assert EditLink.objects.get().requested_on_site
    assert token not in caplog.text and lab.contact_email not in caplog.text


def test_the_answer_does_not_tell_whether_an_address_exists(client, lab, other_lab):
    cache.clear()
    other_lab.contact_email = ""
    other_lab.save()
    with_address = client.post(f"/datalabs/{lab.slug}/bewerklink/")
    without = client.post(f"/datalabs/{other_lab.slug}/bewerklink/")
    assert with_address.status_code == without.status_code == 200

    def body(response, one):
        html = response.content.decode().split("<main")[1].split("</main>")[0]
        return html.replace(one.name, "LAB").replace(f"/datalabs/{one.slug}/", "/datalabs/X/")

    assert body(with_address, lab) == body(without, other_lab)
    assert len(mail.outbox) == 1


def test_the_mail_goes_out_after_the_answer(rf, lab, caplog):
    """Its time (an SMTP round trip) must not show whether the lab has an address."""
    from unittest import mock

    from django.contrib.sessions.backends.cache import SessionStore

    from datalab_monitor.labpages.views_edit import request_edit_link

    def close(response):
        """What the WSGI server does once it has written the answer (as Django's test client
        does it: without closing the test's database connection)."""
        from django.core.signals import request_finished
        from django.db import close_old_connections

        request_finished.disconnect(close_old_connections)
        try:
            response.close()
        finally:
            request_finished.connect(close_old_connections)

    def answer():
        request = rf.post(f"/datalabs/{lab.slug}/bewerklink/")
        request.session = SessionStore()
        request._dont_enforce_csrf_checks = True
        return request_edit_link(request, lab.slug)

    cache.clear()
    response = answer()
    assert response.status_code == 200 and mail.outbox == []  # answered, nothing sent yet
    close(response)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [lab.contact_email]

    broken = answer()
    caplog.set_level("ERROR")
    refused = OSError(f"recipient refused: {lab.contact_email}")
    with mock.patch("datalab_monitor.labpages.views_edit.send_edit_link", side_effect=refused):
        close(broken)  # a failing mail server is logged, not raised into the server
    assert "e-mailing an edit link (OSError)" in caplog.text
    assert lab.contact_email not in caplog.text
    assert len(mail.outbox) == 1


def test_requests_are_rate_limited_per_lab_and_per_client(client, lab, other_lab):
    cache.clear()
    codes = [client.post(f"/datalabs/{lab.slug}/bewerklink/").status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]
    assert len(mail.outbox) == 3
    cache.clear()
    codes = [
        client.post(f"/datalabs/{slug}/bewerklink/").status_code
        for slug in [lab.slug, other_lab.slug] * 4
    ]
    assert codes.count(200) == 5 and codes[-1] == 429


def test_a_researcher_issues_a_link_in_the_admin(admin_client, lab):
    page = admin_client.post("/admin/labpages/editlink/issue/", {"lab": lab.pk})
    html = page.content.decode()
    assert page.status_code == 200 and "/datalabs/bewerken/" in html
    token = html.split("/datalabs/bewerken/")[1].split("/")[0]
    assert editlinks.resolve_edit_token(token).issued_by.is_superuser
    assert not LabProfile.objects.exists()


def test_a_request_on_the_site_does_not_cut_off_a_working_link(client, lab, token):
    cache.clear()
    client.post(f"/datalabs/{lab.slug}/bewerklink/")
    assert client.get(edit_url(token)).status_code == 200


def test_guessing_edit_links_is_rate_limited_while_a_real_link_works(client, token, settings):
    settings.DATALAB_WRONG_LINK_LIMIT = "3/600"
    cache.clear()
    statuses = [client.get(edit_url(f"guess-{n}")).status_code for n in range(5)]
    assert statuses == [404, 404, 404, 429, 429]
    refused = client.get(edit_url("guess-5"))
    assert int(refused["Retry-After"]) > 0
    assert client.get(edit_url(token)).status_code == 200  # the coordinator's own link still works
