"""Two colleagues fill in one lab's form at once: per-question merging, conflicts, no GET writes."""

from __future__ import annotations

import re
import threading

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from datalab_monitor.inventory import conflicts, services
from datalab_monitor.inventory.models import Invitation, Response, ResponseRevision
from datalab_monitor.inventory.monitor import lab_stages
from datalab_monitor.questionnaire import load_version
from datalab_monitor.registry.models import Datalab

from .helpers import COMPLETE_2019, open_wave, token_for
from .test_load_short import load

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


@pytest.fixture
def lab(register):
    return Datalab.objects.order_by("number").first()


@pytest.fixture
def wave(lab):
    return open_wave(labs=[lab])


@pytest.fixture
def token(wave, lab):
    return token_for(wave, lab)


def page_url(token: str, page: str) -> str:
    return reverse("inventory:form-page", args=[token, page])


class Colleague:
    """A colleague's browser (no JavaScript): opens a page, later posts what it holds, changed."""

    def __init__(self, token: str):
        self.token = token
        self.client = Client()
        self.fields: list[tuple[str, str]] = []

    def open(self, page: str) -> str:
        html = self.client.get(page_url(self.token, page)).content.decode()
        self.fields = load.form_fields(html)
        return html

    def save(self, page: str, data: dict, action: str = "save"):
        """Post the page as it was shown, with the fields in ``data`` changed."""
        kept = [(name, value) for name, value in self.fields if name not in data]
        changed = [
            (name, item)
            for name, value in data.items()
            for item in (value if isinstance(value, list) else [value])
        ]
        body: dict[str, list[str]] = {}
        for name, value in [*kept, *changed, ("action", action)]:
            body.setdefault(name, []).append(value)
        response = self.client.post(page_url(self.token, page), body)
        if response.status_code != 302:
            self.fields = load.form_fields(response.content.decode())
        return response


def stored(wave, lab) -> dict:
    return Response.objects.get(wave=wave, lab=lab).answers


def write_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]


# --- no database write on a GET -------------------------------------------------------------


def test_a_get_of_any_form_page_writes_nothing(client, token, wave, lab):
    urls = [reverse("inventory:form-start", args=[token])]
    urls += [page_url(token, page.code) for page in wave.questionnaire().pages]
    urls.append(reverse("inventory:form-review", args=[token]))
    for url in urls:  # the very first visit of a fresh link included
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert write_queries(queries) == [], url
    services.save_response(services.response_for(wave, lab)[0], COMPLETE_2019, 0, "t", submit=True)
    for url in [*urls, reverse("inventory:form-done", args=[token])]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert write_queries(queries) == [], url
    assert Invitation.objects.get(wave=wave, lab=lab).first_opened_at is None


def test_opened_comes_from_the_start_button_and_from_saves(client, token, wave, lab):
    assert [s.stage for s in lab_stages(wave)] == ["invited"]
    client.get(reverse("inventory:form-start", args=[token]))
    assert [s.stage for s in lab_stages(wave)] == ["invited"]  # a look is not recorded
    response = client.post(reverse("inventory:form-start", args=[token]))
    assert response["Location"] == page_url(token, "lab")
    invitation = Invitation.objects.get(wave=wave, lab=lab)
    assert invitation.first_opened_at is not None and invitation.last_opened_at is not None
    assert [s.stage for s in lab_stages(wave)] == ["opened"]
    # Within the resolution step a second Start writes nothing.
    with CaptureQueriesContext(connection) as queries:
        client.post(reverse("inventory:form-start", args=[token]))
    assert write_queries(queries) == []


def test_a_save_without_start_marks_the_link_opened(token, wave, lab):
    browser = Colleague(token)
    browser.open("lab")
    assert browser.save("lab", {"projects": "2"}).status_code == 302
    assert Invitation.objects.get(wave=wave, lab=lab).first_opened_at is not None


# --- per-question merging -------------------------------------------------------------------


def test_colleagues_saving_different_pages_both_succeed(token, wave, lab):
    anna, bert = Colleague(token), Colleague(token)
    anna.open("lab")
    bert.open("staff")
    assert anna.save("lab", {"projects": "4", "start_year": "2018"}).status_code == 302
    assert bert.save("staff", {"fte_own": "1,5"}).status_code == 302
    assert stored(wave, lab) == {"projects": 4, "start_year": 2018, "fte_own": 1.5}


