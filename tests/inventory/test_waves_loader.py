"""The loader of waves run elsewhere refuses a bad file with a located error and stores nothing."""

import pytest

from datalab_monitor.inventory.loaders import load_waves
from datalab_monitor.inventory.models import Wave
from datalab_monitor.registry.loaders import RegisterFileError


@pytest.mark.parametrize(
    "content, message",
    [
        (
            "waves:\n  - slug: x\n    year: [2019\n",
            r"waves\.yaml: line 4, column 1: not valid YAML \(expected",
        ),
        ("- just a list\n", "must hold a list 'waves'"),
        (
            "waves:\n  - {slug: x, year: 2030, title_nl: T}\n",
            "entry 1: field 'title_en' is missing",
        ),
        (
            "waves:\n  - {slug: x, year: 2030, title_nl: T, title_en: T, status: gone}\n",
            "entry 1: field 'status' must be one of",
        ),
    ],
)
def test_bad_waves_file_says_where_and_stores_nothing(register, tmp_path, content, message):
    path = tmp_path / "waves.yaml"
    path.write_text(content)
    before = Wave.objects.count()
    with pytest.raises(RegisterFileError, match=message):
        load_waves(path)
    assert Wave.objects.count() == before


def test_missing_waves_file(register, tmp_path):
    with pytest.raises(RegisterFileError, match="file not found"):
        load_waves(tmp_path / "waves.yaml")
