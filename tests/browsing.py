"""Driving Chromium (through Playwright) on a built site: the browser, a server on 127.0.0.1, a
page whose console errors and outside requests are recorded, and the theme's search box.

Where no Chromium is installed the tests that need one are skipped, with the reason; under CI a
missing browser fails them.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

BROWSER = os.environ.get("DOSSIER_BROWSER") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@contextlib.contextmanager
def chromium():
    """One browser for the module that asks; skipped (failed under CI) where none is installed."""
    if not Path(BROWSER).exists():
        reason = (
            f"no Chromium at {BROWSER}: install Debian's chromium package (.ci/run does) "
            "or set DOSSIER_BROWSER to a Chromium or Chrome executable"
        )
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser tests: " + reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=BROWSER, args=ARGS)
        try:
            yield b
        finally:
            b.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served(folder: Path):
    """`folder` served on a free port of 127.0.0.1; yields its address."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


class Watched:
    """A page whose console errors and outside requests are recorded."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", self._request)

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != "127.0.0.1":
            self.outside.append(request.url)

    def close(self):
        self.context.close()
        assert self.errors == [], self.errors
        assert self.outside == [], self.outside


def search(page, text: str):
    """Types `text` into the theme's search box as a reader does; returns the result links."""
    page.locator(".md-search__input").first.click()
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function("m => !m.textContent.includes('Initializing')", arg=meta.element_handle(), timeout=15_000)
    # Typed key by key, as a reader does: the theme searches on keyboard events.
    box = page.locator("input.md-search__input")
    box.press_sequentially(text, delay=10)
    # Characters outside the keyboard layout (Cyrillic) are inserted without key events;
    # one real key press lets the theme see the query, as a reader's keyboard would.
    box.press("End")
    results = page.locator(".md-search-result__item > a")
    results.first.wait_for(timeout=15_000)
    return results
