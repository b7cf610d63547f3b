"""Tables and lists of facts: an entry's facts, a type's index, the chronology. Each fact reads
as `words.describe` says, followed by its sources."""

from __future__ import annotations

from . import schema
from .citations import sources
from .index import Entry, Fact, Index
from .markup import esc, link, ref
from .words import date_words, describe, in_chronology


def fact_html(fact: Fact, index: Index, base: str) -> str:
    return describe(fact, index).html(base)


def fact_line(fact: Fact, index: Index, base: str) -> str:
    """The fact in words, then its sources."""
    return fact_html(fact, index, base) + " " + sources(fact.sources, index, base, fact.item.get("quote", ""))


def claims(entry: Entry, field_name: str):
    for item in entry.data.get(field_name, ()):
        yield Fact(entry.id, field_name, item, tuple(item.get("sources", ())))


class _Shown:
    """How a table cell shows the parts of a field's value, for its kind (kinds.Kind.cell)."""

    def __init__(self, entry: Entry, index: Index, base: str, with_sources: bool):
        self.owner, self.index, self.base, self.with_sources = entry, index, base, with_sources

    def text(self, value) -> str:
        return esc(value)

    def entry(self, entry_id: str) -> str:
        return ref(self.index, entry_id, self.base)

    def date(self, text: str) -> str:
        return date_words(text)

    def address(self, url: str) -> str:
        return f'<a href="{esc(url)}" rel="nofollow noopener">{esc(url)}</a>'

    def items(self, f: schema.Field, values) -> str:
        if f.name == "sources":
            return sources(values, self.index, self.base)
        return ", ".join(f.item.kind.cell(f.item, v, self) for v in values)

    def facts(self, f: schema.Field) -> str:
        render = fact_line if self.with_sources else fact_html
        return "<br>".join(render(fact, self.index, self.base) for fact in claims(self.owner, f.name))


def _field_cell(entry: Entry, f: schema.Field, index: Index, base: str, with_sources: bool) -> str:
    value = entry.data.get(f.name)
    if value is None:
        return ""
    return f.kind.cell(f, value, _Shown(entry, index, base, with_sources))


_NOT_IN_FACTS = {"type", "name", "summary", "aliases", "points", "disputed", "sources"}


def facts_table(entry: Entry, index: Index, base: str) -> str:
    rows = []
    for f in entry.type.fields:
        if f.name in _NOT_IN_FACTS or f.name not in entry.data:
            continue
        rows.append(f"<tr><th>{esc(f.label)}</th><td>{_field_cell(entry, f, index, base, True)}</td></tr>")
    for f in entry.type.fields:  # what the page says of a field left out, where the type declares it
        if f.missing and f.name not in entry.data:
            rows.append(f"<tr><th>{esc(f.label)}</th><td>{esc(f.missing)}</td></tr>")
    if not rows:
        return ""
    return '<table class="dossier-facts">\n' + "\n".join(rows) + "\n</table>"


def fact_list(facts, index: Index, base: str) -> str:
    items = "\n".join(f"<li>{fact_line(f, index, base)}</li>" for f in facts)
    return f'<ul class="dossier-list">\n{items}\n</ul>' if items else ""


def timeline_table(rows, index: Index, base: str) -> str:
    out = [
        '<table class="dossier-chronology">',
        "<thead><tr><th>Date</th><th>What</th><th>Sources</th></tr></thead>",
        "<tbody>",
    ]
    for d in rows:
        flag = ""
        if d.disputed:
            flag = f' <a class="dossier-disputed" href="{esc(base + "disputed/")}">disputed date</a>'
        cls = ' class="dossier-inexact"' if d.date.uncertain else ""
        quote = d.item.get("quote", "") if d.what != "published" else ""
        out.append(
            f"<tr{cls}><td>{date_words(d.date.text)}</td><td>{in_chronology(d, index).html(base)}{flag}</td>"
            f"<td>{sources(d.sources, index, base, quote)}</td></tr>"
        )
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def chronology(index: Index, base: str, hold) -> str:
    """Markdown: a heading per year, each followed by its held table."""
    parts = []
    for year, facts in index.filed_by_year.items():
        parts += [f"## {year}", hold(timeline_table(facts, index, base)).strip("\n")]
    return "\n\n".join(parts) if parts else hold("<p>No dated facts yet.</p>")


def type_table(index: Index, type_name: str, base: str) -> str:
    etype = schema.BY_NAME[type_name]
    cols = [etype.field(c) for c in etype.columns]
    head = "".join(f"<th>{esc(c.label)}</th>" for c in cols)
    out = ['<table class="dossier-index">', f"<thead><tr><th>Name</th>{head}<th>Sources</th></tr></thead>", "<tbody>"]
    for e in index.by_type[type_name]:
        cells = "".join(f"<td>{_field_cell(e, c, index, base, False)}</td>" for c in cols)
        aliases = f"<br><small>{esc(', '.join(e.aliases))}</small>" if e.aliases else ""
        out.append(f"<tr><td>{link(e, base)}{aliases}</td>{cells}<td>{sources(e.sources, index, base)}</td></tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)
