"""What the public pages show: public labs for the peer ranking, peers with reasons in words,
the project catalogue's filters, and a municipality's page. Only public profile and project
data is used here, never questionnaire answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from datalab_monitor.core.dataversion import current_stamp
from datalab_monitor.core.translated import current_language
from datalab_monitor.maps import data as map_data
from datalab_monitor.registry.models import Datalab, Municipality

from . import codelists, peers
from .models import LabProfile, Project


def points_year() -> int:
    """The newest year of the committed representative points (distances between labs)."""
    years = sorted(map_data.read_points_cached()) or [date.today().year]
    return years[-1]


def points() -> dict[str, tuple[float, float]]:
    return map_data.read_points_cached().get(points_year(), {})


def public_labs() -> list[peers.PublicLab]:
    """Every lab as the peer ranking sees it: its public profile and projects only (kept in
    the shared cache until the register, a profile or a project changes)."""
    key = f"public-labs:{current_stamp()}:{points_year()}"
    found = cache.get(key)
    if found is None:
        found = _public_labs()
        cache.set(key, found, 24 * 3600)
    return found


def _public_labs() -> list[peers.PublicLab]:
    profiles = {p.lab_id: p for p in LabProfile.objects.all()}
    domains: dict[int, set[str]] = {}
    analysis: dict[int, set[str]] = {}
    for project in Project.objects.public().only("lab_id", "domains", "analysis_types"):
        domains.setdefault(project.lab_id, set()).update(project.domains or [])
        analysis.setdefault(project.lab_id, set()).update(project.analysis_types or [])
    codes = {lab.number: lab.codes for lab in map_data.map_labs(points_year(), with_urls=False)}
    found = []
    for lab in Datalab.objects.select_related("category").order_by("number"):
        profile = profiles.get(lab.pk)
        partners: set[str] = set()
        if profile is not None:
            domains.setdefault(lab.pk, set()).update(profile.domains or [])
            partners.update(profile.partner_codes or [])
            partners.update(peers.normalise_partner(p) for p in profile.partners_other_list)
        found.append(
            peers.PublicLab(
                number=lab.number,
                name=lab.name,
                category=lab.category.code,
                domains=frozenset(domains.get(lab.pk, ())),
                partners=frozenset(partners),
                analysis_types=frozenset(analysis.get(lab.pk, ())),
                codes=tuple(codes.get(lab.number, ())),
            )
        )
    return found


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def partner_label(code: str, language: str) -> str:
    known = dict(codelists.choices("partners", language))
    return known.get(code, code)


def reason(match: peers.SimilarLab, category_name: str = "") -> str:
    """Why a lab is a peer, in words: "works in the social domain too, together with CBS"."""
    language = current_language()
    parts = []
    if match.domains:
        names = [n.lower() for n in codelists.labels("domains", list(match.domains), language)]
        parts.append(_("also works in %(domains)s") % {"domains": _join(names)})
    if match.partners:
        names = [partner_label(code, language) for code in match.partners]
        parts.append(_("together with %(partners)s") % {"partners": _join(names)})
    if match.analysis_types:
        names = [
            n.lower()
            for n in codelists.labels("analysis_types", list(match.analysis_types), language)
        ]
        parts.append(_("also does %(kinds)s analyses") % {"kinds": _join(names)})
    if match.same_category:
        parts.append(_("the same kind of lab (%(category)s)") % {"category": category_name})
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


@dataclass
class PeerView:
    lab: Datalab
    reason: str = ""
    distance_km: float | None = None
    overlaps: bool = False


@dataclass
class LabPeers:
    nearest: list[PeerView] = field(default_factory=list)
    similar: list[PeerView] = field(default_factory=list)


def lab_page_stamp() -> str:
    """Changes with whatever a lab's page shows: the register and the waves, any lab profile or
    project (the data version), the year of the points (the peers' distances) and the day
    (mergers take effect on a date)."""
    return f"{current_stamp()}:{points_year()}:{date.today().isoformat()}"


def peers_of(lab: Datalab, limit: int = 5) -> LabPeers:
    """The lab's nearest and most similar labs (shared cache, as ``public_labs``)."""
    key = f"peers:{current_stamp()}:{points_year()}:{lab.number}:{limit}:{current_language()}"
    found = cache.get(key)
    if found is None:
        found = _peers_of(lab, limit)
        cache.set(key, found, 24 * 3600)
    return found


def _peers_of(lab: Datalab, limit: int) -> LabPeers:
    everyone = public_labs()
    this = next((p for p in everyone if p.number == lab.number), None)
    if this is None:
        return LabPeers()
    labs = {
        lab.number: lab for lab in Datalab.objects.select_related("category").order_by("number")
    }
    near = peers.nearest(this, everyone, points(), limit)
    similar = peers.most_similar(this, everyone, limit)
    return LabPeers(
        nearest=[
            PeerView(labs[n.lab.number], distance_km=round(n.distance_km), overlaps=n.overlaps)
            for n in near
        ],
        similar=[
            PeerView(labs[m.lab.number], reason=reason(m, str(labs[m.lab.number].category)))
            for m in similar
        ],
    )


# --- the project catalogue ---------------------------------------------------------------------


def _json_contains_any(field_name: str, values: list[str]) -> Q:
    """Projects whose JSON list ``field_name`` holds any of ``values`` (SQLite and PostgreSQL)."""
    query = Q()
    for value in values:
        query |= Q(**{f"{field_name}__icontains": f'"{value}"'})
    return query


def filter_projects(
    queryset: QuerySet[Project],
    *,
    domains: list[str] = (),
    analysis_types: list[str] = (),
    data_sources: list[str] = (),
    categories: list[str] = (),
    provinces: list[str] = (),
    text: str = "",
) -> QuerySet[Project]:
    """Facets combine with AND; values within one facet with OR."""
    if domains:
        queryset = queryset.filter(_json_contains_any("domains", list(domains)))
    if analysis_types:
        queryset = queryset.filter(_json_contains_any("analysis_types", list(analysis_types)))
    if data_sources:
        queryset = queryset.filter(_json_contains_any("data_sources", list(data_sources)))
    if categories:
        queryset = queryset.filter(lab__category__code__in=categories)
    if provinces:
        queryset = queryset.filter(
            Q(lab__municipalities__province__code__in=provinces)
            | Q(lab__lead_municipality__province__code__in=provinces)
        )
    for word in text.split()[:10]:
        queryset = queryset.filter(
            Q(title_nl__icontains=word)
            | Q(title_en__icontains=word)
            | Q(summary_nl__icontains=word)
            | Q(summary_en__icontains=word)
            | Q(lab__name__icontains=word)
        )
    return queryset.distinct()


# --- municipalities -----------------------------------------------------------------------------


def current_successor(municipality: Municipality, today: date | None = None) -> Municipality | None:
    """The one municipality that holds ``municipality``'s territory today, if exactly one."""
    now = municipality.successors_on(today or date.today())
    return now[0] if len(now) == 1 else None


def labs_covering(municipality: Municipality) -> list[Datalab]:
    """Labs covering the municipality or (after a merger) one of its predecessors."""
    codes = {municipality.code}
    pending = list(municipality.predecessors.all())
    while pending:
        predecessor = pending.pop()
        if predecessor.code not in codes:
            codes.add(predecessor.code)
            pending.extend(predecessor.predecessors.all())
    return list(
        Datalab.objects.filter(
            Q(municipalities__code__in=codes) | Q(lead_municipality__code__in=codes)
        )
        .select_related("category")
        .distinct()
        .order_by("number")
    )