def test_colleagues_saving_different_questions_of_one_page_both_succeed(token, wave, lab):
    anna, bert = Colleague(token), Colleague(token)
    anna.open("lab")
    bert.open("lab")
    assert anna.save("lab", {"projects": "4"}).status_code == 302
    anna.open("lab")  # back on the page after saving (before Bert saves)
    # Bert leaves "projects" as he loaded it (empty) and fills in the start year.
    assert bert.save("lab", {"start_year": "2019", "driven_by": "demand"}).status_code == 302
    assert stored(wave, lab) == {"projects": 4, "start_year": 2019, "driven_by": "demand"}
    # Anna saves again from a page loaded before Bert's save: his answers are not reverted.
    assert anna.save("lab", {"projects": "5"}).status_code == 302
    assert stored(wave, lab) == {"projects": 5, "start_year": 2019, "driven_by": "demand"}


def test_the_same_change_by_both_is_no_conflict(token, wave, lab):
    anna, bert = Colleague(token), Colleague(token)
    anna.open("collaboration")
    bert.open("collaboration")
    anna.save("collaboration", {"partners": ["cbs", "other"], "partners.other": "Politie"})
    response = bert.save(
        "collaboration", {"partners": ["other", "cbs"], "partners.other": "Politie"}
    )
    assert response.status_code == 302
    assert stored(wave, lab) == {"partners": ["cbs", "other"], "partners.other": "Politie"}


