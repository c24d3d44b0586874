"""The questionnaire form for lab coordinators, opened with their personal link.

Every page is saved on the server when the coordinator presses Previous, Save or Next, so
closing the browser loses nothing. Two colleagues (or two tabs) may fill in at once: a page
carries, per question, a fingerprint of the answer it was loaded with, and a save is merged into
the stored answers per question (``conflicts``, ``saving``). Only a question that someone else
changed after the page was loaded, and that this user changed too, is refused (409): the page
then shows both answers and the user chooses. A GET never writes to the database; the monitor's
"opened" comes from the Start button and from saves. A token opens only its own lab's response
for its own wave.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from datalab_monitor.core.ratelimit import RateLimit
from datalab_monitor.core.translated import current_language
from datalab_monitor.questionnaire.schema import Page, Questionnaire, QuestionType, other_key

from .conflicts import (
    Answer,
    Conflict,
    answer_of,
    clean_page,
    fingerprint,
    page_fingerprints,
    put_answer,
)
from .formfields import build_fields, posted_answers
from .messages import translate_error
from .models import Invitation, Response
from .saving import AnswerConflict, SaveBusyError, mark_opened, save_page, submit_response
from .services import (
    InvitationError,
    Prefill,
    ResponseValidationError,
    resolve_token,
    response_for,
)

ACTIONS = ("previous", "save", "next")
# Unknown links per client address (valid links are never counted nor refused).
WRONG_LINKS = RateLimit("wrong-invitation-link", setting="DATALAB_WRONG_LINK_LIMIT")


def _no_referrer(response: HttpResponse) -> HttpResponse:
    """The link is a secret: never send it to other sites as a referrer, nor let it be indexed."""
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def invitation_error_page(request: HttpRequest, error: InvitationError) -> HttpResponse:
    titles = {
        "unknown": _("This link is not known"),
        "expired": _("This link has expired"),
        "revoked": _("This link is no longer valid"),
    }
    texts = {
        "unknown": _(
            "We cannot find an invitation for this link. Check that you copied the whole link "
            "from the e-mail, or ask the researchers for a new one."
        ),
        "expired": _(
            "The period to fill in this questionnaire has ended. If you still want to take part, "
            "ask the researchers for a new link."
        ),
        "revoked": _(
            "A newer link was sent for your data lab, or the researchers withdrew this one. Use "
            "the newest link you received; answers you saved before are kept."
        ),
    }
    return _no_referrer(
        render(
            request,
            "inventory/form/link_error.html",
            {"title": titles[error.reason], "text": texts[error.reason], "reason": error.reason},
            status=error.status,
        )
    )


@dataclass
class FormContext:
    token: str
    invitation: Invitation
    questionnaire: Questionnaire
    response: Response
    prefill: Prefill | None
    language: str

    @property
    def wave(self):
        return self.invitation.wave

    @property
    def lab(self):
        return self.invitation.lab

    def page_url(self, page: Page) -> str:
        return reverse("inventory:form-page", args=[self.token, page.code])

    @property
    def review_url(self) -> str:
        return reverse("inventory:form-review", args=[self.token])

    @property
    def start_url(self) -> str:
        return reverse("inventory:form-start", args=[self.token])

    def base(self, **extra: Any) -> dict[str, Any]:
        pages = self.questionnaire.pages
        return {
            "token": self.token,
            "wave": self.wave,
            "lab": self.lab,
            "response": self.response,
            "prefill": self.prefill if self.response.version == 0 else None,
            "prefill_check": [
                self.questionnaire.question(code).label.get(self.language)
                for code in (self.prefill.check if self.prefill else [])
            ],
            "questionnaire_title": self.questionnaire.title.get(self.language),
            "steps": [
                {"code": p.code, "title": p.title.get(self.language), "url": self.page_url(p)}
                for p in pages
            ],
            "review_url": self.review_url,
            "start_url": self.start_url,
            "closes_on": self.wave.closes_on,
            **extra,
        }


def load_form(request: HttpRequest, token: str) -> FormContext | HttpResponse:
    try:
        invitation = resolve_token(token, mark_opened=False)  # a GET never writes
    except InvitationError as error:
        if error.reason == "unknown" and (refusal := WRONG_LINKS.fail(request)) is not None:
            return _no_referrer(refusal)  # too many unknown links from this client: 429
        return invitation_error_page(request, error)
    wave = invitation.wave
    language = current_language()
    response, prefill = response_for(wave, invitation.lab)
    context = FormContext(token, invitation, wave.questionnaire(), response, prefill, language)
    if not wave.accepts_answers():
        return _no_referrer(
            render(
                request,
                "inventory/form/closed.html",
                context.base(
                    summary_entries=[
                        {"page": page, "url": ""}
                        for page in answer_summary(
                            context.questionnaire, response.answers, language
                        )
                    ],
                    today=timezone.localdate(),
                ),
                status=403,
            )
        )
    return context


def changed_by(invitation: Invitation) -> str:
    return f"invitation link of lab {invitation.lab.number}"


@never_cache
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, token: str) -> HttpResponse:
    form = load_form(request, token)
    if isinstance(form, HttpResponse):
        return form
    first_url = form.page_url(form.questionnaire.pages[0])
    if request.method == "POST":  # the Start button: the link was opened (for the monitor)
        mark_opened(form.invitation)
        return redirect(first_url)
    intro = form.questionnaire.intro
    return _no_referrer(
        render(
            request,
            "inventory/form/start.html",
            form.base(intro=intro.get(form.language) if intro else "", first_url=first_url),
        )
    )


@dataclass
class ConflictView:
    """A conflicting question as the page shows it: both answers, and the user's choice."""

    code: str
    label: str
    theirs: str
    mine: str
    hidden: list[tuple[str, str]]  # the user's answer, carried until they choose
    missing_choice: bool = False


