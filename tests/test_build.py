"""The built site: strict build, every internal address and anchor resolves, nothing from other hosts,
and every front-matter value reaches the HTML escaped."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import html5lib
import pytest
from conftest import FIXTURES, ROOT, make_project, mkdocs_build, mkdocs_config, nav_pages
from htmlcheck import LOADS, broken_links, folder_addresses, is_external, read_site

from macros.corpus import collect


def test_every_internal_address_and_fragment_resolves(built_site: Path):
    broken, checked = broken_links(built_site)
    assert broken == []
    assert checked > 1000  # the check really walked the site's links


def test_with_file_addresses_every_internal_address_and_fragment_resolves_to_a_file(tmp_path):
    """Built with MkDocs' use_directory_urls: false, as a site read from the file system must be,
    the dossier's pages are at <folder>/<id>.html and every link names a file."""
    project = make_project(tmp_path, ROOT / "entries")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    switched = text.replace("\nuse_directory_urls: true", "\nuse_directory_urls: false")
    assert switched != text
    config.write_text(switched, encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    broken, checked = broken_links(site)
    assert broken == []
    assert checked > 1000  # the check really walked the site's links
    assert folder_addresses(site) == []
    index = collect(project / "entries", project).index
    for entry in index.entries.values():
        assert (site / entry.type.folder / f"{entry.id}.html").is_file(), entry.id
    for year in index.dated_years:
        assert (site / "timeline" / f"{year}.html").is_file(), year


def test_pages_load_nothing_from_other_hosts(built_site: Path):
    pages = read_site(built_site)
    outside = [
        f"{p.relative_to(built_site)}: <{tag} {attr}={value}>"
        for p, page in pages.items()
        for tag, attr, value in page.links
        if (tag, attr) in LOADS and is_external(value)
    ]
    assert outside == []
    css_imports = [
        f"{css.relative_to(built_site)}: {m}"
        for css in built_site.rglob("*.css")
        for m in re.findall(r"(?:@import|url\()\s*['\"]?((?:https?:)?//[^'\")\s]+)", css.read_text(encoding="utf-8"))
    ]
    assert css_imports == []


def test_every_entry_has_a_page_and_the_navigation_lists_sections_only(built_site: Path, corpus):
    for entry in corpus.index.entries.values():
        assert (built_site / entry.url / "index.html").is_file(), entry.id
    page = corpus.index.by_type["person"][0].url + "index.html"
    doc = html5lib.parse((built_site / page).read_text(encoding="utf-8"), namespaceHTMLElements=False)
    nav = next(n for n in doc.iter("nav") if "md-nav--primary" in n.get("class", ""))
    base = "/" + corpus.index.by_type["person"][0].url
    hrefs = {
        posixpath.normpath(posixpath.join(base, a.get("href"))).rstrip("/") + "/"
        for a in nav.iter("a")
        if not a.get("href").startswith("#")
    }
    assert hrefs == {"/" + p for p in nav_pages()}
    assert {
        "/",
        "/articles/",
        "/people/",
        "/organisations/",
        "/rulings/",
        "/events/",
        "/chronology/",
        "/disputed/",
        "/about/",
        "/contributing/",
    } <= hrefs


PAYLOAD = "</title><script>alert(1)</script><img src=x onerror=alert(2)>\"'><svg onload=alert(3)>"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> tuple[Path, str]:
    """The mini fixture with an HTML payload in every string value of one entry of each type."""
    tmp = tmp_path_factory.mktemp("hostile")
    project = make_project(tmp, FIXTURES / "mini" / "entries")
    for path in (project / "entries").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        quoted = PAYLOAD.replace("\\", "\\\\").replace('"', '\\"')
        keys = [
            "name",
            "summary",
            "says",
            "quote",
            "about",
            "country",
            "date_evidence",
            "title",
            "published_as",
            "what",
        ]
        if path.parent.name in ("people", "events"):  # a ruling's party role is a fixed choice
            keys.append("role")
        for key in keys:
            text = re.sub(
                rf"^(\s*(?:- )?{key}): .*$",
                lambda m, quoted=quoted: f'{m.group(1)}: "{m.group(1).strip(" -")} {quoted}"',
                text,
                flags=re.M,
            )
        for key in ("aliases", "authors"):
            text = re.sub(rf"^{key}: .*$", f'{key}: ["{quoted}"]', text, flags=re.M)
        text = re.sub(
            r"^url: .*$", 'url: "https://example.org/?q=%22%3E%3Cscript%3Ealert(5)%3C/script%3E"', text, flags=re.M
        )
        path.write_text(text, encoding="utf-8")
    out = tmp / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out, project


def test_each_year_of_the_timeline_has_a_page_of_its_own(built_site: Path, corpus):
    years = corpus.index.dated_years
    assert years  # the dossier has dated facts
    built = sorted(int(p.parent.name) for p in (built_site / "timeline").glob("*/index.html"))
    assert built == list(years)
    doc = html5lib.parse(
        (built_site / "timeline" / str(years[0]) / "index.html").read_text(encoding="utf-8"),
        namespaceHTMLElements=False,
    )
    assert next(doc.iter("title")).text == f"Timeline of {years[0]} - The AllofMP3 dossier"
    toc = next(d for d in doc.iter("div") if d.get("data-md-type") == "toc")
    assert toc.get("hidden") is not None  # the drawing takes the page's width: no table of contents beside it
    drawings = [
        svg for svg in doc.iter("{http://www.w3.org/2000/svg}svg") if "dossier-timeline" in svg.get("class", "")
    ]
    assert len(drawings) == 1


def test_a_hand_written_page_where_a_year_page_goes_fails_the_build(tmp_path):
    project = make_project(tmp_path, FIXTURES / "mini" / "entries")
    (project / "docs" / "timeline").mkdir()
    (project / "docs" / "timeline" / "2007.md").write_text("# 2007\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "the timeline of 2007: docs/timeline/2007.md already exists; that page is generated" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_front_matter_payloads_never_become_elements_or_attributes(hostile_site):
    site, _ = hostile_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    seen_payload = 0
    for path in pages:
        text = path.read_text(encoding="utf-8")
        doc = html5lib.parse(text, namespaceHTMLElements=False)
        for el in doc.iter():
            if not isinstance(el.tag, str):
                continue
            handlers = [a for a in el.attrib if a.lower().startswith("on")]
            assert handlers == [], f"{path}: <{el.tag}> has {handlers}"
            assert el.tag != "svg", f"{path}: injected <svg>"
            if el.tag == "img":
                assert el.get("src") != "x", f"{path}: injected <img>"
            if el.tag == "script" and el.get("type") == "application/ld+json":
                json.loads(el.text)  # structured data stays data: valid JSON with no raw '<'
                assert "<" not in el.text, f"{path}: '<' in JSON-LD"
            elif el.tag == "script":
                assert "alert(" not in (el.text or ""), f"{path}: injected <script>"
        titles = [t.text for t in doc.iter("title")]
        assert len(titles) == 1, f"{path}: {len(titles)} <title> elements"
        seen_payload += text.count("alert(1)")
    assert seen_payload > 50  # the payloads reached the pages, as text


def test_an_entry_title_shows_exactly_the_name(hostile_site):
    site, _ = hostile_site
    doc = html5lib.parse((site / "people/jane-roe/index.html").read_text(encoding="utf-8"), namespaceHTMLElements=False)
    title = next(doc.iter("title")).text
    assert title == f"name {PAYLOAD} - The AllofMP3 dossier"
    h1 = next(doc.iter("h1"))
    assert "".join(h1.itertext()).strip().startswith(f"name {PAYLOAD}")


def test_the_build_fails_on_the_same_problems_as_the_check(tmp_path):
    project = make_project(tmp_path, FIXTURES / "broken" / "entries")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    logged = [line.split("-  ", 1)[1] for line in result.stderr.splitlines() if line.startswith("ERROR")]
    expected = (FIXTURES / "broken" / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert logged[:-1] == expected
    assert logged[-1].startswith(f"{len(expected)} problem(s) in entries/")
    assert "Traceback" not in result.stdout + result.stderr


def test_link_validation_is_raised_to_warn_so_strict_fails_on_it():
    config = mkdocs_config()
    assert config["strict"] is True
    assert config["validation"]["links"] == {
        "not_found": "warn",
        "anchors": "warn",
        "absolute_links": "warn",
        "unrecognized_links": "warn",
    }
    assert config["plugins"][1]["macros"]["render_by_default"] is False
    assert config["theme"]["font"] is False


def test_a_broken_anchor_in_an_entry_fails_the_strict_build(tmp_path):
    project = make_project(tmp_path, FIXTURES / "mini" / "entries")
    shop = project / "entries" / "organisations" / "shop.md"
    shop.write_text(
        shop.read_text(encoding="utf-8") + "\nSee [her role](../people/jane-roe.md#no-such-anchor).\n", encoding="utf-8"
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "no-such-anchor" in result.stderr


def test_the_search_index_holds_payloads_only_as_escaped_text(hostile_site):
    site, _ = hostile_site
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    found = 0
    for doc in docs:
        for key in ("title", "text"):
            fragment = html5lib.parseFragment(doc[key], namespaceHTMLElements=False)
            for el in fragment.iter():
                if not isinstance(el.tag, str):
                    continue
                assert el.tag not in ("script", "img", "svg", "iframe"), (doc["location"], el.tag)
                assert not [a for a in el.attrib if a.lower().startswith("on")], doc["location"]
            found += doc[key].count("alert(")
    assert found > 20


def test_the_search_index_holds_each_fact_once_on_the_page_that_states_it(built_site: Path, corpus):
    """Sections that repeat other pages (backlinks, timelines, chronology tables) stay out of search;
    the page itself still shows them."""
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    kvasov = {d["location"] for d in docs if d["location"].startswith("people/denis-kvasov/")}
    assert {"people/denis-kvasov/", "people/denis-kvasov/#account", "people/denis-kvasov/#points"} <= kvasov
    for derived in ("#timeline", "#what-links-here", "#defendant-in", "#mentioned-in"):
        assert "people/denis-kvasov/" + derived not in kvasov
    html = (built_site / "people" / "denis-kvasov" / "index.html").read_text(encoding="utf-8")
    assert 'id="what-links-here"' in html and 'id="timeline"' in html and "data-search-exclude" not in html
    # The chronology's tables are not indexed: only its introduction is.
    chronology = [d for d in docs if d["location"].startswith("chronology/")]
    assert [d["location"] for d in chronology] == ["chronology/"]
    assert "dossier-chronology" not in chronology[0]["text"]
    assert len(corpus.index.chronology) > 10
