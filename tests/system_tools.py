"""System tools some tests need (Debian packages, see the README): skip with a clear message
when one is missing on a developer's machine, but fail in CI (env ``CI`` set), where
``.ci/run`` installs them."""

from __future__ import annotations

import os
import shutil

import pytest

APT_HINT = (
    "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 chromium poppler-utils fonts-dejavu-core"
)


def missing(message: str) -> None:
    message = f"{message}; install the system packages with: {APT_HINT}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def require_command(command: str, package: str) -> None:
    """Skip (fail in CI) unless ``command`` is on the PATH."""
    if shutil.which(command) is None:
        missing(f"'{command}' not found (Debian package {package})")
