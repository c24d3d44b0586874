"""Loading the register: idempotent, all-or-nothing, clear errors, admin corrections kept."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from datalab_monitor.inventory.loaders import load_waves
from datalab_monitor.inventory.models import Wave
from datalab_monitor.registry.loaders import (
    REGISTER_YAML,
    RegisterFileError,
    load_municipalities,
    load_register,
)
from datalab_monitor.registry.models import Category, Datalab, Do, Municipality, Partner, Province


def snapshot() -> dict[str, list]:
    """Everything the loaders write, in a comparable form."""
    return {
        "provinces": list(Province.objects.order_by("code").values_list()),
        "municipalities": list(Municipality.objects.order_by("code").values_list()),
        "successors": sorted(
            Municipality.successors.through.objects.values_list(
                "from_municipality__code", "to_municipality__code"
            )
        ),
        "categories": list(Category.objects.order_by("code").values_list()),
        "labs": list(Datalab.objects.order_by("number").values_list()),
        "lab_municipalities": sorted(
            Datalab.municipalities.through.objects.values_list(
                "datalab__number", "municipality__code"
            )
        ),
        "partners": list(Partner.objects.order_by("name").values_list()),
        "lab_partners": sorted(
            Datalab.partners.through.objects.values_list("datalab__number", "partner__name")
        ),
        "dos": list(Do.objects.order_by("number").values_list()),
        "waves": list(Wave.objects.order_by("slug").values_list()),
    }


def register_data() -> dict[str, Any]:
    return yaml.safe_load(REGISTER_YAML.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "register.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# Idempotence ------------------------------------------------------------------------------


def test_loading_twice_changes_nothing(register):
    before = snapshot()
    municipalities = load_municipalities()
    labs = load_register()
    waves = load_waves()
    assert not municipalities.changed, municipalities.summary()
    assert not labs.changed, labs.summary()
    assert not waves.changed, waves.summary()
    assert labs.unchanged == {"categories": 4, "do's": 10, "labs": 38}
    assert snapshot() == before


def test_update_of_an_unchanged_register_changes_nothing(register):
    before = snapshot()
    report = load_register(update=True)
    assert not report.changed, report.summary()
    assert snapshot() == before


def test_init_command_is_idempotent(register, capsys):
    before = snapshot()
    call_command("init")
    call_command("init")
    text = capsys.readouterr().out  # init's sub-commands write to the process's stdout
    assert text.count("Datalab Monitor is ready.") == 2
    assert text.count("Register: unchanged: 4 categories, 10 do's, 38 labs") == 2
    assert "created" not in text and "updated" not in text, text
    assert snapshot() == before


def test_init_command_fills_an_empty_database(db, capsys):
    Datalab.objects.all().delete()
    Do.objects.all().delete()
    Category.objects.all().delete()
    Wave.objects.all().delete()
    call_command("init")
    assert "Register: created: 4 categories, 10 do's, 38 labs" in capsys.readouterr().out
    assert Datalab.objects.count() == 38
    assert Wave.objects.get(slug="2019").labs_known == 48


# Bad files: a clear error, nothing stored ----------------------------------------------------


def set_lab(which: int, **values: Any):
    """A change to the lab numbered ``which`` in the file."""

    def mutate(data: dict[str, Any]) -> None:
        lab = next(lab for lab in data["labs"] if lab["number"] == which)
        lab.update(values)

    return mutate


BAD_FILES = {
    "unknown CBS code": (
        set_lab(2, municipalities=["GM0307", "GM9999"]),
        ["labs, entry 2 (number 2)", "field 'municipalities'", "unknown CBS code 'GM9999'"],
    ),
    "unknown lead": (
        set_lab(5, lead="GM0000"),
        ["labs, entry 5 (number 5)", "field 'lead'", "'GM0000'"],
    ),
    "duplicate number": (
        set_lab(3, number=1, name="Amsterdam"),
        ["labs, entry 3 (number 1)", "number 1 occurs twice"],
    ),
    "unknown category": (
        set_lab(10, category="innovation-hub"),
        ["labs, entry 10 (number 10)", "field 'category'", "'innovation-hub'"],
    ),
    "unknown province": (
        set_lab(31, covers_provinces=["PV99"]),
        ["labs, entry 31 (number 31)", "field 'covers_provinces'", "'PV99'"],
    ),
    "missing name": (
        set_lab(7, name=""),
        ["labs, entry 7 (number 7)", "field 'name' is missing"],
    ),
}


def add_valid_changes(data: dict[str, Any]) -> None:
    """Changes a loader would store if the file were valid: a new lab, a renamed category."""
    data["labs"].append(
        {
            "number": 39,
            "name": "Nieuw Lab",
            "category": "internal",
            "lead": "GM0363",
            "municipalities": ["GM0363"],
        }
    )
    data["categories"][0]["name_nl"] = "Hernoemd"
    data["dos"][0]["title_nl"] = "Hernoemd"


@pytest.mark.parametrize("problem", list(BAD_FILES))
def test_bad_register_file_names_file_entry_and_field_and_stores_nothing(
    register, tmp_path, problem
):
    mutate, expected = BAD_FILES[problem]
    data = register_data()
    add_valid_changes(data)
    mutate(data)
    path = write(tmp_path, data)
    before = snapshot()
    with pytest.raises(RegisterFileError) as error:
        load_register(path, update=True)
    message = str(error.value)
    assert message.startswith(str(path))
    for part in expected:
        assert part in message, message
    assert snapshot() == before
    assert not Datalab.objects.filter(number=39).exists()


def test_every_problem_is_reported_at_once(register, tmp_path):
    data = register_data()
    for mutate, _ in BAD_FILES.values():
        mutate(data)
    with pytest.raises(RegisterFileError) as error:
        load_register(write(tmp_path, data))
    assert len(error.value.problems) >= len(BAD_FILES)


def test_yaml_syntax_error_names_the_line(register, tmp_path):
    text = REGISTER_YAML.read_text(encoding="utf-8")
    text = text.replace(
        "  - {number: 2, name: Amersfoort, category: internal,",
        "  - {number: 2, name: Amersfoort, category: [internal,",
    )
    path = tmp_path / "register.yaml"
    path.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if "Amersfoort" in row)
    before = snapshot()
    with pytest.raises(RegisterFileError) as error:
        load_register(path)
    message = str(error.value)
    assert str(path) in message and "not valid YAML" in message
    assert f"line {line}," in message or f"line {line + 1}," in message, message
    assert snapshot() == before


def test_missing_file(db, tmp_path):
    with pytest.raises(RegisterFileError, match="file not found"):
        load_register(tmp_path / "nope.yaml")


def test_command_reports_the_problems_and_that_nothing_was_stored(register, tmp_path):
    data = register_data()
    set_lab(2, municipalities=["GM9999"])(data)
    path = write(tmp_path, data)
    with pytest.raises(CommandError) as error:
        call_command("load_register", file=str(path))
    message = str(error.value)
    assert message.startswith("Nothing was stored.")
    assert str(path) in message and "GM9999" in message


# Admin corrections -----------------------------------------------------------------------


def correct_in_admin() -> None:
    lab = Datalab.objects.get(number=3)
    lab.name = "Amsterdam (gecorrigeerd)"
    lab.start_year = 2017
    lab.save()
    lab.municipalities.add(Municipality.objects.get(code="GM0384"))  # Diemen


def test_plain_load_keeps_a_correction_made_in_the_admin(register):
    correct_in_admin()
    call_command("load_register", stdout=StringIO())
    lab = Datalab.objects.get(number=3)
    assert lab.name == "Amsterdam (gecorrigeerd)"
    assert lab.start_year == 2017
    assert sorted(lab.municipalities.values_list("code", flat=True)) == ["GM0363", "GM0384"]


def test_update_restores_the_register_file(register):
    correct_in_admin()
    call_command("load_register", "--update", stdout=StringIO())
    lab = Datalab.objects.get(number=3)
    assert lab.name == "Amsterdam"
    assert lab.start_year is None
    assert list(lab.municipalities.values_list("code", flat=True)) == ["GM0363"]