@dataclass
class FieldRow:
    field: Any
    conflict: ConflictView | None = None


def _as_answers(question, answer: Answer) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    put_answer(answers, question, answer)
    return answers


def _conflict_view(conflict: Conflict, language: str, missing_choice: bool) -> ConflictView:
    question = conflict.question
    value, other = conflict.mine
    values = value if isinstance(value, list) else [] if value is None else [value]
    hidden = [(question.code, str(item)) for item in values]
    if other is not None:
        hidden.append((other_key(question.code), str(other)))
    empty = _("(no answer)")
    return ConflictView(
        code=question.code,
        label=question.label.get(language),
        theirs=format_answer(question, _as_answers(question, conflict.theirs), language) or empty,
        mine=format_answer(question, _as_answers(question, conflict.mine), language) or empty,
        hidden=hidden,
        missing_choice=missing_choice,
    )


def _page_response(
    form: FormContext,
    request,
    page: Page,
    answers,
    errors,
    status=200,
    *,
    loaded: dict[str, str] | None = None,
    conflicts: list[Conflict] = (),
    missing_choice: set[str] = frozenset(),
    **extra,
):
    pages = list(form.questionnaire.pages)
    index = pages.index(page)
    fields = build_fields(form.questionnaire, page, answers, errors, form.language)
    by_code = {
        c.code: _conflict_view(c, form.language, c.code in missing_choice) for c in conflicts
    }
    if loaded is None:
        loaded = page_fingerprints(page, form.response.answers)
    return _no_referrer(
        render(
            request,
            "inventory/form/page.html",
            form.base(
                page=page,
                page_title=page.title.get(form.language),
                page_intro=page.intro.get(form.language) if page.intro else "",
                page_number=index + 1,
                page_count=len(pages),
                is_first=index == 0,
                is_last=index == len(pages) - 1,
                fields=fields,
                rows=[FieldRow(f, by_code.get(f.code)) for f in fields],
                conflicts=list(by_code.values()),
                loaded=sorted(loaded.items()),
                errors=_error_links(form, fields, errors),
                version=form.response.version,
                **extra,
            ),
            status=status,
        )
    )


