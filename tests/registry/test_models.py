"""Register models: municipalities in force, mergers, names per year, labs, translated content."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from datalab_monitor.registry.models import Category, Datalab, Do, Municipality, Province


@pytest.mark.parametrize("year, count", [(2019, 355), (2025, 342)])
def test_municipalities_in_force(register, year, count):
    assert Municipality.objects.in_force(year).count() == count
    assert Municipality.objects.in_force(date(year, 6, 30)).count() == count


def test_heerhugowaard_merged_into_dijk_en_waard(register):
    heerhugowaard = Municipality.objects.get(code="GM0398")
    dijk_en_waard = Municipality.objects.get(code="GM1980")
    assert heerhugowaard.exists_on(date(2019, 1, 1))
    assert not heerhugowaard.exists_on(date(2022, 1, 1))
    assert heerhugowaard.successors_on(date(2019, 1, 1)) == [heerhugowaard]
    assert heerhugowaard.successors_on(date(2025, 1, 1)) == [dijk_en_waard]
    assert dijk_en_waard.successors_on(date(2025, 1, 1)) == [dijk_en_waard]
    predecessors = sorted(dijk_en_waard.predecessors.values_list("code", flat=True))
    assert predecessors == ["GM0398", "GM0416"]  # Heerhugowaard and Langedijk
    assert heerhugowaard not in Municipality.objects.in_force(2025)
    assert heerhugowaard in Municipality.objects.in_force(2019)


def test_a_split_municipality_has_several_successors(register):
    haaren = Municipality.objects.get(code="GM0788")
    assert [m.code for m in haaren.successors_on(date(2025, 1, 1))] == [
        "GM0757",
        "GM0824",
        "GM0855",
        "GM0865",
    ]


def test_name_in_year(register):
    hengelo = Municipality.objects.get(code="GM0164")
    assert hengelo.name_in(2019) == "Hengelo"
    assert hengelo.name_in(2025) == "Hengelo (O.)"
    assert hengelo.name_in(2022) == "Hengelo"  # nearest earlier reference year
    assert hengelo.name_in(2010) == hengelo.name  # before any reference year: the newest name
    assert Municipality.objects.get(code="GM0518").name_in(2019) == "'s-Gravenhage"


def test_codes_are_validated(register):
    province = Province.objects.first()
    with pytest.raises(ValidationError) as error:
        Municipality(code="GM361", name="Alkmaar", province=province).full_clean()
    assert "code" in error.value.message_dict
    with pytest.raises(ValidationError):
        Province(code="P27", name="Noord-Holland").full_clean()


def test_lab_relations_and_helpers(register):
    twente = Datalab.objects.get(number=24)
    assert twente.category.code == "regional"
    assert twente.lead_municipality is None
    assert twente.municipalities.count() == 14
    assert [p.code for p in twente.provinces] == ["PV23"]
    assert twente.alias_list == ["Regio Twente", "Datalab Twente"]
    assert twente.get_absolute_url() == "/datalabs/twente/"
    assert str(twente) == "24. Twente"
    friesland = Datalab.objects.get(number=31)
    assert (
        friesland.municipalities.count()
        == Municipality.objects.in_force(2019).filter(province__code="PV21").count()
    )


def test_the_register_matches_the_publication(register):
    counts = {c.code: c.datalab_set.count() for c in Category.objects.all()}
    assert counts == {"internal": 14, "regional": 13, "datahub": 1, "data-center": 10}
    assert list(Datalab.objects.values_list("number", flat=True)) == list(range(1, 39))
    assert Datalab.objects.get(number=28).municipalities.get().code == "GM0796"  # Den Bosch
    assert Do.objects.count() == 10


def test_translated_fields_follow_the_active_language(register):
    category = Category.objects.get(code="internal")
    with translation.override("nl"):
        assert str(category) == "Intern datalab"
    with translation.override("en"):
        assert str(category) == "Internal data lab"
    assert category.tr("name", "en") == "Internal data lab"
    category.name_en = ""
    assert category.tr("name", "en") == "Intern datalab"  # falls back to Dutch
    assert Category.objects.get(code="datahub").get_absolute_url() == "/categorieen/#datahub"
