from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.reports.fixtures import make_wave


@pytest.fixture(autouse=True)
def fresh_cache():
    """Findings are cached per wave; a rolled-back test must not leave them to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def fixture_wave(register):
    return make_wave()


@pytest.fixture
def synthetic_wave(register):
    return make_wave("synthetic-2024", synthetic=True)