def _error_links(form: FormContext, fields, errors: dict[str, str]) -> list[dict[str, str]]:
    """The error summary: this page's fields, then answers elsewhere the save depends on."""
    links = [
        {"href": f"#{f.first_input_id}", "label": f.label, "error": f.error}
        for f in fields
        if f.error
    ]
    shown = {f.code for f in fields}
    for page in form.questionnaire.pages:
        for question in page.questions:
            if question.code in errors and question.code not in shown:
                links.append(
                    {
                        "href": f"{form.page_url(page)}#q-{question.code}",
                        "label": question.label.get(form.language),
                        "error": translate_error(errors[question.code], question, form.language),
                    }
                )
    return links


def _loaded_base(page: Page, data, response: Response) -> dict[str, str | None]:
    """The fingerprints the page was loaded with; without them, the version decides."""
    try:
        version = int(data.get("version", ""))
    except ValueError:
        version = -1
    current = page_fingerprints(page, response.answers) if version == response.version else {}
    return {q.code: data.get(f"loaded.{q.code}") or current.get(q.code) for q in page.questions}


def _next_url(form: FormContext, page: Page, action: str) -> str:
    pages = list(form.questionnaire.pages)
    index = pages.index(page)
    if action == "next":
        return form.review_url if index == len(pages) - 1 else form.page_url(pages[index + 1])
    if action == "previous" and index > 0:
        return form.page_url(pages[index - 1])
    return form.page_url(page)


@never_cache
@require_http_methods(["GET", "POST"])
def page_view(request: HttpRequest, token: str, page_code: str) -> HttpResponse:
    form = load_form(request, token)
    if isinstance(form, HttpResponse):
        return form
    try:
        page = form.questionnaire.page(page_code)
    except KeyError:
        return redirect(form.start_url)
    if request.method == "GET":
        return _page_response(form, request, page, form.response.answers, {})

    posted = posted_answers(page, request.POST)
    base = _loaded_base(page, request.POST, form.response)
    mine, errors = clean_page(page, posted)
    if errors:
        typed = {**form.response.answers, **posted}
        loaded = {code: value for code, value in base.items() if value}
        return _page_response(form, request, page, typed, errors, loaded=loaded)
    # A conflict shown earlier: "theirs" keeps the stored answer, "mine" stores the posted one.
    missing_choice = set()
    for code in request.POST.getlist("conflict"):
        choice = request.POST.get(f"choice.{code}")
        if choice == "theirs":
            mine.pop(code, None)
        elif choice != "mine" and code in mine:
            missing_choice.add(code)
    try:
        if missing_choice:
            stored = {**form.response.answers}
            raise AnswerConflict(
                [
                    Conflict(q, answer_of(q, stored), mine[q.code])
                    for q in page.questions
                    if q.code in missing_choice
                ],
                stored,
            )
        save_page(form.invitation, page, base, mine, changed_by(form.invitation))
    except AnswerConflict as conflict:
        return _conflict_response(form, request, page, base, mine, conflict, missing_choice)
    except ResponseValidationError as exc:
        typed = {**form.response.answers, **posted}
        loaded = {code: value for code, value in base.items() if value}
        return _page_response(form, request, page, typed, exc.errors, loaded=loaded)
    except SaveBusyError:
        return _page_response(
            form, request, page, {**form.response.answers, **posted}, {}, status=503, busy=True
        )
    messages.success(request, _("Your answers on this page have been saved."))
    return redirect(_next_url(form, page, request.POST.get("action", "save")))


