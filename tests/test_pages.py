"""Hand-written pages state no count or list that the index knows: those are generated, so that
a new article or entry updates them."""

from __future__ import annotations

import re

import html5lib
from conftest import ROOT

from macros import dates, quotes, reference

# "five articles", "2 publishers", "53 entries"...: a count of the dossier's own content ("one" is
# left out: "one row per entry" is a rule, and "more than 150 entries" a threshold).
_COUNT = re.compile(
    r"(?<!than )\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+"
    r"(?:\w+\s+){0,2}(?:articles?|entries|entry|people|persons?|organisations?|rulings?|"
    r"events?|publishers?|sources?)\b",
    re.IGNORECASE,
)
# Pages about the machinery, whose figures are of generated test dossiers, not of this one.
_ABOUT_THE_MACHINERY = {"benchmark.md"}


def test_hand_written_pages_count_nothing_by_hand():
    pages = [p for p in (ROOT / "docs").rglob("*.md") if p.name not in _ABOUT_THE_MACHINERY]
    assert pages
    found = [
        (p.relative_to(ROOT).as_posix(), m.group())
        for p in pages
        for m in _COUNT.finditer(p.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_sources_overview_counts_what_the_index_holds(index):
    doc = html5lib.parseFragment(reference.sources_overview(index, "../"), namespaceHTMLElements=False)
    overview = next(p for p in doc.iter("p") if p.get("class") == "dossier-sources-overview")
    text = "".join(overview.itertext())
    articles = index.by_type["article"]
    assert f"rests on {len(articles)} press article" in text
    publishers = {a.data["publisher"] for a in articles}
    linked = [a.get("href") for a in overview.iter("a")]
    assert sorted(linked) == sorted(f"../{index.entries[p].url}" for p in publishers)
    for a in articles:
        assert str(dates.parse(a.data["published"]).year) in text


def test_the_quotation_table_gives_each_article_the_figures_the_check_counts(index):
    doc = html5lib.parseFragment(reference.quotation_table(index, "../"), namespaceHTMLElements=False)
    rows = {
        tr.find("td/a").get("href"): [td.text for td in tr.findall("td")[1:]] for tr in doc.iter("tr") if tr.find("td")
    }
    measured = [a for a in index.by_type["article"] if quotes.length(a) is not None]
    assert sorted(rows) == sorted(f"../{a.url}" for a in measured)
    for budget in quotes.budgets(index):
        words, quoted, share, limit = rows[f"../{index.entries[budget.article].url}"]
        assert (int(words), int(quoted), int(limit)) == (budget.words, budget.quoted, budget.limit)
        assert share == f"{budget.quoted / budget.words:.1%}"


def test_the_about_page_shows_the_overview(built_site, corpus):
    doc = html5lib.parse((built_site / "about" / "index.html").read_text(encoding="utf-8"), namespaceHTMLElements=False)
    overview = [p for p in doc.iter("p") if p.get("class") == "dossier-sources-overview"]
    assert len(overview) == 1
    assert f"rests on {len(corpus.index.by_type['article'])} press article" in "".join(overview[0].itertext())


def test_each_page_of_a_type_an_arrow_points_to_shows_its_neighbourhood_after_its_facts(built_site, corpus):
    from macros.draw.neighbourhood import neighbourhood
    from macros.draw.relations import DRAWN_TYPES

    index = corpus.index
    assert DRAWN_TYPES
    for entry in index.entries.values():
        html = (built_site / entry.url / "index.html").read_text(encoding="utf-8")
        heading = html.find('id="neighbourhood-in-the-relations-graph"')
        if entry.type.name not in DRAWN_TYPES:
            assert heading == -1
            continue
        assert html.find('<table class="dossier-facts"') < heading < html.find('id="what-links-here"')
        section = html[heading : html.find('id="what-links-here"')]
        hood = neighbourhood(index, entry.id)
        doc = html5lib.parseFragment(section, namespaceHTMLElements=False)
        listed = [a.get("href") for li in doc.iter("li") for a in li.iter("a")]
        for other in hood.first:
            assert f"../../{index.entries[other].url}" in listed  # in the text alternative too
