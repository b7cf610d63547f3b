"""schema.org data (JSON-LD) for an entry's page, read from the type declaration.

Each type declares its schema.org type (`Presentation.schema_org`, which a `kind` choice may
narrow, as a court is a GovernmentOrganization) and which of its fields give which property
(`Field.schema_org`). So a new type, or a new field, needs no change here: what it declares
is what its pages say.
"""

from __future__ import annotations

import json

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
    if f.kind == schema.REF:
        ids = [value]
    elif f.kind == schema.LIST and f.item.kind == schema.REF:
        ids = list(value)
    else:  # a list of facts: the references each holds
        refs = [s for s in f.item.fields if s.kind == schema.REF and s.name != "sources"]
        ids = [item[r.name] for item in value for r in refs if r.name in item]
    return [_node(index.entries[i], site_url) for i in dict.fromkeys(ids) if i in index.entries]


def _date_properties(prop: str, whens: list[str]) -> dict:
    """A date as schema.org can hold it, never more precise than recorded.

    A publication date is given as written when it is sure, else as the period it lies in; a
    start date with its end date only when there is one version whose bounds are exact."""
    if prop == "datePublished":
        d = dates.parse(whens[0])
        if not d.uncertain:
            return {prop: d.low.isoformat() if d.start.day else d.text}
        return {"temporalCoverage": whens[0]}  # ISO 8601 interval: the bounds
    parsed = [dates.parse(w) for w in whens]
    qualified = any(p and (p.approximate or p.uncertain) for d in parsed for p in (d.start, d.end))
    if len(parsed) != 1 or qualified:
        return {}
    low, high = parsed[0].iso_bounds()
    return {k: v for k, v in (("startDate", low), ("endDate", high)) if v}


def _properties(f: schema.Field, value, index: Index, site_url: str) -> dict:
    prop, _, wrap = f.schema_org.partition("@")
    if f.kind == schema.DATE:
        return _date_properties(prop, [value])
    if f.kind == schema.LIST and f.item.kind == schema.OBJECT and f.item.subfield("when"):
        return _date_properties(prop, [item["when"] for item in value if "when" in item])
    if f.kind in (schema.REF, schema.LIST):
        named = _named(f, value, index, site_url)
        if not named:
            return {}
        return {prop: named[0] if f.kind == schema.REF else named}  # one reference, one node
    return {prop: {"@type": wrap, "name": value} if wrap else value}


def jsonld(entry: Entry, index: Index, site_url: str) -> dict:
    """schema.org data for an entry's page."""
    page = site_url + entry.url
    data = {
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
        data["citation"] = [
            {
                "@type": type_of(a),
                "headline": a.data.get("title", a.name),
                "url": a.data.get("url", ""),
                "@id": site_url + a.url,
            }
            for a in (index.entries[s] for s in entry.sources if s in index.entries)
        ]
    return data


def script_json(data) -> str:
    """JSON inside <script>: '<', '>' and '&' escaped so that no value can close the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