def test_the_same_question_conflicts_showing_both_answers_and_choosing_resolves_it(
    token, wave, lab
):
    anna, bert = Colleague(token), Colleague(token)
    anna.open("lab")
    bert.open("lab")
    anna.save("lab", {"projects": "4", "lab_name": "Anna's lab"})
    response = bert.save("lab", {"projects": "9", "start_year": "2020"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Uw wijzigingen zijn nog niet opgeslagen" in html
    assert re.search(r'dm-conflict__theirs">4<', html) and re.search(r'dm-conflict__mine">9<', html)
    assert 'name="choice.projects" value="theirs"' in html
    assert 'value="2020"' in html  # Bert's other change is still filled in
    assert 'value="Anna&#x27;s lab"' in html  # and Anna's answer shows where Bert left it alone
    assert stored(wave, lab) == {"projects": 4, "lab_name": "Anna's lab"}  # nothing stored
    revisions = ResponseRevision.objects.filter(response__wave=wave).count()

    # No choice made: still a conflict, nothing stored.
    response = bert.save("lab", {})
    assert (
        response.status_code == 409
        and "Kies een van de twee antwoorden" in response.content.decode()
    )
    assert ResponseRevision.objects.filter(response__wave=wave).count() == revisions

    response = bert.save("lab", {"choice.projects": "mine"})
    assert response.status_code == 302
    assert stored(wave, lab) == {"projects": 9, "lab_name": "Anna's lab", "start_year": 2020}


def test_choosing_the_stored_answer_keeps_it(token, wave, lab):
    anna, bert = Colleague(token), Colleague(token)
    anna.open("lab")
    bert.open("lab")
    anna.save("lab", {"projects": "4"})
    assert bert.save("lab", {"projects": "9"}).status_code == 409
    assert bert.save("lab", {"choice.projects": "theirs"}).status_code == 302
    assert stored(wave, lab) == {"projects": 4}


def test_a_conflict_resolved_against_a_newer_change_conflicts_again(token, wave, lab):
    anna, bert = Colleague(token), Colleague(token)
    anna.open("lab")
    bert.open("lab")
    anna.save("lab", {"projects": "4"})
    assert bert.save("lab", {"projects": "9"}).status_code == 409
    anna.open("lab")
    anna.save("lab", {"projects": "6"})
    assert bert.save("lab", {"choice.projects": "mine"}).status_code == 409
    assert stored(wave, lab) == {"projects": 6}


def test_a_second_tab_without_fingerprints_falls_back_to_the_version(client, token, wave, lab):
    html = client.get(page_url(token, "lab")).content.decode()
    version = int(re.search(r'name="version" value="(\d+)"', html).group(1))
    Colleague(token).save("lab", {"projects": "3"})
    response = client.post(page_url(token, "lab"), {"projects": "99", "version": version})
    assert response.status_code == 409
    assert stored(wave, lab) == {"projects": 3}


def test_submit_after_concurrent_edits_submits_the_merged_answers(token, wave, lab):
    anna, bert = Colleague(token), Colleague(token)
    pages = {
        "lab": {"start_year": "2017"},
        "collaboration": {"partners": COMPLETE_2019["partners"]},
        "work": {"analysis_types": ["descriptive"], "domains": ["social"]},
        "staff": {"fte_own": "0,5"},
        "resources": {"funding": ["none"]},
        "improvement": {"improvements": ["staff"]},
    }
    for page in pages:  # both open every page first, then save alternately
        anna.open(page) if list(pages).index(page) % 2 == 0 else bert.open(page)
    for index, (page, data) in enumerate(pages.items()):
        who = anna if index % 2 == 0 else bert
        assert who.save(page, data).status_code == 302
    review = reverse("inventory:form-review", args=[token])
    html = anna.client.get(review).content.decode()
    version = re.search(r'name="version" value="(\d+)"', html).group(1)
    bert.open("lab")
    bert.save("lab", {"start_year": "2016"})  # after Anna opened the overview
    response = anna.client.post(review, {"version": version})
    assert response.status_code == 302
    response = stored_response = Response.objects.get(wave=wave, lab=lab)
    assert stored_response.status == "submitted" and stored_response.answers["start_year"] == 2016
    done = anna.client.get(reverse("inventory:form-done", args=[token])).content.decode()
    assert "door iemand anders" in done or "somewhere else" in done
    del response


def test_every_save_keeps_a_revision_with_its_author(token, wave, lab):
    anna, bert = Colleague(token), Colleague(token)
    anna.open("lab")
    bert.open("staff")
    anna.save("lab", {"projects": "1"})
    bert.save("staff", {"fte_own": "2"})
    anna.open("lab")
    anna.save("lab", {"projects": "1"})  # unchanged: nothing written
    revisions = list(ResponseRevision.objects.filter(response__wave=wave).order_by("version"))
    assert [(r.version, r.answers) for r in revisions] == [
        (1, {"projects": 1}),
        (2, {"projects": 1, "fte_own": 2.0}),
    ]
    assert all(r.changed_by.endswith(str(lab.number)) for r in revisions)


def test_conditions_are_judged_on_the_merged_answers(token, wave, lab):
    anna, bert = Colleague(token), Colleague(token)
    anna.open("method")
    bert.open("method")
    anna.save("method", {"working_method": "agile", "method_known": "yes"})
    # Bert only ticks a privacy measure; he leaves the way of working alone.
    assert bert.save("method", {"privacy_measures": ["dpia"]}).status_code == 302
    assert stored(wave, lab) == {
        "working_method": "agile",
        "method_known": "yes",
        "privacy_measures": ["dpia"],
    }
    # Anna clears the way of working: the dependent answer goes with it, as for one user.
    anna.open("method")
    anna.save("method", {"working_method": []})
    assert stored(wave, lab) == {"privacy_measures": ["dpia"]}


def test_a_submitted_response_stays_complete_under_merging(token, wave, lab):
    response, _ = services.response_for(wave, lab)
    services.save_response(response, COMPLETE_2019, 0, "t", submit=True)
    anna = Colleague(token)
    anna.open("collaboration")
    answer = anna.save("collaboration", {"partners": []})
    assert answer.status_code == 200 and "Deze vraag is verplicht" in answer.content.decode()
    assert stored(wave, lab)["partners"] == ["cbs", "universities"]


@pytest.mark.django_db(transaction=True)
def test_parallel_saves_of_different_questions_lose_nothing(register):
    if connection.vendor == "sqlite":  # the in-memory test database locks whole tables
        pytest.skip("threads need a file database: the short load test covers SQLite")
    lab = Datalab.objects.order_by("number").first()
    wave = open_wave(labs=[lab])
    token = token_for(wave, lab)
    questions = ["lab_name", "start_year", "projects"]
    values = {"lab_name": "Lab {}", "start_year": "{}", "projects": "{}"}
    browsers = [Colleague(token) for _ in questions]
    for browser in browsers:
        browser.open("lab")
    errors: list[BaseException] = []

    def work(browser: Colleague, question: str) -> None:
        try:
            for round_ in range(2020, 2026):
                browser.open("lab")
                value = values[question].format(round_ - 2000 * (question == "projects"))
                answer = browser.save("lab", {question: value})
                assert answer.status_code == 302, answer.content.decode()[-3000:]
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=work, args=pair) for pair in zip(browsers, questions, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    assert stored(wave, lab) == {"lab_name": "Lab 2025", "start_year": 2025, "projects": 25}
    response = Response.objects.get(wave=wave, lab=lab)
    versions = sorted(response.revisions.values_list("version", flat=True))
    assert versions == list(range(1, response.version + 1))


# --- the merge rule itself (plain Python) ---------------------------------------------------


def _page():
    return load_version("2019").page("lab")


def test_merge_rule_per_question():
    page = _page()
    loaded = {"projects": 1, "start_year": 2017}
    base = conflicts.page_fingerprints(page, loaded)
    theirs = {"projects": 2, "start_year": 2017}  # a colleague changed projects
    mine, errors = conflicts.clean_page(page, {"projects": "1", "start_year": "2018"})
    assert not errors
    merged, found = conflicts.merge_page(page, theirs, base, mine)
    assert found == [] and merged == {"projects": 2, "start_year": 2018}
    mine, _ = conflicts.clean_page(page, {"projects": "3", "start_year": "2017"})
    merged, found = conflicts.merge_page(page, theirs, base, mine)
    assert [c.code for c in found] == ["projects"]
    assert found[0].theirs == (2, None) and found[0].mine == (3, None)


def test_an_error_on_another_page_is_named_and_linked(token, wave, lab):
    response, _ = services.response_for(wave, lab)
    saved = services.save_response(response, COMPLETE_2019, 0, "t", submit=True)
    broken = {k: v for k, v in saved.answers.items() if k != "partners"}  # e.g. an admin edit
    Response.objects.filter(pk=saved.pk).update(answers=broken)
    anna = Colleague(token)
    anna.open("lab")
    answer = anna.save("lab", {"projects": "3"})
    html = answer.content.decode()
    assert answer.status_code == 200 and "Er is een probleem" in html
    assert f'href="{page_url(token, "collaboration")}#q-partners"' in html
    assert stored(wave, lab) == broken


VALUES = [None, 1, 2, 3]


@settings(max_examples=300, deadline=None)
@given(
    loaded=st.fixed_dictionaries({c: st.sampled_from(VALUES) for c in ("projects", "lab_name")}),
    theirs=st.fixed_dictionaries({c: st.sampled_from(VALUES) for c in ("projects", "lab_name")}),
    mine=st.fixed_dictionaries({c: st.sampled_from(VALUES) for c in ("projects", "lab_name")}),
)
def test_merging_never_loses_or_silently_overwrites(loaded, theirs, mine):
    """Per question: stored = theirs unless I changed it; overwriting theirs needs my having
    seen it; a conflict only when both changed it to different answers."""
    page = _page()

    def answers(values):  # as stored: numbers as numbers, text as text
        return {
            code: value if code == "projects" else str(value)
            for code, value in values.items()
            if value is not None
        }

    def as_text(values):
        return {code: "" if value is None else str(value) for code, value in values.items()}

    base = conflicts.page_fingerprints(page, answers(loaded))
    cleaned, errors = conflicts.clean_page(page, as_text(mine))
    assert not errors
    merged, found = conflicts.merge_page(page, answers(theirs), base, cleaned)
    conflicting = {c.code for c in found}
    for code in ("projects", "lab_name"):
        result = merged.get(code)
        i_changed, they_changed = mine[code] != loaded[code], theirs[code] != loaded[code]
        if i_changed and they_changed and mine[code] != theirs[code]:
            assert code in conflicting
        else:
            assert code not in conflicting
            want = mine[code] if i_changed else theirs[code]
            got = None if result is None else (result if code == "projects" else int(result))
            assert got == want, code
