"""Find a wave by slug or year for the command line, with a clear error when that is ambiguous."""

from __future__ import annotations

from datalab_monitor.inventory.models import Wave


class WaveNotFound(LookupError):
    """No single wave matches what the user typed; the message says what exists."""


def resolve_wave(identifier: str, queryset=None) -> Wave:
    """The wave whose slug is ``identifier``, else the only wave of that year.

    A slug always wins (slugs are unique). When several waves share the year, the error lists
    their slugs so the user can pick one.
    """
    waves = queryset if queryset is not None else Wave.objects.all()
    identifier = identifier.strip()
    by_slug = waves.filter(slug=identifier).first()
    if by_slug is not None:
        return by_slug
    known = ", ".join(sorted(waves.values_list("slug", flat=True))) or "none"
    if not identifier.isdigit():
        raise WaveNotFound(f"No wave with slug {identifier!r}. Known waves: {known}.")
    same_year = list(waves.filter(year=int(identifier)).order_by("slug"))
    if not same_year:
        raise WaveNotFound(f"No wave for year {identifier}. Known waves: {known}.")
    if len(same_year) > 1:
        slugs = ", ".join(wave.slug for wave in same_year)
        raise WaveNotFound(
            f"Several waves have year {identifier}: {slugs}. Pass one of these slugs to --wave."
        )
    return same_year[0]


def public_waves():
    """Waves whose (suppressed) results may be shown to anyone."""
    return Wave.objects.published()


def same_year_note(identifier: str, wave: Wave) -> str:
    """A note when ``identifier`` matched a slug that is also a year shared by other waves."""
    identifier = identifier.strip()
    if not identifier.isdigit() or wave.year != int(identifier):
        return ""
    others = list(
        Wave.objects.filter(year=wave.year).exclude(pk=wave.pk).values_list("slug", flat=True)
    )
    if not others:
        return ""
    return (
        f"Note: {identifier!r} is the slug of wave {wave.slug}; other waves of {wave.year}: "
        f"{', '.join(sorted(others))}."
    )
