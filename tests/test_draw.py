"""The timeline and the relations graph (macros/draw): well-formed SVG, one mark per dated fact at
the right place, inexact dates as spans, the expected nodes and labelled edges, deterministic, and
escaped. The layout alone is tested in test_layout.py."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date
from pathlib import Path

import html5lib
import pytest
from conftest import FIXTURES, unheld
from graphs import dossiers
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.corpus import collect
from macros.draw import graph, timeline

NS = "{http://www.w3.org/2000/svg}"
BASE = "../"
SITE_NAME = "the test dossier"  # the site's name, within a sentence
PAYLOAD = "</text><script>alert(1)</script>&amp; <a href='javascript:alert(2)'>\"x\""


def mini_variant(tmp_path: Path, path: str, old: str, new: str):
    """The mini fixture with one line of one entry changed."""
    entries = tmp_path / "entries"
    shutil.copytree(FIXTURES / "mini" / "entries", entries)
    target = entries / path
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new), encoding="utf-8")
    corpus = collect(entries, tmp_path)
    assert corpus.problems == ()
    return corpus.index


def classes(el) -> set[str]:
    return set(el.get("class", "").split())


def marks(svg) -> list:
    return [a for a in svg.iter(NS + "a") if "tl-mark" in classes(a)]


def shape(mark):
    return next(el for el in mark.iter() if "tl-shape" in classes(el))


def title(el) -> str:
    return el.find(NS + "title").text


def year_ticks(svg) -> dict[int, float]:
    """The x of each year's first day, from the labelled columns."""
    bands = [r for r in svg.iter(NS + "rect") if "tl-band" in classes(r)]
    ticks = {int(b.get("data-year")): float(b.get("x")) for b in bands}
    last = max(bands, key=lambda b: float(b.get("x")))
    ticks[max(ticks) + 1] = float(last.get("x")) + float(last.get("width"))
    return ticks


def px_per_day(svg) -> float:
    ticks = year_ticks(svg)
    first, last = min(ticks), max(ticks)
    return (ticks[last] - ticks[first]) / (date(last, 1, 1) - date(first, 1, 1)).days


# --- timeline ------------------------------------------------------------------


def test_the_timeline_is_well_formed_svg_with_a_title(index):
    svg = ET.fromstring(timeline.timeline_svg(index, BASE))
    assert svg.tag == NS + "svg"
    assert svg.find(NS + "title").text.startswith("Timeline of every dated fact")
    assert svg.find(NS + "desc") is not None
    assert svg.get("aria-labelledby")


def test_one_mark_per_dated_fact_linking_to_its_entry(index):
    svg = ET.fromstring(timeline.timeline_svg(index, BASE))
    found = marks(svg)
    assert len(found) == len(index.chronology)
    assert Counter(a.get("href") for a in found) == Counter(BASE + index.entries[d.entry].url for d in index.chronology)
    by_edtf = {(a.get("href"), a.get("data-edtf")): a for a in found}
    for d in index.chronology:
        mark = by_edtf[(BASE + index.entries[d.entry].url, d.date.text)]
        assert title(mark).startswith(f"{d.date.words()}: {index.entries[d.entry].name}")


def test_year_ticks_cover_the_whole_range(index):
    svg = ET.fromstring(timeline.timeline_svg(index, BASE))
    labels = [t.text for t in svg.iter(NS + "text") if "tl-year" in classes(t)]
    assert labels == ["2005", "2006", "2007", "2008"]  # Jane Roe's role ends in 2005; the last article, 2008
    ticks = [float(line.get("x1")) for line in svg.iter(NS + "line") if "tl-tick" in classes(line)]
    assert len(ticks) == 5 and ticks == sorted(ticks)
    for mark in marks(svg):
        for el in mark.iter():
            for attr in ("x", "cx"):
                if el.get(attr) is not None:
                    assert ticks[0] - 6 <= float(el.get(attr)) <= ticks[-1] + 6


def test_an_interval_is_a_span_as_wide_as_its_bounds(index):
    svg = ET.fromstring(timeline.timeline_svg(index, BASE))
    scale = px_per_day(svg)
    ticks = year_ticks(svg)
    by_edtf = {a.get("data-edtf"): a for a in marks(svg)}
    year = by_edtf["2007"]  # an exact year: a solid bar over the whole of it
    assert "tl-period" in classes(year) and "tl-uncertain" not in classes(year)
    bar = shape(year)
    assert float(bar.get("x")) == pytest.approx(ticks[2007], abs=0.01)
    assert float(bar.get("width")) == pytest.approx(365 * scale, abs=0.02)
    about = by_edtf["2008-05~"]  # about May 2008: from its first to its last possible day
    assert "tl-span" in classes(about)
    bar = shape(about)
    assert float(bar.get("x")) == pytest.approx(ticks[2008] + 121 * scale, abs=0.01)
    assert float(bar.get("width")) == pytest.approx(31 * scale, abs=0.02)


