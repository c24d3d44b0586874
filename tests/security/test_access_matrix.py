"""Access matrix: every URL pattern of the resolver, against every kind of visitor, GET and POST.

Visitors: anonymous, logged in without staff, staff without permissions, each role (group),
superuser, and the link holders of lab A and lab B. The expected outcome of each URL is declared
in ``access_rules.RULES``; a URL without a rule fails here with the line to add.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .access_rules import SAMPLES, Rule, rule_for
from .world import UNKNOWN_TOKEN, Actor, World, build_world

pytestmark = pytest.mark.django_db

LOGIN_PATH = "/admin/login/"
REFUSED = {401, 403, 404, 405, 410, 429}


@dataclass(frozen=True)
class Pattern:
    name: str  # "namespace:name", or the route for an unnamed pattern
    route: str
    parameters: tuple[str, ...]
    named: bool


def _walk(patterns, prefix: str = "", namespace: str = "") -> Iterator[Pattern]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern):
            parameters = tuple(entry.pattern.regex.groupindex)
            if entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                yield Pattern(name, route, parameters, True)
            else:
                yield Pattern(route, route, parameters, False)


ALL_PATTERNS = sorted(
    {p.name: p for p in _walk(get_resolver().url_patterns)}.values(), key=lambda p: p.name
)


def test_every_url_pattern_has_a_rule():
    missing = [p for p in ALL_PATTERNS if rule_for(p.name) is None]
    assert not missing, "URL patterns without an access rule; add a line to RULES in " + (
        "tests/security/access_rules.py for each, e.g.:\n"
        + "\n".join(f'    "{p.name}": PUBLIC,  # route {p.route!r}' for p in missing)
        + "\n(or PERMISSION(<perm>), TOKEN('invitation'|'edit'), API(write=<perm>),"
        + " ADMIN_PERMISSION(<perm>))"
    )


def test_every_rule_names_a_url_pattern():
    names = {p.name for p in ALL_PATTERNS}
    from .access_rules import RULES

    stale = sorted(set(RULES) - names)
    assert not stale, f"rules for URL names that no longer exist: {stale}"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[World]:
    """Built once for the module inside a transaction that is rolled back at the end; each
    test runs in a savepoint of it, so what one test's POSTs change is undone after it."""
    from django.contrib.auth import get_user_model

    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world(get_user_model())
        transaction.set_rollback(True)


def _url(pattern: Pattern, rule: Rule, world: World, token: str) -> str:
    kwargs = {}
    for parameter in pattern.parameters:
        attribute = rule.samples.get(parameter) or SAMPLES.get(parameter)
        assert attribute, (
            f"{pattern.name}: no sample value for URL parameter {parameter!r}; add it to SAMPLES "
            f"or declare it on the rule: .using({parameter}='<World attribute>')"
        )
        kwargs[parameter] = token if parameter == "token" else getattr(world, attribute)
    if pattern.named:
        path = reverse(pattern.name, kwargs=kwargs)
    else:
        path = "/" + pattern.route.lstrip("^").rstrip("$")
        for parameter, value in kwargs.items():
            path = re.sub(rf"(\(\?P<{parameter}>[^)]*\)|<(\w+:)?{parameter}>)", str(value), path)
    return f"{path}?{rule.query}" if rule.query else path


def _describe(actor: Actor, method: str, url: str, response) -> str:
    location = response.get("Location", "")
    return f"{actor.name} {method} {url} -> {response.status_code} {location}".strip()


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(LOGIN_PATH)


def _request(actor: Actor, method: str, url: str, rule: Rule):
    if method == "BEARER":  # the API's write method with the actor's API token, no session
        return Client(raise_request_exception=False).generic(
            rule.write_method,
            url,
            "{}",
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {actor.api_token}",
        )
    return getattr(actor.client, method.lower())(url)


def _check_public(pattern, rule, world, actor, method, url, response, problems):
    if method == "GET" and not (200 <= response.status_code < 400):
        problems.append(_describe(actor, method, url, response) + " (public page should open)")
    elif response.status_code in (401, 403) and method == "GET" or _is_login_redirect(response):
        problems.append(_describe(actor, method, url, response) + " (public: no login needed)")


def _check_permission(pattern, rule, world, actor, method, url, response, problems):
    why = _describe(actor, method, url, response)
    if not actor.logged_in:
        if not _is_login_redirect(response):
            problems.append(why + " (expected a redirect to the login)")
    elif not actor.has_perm(rule.permission):
        if response.status_code != 403:
            problems.append(why + f" (lacks {rule.permission}: expected 403)")
    elif response.status_code == 403 or _is_login_redirect(response):
        problems.append(why + f" (holds {rule.permission}: expected access)")
    elif method == "GET" and response.status_code not in (200, 301, 302, 303, 405):
        problems.append(why + " (holds the permission, but the page does not open)")
    if actor.has_perm(rule.permission) and response.status_code == 200:
        cache_control = response.get("Cache-Control", "")
        if "private" not in cache_control or "no-store" not in cache_control:
            problems.append(why + " (researchers' pages: Cache-Control: private, no-store)")


def _check_admin(pattern, rule, world, actor, method, url, response, problems):
    why = _describe(actor, method, url, response)
    if pattern.name in ("admin:login", "admin:logout"):  # open to all; no error is enough
        return
    if not (actor.user is not None and actor.user.is_staff and actor.user.is_active):
        if not _is_login_redirect(response):
            problems.append(why + " (admin without staff login: expected a redirect to login)")
    elif rule.permission and not actor.has_perm(rule.permission):
        if response.status_code != 403:
            problems.append(why + f" (lacks {rule.permission}: expected 403)")
    elif rule.permission and method == "GET" and response.status_code != 200:
        problems.append(why + f" (holds {rule.permission}: expected the page)")


