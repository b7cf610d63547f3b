"""Open data: the whole dossier as JSON, a CSV per type, the chronology as iCalendar, the
relation graph as JSON. Pure functions of the index and the build date; the MkDocs hook
writes them into the built site under data/.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone
from typing import Iterable, Iterator

from . import schema
from .index import Dated, Entry, Index
from .views import fact_phrase

FORMAT_VERSION = 1
FILES = {
    "dossier.json": "every entry with its typed fields, resolved references and sources",
    "graph.json": "the relation graph: entries as nodes, every front-matter reference as an edge",
    "chronology.ics": "every dated fact as an iCalendar event (all-day, spanning its bounds)",
    **{f"{t.folder}.csv": f"one row per {t.name}" for t in schema.TYPES},
}


def references(entry: Entry, index: Index) -> list[dict]:
    return [{"field": r.field, "target": r.target, "relation": r.relation}
            for r in index.references.get(entry.id, ())]


def _plain(value):
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "items"):
        return {k: _plain(v) for k, v in value.items()}
    return value


def entry_record(entry: Entry, index: Index) -> dict:
    return {
        "id": entry.id,
        "type": entry.type.name,
        "name": entry.name,
        "aliases": list(entry.aliases),
        "summary": entry.summary,
        "page": entry.url,
        "source_file": entry.path,
        "sources": list(entry.sources),
        "fields": _plain(entry.data),
        "references": references(entry, index),
        "backlinks": [{"relation": label, "from": list(ids)} for label, ids in index.backlinks.get(entry.id, ())],
        "text": entry.body.strip(),
    }


def dossier_json(index: Index, built: datetime) -> Iterator[str]:
    """The JSON text in pieces, one entry record at a time, so that the whole is never held."""
    head = {
        "format_version": FORMAT_VERSION,
        "title": "The AllofMP3 dossier",
        "built": built.isoformat(),
        "licence": "CC BY-SA 4.0",
        "counts": {t.name: len(index.by_type[t.name]) for t in schema.TYPES},
    }
    yield json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "entries": ['
    for n, e in enumerate(index.entries.values()):
        yield ("," if n else "") + "\n" + json.dumps(entry_record(e, index), ensure_ascii=False, indent=1)
    yield "\n]\n}\n"


def graph_json(index: Index) -> str:
    nodes = [{"id": e.id, "type": e.type.name, "name": e.name, "page": e.url,
              **({"kind": e.data["kind"]} if "kind" in e.data else {})} for e in index.entries.values()]
    edges = [{"source": e.id, **ref} for e in index.entries.values() for ref in references(e, index)]
    return json.dumps({"format_version": FORMAT_VERSION, "nodes": nodes, "edges": edges},
                      ensure_ascii=False, indent=1) + "\n"


def _cell(f: schema.Field, value) -> str:
    if f.kind == schema.LIST and f.item.kind in (schema.TEXT, schema.REF):
        return "; ".join(value)
    if f.kind in (schema.LIST, schema.OBJECT):
        return json.dumps(_plain(value), ensure_ascii=False)
    return str(value)


def type_csv(index: Index, etype: schema.EntryType) -> str:
    fields = [f for f in etype.fields if f.name != "type"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", *[f.name for f in fields], "page"])
    for e in index.by_type[etype.name]:
        writer.writerow([e.id, *[_cell(f, e.data[f.name]) if f.name in e.data else "" for f in fields], e.url])
    return out.getvalue()


# --- iCalendar (RFC 5545) ----------------------------------------------------------

def _ics_text(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a leading space."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts, current = [], b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(current) + len(b) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += b
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _what(d: Dated, index: Index) -> str:
    phrase = fact_phrase(d, index)
    return f"{index.entries[d.entry].name}: {phrase}" if phrase else index.entries[d.entry].name


def chronology_ics(index: Index, built: datetime, site_url: str) -> str:
    stamp = built.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//AllofMP3 dossier//chronology//EN",
             "CALSCALE:GREGORIAN", "X-WR-CALNAME:AllofMP3 dossier chronology"]
    for n, d in enumerate(index.chronology, start=1):
        low, high = d.date.low or d.date.high, d.date.high or d.date.low
        cites = ", ".join(index.entries[s].name for s in d.sources if s in index.entries)
        description = f"Date: {d.date.words()} (EDTF {d.date.text})."
        if d.date.uncertain:
            description += " The date is inexact."
        if d.disputed:
            description += " The articles disagree on this date."
        description += f" Sources: {cites}."
        lines += [
            "BEGIN:VEVENT",
            f"UID:{d.entry}-{d.what}-{n}@allofmp3-dossier",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{low.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(high + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_ics_text(_what(d, index))}",
            f"DESCRIPTION:{_ics_text(description)}",
            f"URL:{site_url}{index.entries[d.entry].url}",
            *(["STATUS:TENTATIVE"] if d.date.uncertain or d.disputed else []),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def all_files(index: Index, built: datetime, site_url: str) -> Iterator[tuple[str, Iterable[str]]]:
    """Each export's name and text (whole, or in pieces), made one at a time as they are written."""
    yield "dossier.json", dossier_json(index, built)
    yield "graph.json", [graph_json(index)]
    yield "chronology.ics", [chronology_ics(index, built, site_url)]
    for t in schema.TYPES:
        yield f"{t.folder}.csv", [type_csv(index, t)]