def test_a_year_drawn_by_month_keeps_widths_proportional(index):
    svg = ET.fromstring(timeline.timeline_svg(index, BASE, 2007))
    labels = [t.text for t in svg.iter(NS + "text") if "tl-month" in classes(t)]
    assert labels == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    bands = sorted((r for r in svg.iter(NS + "rect") if "tl-band" in classes(r)), key=lambda r: float(r.get("x")))
    scale = (float(bands[-1].get("x")) + float(bands[-1].get("width")) - float(bands[0].get("x"))) / 365
    by_edtf = {a.get("data-edtf"): a for a in marks(svg)}
    week = shape(by_edtf["2007-07-13/2007-07-18"])  # six days
    assert float(week.get("x")) == pytest.approx(float(bands[0].get("x")) + 193 * scale, abs=0.01)
    assert float(week.get("width")) == pytest.approx(6 * scale, abs=0.02)
    # Only what may fall in 2007: not Jane Roe's role (2005) nor the 2008 article.
    assert set(by_edtf) == {"2007", "../2007-07-18", "2007-08", "2007-10", "2007-06", "2007-07-13/2007-07-18"}


def test_an_exact_day_is_a_point(tmp_path):
    index = mini_variant(tmp_path, "people/jane-roe.md", 'end: "2005-12"', 'end: "2005-12-05"')
    svg = ET.fromstring(timeline.timeline_svg(index, BASE))
    mark = next(a for a in marks(svg) if a.get("data-edtf") == "2005-12-05")
    assert "tl-point" in classes(mark) and "tl-uncertain" not in classes(mark)
    dot = shape(mark)
    assert dot.tag == NS + "circle"
    scale = px_per_day(svg)
    assert float(dot.get("cx")) == pytest.approx(year_ticks(svg)[2005] + (338 + 0.5) * scale, abs=0.01)


def test_inexact_marks_are_distinguished_and_open_ends_fade(index):
    svg = ET.fromstring(timeline.timeline_svg(index, BASE))
    for mark in marks(svg):
        fact_uncertain = mark.get("data-edtf") in ("../2007-07-18", "2007-07-13/2007-07-18", "2008-05~")
        assert ("tl-uncertain" in classes(mark)) == fact_uncertain, mark.get("data-edtf")
        drawn = shape(mark)
        dashed_or_faded = drawn.get("stroke-dasharray") or drawn.get("mask")
        assert bool(dashed_or_faded) == fact_uncertain
    open_start = next(a for a in marks(svg) if a.get("data-edtf") == "../2007-07-18")
    assert "tl-open-start" in classes(open_start)
    assert open_start.get("data-low") == "" and open_start.get("data-high") == "2007-07-18"
    assert shape(open_start).get("mask").startswith("url(#tl-")
    # The legend explains every kind of mark.
    legend = next(g for g in svg.iter(NS + "g") if "tl-legend" in classes(g))
    keys = {c for g in legend.iter(NS + "g") for c in classes(g)}
    assert {"tl-point", "tl-period", "tl-span", "tl-open-start"} <= keys
    assert any(t.text.startswith("disputed date") for t in legend.iter(NS + "text"))


def test_disputed_dates_are_marked(index):
    svg = ET.fromstring(timeline.timeline_svg(index, BASE))
    disputed = [a for a in marks(svg) if "tl-disputed" in classes(a)]
    assert sorted(a.get("data-edtf") for a in disputed) == ["2007-08", "2007-10"]  # the Roe case
    for mark in disputed:
        assert "Disputed date" in title(mark)
        assert any("tl-sign" in classes(el) for el in mark.iter())


