"""schema.org data (JSON-LD) for an entry's page, read from the type declaration.

Each type declares its schema.org type (`Presentation.schema_org`, which a `kind` choice may
narrow, as a court is a GovernmentOrganization) and which of its fields give which property
(`Field.schema_org`). So a new type, or a new field, needs no change here: what it declares
is what its pages say.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import dates, schema
from .index import Entry, Index


def type_of(entry: Entry) -> str:
    """The schema.org type of an entry: its kind's, where the kind names one, else its type's."""
    kind = entry.type.field("kind")
    choice = kind.choice(entry.data.get("kind", "")) if kind else None
    return (choice.schema_org if choice else "") or entry.type.presentation.schema_org


def _node(entry: Entry, site_url: str) -> dict:
    return {"@type": type_of(entry), "@id": site_url + entry.url, "name": entry.name}


def _named(f: schema.Field, value, index: Index, site_url: str) -> list[dict]:
    """The entries a reference field names, or the references held by a list of facts."""
    if f.is_reference:
        ids = [value]
    elif f.is_list and f.inner.is_reference:
        ids = list(value)
    else:  # a list of facts: the references each holds
        refs = [s for s in f.references() if s.name != "sources"]
        ids = [item[r.name] for item in value for r in refs if r.name in item]
    return [_node(index.entries[i], site_url) for i in dict.fromkeys(ids) if i in index.entries]


def period(d: dates.Date) -> str:
    """The ISO 8601 period (YYYY, YYYY-MM or YYYY-MM-DD) that the date's bounds share as written,
    a qualifier aside, or '' when they share no year or an end is open.

    An approximate or uncertain point keeps only its year (Date.shared), and a day only an exact
    single day. What it gives is surely true of an exact date only: for a qualified one it is
    the period the qualifier applies to, which is what CSL's `circa` marks (cite.py)."""
    year, month = d.shared()
    if year is None:
        return ""
    point = d.start if d.start == d.end else None  # a single point rather than an interval
    day = point.day if point and not (point.approximate or point.uncertain) else None
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")


def iso_date(d: dates.Date) -> str:
    """The ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD) that every day the EDTF date may mean falls in, or ''.

    schema.org's dates are ISO 8601, which has no notation for an approximate or uncertain
    date, nor one for "on or before". An exact date is given as the period it surely lies in
    (`period`); an open end gives nothing, as a date whose bounds share no year does. So does
    an approximate or uncertain date, at whatever precision it is written: "about 2007" may
    be 2006, and a qualifier covers the whole date, so "about 16 August 2007" may be another
    month, even another year. As words.machine_date does for <time datetime>, the property is
    left out rather than made surer than the articles."""
    if any(p and (p.approximate or p.uncertain) for p in (d.start, d.end)):
        return ""
    return period(d)


def shared_iso(whens: list[str], of: Callable[[dates.Date], str] = iso_date) -> str:
    """The ISO 8601 date that every version of a date lies in (`of` each: iso_date, or `period`
    for CSL, down to the components they all give alike), or '' when they share no year."""
    isos = [of(dates.parse(w)).split("-") for w in whens]
    shared = []
    for column in zip(*isos):
        if len(set(column)) > 1 or not column[0]:
            break
        shared.append(column[0])
    return "-".join(shared)


def _date_properties(prop: str, whens: list[str]) -> dict:
    """A date property (datePublished, startDate) as precise as every version of the date allows.

    With several versions (the articles disagree), the period they all surely lie in. Where
    there is none (an open end, versions years apart) the property is left out rather than
    guessed: the page's text gives the dates in words. No endDate is given: a dated fact here
    is a moment known to lie within its bounds, not a happening that lasted from one to the other."""
    shared = shared_iso(whens)
    return {prop: shared} if shared else {}


def _properties(f: schema.Field, value, index: Index, site_url: str) -> dict:
    prop, _, wrap = f.schema_org.partition("@")
    if f.is_date:
        return _date_properties(prop, [value])
    if f.is_list_of_mappings and f.inner.subfield("when"):
        return _date_properties(prop, [item["when"] for item in value if "when" in item])
    if f.is_list and f.inner.kind.quoted:  # free-text names: one node each, when wrapped
        return {prop: [{"@type": wrap, "name": v} for v in value] if wrap else list(value)}
    if f.is_reference or f.is_list:
        named = _named(f, value, index, site_url)
        if not named:
            return {}
        return {prop: named[0] if f.is_reference else named}  # one reference, one node
    return {prop: {"@type": wrap, "name": value} if wrap else value}


def jsonld(entry: Entry, index: Index, site_url: str) -> dict:
    """schema.org data for an entry's page."""
    page = site_url + entry.url
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": type_of(entry),
        "@id": page,
        "url": page,
        "name": entry.name,
        "description": entry.summary,
    }
    if entry.aliases:
        data["alternateName"] = list(entry.aliases)
    for f in entry.type.fields:
        if f.schema_org and f.name in entry.data:
            for prop, value in _properties(f, entry.data[f.name], index, site_url).items():
                if isinstance(value, list) and isinstance(data.get(prop), list):  # two fields, one property
                    value = data[prop] + [v for v in value if v not in data[prop]]
                data[prop] = value
    if entry.type.presentation.is_source:
        data.setdefault("headline", entry.name)
        data["mainEntityOfPage"] = page
    else:
        # A node has one address (url) for its @id, the dossier's page, as on the article's own
        # page; the publisher's address is another page about the same work (sameAs).
        data["citation"] = [
            {
                "@type": type_of(a),
                "@id": site_url + a.url,
                "url": site_url + a.url,
                "headline": a.data.get("title", a.name),
                **({"sameAs": a.data["url"]} if a.data.get("url") else {}),
            }
            for a in (index.entries[s] for s in entry.sources if s in index.entries)
        ]
    return data
