"""The scheduled external-link check, against a server on 127.0.0.1: retries, cache, ignore list."""

from __future__ import annotations

import http.server
import shutil
import threading
from collections import Counter

import pytest
from conftest import FIXTURES

from macros import linkcheck


class _Handler(http.server.BaseHTTPRequestHandler):
    hits: Counter = Counter()

    def _answer(self):
        _Handler.hits[self.path] += 1
        status = {"/ok": 200, "/gone": 404, "/head-refused": 405}.get(self.path, 404)
        if self.path == "/flaky":
            status = 503 if _Handler.hits[self.path] % 2 == 1 else 200
        if self.path == "/head-refused" and self.command == "GET":
            status = 200
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    _Handler.hits = Counter()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def project(tmp_path, server):
    shutil.copytree(FIXTURES / "mini" / "entries", tmp_path / "entries")
    first = tmp_path / "entries" / "articles" / "first-report.md"
    first.write_text(
        first.read_text(encoding="utf-8").replace("https://example.org/first", f"{server}/ok")
        + f"\nSee [elsewhere]({server}/flaky) and [gone]({server}/gone).\n",
        encoding="utf-8",
    )
    second = tmp_path / "entries" / "articles" / "second-report.md"
    second.write_text(
        second.read_text(encoding="utf-8").replace("https://example.org/second", f"{server}/head-refused"),
        encoding="utf-8",
    )
    (tmp_path / "ignore.yml").write_text("[]\n", encoding="utf-8")
    return tmp_path


def _run(project, **kw):
    return linkcheck.run(
        project / "entries", project / "ignore.yml", project / "cache.json", backoff=0.01, timeout=5, **kw
    )


def test_broken_addresses_are_reported_after_retries(project, server):
    report, counts = _run(project, retries=3, now=1000.0)
    assert report == [f"entries/articles/first-report.md: {server}/gone: HTTP 404"]
    assert counts == {"checked": 4, "broken": 1}
    assert _Handler.hits["/flaky"] == 2  # a 503, then a success on retry
    assert _Handler.hits["/gone"] == 1  # a 404 is final: no retry
    assert _Handler.hits["/head-refused"] == 2  # HEAD refused, GET accepted


def test_without_retries_a_passing_failure_is_reported(project, server):
    report, _ = _run(project, retries=1, now=1000.0)
    assert f"entries/articles/first-report.md: {server}/flaky: HTTP 503" in report


def test_good_results_are_cached_and_failures_rechecked(project, server):
    _run(project, retries=3, now=1000.0)
    hits = Counter(_Handler.hits)
    report, counts = _run(project, retries=3, now=1000.0 + 3600)
    assert counts["checked"] == 1  # only the broken address is asked again
    assert _Handler.hits["/ok"] == hits["/ok"] and _Handler.hits["/gone"] == hits["/gone"] + 1
    _, counts = _run(project, retries=3, now=1000.0 + 8 * 86400)  # past max age: all again
    assert counts["checked"] == 4


def test_ignored_addresses_are_never_requested(project, server):
    (project / "ignore.yml").write_text(
        "- pattern: /gone$\n  reason: The publisher removed it; the archived copy is used instead.\n", encoding="utf-8"
    )
    report, _ = _run(project, retries=3, now=1000.0)
    assert report == [] and _Handler.hits["/gone"] == 0


@pytest.mark.parametrize(
    "text, message",
    [
        ("- pattern: x\n", "item 1: must have exactly 'pattern' and 'reason'"),
        ("- pattern: x\n  reason: ''\n", "item 1: 'reason' must say why the address is not checked"),
        ("- pattern: '('\n  reason: r\n", "item 1: 'pattern' is not a valid regular expression"),
        ("pattern: x\n", "must be a list of {pattern, reason} items"),
    ],
)
def test_an_ignore_item_without_a_reason_is_refused(project, text, message):
    (project / "ignore.yml").write_text(text, encoding="utf-8")
    with pytest.raises(linkcheck.IgnoreError, match=message.replace("(", r"\(").replace("{", r"\{")):
        _run(project)


def test_the_committed_ignore_list_is_valid():
    from conftest import ROOT

    path = ROOT / "linkcheck-ignore.yml"
    assert path.is_file()
    ignores = linkcheck.read_ignores(path)  # refuses an item without a reason
    assert ignores and all(i.pattern and i.reason for i in ignores)
