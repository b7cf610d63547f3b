"""Citations: BibTeX and CSL-JSON for articles and rulings, and for the dossier as a whole.

Dates carry no more precision than the dossier records: an interval becomes the period its
bounds share (a CSL date range only when they share no year), an approximate date is marked
`circa`, an open end is given in words, and BibTeX gets only the year and month that every
bound shares (the year of an approximate date too, its note saying "about": see `_shared`). Each entry formats with BibTeX's standard styles and renders with a CSL
processor (tests/test_cite_formats.py): an article whose author is not known is cited under
its publisher, and one without a sure year is an @misc, for the styles require both of an
@article.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime
from typing import Any

from . import dates, jsonld, kinds, schema
from .index import Entry, Index
from .published import Published

_MONTHS = tuple(m.lower() for m in dates.MONTH_ABBR)  # BibTeX's month macros

# BibTeX counts every brace, escaped or not, to find where a value ends: `\{` would still
# open one. So braces and the backslash become commands whose own braces are balanced, and
# no value can close its entry or open another; the other characters LaTeX treats as
# special are escaped as LaTeX expects.
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "^": r"\^{}",
    "~": r"\~{}",
    **{c: "\\" + c for c in "%&$#_"},
    "\r": " ",
    "\n": " ",
}
_BIBTEX_SPECIAL = re.compile("|".join(map(re.escape, _BIBTEX_ESCAPES)))
# In an address, what could unbalance braces or split the value is percent-encoded instead:
# LaTeX's \url prints an address as it is written, so commands there would be printed too.
_URL_UNSAFE = re.compile(r"[{}\\\s\x00-\x1f\x7f]")


def _bib(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES[m.group()], text)


# BibTeX splits an author list at the word "and" and reads commas as "Last, First": a name
# holding either is braced whole, so that it stays one name, as written.
_NAME_SPLITS = re.compile(r",|\band\b", re.IGNORECASE)


def _bib_name(name: str) -> str:
    return "{" + _bib(name) + "}" if _NAME_SPLITS.search(name) else _bib(name)


def _bib_url(url: str) -> str:
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), url)


def _shared(texts: list[str]) -> tuple[int | None, int | None]:
    """The year, and month, that every date's bounds share as written (dates.Date.shared); None where they do not.

    BibTeX has no way to mark a date approximate or uncertain, as CSL's `circa` does. Such a
    date keeps its year here, never its month: the styles need a year to cite an article at
    all, and the entry's note gives the date in words ("Published about 2007", "dated 16
    August 2007 (uncertain)"), which every style prints beside it. JSON-LD, which has no note
    to say so, leaves such a date out (jsonld.iso_date)."""
    parts = [dates.parse(t).shared() for t in texts]
    years, months = {y for y, _ in parts}, {m for _, m in parts}
    year = years.pop() if len(years) == 1 else None
    return year, (months.pop() if year and len(months) == 1 else None)


def _written(p: dates.Point) -> list[int]:
    return [x for x in (p.year, p.month, p.day) if x]


def _qualified(d: dates.Date) -> bool:
    return any(p and (p.approximate or p.uncertain) for p in (d.start, d.end))


def _csl_parts(iso: str, circa: bool) -> dict:
    return {"date-parts": [[int(x) for x in iso.split("-")]], **({"circa": True} if circa else {})}


def _csl_date(text: str) -> dict:
    """A CSL date: a point as written, `circa` when approximate or uncertain; an interval as the
    period both bounds share (jsonld.period), as a range only when they share no year (several
    CSL processors, citeproc-py among them, fail on a range within one year); an open end, which
    no date-parts can hold, in words."""
    d = dates.parse(text)
    if d.start is None or d.end is None:
        return {"literal": d.words()}
    if d.interval and jsonld.period(d):
        return _csl_parts(jsonld.period(d), _qualified(d))
    ends = [d.start, d.end] if d.interval else [d.start]
    return {"date-parts": [_written(p) for p in ends], **({"circa": True} if _qualified(d) else {})}


def bibtex_key(entry_id: str) -> str:
    """The id as BibTeX's key, when it is one (kinds.ID). A key is not braced or escaped, and
    BibTeX ends it at a comma, a brace or white space: an id a file name forges (indexed with
    the check off) could close its entry and open another. Such an id gets a key made of its
    digest instead, the same from build to build; the underscore keeps it apart from every id."""
    if kinds.ID.match(entry_id):
        return entry_id
    return "id_" + hashlib.sha256(entry_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _fields_bibtex(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    """Fields are braced, except the month given as one of BibTeX's macros (jan ... dec); the
    key is `bibtex_key`'s."""
    body = ",\n".join(
        f"  {name} = {value if name == 'month' and value in _MONTHS else '{' + value + '}'}"
        for name, value in fields
        if value
    )
    return f"@{kind}{{{bibtex_key(key)},\n{body}\n}}"


