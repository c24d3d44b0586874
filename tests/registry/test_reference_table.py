"""The committed municipality table must agree with the CBS boundary files."""

from __future__ import annotations

import csv

import pytest
import yaml

from datalab_monitor.geo.boundaries import read_boundaries
from datalab_monitor.registry.loaders import REGISTER_YAML
from datalab_monitor.registry.reference import (
    MUNICIPALITIES_CSV,
    PROVINCES_CSV,
    ReferenceDataError,
    build_reference,
    municipality_csv,
    province_csv,
    read_municipality_table,
)


def test_committed_table_is_exactly_what_the_builder_makes_from_the_boundaries(geo_dir):
    rows, provinces = build_reference(geo_dir, (2019, 2025), 2025)
    assert MUNICIPALITIES_CSV.read_text(encoding="utf-8") == municipality_csv(rows, (2019, 2025))
    assert PROVINCES_CSV.read_text(encoding="utf-8") == province_csv(provinces)


def test_table_holds_every_municipality_of_2019_and_2025(geo_dir):
    rows = {row.code: row for row in read_municipality_table()}
    for year, expected in ((2019, 355), (2025, 342)):
        codes = {region.code for region in read_boundaries(geo_dir, "gemeente", year)}
        assert len(codes) == expected
        assert {code for code, row in rows.items() if year in row.names} == codes
    assert rows["GM0518"].names[2019] == "'s-Gravenhage"
    assert rows["GM0164"].names == {2019: "Hengelo", 2025: "Hengelo (O.)"}


def test_mergers_match_the_boundaries():
    rows = {row.code: row for row in read_municipality_table()}
    assert rows["GM0398"].successor_codes == ["GM1980"]  # Heerhugowaard -> Dijk en Waard
    assert str(rows["GM0398"].valid_to) == "2022-01-01"
    assert str(rows["GM1980"].valid_from) == "2022-01-01"
    assert rows["GM0788"].successor_codes == [
        "GM0757",
        "GM0824",
        "GM0855",
        "GM0865",
    ]  # Haaren split
    assert sum(1 for row in rows.values() if row.valid_to) == 18


def test_every_cbs_code_in_the_register_exists_in_the_2019_boundaries(geo_dir):
    codes_2019 = {region.code for region in read_boundaries(geo_dir, "gemeente", 2019)}
    register = yaml.safe_load(REGISTER_YAML.read_text(encoding="utf-8"))
    used = set()
    for lab in register["labs"]:
        used |= set(lab.get("municipalities") or [])
        if lab.get("lead"):
            used.add(lab["lead"])
    assert used and used <= codes_2019, sorted(used - codes_2019)


def test_builder_refuses_a_merger_list_that_disagrees_with_the_boundaries(
    geo_dir, monkeypatch, tmp_path
):
    from datalab_monitor.registry import reference

    original = reference.MERGERS_CSV.read_text(encoding="utf-8")
    broken = tmp_path / "mergers.csv"
    broken.write_text(
        original.replace("GM0398,Heerhugowaard,GM1980", "GM0398,Heerhugowaard,GM0361")
    )
    monkeypatch.setattr(reference, "MERGERS_CSV", broken)
    monkeypatch.setattr(reference.read_mergers, "__defaults__", (broken,))
    with pytest.raises(ReferenceDataError, match=r"GM0398 \(Heerhugowaard\).*GM0361.*GM1980"):
        build_reference(geo_dir, (2019, 2025), 2025)


def test_province_counts_in_2019():
    rows = read_municipality_table()
    by_province = {}
    for row in rows:
        if 2019 in row.names:
            by_province[row.province_code] = by_province.get(row.province_code, 0) + 1
    assert by_province["PV21"] == 18  # Fryslan
    assert sum(by_province.values()) == 355
    with PROVINCES_CSV.open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == 12
