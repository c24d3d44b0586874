"""The service layer: invitations, tokens, saving with optimistic locking, revisions, pre-fill."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from datalab_monitor.core.tokens import hash_token
from datalab_monitor.inventory import services
from datalab_monitor.inventory.models import Invitation, Response, ResponseRevision
from datalab_monitor.registry.models import Datalab

from .helpers import COMPLETE_2019, open_wave, token_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def labs(register):
    return list(Datalab.objects.order_by("number")[:3])


def test_create_wave_invites_every_active_lab_by_default(register):
    wave = services.create_wave(
        year=2026, slug="all-labs", title_nl="Alle labs", questionnaire_version="2026"
    )
    active = Datalab.objects.filter(status=Datalab.Status.ACTIVE).count()
    assert wave.invited_labs.count() == active > 0
    assert wave.status == "draft" and not wave.accepts_answers()


def test_create_wave_refuses_an_unknown_questionnaire_version(register):
    from datalab_monitor.questionnaire import QuestionnaireError

    with pytest.raises(QuestionnaireError, match="'1999' does not exist"):
        services.create_wave(year=2026, slug="x", title_nl="X", questionnaire_version="1999")


def test_issuing_stores_only_the_hash_and_expires_at_the_end_of_the_close_date(labs):
    wave = open_wave(labs=labs)
    issued = services.issue_invitations(wave)
    assert len(issued) == 3 and len({item.token for item in issued}) == 3
    for item in issued:
        stored = Invitation.objects.get(pk=item.invitation.pk)
        assert stored.token_hash == hash_token(item.token)
        assert item.token not in stored.token_hash
        local_expiry = timezone.localtime(stored.expires_at)
        assert local_expiry.date() == wave.closes_on + timedelta(days=1)
        assert (local_expiry.hour, local_expiry.minute) == (0, 0)


def test_tokens_resolve_to_their_own_invitation_and_mark_it_opened(labs):
    wave = open_wave(labs=labs)
    issued = services.issue_invitations(wave)
    for item in issued:
        invitation = services.resolve_token(item.token)
        assert invitation.lab == item.lab and invitation.wave == wave
        assert invitation.first_opened_at is not None


@pytest.mark.parametrize("token", ["", "nope", "x" * 500])
def test_unknown_tokens_are_refused(labs, token):
    with pytest.raises(services.UnknownInvitation):
        services.resolve_token(token)


def test_reissuing_revokes_the_old_link_but_keeps_the_answers(labs):
    wave = open_wave(labs=labs)
    old = services.issue_invitations(wave, [labs[0]])[0]
    response, _ = services.response_for(wave, labs[0])
    services.save_response(response, {"projects": "4"}, 0, "test")
    new = services.reissue_invitation(old.invitation)
    with pytest.raises(services.RevokedInvitation):
        services.resolve_token(old.token)
    assert services.resolve_token(new.token).lab == labs[0]
    assert services.response_for(wave, labs[0])[0].answers == {"projects": 4}


def test_revoked_and_expired_links_say_so(labs):
    wave = open_wave(labs=labs)
    issued = services.issue_invitations(wave)
    services.revoke_invitation(issued[0].invitation)
    with pytest.raises(services.RevokedInvitation) as revoked:
        services.resolve_token(issued[0].token)
    assert revoked.value.status == 410
    later = issued[1].invitation.expires_at + timedelta(seconds=1)
    with pytest.raises(services.ExpiredInvitation) as expired:
        services.resolve_token(issued[1].token, now=later)
    assert expired.value.status == 410


def test_a_token_is_bound_to_its_own_lab_and_wave(labs):
    wave_a = open_wave("wave-a", labs=labs)
    wave_b = open_wave("wave-b", labs=labs)
    token_a = token_for(wave_a, labs[0])
    token_b = token_for(wave_b, labs[1])
    invitation = services.resolve_token(token_a)
    assert (invitation.wave, invitation.lab) == (wave_a, labs[0])
    invitation = services.resolve_token(token_b)
    assert (invitation.wave, invitation.lab) == (wave_b, labs[1])


def test_save_bumps_the_version_and_writes_a_revision(labs):
    wave = open_wave(labs=labs)
    response, _ = services.response_for(wave, labs[0])
    assert response.pk is None and response.version == 0
    saved = services.save_response(response, {"fte_own": "0,5"}, 0, "lab link")
    assert (saved.version, saved.status, saved.answers) == (1, "draft", {"fte_own": 0.5})
    saved = services.save_response(saved, {"fte_own": "1"}, 1, "lab link")
    assert saved.version == 2
    revisions = list(ResponseRevision.objects.filter(response=saved).order_by("version"))
    assert [(r.version, r.answers) for r in revisions] == [
        (1, {"fte_own": 0.5}),
        (2, {"fte_own": 1.0}),
    ]
    assert revisions[0].changed_by == "lab link"


def test_a_stale_save_is_refused_and_nothing_is_overwritten(labs):
    wave = open_wave(labs=labs)
    response, _ = services.response_for(wave, labs[0])
    first_tab = services.save_response(response, {"projects": "3"}, 0, "tab 1")
    services.save_response(first_tab, {"projects": "5"}, 1, "tab 1")
    with pytest.raises(services.StaleResponseError) as stale:
        services.save_response(first_tab, {"projects": "9"}, 1, "tab 2")
    assert (stale.value.expected, stale.value.current) == (1, 2)
    stored = Response.objects.get(wave=wave, lab=labs[0])
    assert stored.answers == {"projects": 5} and stored.version == 2
    assert stored.revisions.count() == 2


def test_two_new_responses_for_the_same_lab_cannot_both_be_created(labs):
    wave = open_wave(labs=labs)
    tab1, _ = services.response_for(wave, labs[0])
    tab2, _ = services.response_for(wave, labs[0])
    services.save_response(tab1, {"projects": "1"}, 0, "tab 1")
    with pytest.raises(services.StaleResponseError):
        services.save_response(tab2, {"projects": "2"}, 0, "tab 2")
    assert Response.objects.get(wave=wave, lab=labs[0]).answers == {"projects": 1}


def test_invalid_answers_are_never_stored(labs):
    wave = open_wave(labs=labs)
    response, _ = services.response_for(wave, labs[0])
    saved = services.save_response(response, {"projects": "2"}, 0, "t")
    with pytest.raises(services.ResponseValidationError) as invalid:
        services.save_response(saved, {"projects": "2", "fte_own": "-3"}, 1, "t")
    assert invalid.value.errors == {"fte_own": "Enter a number of at least 0."}
    stored = Response.objects.get(pk=saved.pk)
    assert stored.answers == {"projects": 2} and stored.version == 1


def test_submit_needs_complete_answers_and_marks_the_invitation(labs):
    wave = open_wave(labs=labs)
    token = token_for(wave, labs[0])
    response, _ = services.response_for(wave, labs[0])
    draft = services.save_response(response, {"projects": "2"}, 0, "t")
    with pytest.raises(services.ResponseValidationError) as incomplete:
        services.save_response(draft, draft.answers, 1, "t", submit=True)
    assert incomplete.value.errors["partners"] == "This question is required."
    submitted = services.save_response(draft, COMPLETE_2019, 1, "t", submit=True)
    assert submitted.status == "submitted" and submitted.submitted_at is not None
    assert services.resolve_token(token).submitted_at is not None
    # Changing a submitted response keeps it complete: it is validated in full.
    with pytest.raises(services.ResponseValidationError):
        services.save_response(submitted, {**COMPLETE_2019, "partners": []}, 2, "t")


def test_prefill_comes_from_the_previous_wave_mapped_to_the_new_version(labs):
    old_wave = open_wave("old-2019", version="2019", labs=labs)
    response, _ = services.response_for(old_wave, labs[0])
    services.save_response(
        response,
        {**COMPLETE_2019, "data_sources": ["kadaster", "cbs"], "partners": ["society"]},
        0,
        "t",
        submit=True,
    )
    new_wave = open_wave("new-2026", version="2026", labs=labs, previous_wave=old_wave)
    draft, prefill = services.response_for(new_wave, labs[0])
    assert draft.pk is None and prefill is not None and prefill.wave == old_wave
    assert draft.answers["fte_dedicated"] == 0.5  # renamed question
    assert draft.answers["data_sources"] == ["base_registries", "cbs"]  # merged option
    assert draft.answers["partners"] == ["civil_society"]  # renamed option
    assert draft.answers["domains"] == ["social"]  # the split "spatial" is left to the lab
    assert "domains" in prefill.check
    # Another lab without an earlier response gets an empty form.
    other, none = services.response_for(new_wave, labs[1])
    assert other.answers == {} and none is None
