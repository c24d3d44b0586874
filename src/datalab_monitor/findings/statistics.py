"""Which summary statistics of a number question may be published beside its class counts.

Rule (see docs/protection.md): publicly, only the **mean**, rounded half up to one decimal, and
only when at least ``min_cell`` labs answered and no single lab's value can be pinned down to
within one rounding step from it and the class counts. The median and the quartiles are never
published as numbers: with an odd number of labs the median *is* one lab's value, and each
quartile is one lab's value or lies between two neighbouring labs' values. Researchers see all
statistics exactly.

The check assumes the strongest outsider: one who knows every class count exactly (hidden
ones too). Each lab in class c lies in [lo_c, hi_c]; the published mean m gives the total within
n * (m ± step / 2); so a lab of class c lies in
[max(lo_c, S_low - (H_max - hi_c)), min(hi_c, S_high - (H_min - lo_c))], where H_min and H_max
are the smallest and largest possible totals of all labs. A class that alone already pins its
labs (the class "0") is not held against the mean.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .classes import NumberClasses
from .formatting import QUANTITY_DECIMALS, rounded_float
from .results import NumberResult

STEP = 10.0**-QUANTITY_DECIMALS
_TOLERANCE = 1e-9

Bounds = tuple[float, float]


def class_bounds(
    classes: NumberClasses, minimum: float | None, maximum: float | None
) -> list[Bounds]:
    """Each class's closed hull [lo, hi], clipped to the question's public minimum/maximum."""
    low = 0.0 if minimum is None else float(minimum)
    top = math.inf if maximum is None else float(maximum)
    bounds = []
    for upper in classes.upper_bounds:
        bounds.append((low, min(float(upper), top)))
        low = float(upper)
    return bounds


def value_ranges(
    counts: Sequence[int], bounds: Sequence[Bounds], shown_mean: float, step: float = STEP
) -> list[Bounds | None]:
    """Per class: where one of its labs can lie given the shown mean (None: class empty)."""
    n = sum(counts)
    total_low = n * (shown_mean - step / 2)
    total_high = n * (shown_mean + step / 2)
    least = sum(c * lo for c, (lo, _hi) in zip(counts, bounds, strict=True))
    most = sum(c * hi for c, (_lo, hi) in zip(counts, bounds, strict=True) if c)
    ranges: list[Bounds | None] = []
    for count, (lo, hi) in zip(counts, bounds, strict=True):
        if not count:
            ranges.append(None)
            continue
        low = lo if math.isinf(most) else max(lo, total_low - (most - hi))
        high = min(hi, total_high - (least - lo))
        ranges.append((low, high))
    return ranges


def mean_pins_a_value(
    counts: Sequence[int], bounds: Sequence[Bounds], shown_mean: float, step: float = STEP
) -> bool:
    """Would publishing ``shown_mean`` pin some lab's value to within one rounding step?"""
    for (lo, hi), found in zip(bounds, value_ranges(counts, bounds, shown_mean, step), strict=True):
        if found is None or hi - lo <= step + _TOLERANCE:
            continue  # no lab there, or its class alone already says as much
        if found[1] - found[0] <= step + _TOLERANCE:
            return True
    return False


def publishable_mean(
    result: NumberResult,
    classes: NumberClasses | None,
    minimum: float | None,
    maximum: float | None,
    min_cell: int,
) -> float | None:
    """The mean as it may be published (rounded), or None when it may not be."""
    if result.mean is None or result.n < min_cell:
        return None
    shown = rounded_float(result.mean)
    if classes is not None and result.classes:
        bounds = class_bounds(classes, minimum, maximum)
        counts = [c.count for c in result.classes]
    else:  # no classes: the outsider knows only the question's own bounds
        bounds = [
            (
                0.0 if minimum is None else float(minimum),
                math.inf if maximum is None else float(maximum),
            )
        ]
        counts = [result.n]
    if mean_pins_a_value(counts, bounds, shown):
        return None
    return shown