def test_the_timeline_page_links_each_year_with_facts_to_its_own_page(index):
    assert index.dated_years == (2005, 2007, 2008)  # nothing may fall in 2006
    page = unheld(timeline.timeline_page, index, BASE)
    doc = html5lib.parse(page, namespaceHTMLElements=False)
    year_links = {a.get("href") for a in doc.iter("{http://www.w3.org/2000/svg}a") if "tl-year-link" in classes(a)}
    assert year_links == {"../timeline/2005/", "../timeline/2007/", "../timeline/2008/"}
    listed = [(a.get("href"), a.text) for ul in doc.iter("ul") if "dossier-years" in classes(ul) for a in ul.iter("a")]
    assert listed == [("../timeline/2005/", "2005"), ("../timeline/2007/", "2007"), ("../timeline/2008/", "2008")]
    assert "2007</a>: 6 dated facts</li>" in page
    # The overview is the only drawing on the page: the years are drawn on their own pages.
    assert len(list(doc.iter(NS + "svg"))) == 1


def year_page(index, year: int) -> tuple[dict, ET.Element]:
    """A year page's metadata, and its Markdown parsed as HTML."""
    meta, body = unheld(timeline.timeline_year_page, index, year, SITE_NAME)
    return meta, html5lib.parse(body, namespaceHTMLElements=False)


def test_a_year_page_draws_that_year_and_links_to_its_neighbours(index):
    meta, doc = year_page(index, 2007)
    assert meta["title"] == "Timeline of 2007"
    nav = next(p for p in doc.iter("p") if "dossier-year-nav" in classes(p))
    assert [(a.get("href"), a.text) for a in nav.iter("a")] == [
        ("../../timeline/2005/", "← 2005"),
        ("../", "Overview"),
        ("../../timeline/2008/", "2008 →"),
    ]
    (svg,) = doc.iter(NS + "svg")
    assert {a.get("data-edtf") for a in svg.iter(NS + "a") if "tl-mark" in classes(a)} == {
        "2007",
        "../2007-07-18",
        "2007-08",
        "2007-10",
        "2007-06",
        "2007-07-13/2007-07-18",
    }
    assert all(a.get("href").startswith("../../") for a in svg.iter(NS + "a"))
    # Each page carries the legend, and defines each id once.
    assert any("tl-legend" in classes(g) for g in svg.iter(NS + "g"))
    ids = [el.get("id") for el in svg.iter() if el.get("id")]
    assert len(ids) == len(set(ids)) > 0
    chronology = [a.get("href") for a in doc.iter("a") if "chronology" in a.get("href", "")]
    assert chronology == ["../../chronology/#2007"]
    _, first = year_page(index, 2005)
    assert [a.text for p in first.iter("p") if "dossier-year-nav" in classes(p) for a in p.iter("a")] == [
        "Overview",
        "2007 →",
    ]
    _, last = year_page(index, 2008)
    assert [a.text for p in last.iter("p") if "dossier-year-nav" in classes(p) for a in p.iter("a")] == [
        "← 2007",
        "Overview",
    ]


def test_a_year_page_links_the_chronology_without_an_anchor_when_no_date_is_filed_under_it(tmp_path):
    # Jane Roe's role ends between December 2005 and January 2007: filed under 2005, it may fall in 2006.
    index = mini_variant(tmp_path, "people/jane-roe.md", 'end: "2005-12"', 'end: "2005-12/2007-01"')
    assert 2006 in index.dated_years
    _, doc = year_page(index, 2006)
    assert [a.get("href") for a in doc.iter("a") if "chronology" in a.get("href", "")] == ["../../chronology/"]


def test_a_large_overview_counts_the_facts_by_type_and_year(index):
    svg = ET.fromstring(timeline.timeline_overview(index, BASE, max_rows=1))
    assert "tl-counts" in classes(svg)
    assert svg.find(NS + "title").text == "Dated facts by type and year, 2005 to 2008"
    rows = {g.get("data-type"): g for g in svg.iter(NS + "g") if "tl-row" in classes(g)}
    assert list(rows) == [
        t for t, _, _ in timeline.TL_GROUPS if any(index.entries[d.entry].type.name == t for d in index.chronology)
    ]
    cells = [a for a in svg.iter(NS + "a") if "tl-count" in classes(a)]
    by_year = Counter()
    for a in cells:
        year = int(a.get("data-low")[:4])
        assert a.get("href") == f"../timeline/{year}/"
        assert a.get("data-high") == f"{year}-12-31"
        n = int(a.get("data-count"))
        assert next(t for t in a.iter(NS + "text")).text == str(n)
        by_year[year] += n
    # Every fact counts in each year it may fall in, as the year pages draw it.
    assert by_year == {y: len(index.facts_in_year(y)) for y in index.dated_years}
    # Below the threshold, the overview keeps a row per entry.
    rows = ET.fromstring(timeline.timeline_overview(index, BASE))
    assert "tl-counts" not in classes(rows) and len(marks(rows)) == len(index.chronology)


