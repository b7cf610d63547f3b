"""The citations as the standard tools read them: every BibTeX entry formats with each of pybtex's
standard styles, every CSL-JSON item renders with citeproc-py, with its year where one is sure,
no date printed twice or run into other text, and nothing in EDTF's notation."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import citeproc
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database import parse_string
from pybtex.plugin import find_plugin
from test_dates import _dates

from macros import cite, dates
from macros.index import Entry

SITE = "https://example.org/dossier/"
NAME = "the test dossier"  # the site's name, within a sentence
STYLES = ("plain", "unsrt", "alpha", "unsrtalpha")  # pybtex's standard styles
CSL_STYLE = Path(citeproc.__file__).parent / "data" / "styles" / "harvard-cite-them-right.csl"
# EDTF's own signs, or a date run into a word ("latest2007"), never reach a formatted citation.
GARBLED = re.compile(r"\d[~?%]|\.\./|/\.\.|[A-Za-z]\d{4}|\d{4}[A-Za-z]")


def _cited(index) -> list[tuple[Entry, str, dict, list[str]]]:
    """Each entry that offers a citation: its BibTeX, its CSL-JSON item, and its dates."""
    out = []
    for entry in index.entries.values():
        style = entry.type.presentation.citation
        if style == "article":
            bib, csl = cite.article_bibtex(entry, index), cite.article_csl(entry, index)
            whens = [entry.data["published"]]
        elif style == "legal_case":
            page = SITE + entry.url
            bib, csl = cite.ruling_bibtex(entry, index, page, NAME), cite.ruling_csl(entry, index, page)
            whens = [d["when"] for d in entry.data.get("date", ())]
        else:
            continue
        out.append((entry, bib, csl, whens))
    assert out  # a dossier has articles
    return out


def _sure_year(whens: list[str]) -> int | None:
    """The year every day every version allows falls in, if there is one."""
    bounds = [b for d in map(dates.parse, whens) for b in (d.low, d.high)]
    years = {b.year for b in bounds if b}
    return years.pop() if whens and None not in bounds and len(years) == 1 else None


@cache
def _bibtex_style(name: str):
    return find_plugin("pybtex.style.formatting", name)()


@cache
def _csl_style() -> CitationStylesStyle:
    return CitationStylesStyle(str(CSL_STYLE), validate=False)


def _pybtex(bib: str) -> dict[str, str]:
    data = parse_string(bib, "bibtex")
    out = {}
    for name in STYLES:
        style = _bibtex_style(name)
        (formatted,) = style.format_entries(data.entries.values())
        out[name] = formatted.label + " " + formatted.text.render_as("text")
    return out


def _citeproc(item: dict) -> tuple[str, str]:
    """The in-text citation and the bibliography entry citeproc-py renders for one item."""
    bibliography = CitationStylesBibliography(_csl_style(), CiteProcJSON([item]), formatter.plain)
    citation = Citation([CitationItem(item["id"])])
    bibliography.register(citation)
    in_text = str(bibliography.cite(citation, lambda item: None))
    (entry,) = bibliography.bibliography()
    return in_text, str(entry)


def _own_text(entry: Entry, bib: str) -> str:
    return " ".join([entry.name, str(entry.data.get("title", "")), bib])


def _check_bibtex(entry: Entry, bib: str, whens: list[str]) -> None:
    year = _sure_year(whens)
    for name, text in _pybtex(bib).items():
        assert "?" not in text or "?" in _own_text(entry, bib), (name, text)  # no placeholder for a missing field
        if year:
            assert str(year) in text, (name, text)


def _check_csl(item: dict, whens: list[str]) -> None:
    year = _sure_year(whens)
    in_text, full = _citeproc(item)
    for text in (in_text, full):
        assert not GARBLED.search(text.replace(item.get("URL", ""), "")), text
        if year:
            assert str(year) in text, text
    # Each date in words, where the item gives one, is printed once.
    words = item.get("issued", {}).get("literal")
    if words:
        assert full.count(words) == 1, full
    issued = item.get("issued", {})
    for parts in issued.get("date-parts", ()):  # no more precise than the date: the parts name a period it lies in
        low, high = _period(parts)
        assert all(low <= d.low and d.high <= high for d in map(dates.parse, whens)) or len(issued["date-parts"]) == 2


def _period(parts: list[int]) -> tuple:
    """The first and last day the CSL date-parts name (read as the EDTF date they spell)."""
    d = dates.parse("-".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(parts)))
    return d.low, d.high


def test_every_bibtex_entry_formats_with_each_standard_style(corpus):
    for entry, bib, _, whens in _cited(corpus.index):
        _check_bibtex(entry, bib, whens)


def test_every_csl_item_renders_with_citeproc(corpus):
    for _, _, csl, whens in _cited(corpus.index):
        _check_csl(csl, whens)


def _with_dates(index, whens: list[str]):
    """The index's first article and first ruling, given these dates."""
    article = index.by_type["article"][0]
    ruling = index.by_type["ruling"][0]
    article = replace(article, data={**article.data, "published": whens[0]})
    ruling = replace(ruling, data={**ruling.data, "date": [{"when": w, "sources": ["x"]} for w in whens]})
    return article, ruling