def publisher_name(entry: Entry, index: Index) -> str:
    publisher = index.entries.get(entry.data.get("publisher", ""))
    return entry.data.get("published_as") or (publisher.name if publisher else "")


_LANGUAGES = {c.value: c.label.lower() for c in schema.LANGUAGES}  # BibTeX's language names


def article_bibtex(entry: Entry, index: Index) -> str:
    """An @article; cited under its publisher, as a corporate author (braced whole, so that no
    style takes it for a person's first and last names), when its author is not known, for
    BibTeX's styles require an article's author. Without a year it can be sure of, an @misc:
    the styles require an article's year too, and none is guessed."""
    year, month = _shared([entry.data["published"]])
    publisher = _bib(publisher_name(entry, index))
    authors = " and ".join(_bib_name(a) for a in entry.data.get("authors", ()))
    note = f"Published {dates.parse(entry.data['published']).words()}"
    if not authors:
        authors, note = "{" + publisher + "}", note + "; author not known, cited under its publisher"
    return _fields_bibtex(
        "article" if year else "misc",
        entry.id,
        [
            ("author", authors),
            ("title", "{" + _bib(entry.data.get("title", entry.name)) + "}"),
            ("journal" if year else "howpublished", publisher),
            ("year", str(year) if year else ""),
            ("month", _MONTHS[month - 1] if month else ""),
            ("url", _bib_url(entry.data.get("url", ""))),
            ("language", _LANGUAGES.get(entry.data.get("language", ""), "")),
            ("note", _bib(note)),
        ],
    )


def article_csl(entry: Entry, index: Index) -> dict:
    item = {
        "id": entry.id,
        "type": "article-newspaper",
        "title": entry.data.get("title", entry.name),
        "container-title": publisher_name(entry, index),
        "URL": entry.data.get("url", ""),
        "language": entry.data.get("language", ""),
    }
    issued = _csl_date(entry.data["published"])
    if "literal" in issued:  # a style printing an article's year and its day apart would print it twice
        item["note"] = "Published " + issued["literal"]
    else:
        item["issued"] = issued
    if entry.data.get("authors"):
        item["author"] = [{"literal": a} for a in entry.data["authors"]]
    if "archive_url" in entry.data:
        item["archive_location"] = entry.data["archive_url"]
    return item


def _court_names(entry: Entry, index: Index) -> str:
    return "; ".join(index.entries[c["entry"]].name for c in entry.data.get("court", ()) if c["entry"] in index.entries)


def ruling_bibtex(entry: Entry, index: Index, page_url: str, described_in: str) -> str:
    """A ruling as an @misc; `described_in` is the site's name within a sentence."""
    whens = [d["when"] for d in entry.data.get("date", ())]
    year, month = _shared(whens)
    words = " or ".join(dates.parse(w).words() for w in whens)
    return _fields_bibtex(
        "misc",
        entry.id,
        [
            ("title", "{" + _bib(entry.name) + "}"),
            ("howpublished", _bib(_court_names(entry, index))),
            ("year", str(year) if year else ""),
            ("month", _MONTHS[month - 1] if month else ""),
            ("note", _bib(f"Court decision, dated {words} by the articles; as described in {described_in}")),
            ("url", _bib_url(page_url)),
        ],
    )


def ruling_csl(entry: Entry, index: Index, page_url: str) -> dict:
    whens = [d["when"] for d in entry.data.get("date", ())]
    item: dict[str, Any] = {
        "id": entry.id,
        "type": "legal_case",
        "title": entry.name,
        "authority": _court_names(entry, index),
        "URL": page_url,
    }
    if len(whens) == 1:
        item["issued"] = _csl_date(whens[0])
    elif whens:  # the articles disagree: the period every version lies in, else each version in words
        versions = [dates.parse(w) for w in whens]
        shared = jsonld.shared_iso(whens, jsonld.period)  # marked circa below where any version is qualified
        if shared:
            item["issued"] = _csl_parts(shared, any(map(_qualified, versions)))
            item["note"] = "The articles give different dates: " + "; ".join(d.words() for d in versions)
        else:
            item["issued"] = {"literal": " or ".join(d.words() for d in versions)}
    return item


def dossier_bibtex(built: datetime, published: Published) -> str:
    return _fields_bibtex(
        "misc",
        "allofmp3-dossier",
        [
            ("title", "{" + _bib(published.name) + "}"),
            ("author", "{" + _bib(f"{published.name} contributors") + "}"),
            ("year", str(built.year)),
            ("url", _bib_url(published.url)),
            ("note", f"Built on {built.date().isoformat()}"),
        ],
    )


def dossier_csl(built: datetime, published: Published) -> dict:
    return {
        "id": "allofmp3-dossier",
        "type": "webpage",
        "title": published.name,
        "author": [{"literal": f"{published.name} contributors"}],
        "URL": published.url,
        "issued": {"date-parts": [[built.year, built.month, built.day]]},
    }


def csl_text(item: dict) -> str:
    return json.dumps([item], ensure_ascii=False, indent=2)