# --- graph -------------------------------------------------------------------------


def nodes(svg) -> dict[str, ET.Element]:
    return {a.get("data-node"): a for a in svg.iter(NS + "a") if "g-node" in classes(a)}


def edges(svg) -> set[tuple[str, str, str]]:
    out = set()
    for a in svg.iter():
        if "g-edge" in classes(a):
            label = a.find(NS + "text").text
            out.add((a.get("data-from"), a.get("data-to"), label))
    return out


def test_the_graph_has_the_related_entries_and_labelled_edges(index):
    svg = ET.fromstring(graph.graph_svg(index, BASE))
    assert svg.tag == NS + "svg" and svg.find(NS + "title").text == "Relations between people and organisations"
    found = nodes(svg)
    # The Paper and A court take part in no relation between people and organisations.
    assert set(found) == {"jane-roe", "shop"}
    assert found["shop"].get("href") == "../organisations/shop/"
    assert [t.text for t in found["jane-roe"].iter(NS + "text")] == ["Jane Roe"]
    assert edges(svg) == {
        ("shop", "jane-roe", "operated by"),  # the shop's relations
        ("jane-roe", "shop", "director of"),  # her role
        ("shop", "jane-roe", "plaintiff against"),  # the ruling's opposing parties
    }
    court = next(a for a in svg.iter(NS + "a") if "g-court" in classes(a))
    assert court.get("href") == "../rulings/roe-case/"
    # An arrow stated in its source's entry is no link: the source's box links there already.
    assert {a.get("data-to") for a in svg.iter(NS + "g") if "g-edge" in classes(a)} == {"jane-roe", "shop"}
    # The arrow carries no tooltip: the list under it names the ruling.
    assert court.find(NS + "title") is None
    assert "The Roe case" in graph.relation_list(index, BASE, graph.relation_edges(index))


def test_drawings_are_deterministic(index):
    again = collect(FIXTURES / "mini" / "entries", FIXTURES / "mini").index
    for draw in (timeline.timeline_svg, graph.graph_svg, graph.graph_page, timeline.timeline_counts_svg):
        assert draw(index, BASE) == draw(index, BASE) == draw(again, BASE)
    assert unheld(timeline.timeline_page, index, BASE) == unheld(timeline.timeline_page, again, BASE)
    assert unheld(timeline.timeline_year_page, index, 2007, SITE_NAME) == unheld(
        timeline.timeline_year_page, again, 2007, SITE_NAME
    )


def test_the_real_graph_is_deterministic_and_its_boxes_do_not_overlap(corpus):
    text = graph.graph_svg(corpus.index, BASE)
    assert text == graph.graph_svg(corpus.index, BASE)
    svg = ET.fromstring(text)
    found = nodes(svg)
    assert "allofmp3" in found and "denis-kvasov" in found
    boxes = []
    for a in found.values():
        r = a.find(NS + "rect")
        boxes.append(
            (
                float(r.get("x")),
                float(r.get("y")),
                float(r.get("x")) + float(r.get("width")),
                float(r.get("y")) + float(r.get("height")),
            )
        )
    for n, a in enumerate(boxes):
        for b in boxes[n + 1 :]:
            assert min(a[2], b[2]) <= max(a[0], b[0]) or min(a[3], b[3]) <= max(a[1], b[1]), (a, b)
    assert len(marks(ET.fromstring(timeline.timeline_svg(corpus.index, BASE)))) == len(corpus.index.chronology)


def test_entry_names_are_escaped(tmp_path):
    index = mini_variant(
        tmp_path, "people/jane-roe.md", "name: Jane Roe", "name: " + '"' + PAYLOAD.replace('"', '\\"') + '"'
    )

    def year_body(index, base):  # the year of Jane Roe's role, without its metadata
        return unheld(timeline.timeline_year_page, index, 2005, SITE_NAME)[1]

    def overview_page(index, base):
        return unheld(timeline.timeline_page, index, base)

    for draw in (overview_page, graph.graph_page, year_body):
        html = draw(index, BASE)
        doc = html5lib.parse(html, namespaceHTMLElements=False)
        assert any(PAYLOAD in (el.text or "") for el in doc.iter() if isinstance(el.tag, str))  # as text
        assert not [el for el in doc.iter() if isinstance(el.tag, str) and el.tag.endswith("script")]
        for svg in doc.iter(NS + "svg"):
            assert not [el for el in svg.iter() if isinstance(el.tag, str) and el.tag.endswith("script")]
            assert not [el for el in svg.iter(NS + "a") if el.get("href", "").startswith("javascript")]
    for draw in (timeline.timeline_svg, graph.graph_svg):
        svg = ET.fromstring(draw(index, BASE))  # still well-formed XML
        assert not [el for el in svg.iter() if el.tag.endswith("script")]
        texts = [el.text for el in svg.iter() if el.text]
        assert any(PAYLOAD in t for t in texts)  # shown, as text


