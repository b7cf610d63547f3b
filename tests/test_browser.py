"""In a real browser (Chromium driven by Playwright): the pages a reader uses, with no console
error and no request leaving 127.0.0.1. Screenshots go to test-artifacts/screenshots/.

Skipped, with the reason, where no Chromium is installed; under CI a missing browser fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browsing import Watched, chromium, search, served
from conftest import FIXTURES, ROOT, make_project, mkdocs_build

ARTIFACTS = Path(os.environ.get("DOSSIER_ARTIFACTS", ROOT / "test-artifacts")) / "screenshots"


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def dossier(built_site):
    with served(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("mini-browser")
    project = make_project(tmp, FIXTURES / "mini" / "entries")
    result = mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    with served(tmp / "site") as url:
        yield url


class Shot(Watched):
    """A watched page that can be saved as a screenshot."""

    def shot(self, name: str):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def watched(browser):
    w = Shot(browser)
    yield w
    w.close()


def test_home_page(watched, dossier):
    watched.page.goto(dossier)
    assert watched.page.title() == "The AllofMP3 dossier"
    assert watched.page.locator("article h1").first.inner_text().rstrip("¶") == "The AllofMP3 dossier"
    watched.shot("home")


def test_search_by_alias_opens_the_entry(watched, dossier):
    watched.page.goto(dossier)
    results = search(watched.page, "Media Services")
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("organisations/mediaservices/" in h for h in hrefs), hrefs
    watched.shot("search-alias")
    link = next(i for i, h in enumerate(hrefs) if "organisations/mediaservices/" in h)
    results.nth(link).click()
    watched.page.wait_for_url("**/organisations/mediaservices/**")
    assert watched.page.locator("article h1").first.inner_text().startswith("MediaServices")


def test_search_by_a_cyrillic_alias_and_without_accents(watched, mini):
    for query in ("Джейн", "Jeanne Roe"):
        watched.page.goto(mini)
        results = search(watched.page, query)
        hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
        assert any("people/jane-roe/" in h for h in hrefs), (query, hrefs)
    watched.shot("search-cyrillic")
    results.first.click()
    watched.page.wait_for_url("**/people/jane-roe/**")


@pytest.mark.parametrize(
    "query, expected",
    [
        ("planifie son retour", "articles/allofmp3-plans-its-return/"),  # a French title, as written
        ("illégalité", "articles/mipi-says-allofmp3-illegal/"),  # a French word with its accents
        ("prosecutor", "organisations/russian-public-prosecutor/"),  # an English word
        ("ministère public", "organisations/russian-public-prosecutor/"),  # its French alias
    ],
)
def test_search_finds_french_and_english_words(watched, dossier, query, expected):
    watched.page.goto(dossier)
    results = search(watched.page, query)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any(expected in h for h in hrefs), hrefs


def test_an_entry_shows_grouped_backlinks_and_its_timeline(watched, dossier):
    watched.page.goto(dossier + "people/denis-kvasov/")
    page = watched.page
    assert page.locator("h2#what-links-here").is_visible()
    groups = page.locator("h2#what-links-here ~ h3").all_inner_texts()
    assert "Defendant in" in [g.strip("¶ \n") for g in groups]
    assert page.locator("h2#timeline").is_visible()
    assert page.locator("table.dossier-chronology tbody tr").count() >= 2
    watched.shot("entry-denis-kvasov")


def test_chronology_page(watched, dossier):
    watched.page.goto(dossier + "chronology/")
    page = watched.page
    for year in ("2004", "2006", "2007", "2008"):
        assert page.locator(f"h2[id='{year}']").count() == 1
    assert page.locator(".dossier-uncertain").count() > 5
    watched.shot("chronology")


@pytest.mark.parametrize(
    "url, name", [("timeline/", "timeline"), ("timeline/2007/", "timeline-2007"), ("graph/", "graph")]
)
def test_visual_timeline_and_graph(watched, dossier, url, name):
    watched.page.goto(dossier + url)
    svg = watched.page.locator("article svg").first
    svg.wait_for()
    assert svg.locator("a").count() > 5
    watched.shot(name)


def test_the_timeline_year_filter_and_the_way_to_a_year_page(watched, dossier):
    page = watched.page
    page.goto(dossier + "timeline/")
    page.locator(".dossier-year-filter button", has_text="2007").click()
    svg = page.locator("svg.tl-overview")
    assert "is-filtered" in svg.get_attribute("class")
    dimmed = svg.locator(".tl-mark.is-dimmed").count()
    assert 0 < dimmed < svg.locator(".tl-mark").count()
    page.locator("ul.dossier-years a", has_text="2007").click()
    page.wait_for_url("**/timeline/2007/")
    assert page.locator("h1").inner_text().startswith("Timeline of 2007")
    page.locator(".dossier-year-nav a", has_text="2006").click()
    page.wait_for_url("**/timeline/2006/")
