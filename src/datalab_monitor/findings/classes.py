"""Classes of number answers (e.g. FTE), with an explicit boundary rule.

Rule: every class includes its upper bound and excludes the lower one. A value belongs to the
first class whose upper bound it does not exceed: 0 is "0"; 0.5 and 1 are "more than 0 up to 1";
2 is "more than 1 up to 2"; 5 is "more than 2 up to 5"; 5.5 is "more than 5".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported where values are classified, not at start-up
    import numpy as np

from datalab_monitor.questionnaire.schema import Text

from .results import Category


@dataclass(frozen=True)
class NumberClasses:
    categories: tuple[Category, ...]
    upper_bounds: tuple[float, ...]  # inclusive; the last is infinity
    rule: Text

    def classify(self, values: np.ndarray) -> np.ndarray:
        """The class index of each value (vectorised)."""
        import numpy as np

        return np.searchsorted(np.asarray(self.upper_bounds[:-1]), values, side="left")


FTE_CLASSES = NumberClasses(
    categories=(
        Category("0", Text("0", "0")),
        Category("0-1", Text("meer dan 0 tot en met 1", "more than 0 up to 1")),
        Category("1-2", Text("meer dan 1 tot en met 2", "more than 1 up to 2")),
        Category("2-5", Text("meer dan 2 tot en met 5", "more than 2 up to 5")),
        Category("5+", Text("meer dan 5", "more than 5")),
    ),
    upper_bounds=(0.0, 1.0, 2.0, 5.0, math.inf),
    rule=Text(
        "Een klasse telt tot en met de bovengrens: 1 FTE valt in ‘meer dan 0 tot en met 1’, "
        "2 FTE in ‘meer dan 1 tot en met 2’, 5 FTE in ‘meer dan 2 tot en met 5’.",
        "A class includes its upper bound: 1 FTE is in ‘more than 0 up to 1’, 2 FTE in "
        "‘more than 1 up to 2’, 5 FTE in ‘more than 2 up to 5’.",
    ),
)

CLASSES_BY_TOPIC: dict[str, NumberClasses] = {"fte": FTE_CLASSES}
