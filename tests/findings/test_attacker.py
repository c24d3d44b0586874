"""The attacker (integer programming over what is published) finds nothing in small waves.

Engine level: the same protection (findings.publication.publish) that the pages, CSVs, report
and open data use; tests/results/test_attacker_pages.py attacks the rendered outputs.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datalab_monitor.findings.audit import AuditReport, PublishedQuestion, attack

from .attack import audit_records, lab

THRESHOLDS = (3, 5)
FTE = [0, 0.4, 1.2, 2, 3.5, 6]


def assert_safe(report: AuditReport, scenario: str) -> None:
    print(f"{scenario}: {report}")
    assert report.disclosures == [], report.disclosures


def labs_answering(n: int) -> list[tuple]:
    categories = ["internal", "regional", "datahub", "data-center"]
    return [
        lab(
            i + 1,
            categories[i % 4],
            fte_own=FTE[i % len(FTE)],
            partners=["cbs", "province"][: 1 + i % 2],
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("min_cell", THRESHOLDS)
@pytest.mark.parametrize("n", [2, 3, 4])
def test_waves_of_two_three_and_four_labs(n, min_cell):
    assert_safe(audit_records(labs_answering(n), min_cell), f"{n} labs, min_cell {min_cell}")


@pytest.mark.parametrize("min_cell", THRESHOLDS)
def test_a_category_of_one_respondent(min_cell):
    records = [lab(i, "internal", fte_own=FTE[i % 6]) for i in range(1, 9)]
    records.append(lab(9, "datahub", partners=["province"], fte_own=12))
    assert_safe(audit_records(records, min_cell), f"one DataHub lab, min_cell {min_cell}")


@pytest.mark.parametrize("min_cell", THRESHOLDS)
def test_all_labs_but_one_choose_the_same_option(min_cell):
    records = [lab(i, ["internal", "regional"][i % 2], partners=["cbs"]) for i in range(1, 10)]
    records.append(lab(10, "internal", partners=["universities"], fte_own=0))
    assert_safe(audit_records(records, min_cell), f"all but one, min_cell {min_cell}")


@pytest.mark.parametrize("min_cell", THRESHOLDS)
def test_every_lab_ticks_none(min_cell):
    records = [lab(i, ["internal", "regional"][i % 2], partners=["none"]) for i in range(1, 9)]
    assert_safe(audit_records(records, min_cell), f"all 'Geen', min_cell {min_cell}")


@pytest.mark.parametrize("min_cell", THRESHOLDS)
def test_none_alongside_a_near_universal_option(min_cell):
    """The issue's case: "Geen" as "< 3" next to an option of base - 1 labs."""
    records = [lab(i, "internal", partners=["cbs"]) for i in range(1, 9)]
    records.append(lab(9, "regional", partners=["none"]))
    assert_safe(audit_records(records, min_cell), f"'Geen' once, min_cell {min_cell}")


@pytest.mark.parametrize("min_cell", THRESHOLDS)
def test_fte_values_are_not_pinned_by_the_mean(min_cell):
    """Four labs: 0, 0, 0.4, 1.2 -- the issue's quartile/mean attack at threshold 3."""
    records = [lab(i, "internal", fte_own=v) for i, v in enumerate([0, 0, 0.4, 1.2, 0, 0], 1)]
    assert_safe(audit_records(records, min_cell, ["fte_own"]), f"FTE mean, min_cell {min_cell}")


def test_the_attacker_finds_a_planted_disclosure():
    """The attacker is not blind: a "< 3" that the totals pin is reported."""
    published = PublishedQuestion("planted", base=5, multiple=False, headline=["4", "< 3", "0"])
    report = attack(published, 3)
    assert [d.reason for d in report.disclosures] == ["pinned to one value"]
    # two labs in (0, 1]: a mean of 0.9 leaves each anywhere in [0.75, 1]; 1.0 pins both
    mean = PublishedQuestion(
        "mean",
        base=2,
        multiple=False,
        headline=["2", "0"],
        mean=0.9,
        class_bounds=[(0.0, 1.0), (1.0, 2.0)],
        true_classes=[2, 0],
    )
    assert attack(mean, 2).disclosures == []
    mean.mean = 1.0
    assert [d.reason for d in attack(mean, 2).disclosures] == ["mean pins a value"]


ANSWERS = st.fixed_dictionaries(
    {
        "category": st.sampled_from(["internal", "regional", "datahub", "data-center"]),
        "partners": st.one_of(
            st.just(["none"]),
            st.lists(
                st.sampled_from(["municipalities", "province", "cbs", "universities"]),
                min_size=1,
                max_size=3,
                unique=True,
            ),
        ),
        "fte_own": st.sampled_from([0, 0.2, 0.5, 1, 1.5, 2, 3, 4.5, 6, 10]),
    }
)
TOTAL = AuditReport()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ANSWERS, min_size=2, max_size=8), st.sampled_from(THRESHOLDS))
def test_random_small_waves(answers, min_cell):
    records = [
        lab(i, a["category"], partners=a["partners"], fte_own=a["fte_own"])
        for i, a in enumerate(answers, 1)
    ]
    report = audit_records(records, min_cell, ["partners", "fte_own"])
    TOTAL.add(report)
    assert report.disclosures == [], (min_cell, answers, report.disclosures)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ANSWERS, min_size=2, max_size=8), st.sampled_from(THRESHOLDS))
def test_random_small_waves_single_choice_and_classes(answers, min_cell):
    """A second batch of 100 random waves: FTE classes and the analysis types question."""
    records = [
        lab(
            i,
            a["category"],
            fte_own=a["fte_own"],
            analysis_types=["descriptive", "diagnostic"][: 1 + i % 2],
        )
        for i, a in enumerate(answers, 1)
    ]
    report = audit_records(records, min_cell, ["fte_own", "analysis_types"])
    TOTAL.add(report)
    assert report.disclosures == [], (min_cell, answers, report.disclosures)


def test_the_random_waves_gave_the_attacker_work_and_it_found_nothing():
    """Prints the strength of the protection: how many hidden cells were attacked, narrowed."""
    if not TOTAL.attacked and not TOTAL.disclosures:
        pytest.skip("run together with the random-wave tests above")
    print(f"random waves: {TOTAL}")
    assert TOTAL.attacked > 100  # the random waves really hide cells, so the attack is real
    assert TOTAL.disclosures == []