def _check_api(pattern, rule, world, actor, method, url, response, problems):
    why = _describe(actor, method, url, response)
    if method == "GET":
        allowed = {405} if rule.public_read else {401, 403, 405}
        if response.status_code >= 400 and response.status_code not in allowed:
            problems.append(why + " (API reads are public)")
        return
    if method != "BEARER":
        if response.status_code not in (401, 403, 405):
            problems.append(why + " (API writes need an API token, not a session)")
    elif not actor.has_perm(rule.permission):
        if response.status_code != 403:
            problems.append(why + f" (token without {rule.permission}: expected 403)")
    elif response.status_code in (401, 403, 405):
        problems.append(why + f" (token with {rule.permission}: expected the write to be tried)")


CHECKS = {
    "public": _check_public,
    "permission": _check_permission,
    "admin": _check_admin,
    "api": _check_api,
}


def _token_url(pattern, rule, world, actor) -> tuple[str, str]:
    """(URL, expectation) for a link page: own link, another lab's link, or no link."""
    own = actor.tokens.get(rule.token_kind)
    return _url(pattern, rule, world, own or UNKNOWN_TOKEN), "own" if own else "none"


def _check_token(pattern, rule, world, actor, method, url, response, problems, expectation):
    why = _describe(actor, method, url, response)
    other = world.lab_b if actor.lab == world.lab_a else world.lab_a
    if expectation == "none":
        if response.status_code not in REFUSED:
            problems.append(why + " (no valid link: expected 404/410/429)")
        return
    if rule.owned and actor.lab == world.lab_b:
        # Lab B's link with lab A's objects in the URL must be refused.
        if response.status_code not in REFUSED:
            problems.append(why + " (lab B's link must not open lab A's objects)")
        return
    if method == "GET" and not (200 <= response.status_code < 400):
        problems.append(why + " (the lab's own link should open)")
    if method == "GET" and response.status_code == 200:
        if other.name in response.content.decode(errors="replace"):
            problems.append(why + f" (shows the other lab's name {other.name!r})")


# Who visits which kind of URL. Link pages, researchers' pages and API writes: everyone, GET and
# POST. Public pages: everyone reads; posting is tried by a visitor and by the superuser. Admin
# pages other than the index and changelists (tested below against the model permissions):
# visitors without a staff login must be sent to the login, and the superuser gets no error.
def _visits(rule: Rule, world: World) -> Iterator[tuple[Actor, str]]:
    for actor in world.actors:
        if rule.kind in ("token", "permission", "api"):
            yield actor, "GET"
            yield actor, "POST"
            if rule.kind == "api" and actor.api_token:
                yield actor, "BEARER"
        elif rule.kind == "public":
            yield actor, "GET"
            if actor.name in ("anonymous", "superuser"):
                yield actor, "POST"
        elif rule.kind == "admin" and rule.permission:
            yield actor, "GET"
            yield actor, "POST"
        elif rule.kind == "admin":
            if actor.name in ("anonymous", "user-not-staff", "respondent-lab-a", "superuser"):
                yield actor, "GET"
            if actor.name in ("anonymous", "user-not-staff"):
                yield actor, "POST"


@pytest.mark.parametrize("pattern", ALL_PATTERNS, ids=lambda p: p.name)
def test_access(pattern: Pattern, world: World):
    rule = rule_for(pattern.name)
    if rule is None:
        pytest.fail(f"{pattern.name}: no access rule (see test_every_url_pattern_has_a_rule)")
    problems: list[str] = []
    for actor, method in _visits(rule, world):
        if rule.kind == "token":
            url, expectation = _token_url(pattern, rule, world, actor)
        else:
            url, expectation = _url(pattern, rule, world, UNKNOWN_TOKEN), ""
        response = _request(actor, method, url, rule)
        if response.status_code >= 500:
            problems.append(_describe(actor, method, url, response) + " (server error)")
        elif rule.kind == "token":
            _check_token(pattern, rule, world, actor, method, url, response, problems, expectation)
        else:
            CHECKS[rule.kind](pattern, rule, world, actor, method, url, response, problems)
    assert not problems, f"{pattern.name} ({rule.kind}):\n" + "\n".join(problems)


def test_admin_index_and_changelists_follow_model_permissions(world: World):
    problems = []
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        for actor in world.actors:
            response = actor.client.get(url)
            user = actor.user
            if user is None or not user.is_staff:
                ok = _is_login_redirect(response)
            elif model_admin.has_view_or_change_permission(_FakeRequest(user)):
                ok = response.status_code == 200
            else:
                ok = response.status_code == 403
            if not ok:
                problems.append(_describe(actor, "GET", url, response))
            if meta.model_name == "response" and response.status_code == 200:
                assert user.has_perm("inventory.view_response") or user.has_perm(
                    "inventory.change_response"
                ), f"{actor.name} reads the answers in the admin without the permission"
    for actor in world.actors:
        response = actor.client.get(reverse("admin:index"))
        expected = 200 if actor.user is not None and actor.user.is_staff else 302
        if response.status_code != expected:
            problems.append(_describe(actor, "GET", reverse("admin:index"), response))
    assert not problems, "\n".join(problems)


@dataclass
class _FakeRequest:
    user: object


def test_a_link_opens_only_its_own_lab(world: World):
    """Lab B's questionnaire link shows lab B, never lab A (and the other way round)."""
    a, b = (actor for actor in world.actors if actor.lab is not None)
    for own, other in ((a, b), (b, a)):
        page = own.client.get(reverse("inventory:form-start", args=[own.tokens["invitation"]]))
        follow = own.client.get(page["Location"]) if page.status_code == 302 else page
        html = follow.content.decode()
        assert own.lab.name in html and other.lab.name not in html
