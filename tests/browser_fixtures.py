"""Debian's Chromium, driven headless through Playwright (no browser is ever downloaded).

One browser per test session, with a fresh profile folder; each page records its console
errors, uncaught exceptions, dialogs and every request it makes, so tests can prove a view
runs cleanly and offline. Import the fixture into a test module::

    from browser_fixtures import browser  # noqa: F401
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--metrics-recording-only",
    "--no-default-browser-check",
]
VIEWPORT = {"width": 1280, "height": 800}
SETTLE_MS = 120_000


def launch(profile: str) -> tuple[Any, Any]:
    """Start Playwright and Debian's Chromium on ``profile``; returns (playwright, context)."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the HTML-view tests drive Debian's Chromium. "
            f"Install it with {ROOT / 'devtools' / 'install-browser'} (apt-get; runs as root or with sudo).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        context = pw.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            headless=True,
            args=ARGS,
            viewport=VIEWPORT,
            service_workers="block",
        )
    except Exception:
        pw.stop()
        raise
    return pw, context


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A Playwright browser context on Debian's Chromium (fresh profile, closed at the end)."""
    with tempfile.TemporaryDirectory(prefix="ipgraph-chromium-") as profile:
        pw, context = launch(profile)
        try:
            yield context
        finally:
            context.close()
            pw.stop()


@dataclass
class PageRun:
    """A page opened on a view, with everything it did."""

    page: Any
    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    @property
    def foreign_requests(self) -> list[str]:
        """Requests for anything but the view file itself."""
        return [r for r in self.requests if r != self.url]

    def counts(self) -> tuple[int, int]:
        return tuple(self.page.evaluate("[window.ipgraphView.nodes.length, window.ipgraphView.edges.length]"))


def wait_settled(page: Any, timeout_ms: int = SETTLE_MS) -> None:
    """Poll (from outside the page: the view's CSP forbids Playwright's in-page eval) until settled."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate("() => !!(window.ipgraphView && window.ipgraphView.stabilized)"):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{page.url}: layout did not settle in {timeout_ms} ms")
        page.wait_for_timeout(25)


def open_view(context: Any, path: Path, *, wait: bool = True) -> PageRun:
    """Open ``path`` in a new page; wait until its layout has settled (``ipgraphView.stabilized``)."""
    page = context.new_page()
    run = PageRun(page, path.resolve().as_uri())
    page.on("console", lambda m: m.type == "error" and run.console_errors.append(m.text))
    page.on("pageerror", lambda e: run.page_errors.append(str(e)))
    page.on("request", lambda r: run.requests.append(r.url))

    def on_dialog(d: Any) -> None:
        run.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", on_dialog)
    page.goto(run.url, wait_until="load")
    if wait:
        wait_settled(page)
    return run