# --- the built site ---------------------------------------------------------------


@pytest.mark.parametrize("page, cls", [("timeline", "dossier-timeline"), ("graph", "dossier-graph")])
def test_the_site_serves_both_drawings(built_site: Path, page, cls):
    path = built_site / page / "index.html"
    assert path.is_file()
    doc = html5lib.parse(path.read_text(encoding="utf-8"), namespaceHTMLElements=False)
    drawings = [svg for svg in doc.iter(NS + "svg") if cls in svg.get("class", "")]
    assert drawings
    assert [a for a in drawings[0].iter(NS + "a") if a.get("href", "").startswith("../")]
    scripts = [s.get("src") for s in doc.iter("script") if s.get("src")]
    assert any(src.endswith("assets/graphics.js") for src in scripts)
    assert (built_site / "assets" / "graphics.js").is_file()


def page_svgs(page: str) -> list:
    return [ET.fromstring(m) for m in re.findall(r"<svg.*?</svg>", page, re.S)]


def real_nodes(svgs) -> list[str]:
    """The entries drawn in their own right (not as a copy from another piece), once per drawing."""
    return [
        a.get("data-node")
        for svg in svgs
        for a in svg.iter(NS + "a")
        if "g-node" in classes(a) and "g-copy" not in classes(a)
    ]


def check_the_full_graph(index):
    """Every entry with a relation is drawn exactly once; every relation is drawn once or listed;
    copies link to a drawing of the page; dashed arrows are exactly the claims."""
    edges = graph.relation_edges(index)
    page = graph.graph_page(index, BASE)
    assert page == graph.graph_page(index, BASE)
    svgs = page_svgs(page) if edges else []
    drawn = real_nodes(svgs)
    assert sorted(drawn) == sorted({i for e in edges for i in (e.source, e.target)})
    anchors = {g.get("id") for svg in svgs for g in svg.iter(NS + "g") if g.get("id")}
    for svg in svgs:
        for a in svg.iter():
            if "g-copy" in classes(a):
                assert a.get("href")[1:] in anchors
            if "g-edge" in classes(a):
                # A link exactly where the arrow is stated elsewhere than in its source: in a ruling.
                assert (a.tag == NS + "a") == ("g-court" in classes(a))
                line = a.find(NS + "path")
                claim = "g-claim" in classes(a)
                assert (line.get("stroke-dasharray") == graph.CLAIM_DASH) == claim
                label = a.find(NS + "text").text
                assert claim == (", according to " in label)
    arrows = [a for svg in svgs for a in svg.iter() if "g-edge" in classes(a)]
    assert len(arrows) <= len(edges)
    assert page.count("<li>") == len(edges)  # the list holds every relation
    assert f"and {len(arrows)} of the {len(edges)} relations" in page or not edges
    claims = [e for e in edges if e.according_to]
    assert ("according to someone" in page) == bool(claims and any("g-claim" in classes(a) for a in arrows))
    return page


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dossiers(max_people=10, max_orgs=14), st.integers(2, 6), st.integers(0, 3))
def test_any_dossier_is_drawn_whole_however_it_is_cut(index, piece, copies):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(graph, "WHOLE_MAX", piece)
        patch.setattr(graph, "PIECE_MAX", piece)
        patch.setattr(graph, "GHOST_MAX", copies)
        page = check_the_full_graph(index)
    doc = html5lib.parse(page, namespaceHTMLElements=False)
    assert not [el for el in doc.iter() if isinstance(el.tag, str) and el.tag.endswith("script")]
    ids = [el.get("id") for el in doc.iter() if isinstance(el.tag, str) and el.get("id")]
    assert len(ids) == len(set(ids))  # each drawing's ids its own


def test_a_large_generated_graph_is_drawn_whole_in_pieces(tmp_path):
    from bench.generate import generate

    generate(300, tmp_path / "entries")
    corpus = collect(tmp_path / "entries", tmp_path)
    page = check_the_full_graph(corpus.index)
    assert "connected part" in page and "cut into" in page and 'href="../data/graph.json"' in page
