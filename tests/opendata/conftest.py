"""Open data tests share the report tests' fixture waves and cache reset."""

from tests.reports.conftest import fixture_wave, fresh_cache, synthetic_wave  # noqa: F401
