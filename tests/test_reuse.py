"""For re-users: the open-data exports, structured data, citations, sitemap and search index
of the real dossier's built site."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import frontmatter
import html5lib
import pytest

from macros import exports, schema
from macros.index import claim_fields
from macros.pages import search_variants

SITE_URL = "http://127.0.0.1:8000/"


def _page(site: Path, url: str):
    return html5lib.parse((site / url / "index.html").read_text(encoding="utf-8"), namespaceHTMLElements=False)


# --- open data ----------------------------------------------------------------------


def test_the_json_export_holds_every_entry_with_its_fields_references_and_sources(built_site, corpus, dossier_project):
    data = json.loads((built_site / "data" / "dossier.json").read_text(encoding="utf-8"))
    index = corpus.index
    assert data["format_version"] == 1
    assert data["counts"] == {t.name: len(index.by_type[t.name]) for t in schema.TYPES}
    records = {r["id"]: r for r in data["entries"]}
    assert list(records) == list(index.entries)  # same ids, same order
    for entry_id, record in records.items():
        entry = index.entries[entry_id]
        assert set(record) == {
            "id",
            "type",
            "name",
            "aliases",
            "summary",
            "page",
            "source_file",
            "sources",
            "fields",
            "references",
            "backlinks",
            "text",
        }
        assert record["type"] == entry.type.name and record["page"] == entry.url
        # Round trip: the fields are the front matter exactly as another reader sees it.
        assert record["fields"] == frontmatter.load(dossier_project / entry.path).metadata
        for ref in record["references"]:
            assert ref["target"] in records and ref["relation"]
        assert [(b["relation"], tuple(b["from"])) for b in record["backlinks"]] == list(
            index.backlinks.get(entry_id, ())
        )
        assert set(record["sources"]) <= {i for i, r in records.items() if r["type"] == "article"}
    # Every backlink is the mirror of a reference or a body link.
    refs = {(r["id"], ref["target"]) for r in data["entries"] for ref in r["references"]}
    for record in data["entries"]:
        for group in record["backlinks"]:
            for source in group["from"]:
                assert group["relation"] == "Mentioned in" or (source, record["id"]) in refs


def test_each_type_has_a_csv_with_one_row_per_entry(built_site, corpus):
    for t in schema.TYPES:
        rows = list(csv.DictReader(io.StringIO((built_site / "data" / f"{t.folder}.csv").read_text(encoding="utf-8"))))
        assert [r["id"] for r in rows] == [e.id for e in corpus.index.by_type[t.name]]
        for row, entry in zip(rows, corpus.index.by_type[t.name]):
            assert row["name"] == entry.name
            for f in claim_fields(t):
                if f.name in entry.data:
                    assert len(json.loads(row[f.name])) == len(entry.data[f.name])


def _unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_the_calendar_has_one_event_per_dated_fact(built_site, corpus):
    raw = (built_site / "data" / "chronology.ics").read_bytes().decode("utf-8")  # keep CRLF
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))
    lines = _unfold(raw)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    events = raw.count("BEGIN:VEVENT")
    assert events == len(corpus.index.chronology) > 20
    starts = [line for line in lines if line.startswith("DTSTART;VALUE=DATE:")]
    assert len(starts) == events
    assert sum(line == "STATUS:TENTATIVE" for line in lines) == sum(
        d.date.uncertain or d.disputed for d in corpus.index.chronology
    )
    uids = [line for line in lines if line.startswith("UID:")]
    assert len(set(uids)) == events


def test_the_graph_export_has_every_entry_and_reference(built_site, corpus):
    graph = json.loads((built_site / "data" / "graph.json").read_text(encoding="utf-8"))
    ids = [n["id"] for n in graph["nodes"]]
    assert ids == list(corpus.index.entries)
    assert all(e["source"] in ids and e["target"] in ids and e["relation"] for e in graph["edges"])
    # Counted independently, by walking every entry's fields with the declaration.
    from test_entries import _refs

    assert len(graph["edges"]) == sum(len(list(_refs(e.type.fields, e.data))) for e in corpus.index.entries.values())


def test_the_open_data_page_links_every_export(built_site):
    doc = _page(built_site, "data")
    hrefs = {a.get("href") for a in doc.iter("a")}
    for name in exports.FILES:
        assert f"../data/{name}" in hrefs
        assert (built_site / "data" / name).is_file()


# --- structured data, sitemap, citations ----------------------------------------------

EXPECTED_TYPES = {
    "article": {"NewsArticle"},
    "person": {"Person"},
    "ruling": {"Event"},
    "event": {"Event"},
    "organisation": {
        "Organization",
        "NewsMediaOrganization",
        "GovernmentOrganization",
        "Corporation",
        "BankOrCreditUnion",
    },
}


def test_every_entry_page_carries_json_ld_and_opengraph(built_site, corpus):
    for entry in corpus.index.entries.values():
        doc = _page(built_site, entry.url)
        scripts = [s for s in doc.iter("script") if s.get("type") == "application/ld+json"]
        assert len(scripts) == 1, entry.id
        data = json.loads(scripts[0].text)
        assert data["@context"] == "https://schema.org"
        assert data["@type"] in EXPECTED_TYPES[entry.type.name]
        assert data["@id"] == data["url"] == SITE_URL + entry.url
        assert data["name"] == entry.name and data["description"] == entry.summary
        if entry.type.name != "article":
            assert [c["@id"] for c in data["citation"]] == [
                SITE_URL + corpus.index.entries[s].url for s in entry.sources
            ]
        meta = {m.get("property"): m.get("content") for m in doc.iter("meta") if m.get("property")}
        assert meta["og:title"] == entry.name
        assert meta["og:description"] == entry.summary
        assert meta["og:url"] == SITE_URL + entry.url
        assert meta["og:type"] == ("article" if entry.type.name == "article" else "website")


def test_the_sitemap_lists_every_page(built_site):
    tree = ET.parse(built_site / "sitemap.xml")
    locs = {el.text for el in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    pages = {SITE_URL + p.parent.relative_to(built_site).as_posix() + "/" for p in built_site.rglob("index.html")}
    pages = {p.replace(SITE_URL + "./", SITE_URL) for p in pages}
    assert locs == pages


def _cite_blocks(site: Path, url: str) -> tuple[str, list]:
    doc = _page(site, url)
    codes = {c.get("class"): "".join(c.itertext()) for c in doc.iter("code") if c.get("class")}
    return codes["language-bibtex"], json.loads(codes["language-json"])


def test_article_and_ruling_pages_offer_bibtex_and_csl_json(built_site, corpus):
    for entry in corpus.index.by_type["article"] + corpus.index.by_type["ruling"]:
        bibtex, csl = _cite_blocks(built_site, entry.url)
        assert re.match(rf"@(article|misc)\{{{re.escape(entry.id)},\n", bibtex)
        assert bibtex.count("{") == bibtex.count("}") and bibtex.endswith("}")
        assert csl[0]["id"] == entry.id
        if entry.type.name == "article":
            assert csl[0]["type"] == "article-newspaper" and csl[0]["URL"] == entry.data["url"]
            # Authors as recorded, and none when none is known.
            assert csl[0].get("author", []) == [{"literal": a} for a in entry.data.get("authors", ())]


@pytest.mark.parametrize(
    "shape, issued",
    [
        # Between two days of one month: the month is sure, the day is not.
        (r"(\d{4})-(\d\d)-\d\d/\1-\2-\d\d", lambda m: {"date-parts": [[int(m[1]), int(m[2])]]}),
        # About a day: that day, marked as approximate.
        (r"(\d{4})-(\d\d)-(\d\d)~", lambda m: {"date-parts": [[int(m[1]), int(m[2]), int(m[3])]], "circa": True}),
    ],
)
def test_citation_dates_keep_their_uncertainty(built_site, corpus, shape, issued):
    # The first article of the dossier whose date has this shape; none at all fails (StopIteration).
    article, match = next(
        (e, m) for e in corpus.index.by_type["article"] if (m := re.fullmatch(shape, str(e.data["published"])))
    )
    bibtex, csl = _cite_blocks(built_site, article.url)
    assert csl[0]["issued"] == issued(match)
    assert "day" not in bibtex


def test_the_dossier_as_a_whole_is_citable_with_its_build_date(built_site):
    bibtex, csl = _cite_blocks(built_site, "data/")
    assert bibtex.startswith("@misc{allofmp3-dossier,")
    built = json.loads((built_site / "data" / "dossier.json").read_text(encoding="utf-8"))["built"][:10]
    assert f"note = {{Built on {built}}}" in bibtex
    assert csl[0]["issued"]["date-parts"][0] == [int(x) for x in built.split("-")]


# --- search ---------------------------------------------------------------------------


def _search_docs(site: Path) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_search_indexes_aliases_french_titles_and_accent_free_variants(built_site, corpus):
    config = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert set(config["lang"]) == {"en", "fr", "ru"}
    docs = _search_docs(built_site)
    text_of = {}
    for d in docs:
        text_of.setdefault(d["location"].split("#")[0], []).append(d["title"] + " " + d["text"])
    for entry in corpus.index.entries.values():
        text = " ".join(text_of[entry.url])
        for alias in entry.aliases:
            assert re.sub(r"\s+", " ", alias) in text.replace("&amp;", "&").replace("&#x27;", "'"), (entry.id, alias)
    # French titles, as written.
    titles = {d["title"] for d in docs}
    assert "Le MIPI australien affirme l'illégalité de AllofMP3" in {t.replace("&#x27;", "'") for t in titles}
    # "Société" can be found as "Societe".
    assert "illegalite" in " ".join(text_of["articles/mipi-says-allofmp3-illegal/"])


def test_search_variants_fold_ligatures_accents_and_cyrillic():
    from macros.index import Entry

    entry = Entry(
        "x",
        schema.BY_NAME["person"],
        "entries/people/x.md",
        {"name": "Jeanne d'Œil", "aliases": ("Денис Квасов", "Plain"), "summary": "Une œuvre, une Œuvre."},
        "L'illégalité et l'œil; l'œil.",
        10,
    )
    assert search_variants(entry) == ["Jeanne d'Oeil", "Denis Kvasov", "oeuvre", "Oeuvre", "illegalite", "oeil"]


def test_calendar_text_is_escaped_and_folded():
    assert exports._ics_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "SUMMARY:" + "é" * 60
    folded = exports._fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