@settings(max_examples=40, deadline=None)
@given(whens=st.lists(_dates, min_size=1, max_size=3))
def test_any_date_gives_citations_the_tools_accept(index, whens):
    article, ruling = _with_dates(index, whens)
    _check_bibtex(article, cite.article_bibtex(article, index), whens[:1])
    _check_csl(cite.article_csl(article, index), whens[:1])
    _check_bibtex(ruling, cite.ruling_bibtex(ruling, index, SITE, NAME), whens)
    _check_csl(cite.ruling_csl(ruling, index, SITE), whens)


@pytest.mark.parametrize(
    "when, issued",
    [
        ("2007-08-16", {"date-parts": [[2007, 8, 16]]}),
        ("2007-08-16~", {"date-parts": [[2007, 8, 16]], "circa": True}),
        ("2006-09?", {"date-parts": [[2006, 9]], "circa": True}),
        ("2007-08-28/2007-08-31", {"date-parts": [[2007, 8]]}),  # the days are not all sure: the month is
        ("2007-06/2007-08", {"date-parts": [[2007]]}),
        ("2007-12-28/2008-01-03", {"date-parts": [[2007, 12, 28], [2008, 1, 3]]}),
        ("2007-08~/2007-10", {"date-parts": [[2007]], "circa": True}),
        ("../2007-07-18", {"literal": "by 18 July 2007 at the latest"}),
    ],
)
def test_a_csl_date_has_only_the_precision_known(when, issued):
    assert cite._csl_date(when) == issued


@pytest.mark.parametrize(
    "whens, issued",
    [
        (["2007~"], {"date-parts": [[2007]], "circa": True}),
        (["2007-08-16?", "2007-08-20"], {"date-parts": [[2007]], "circa": True}),  # circa: a version is uncertain
        (["2007-08-16", "2007-08-20"], {"date-parts": [[2007, 8]]}),
    ],
)
def test_csl_keeps_an_approximate_date_as_circa_where_json_ld_leaves_it_out(index, whens, issued):
    _, ruling = _with_dates(index, whens)
    assert cite.ruling_csl(ruling, index, SITE)["issued"] == issued


@settings(max_examples=100, deadline=None)
@given(when=_dates)
def test_bibtex_says_in_its_note_what_its_year_cannot(index, when):
    """BibTeX has no circa: an approximate or uncertain date keeps its year, never its month, and
    the note gives the date in words, qualifier and all."""
    article, _ = _with_dates(index, [when])
    fields = parse_string(cite.article_bibtex(article, index), "bibtex").entries[article.id].fields
    d = dates.parse(when)
    if d.start and d.end and any(p.approximate or p.uncertain for p in (d.start, d.end)):
        assert "month" not in fields
    assert d.words() in " ".join(fields["note"].split())
