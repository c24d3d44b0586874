"""Headless Chromium (Debian's) through Playwright, and axe-core checks (WCAG 2.1 AA).

One place for what every browser test needs: where Chromium and axe-core are, how to start the
browser on this closed network, and how to run axe and describe its violations.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = PROJECT_DIR / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} :: ` +
    v.nodes.map((n) => n.target.join(" ") + " " + n.failureSummary).join("; "));
}"""


def require(path: Path, what: str) -> None:
    """Skip when a browser prerequisite is missing, except in CI (env CI set), where it fails."""
    if path.is_file():
        return
    from tests.system_tools import missing

    missing(f"{what} not found at {path}")


@contextmanager
def chromium() -> Iterator:
    """A headless Chromium browser (Playwright ``Browser``), closed afterwards."""
    require(CHROMIUM, "Chromium")
    require(AXE_JS, "axe-core (run npm install)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.1 AA violations on the page, one readable line each."""
    # Evaluated through the DevTools protocol, not as an inline <script>: the site's CSP (no
    # inline scripts) stays in force while axe runs.
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text())
    return page.evaluate(_RUN_AXE, AXE_TAGS)