def _conflict_response(form, request, page, base, mine, conflict: AnswerConflict, missing_choice):
    """409: the page as stored now, the user's own changes kept, each conflict to decide."""
    form.response, _prefill = response_for(form.wave, form.lab)
    stored = conflict.stored
    shown = dict(stored)
    for question in page.questions:
        answer = mine.get(question.code)
        if answer is not None and fingerprint(answer) != base.get(question.code):
            put_answer(shown, question, answer)  # the user's own change, not stored yet
    return _page_response(
        form,
        request,
        page,
        shown,
        {},
        status=409,
        loaded=page_fingerprints(page, stored),
        conflicts=conflict.conflicts,
        missing_choice=missing_choice,
        stale=True,
    )


@dataclass
class SummaryItem:
    code: str
    label: str
    answer: str
    error: str = ""


@dataclass
class SummaryPage:
    code: str
    title: str
    items: list[SummaryItem]


def format_answer(question, answers: dict[str, Any], language: str) -> str:
    value = answers.get(question.code)
    if value is None or value == [] or value == "":
        return ""
    if question.type.has_options:
        codes = value if isinstance(value, list) else [value]
        labels = []
        for code in codes:
            option = question.option(str(code))
            label = option.label.get(language) if option else str(code)
            if option and option.other and answers.get(other_key(question.code)):
                label = f"{label}: {answers[other_key(question.code)]}"
            labels.append(label)
        return "; ".join(labels)
    if question.type is QuestionType.DECIMAL:
        return formats.number_format(value, use_l10n=True)
    return str(value)


def answer_summary(
    questionnaire: Questionnaire,
    answers: dict[str, Any],
    language: str,
    errors: dict[str, str] | None = None,
) -> list[SummaryPage]:
    """Every page with its shown questions and the answers in words (for review and staff)."""
    errors = errors or {}
    summary = []
    for page in questionnaire.pages:
        items = [
            SummaryItem(
                code=q.code,
                label=q.label.get(language),
                answer=format_answer(q, answers, language),
                error=translate_error(errors[q.code], q, language) if q.code in errors else "",
            )
            for q in page.questions
            if q.is_shown(answers)
        ]
        summary.append(SummaryPage(page.code, page.title.get(language), items))
    return summary


@never_cache
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, token: str) -> HttpResponse:
    form = load_form(request, token)
    if isinstance(form, HttpResponse):
        return form
    answers = form.response.answers
    _cleaned, errors = form.questionnaire.validate(answers)
    stale = False
    status = 200
    if request.method == "POST":
        try:
            result = submit_response(form.invitation, changed_by(form.invitation))
        except ResponseValidationError as exc:
            form.response, _prefill = response_for(form.wave, form.lab)
            answers = form.response.answers
            errors = exc.errors
        except SaveBusyError:
            stale, status = True, 503
        else:
            if str(result.stored_version_seen) != request.POST.get("version"):
                messages.info(
                    request,
                    _(
                        "Answers were changed somewhere else (for example by a colleague) after "
                        "you opened the overview; they were submitted too. Use “View or change "
                        "your answers” to check them."
                    ),
                )
            return redirect("inventory:form-done", token=token)
    summary = answer_summary(form.questionnaire, answers, form.language, errors)
    error_links = [
        {
            "url": f"{form.page_url(form.questionnaire.page(page.code))}#q-{item.code}",
            **item.__dict__,
        }
        for page in summary
        for item in page.items
        if item.error
    ]
    return _no_referrer(
        render(
            request,
            "inventory/form/review.html",
            form.base(
                summary=[
                    {"page": page, "url": form.page_url(form.questionnaire.page(page.code))}
                    for page in summary
                ],
                error_links=error_links,
                version=form.response.version,
                stale=stale,
                submitted_attempt=request.method == "POST",
            ),
            status=status,
        )
    )


@never_cache
def done(request: HttpRequest, token: str) -> HttpResponse:
    form = load_form(request, token)
    if isinstance(form, HttpResponse):
        return form
    if form.response.status != Response.Status.SUBMITTED:
        return redirect(form.review_url)
    return _no_referrer(render(request, "inventory/form/done.html", form.base()))
