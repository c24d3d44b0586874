"""The coordinator's pages behind an edit link (``/datalabs/bewerken/<token>/...``) and the
page that requests one (``/datalabs/<slug>/bewerklink/``). The token never reaches a log line,
a Referer header or a cache.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from datalab_monitor.core.after_response import after_response
from datalab_monitor.core.ratelimit import RateLimit
from datalab_monitor.registry.models import Datalab

from . import changes, ratelimit
from .editlinks import EditLinkError, resolve_edit_token, send_edit_link
from .forms import ProfileForm, ProjectForm
from .models import ChangeRecord, Project

REQUESTS_PER_CLIENT = 5  # per hour
REQUESTS_PER_LAB = 3  # per hour


def private(response: HttpResponse) -> HttpResponse:
    """No cache keeps the page, no outgoing link carries the token in a Referer header."""
    patch_cache_control(response, private=True, no_store=True)
    response["Referrer-Policy"] = "same-origin"  # no-referrer would send "Origin: null" (CSRF)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# Guessing links: unknown tokens count against the client like wrong invitation links do.
WRONG_EDIT_LINKS = RateLimit("wrong-edit-link", setting="DATALAB_WRONG_LINK_LIMIT")


def with_edit_link(view):
    """Resolve the token into ``request.edit_link``; an unusable link gets a clear page, and a
    client that keeps trying unknown links gets a 429."""

    @wraps(view)
    def wrapped(request: HttpRequest, token: str, *args, **kwargs) -> HttpResponse:
        try:
            link = resolve_edit_token(token)
        except EditLinkError as error:
            if error.reason == "unknown" and (refusal := WRONG_EDIT_LINKS.fail(request)):
                return refusal
            response = render(
                request, "labpages/edit/invalid.html", {"reason": error.reason}, status=error.status
            )
            return private(response)
        request.edit_link = link
        return private(view(request, token, *args, **kwargs))

    return wrapped


def _crumbs(token: str, lab: Datalab, here: str = "") -> list[tuple[str, str]]:
    crumbs = [(reverse("labpages:edit-home", args=[token]), _("Edit %(lab)s") % {"lab": lab.name})]
    if here:
        crumbs.append(("", here))
    return crumbs


def _pending(lab: Datalab) -> int:
    return ChangeRecord.objects.filter(lab=lab, status=ChangeRecord.Status.PENDING).count()


@require_http_methods(["GET"])
@with_edit_link
def edit_home(request: HttpRequest, token: str) -> HttpResponse:
    lab = request.edit_link.lab
    return render(
        request,
        "labpages/edit/home.html",
        {
            "lab": lab,
            "token": token,
            "profile": changes.profile_of(lab),
            "projects": lab.projects.public(),
            "pending": _pending(lab),
            "expires_at": request.edit_link.expires_at,
            "breadcrumbs": _crumbs(token, lab),
        },
    )


def _saved_message(request: HttpRequest, change: ChangeRecord | None) -> None:
    if change is None:
        messages.info(request, _("Nothing changed."))
    elif change.status == ChangeRecord.Status.PENDING:
        messages.success(request, _("Saved. A researcher checks the change before it is public."))
    else:
        messages.success(request, _("Saved. The change is on the public pages."))


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, problems in error.error_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(None, error)


@require_http_methods(["GET", "POST"])
@with_edit_link
def edit_profile(request: HttpRequest, token: str) -> HttpResponse:
    lab = request.edit_link.lab
    profile = changes.profile_of(lab)
    initial = changes.snapshot(profile)
    if profile.pk is None:  # a first profile starts from what the register knows
        register = {name: getattr(lab, name) for name in changes.REGISTER_FIELDS}
        initial.update({k: v for k, v in register.items() if v not in ("", None)})
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            change = changes.change_profile(
                lab, data, changes.Author.coordinator(request.edit_link)
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            _saved_message(request, change)
            return redirect("labpages:edit-home", token=token)
    return render(
        request,
        "labpages/edit/profile.html",
        {
            "lab": lab,
            "token": token,
            "form": form,
            "breadcrumbs": _crumbs(token, lab, _("Profile")),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@with_edit_link
def edit_project(request: HttpRequest, token: str, pk: int | None = None) -> HttpResponse:
    lab = request.edit_link.lab
    project = None
    if pk is not None:
        project = get_object_or_404(Project.objects.public(), pk=pk, lab=lab)
    initial = changes.snapshot(project) if project else {"status": "running"}
    form = ProjectForm(request.POST or None, initial=initial)
    author = changes.Author.coordinator(request.edit_link)
    if request.method == "POST" and project is not None and "remove" in request.POST:
        change = changes.save_project(lab, {"removed": True}, author, project)
        _saved_message(request, change)
        return redirect("labpages:edit-home", token=token)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            change = changes.save_project(lab, data, author, project)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            _saved_message(request, change)
            return redirect("labpages:edit-home", token=token)
    title = project.tr("title") if project else _("New project")
    return render(
        request,
        "labpages/edit/project.html",
        {
            "lab": lab,
            "token": token,
            "form": form,
            "project": project,
            "breadcrumbs": _crumbs(token, lab, title),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def request_edit_link(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask for an edit link: mailed to the register's contact address, if there is one.

    The answer is the same whether or not the lab has an address, and as quick: the e-mail goes
    out after the answer. Requests are limited per client and per lab.
    """
    lab = get_object_or_404(Datalab, slug=slug)
    context = {"lab": lab, "sent": False, "limited": False}
    status = 200
    send = False
    if request.method == "POST":
        send = ratelimit.hit(
            "edit-link-client", ratelimit.client_key(request), REQUESTS_PER_CLIENT, 3600
        ) and ratelimit.hit("edit-link-lab", str(lab.pk), REQUESTS_PER_LAB, 3600)
        context["sent"] = send
        context["limited"] = not send
        status = 200 if send else 429
    response = render(request, "labpages/request_link.html", context, status=status)
    if status == 429:
        response["Retry-After"] = "3600"
    if send:  # after the answer, so its timing does not tell whether the lab has an address
        absolute = request.build_absolute_uri
        after_response(response, lambda: send_edit_link(lab, absolute), "e-mailing an edit link")
    return response
