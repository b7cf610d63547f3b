"""Open data: the whole dossier as JSON, a CSV per type, the chronology as iCalendar, the
relation graph as JSON. Pure functions of the index and the build date; the MkDocs hook
writes them into the built site under data/.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections import Counter
from datetime import datetime, timedelta, timezone
from typing import Iterable, Iterator
from urllib.parse import quote

from . import schema, words
from .characters import UNSAFE
from .index import Entry, Index
from .kinds import thawed
from .published import Published

FORMAT_VERSION = 1
FILES = {
    "dossier.json": "every entry with its typed fields, resolved references and sources",
    "graph.json": "the relation graph: entries as nodes, every front-matter reference as an edge",
    "chronology.ics": "every dated fact as an iCalendar event (all-day, spanning its bounds)",
    **{f"{t.folder}.csv": f"one row per {t.name}" for t in schema.TYPES},
}


def references(entry: Entry, index: Index) -> list[dict]:
    return [{"field": r.field, "target": r.target, "relation": r.relation} for r in index.references.get(entry.id, ())]


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
        "fields": thawed(entry.data),
        "references": references(entry, index),
        "backlinks": [{"relation": label, "from": list(ids)} for label, ids in index.backlinks.get(entry.id, ())],
        "text": entry.body.strip(),
    }


def dossier_json(index: Index, built: datetime, title: str) -> Iterator[str]:
    """The JSON text in pieces, one entry record at a time, so that the whole is never held;
    `title` is the site's name."""
    head = {
        "format_version": FORMAT_VERSION,
        "title": title,
        "built": built.isoformat(),
        "licence": "CC BY-SA 4.0",
        "counts": {t.name: len(index.by_type[t.name]) for t in schema.TYPES},
    }
    yield json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "entries": ['
    for n, e in enumerate(index.entries.values()):
        yield ("," if n else "") + "\n" + json.dumps(entry_record(e, index), ensure_ascii=False, indent=1)
    yield "\n]\n}\n"


def graph_json(index: Index) -> str:
    nodes = [
        {
            "id": e.id,
            "type": e.type.name,
            "name": e.name,
            "page": e.url,
            **({"kind": e.data["kind"]} if "kind" in e.data else {}),
        }
        for e in index.entries.values()
    ]
    edges = [{"source": e.id, **ref} for e in index.entries.values() for ref in references(e, index)]
    return (
        json.dumps({"format_version": FORMAT_VERSION, "nodes": nodes, "edges": edges}, ensure_ascii=False, indent=1)
        + "\n"
    )


# A cell that starts with one of these is run as a formula by spreadsheets (OWASP, "CSV
# Injection"): such a cell gets a leading apostrophe, which they take as "this is text".
# So does one that starts with an apostrophe, so that the rule can be undone: a cell that
# starts with an apostrophe has one more than its value.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# A reader that splits on another separator (Excel does on ';' in much of Europe) starts a cell
# after any ',', ';' or tab: what follows one of them is neutralised the same way.
_AFTER_SEPARATOR = re.compile(r"(?<=[,;\t])(?=[=+\-@\t\r'])")


def csv_cell(text: str) -> str:
    text = _AFTER_SEPARATOR.sub("'", text)
    return "'" + text if text.startswith((*FORMULA_STARTS, "'")) else text


def csv_value(cell: str) -> str:
    """What a cell of the CSV exports holds, its apostrophes taken away again."""
    cell = cell[1:] if cell.startswith("'") else cell
    return re.sub(r"(?<=[,;\t])'", "", cell)


def type_csv(index: Index, etype: schema.EntryType) -> str:
    fields = [f for f in etype.fields if f.name != "type"]
    out = io.StringIO()
    # RFC 4180's CRLF row ends; the writer then quotes every cell that holds a CR or an LF,
    # so that no value can end a row early (with "\n" alone, a lone CR went out unquoted).
    # Every cell quoted (OWASP): a reader that splits on ';' or a tab keeps each cell whole.
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(["id", *[f.name for f in fields], "page"])
    for e in index.by_type[etype.name]:
        writer.writerow(
            [
                csv_cell(cell)
                for cell in (e.id, *[f.kind.csv(f, e.data[f.name]) if f.name in e.data else "" for f in fields], e.url)
            ]
        )
    return out.getvalue()


# --- iCalendar (RFC 5545) ----------------------------------------------------------


def _ics_text(text: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and line ends escaped. The
    check refuses other control characters; should one get this far, it is replaced, since
    TEXT may hold none and a CR would end the line."""
    text = UNSAFE.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a leading space."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(current) + len(b) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += b
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _uids(chronology) -> Iterator[str]:
    """Each fact's UID, from its entry, what it is and a hash of what it says, so that a fact
    added or removed leaves the others' UIDs as they were (a position would renumber them)."""
    seen: Counter = Counter()
    for d in chronology:
        # An entry's own date (an article's publication) is the fact; the rest of the entry is not.
        content = d.date.text if d.own else json.dumps(thawed(d.item), ensure_ascii=False, sort_keys=True)
        digest = hashlib.sha256(f"{d.date.text}\n{content}".encode("utf-8")).hexdigest()[:16]
        key = f"{d.entry}-{d.what}-{digest}"
        seen[key] += 1  # the same fact written twice in one entry: numbered in entry order
        yield f"{key}{'' if seen[key] == 1 else f'-{seen[key]}'}@allofmp3-dossier"


def chronology_ics(index: Index, built: datetime, published: Published) -> str:
    stamp = built.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    name = _ics_text(published.short_name)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{name}//chronology//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{name} chronology",
    ]
    for d, uid in zip(index.chronology, _uids(index.chronology)):
        low, high = d.date.known_bounds
        cites = ", ".join(index.entries[s].name for s in d.sources if s in index.entries)
        description = f"Date: {d.date.words()} (EDTF {d.date.text})."
        if d.date.uncertain:
            description += " The date is inexact."
        if d.disputed:
            description += " The articles disagree on this date."
        description += f" Sources: {cites}."
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_ics_text(uid)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{low.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(high + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_ics_text(words.summary(d, index).text())}",
            f"DESCRIPTION:{_ics_text(description)}",
            f"URL:{published.url}{quote(index.entries[d.entry].url)}",  # an id is a file name: never raw
            *(["STATUS:TENTATIVE"] if d.date.uncertain or d.disputed else []),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def all_files(index: Index, built: datetime, published: Published) -> Iterator[tuple[str, Iterable[str]]]:
    """Each export's name and text (whole, or in pieces), made one at a time as they are written."""
    yield "dossier.json", dossier_json(index, built, published.name)
    yield "graph.json", [graph_json(index)]
    yield "chronology.ics", [chronology_ics(index, built, published)]
    for t in schema.TYPES:
        yield f"{t.folder}.csv", [type_csv(index, t)]
