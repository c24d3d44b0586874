"""The response monitor: where every invited lab stands, per status and per category.

A lab's stage is the furthest it got: no link yet (on the invitation list, but no personal link
was made), invited (a link exists, not opened), opened (a link was opened), draft (answers
saved), submitted. For a wave run outside this
system (no invitations, no stored responses) the monitor shows the reported figures instead,
e.g. the 2019 inventory: 38 questionnaires of 48 known labs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from datalab_monitor.registry.models import Category, Datalab

from .models import Invitation, Response, Wave

STAGES = ("no_link", "invited", "opened", "draft", "submitted")
STAGE_LABELS = {
    "no_link": _("no link yet"),
    "invited": _("invited, not opened"),
    "opened": _("opened"),
    "draft": _("draft"),
    "submitted": _("submitted"),
}


@dataclass
class LabStage:
    lab: Datalab
    stage: str

    @property
    def label(self) -> str:
        return str(STAGE_LABELS[self.stage])


@dataclass
class CategoryCounts:
    category: Category
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAGES, 0))

    @property
    def invited(self) -> int:
        return sum(self.counts.values())

    @property
    def rows(self) -> list[int]:
        return [self.counts[stage] for stage in STAGES]


@dataclass
class Monitor:
    wave: Wave
    labs: list[LabStage]
    counts: dict[str, int]
    per_category: list[CategoryCounts]
    reported: bool = False  # figures reported by a wave run elsewhere

    @property
    def invited(self) -> int:
        return len(self.labs)

    @property
    def submitted(self) -> int:
        return self.counts["submitted"]

    @property
    def response_rate(self) -> float | None:
        if self.reported:
            return self.wave.response_rate
        return self.submitted / self.invited if self.invited else None

    @property
    def not_responded(self) -> list[LabStage]:
        return [item for item in self.labs if item.stage != "submitted"]

    @property
    def stage_rows(self) -> list[tuple[str, int]]:
        return [(str(STAGE_LABELS[stage]), self.counts[stage]) for stage in STAGES]


def lab_stages(wave: Wave) -> list[LabStage]:
    invited = {lab.pk: lab for lab in wave.invited_labs.select_related("category")}
    invitations = Invitation.objects.filter(wave=wave).select_related("lab__category")
    for invitation in invitations:
        invited.setdefault(invitation.lab_id, invitation.lab)
    responses = {
        response.lab_id: response
        for response in Response.objects.filter(wave=wave).select_related("lab__category")
    }
    for response in responses.values():
        invited.setdefault(response.lab_id, response.lab)
    linked = {i.lab_id for i in invitations}
    opened = {i.lab_id for i in invitations if i.first_opened_at is not None}
    stages = []
    for lab in sorted(invited.values(), key=lambda lab: lab.number):
        response = responses.get(lab.pk)
        if response is not None:
            stage = response.status  # "draft" or "submitted"
        elif lab.pk in opened:
            stage = "opened"
        elif lab.pk in linked:
            stage = "invited"
        else:
            stage = "no_link"
        stages.append(LabStage(lab, stage))
    return stages


def build_monitor(wave: Wave) -> Monitor:
    labs = lab_stages(wave)
    counts = dict.fromkeys(STAGES, 0)
    by_category: dict[int, CategoryCounts] = {
        category.pk: CategoryCounts(category) for category in Category.objects.all()
    }
    for item in labs:
        counts[item.stage] += 1
        by_category[item.lab.category_id].counts[item.stage] += 1
    reported = not labs and wave.reported_questionnaires is not None
    return Monitor(
        wave=wave,
        labs=labs,
        counts=counts,
        per_category=[c for c in by_category.values() if c.invited],
        reported=reported,
    )
