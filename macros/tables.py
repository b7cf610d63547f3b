"""Tables and lists of facts: an entry's facts, a type's index, the chronology. Each fact reads
as `words.describe` says, followed by its sources."""

from __future__ import annotations

from functools import partial

from . import schema
from .citations import sources
from .index import Entry, Fact, Index
from .markup import Markup, element, esc, html, join, link, ref
from .words import date_words, describe, in_chronology


def fact_html(fact: Fact, index: Index, base: str) -> Markup:
    return describe(fact, index).html(base)


def fact_line(fact: Fact, index: Index, base: str) -> Markup:
    """The fact in words, then its sources."""
    return html("{} {}", fact_html(fact, index, base), sources(fact.sources, index, base, fact.item.get("quote", "")))


def claims(entry: Entry, field_name: str):
    for item in entry.data.get(field_name, ()):
        yield Fact(entry.id, field_name, item, tuple(item.get("sources", ())))


class _Shown:
    """How a table cell shows the parts of a field's value, for its kind (kinds.Kind.cell)."""

    def __init__(self, entry: Entry, index: Index, base: str, with_sources: bool):
        self.owner, self.index, self.base, self.with_sources = entry, index, base, with_sources

    def text(self, value) -> Markup:
        return esc(value)

    def entry(self, entry_id: str) -> Markup:
        return ref(self.index, entry_id, self.base)

    def date(self, text: str) -> Markup:
        return date_words(text)

    def address(self, url: str) -> Markup:
        return element("a", url, href=url, rel="nofollow noopener")

    def items(self, f: schema.Field, values) -> Markup:
        if f.name == "sources":
            return sources(values, self.index, self.base)
        return join((f.inner.kind.cell(f.inner, v, self) for v in values), ", ")

    def facts(self, f: schema.Field) -> Markup:
        render = fact_line if self.with_sources else fact_html
        return join((render(fact, self.index, self.base) for fact in claims(self.owner, f.name)), "<br>")


def _field_cell(entry: Entry, f: schema.Field, index: Index, base: str, with_sources: bool) -> Markup:
    value = entry.data.get(f.name)
    if value is None:
        return Markup()
    # Each kind builds its cell, as Markup, from the parts _Shown gives it (kinds.Kind.cell).
    return f.kind.cell(f, value, _Shown(entry, index, base, with_sources))


_NOT_IN_FACTS = {"type", "name", "summary", "aliases", "points", "disputed", "sources"}


_ROW = "<tr><th>{}</th><td>{}</td></tr>"


def facts_table(entry: Entry, index: Index, base: str) -> Markup:
    rows = []
    for f in entry.type.fields:
        if f.name in _NOT_IN_FACTS or f.name not in entry.data:
            continue
        rows.append(html(_ROW, f.label, _field_cell(entry, f, index, base, True)))
    for f in entry.type.fields:  # what the page says of a field left out, where the type declares it
        if f.missing and f.name not in entry.data:
            rows.append(html(_ROW, f.label, f.missing))
    if not rows:
        return Markup()
    return html('<table class="dossier-facts">\n{}\n</table>', join(rows, "\n"))


def fact_list(facts, index: Index, base: str) -> Markup:
    items = join((html("<li>{}</li>", fact_line(f, index, base)) for f in facts), "\n")
    return html('<ul class="dossier-list">\n{}\n</ul>', items) if items else Markup()


def _timeline_row(d, index: Index, base: str) -> Markup:
    flag = Markup()
    if d.disputed:
        flag = html(
            " {}", element("a", "disputed date", class_="dossier-disputed", href=base + index.urls.page("disputed.md"))
        )
    quote = d.item.get("quote", "") if not d.own else ""
    return html(
        "<tr{}><td>{}</td><td>{}{}</td><td>{}</td></tr>",
        Markup(' class="dossier-inexact"') if d.date.uncertain else "",
        date_words(d.date.text),
        in_chronology(d, index).html(base),
        flag,
        sources(d.sources, index, base, quote),
    )


def timeline_table(rows, index: Index, base: str) -> Markup:
    return html(
        '<table class="dossier-chronology">\n'
        "<thead><tr><th>Date</th><th>What</th><th>Sources</th></tr></thead>\n"
        "<tbody>\n{}</tbody>\n</table>",
        join(html("{}\n", _timeline_row(d, index, base)) for d in rows),
    )


def chronology(index: Index, base: str, hold, section=None) -> str:
    """Markdown: a heading per year, each followed by its held table. `section(year, make)` gives
    a year's table, made by `make(hold)`: a caller may give again one an edit did not change."""
    parts = []
    for year in index.filed_by_year:
        make = partial(chronology_year, index, year, base)
        parts += [f"## {year}", (section(year, make) if section else make(hold)).strip("\n")]
    return "\n\n".join(parts) if parts else hold(Markup("<p>No dated facts yet.</p>"))


def chronology_year(index: Index, year: int, base: str, hold) -> str:
    """The held table of the dated facts filed under `year`."""
    return hold(timeline_table(index.filed_by_year[year], index, base))


def _type_row(e: Entry, cols, index: Index, base: str) -> Markup:
    cells = join(html("<td>{}</td>", _field_cell(e, c, index, base, False)) for c in cols)
    aliases = html("<br><small>{}</small>", ", ".join(e.aliases)) if e.aliases else ""
    return html("<tr><td>{}{}</td>{}<td>{}</td></tr>", link(e, base), aliases, cells, sources(e.sources, index, base))


def type_table(index: Index, type_name: str, base: str, row=None) -> Markup:
    """A row per entry of the type. `row(entry, make)` gives an entry's row, made by `make()`: a
    caller may give again one an edit did not change."""
    etype = schema.BY_NAME[type_name]
    # A column names a declared field (tests/test_schemas.py holds every declaration to that).
    cols = [f for c in etype.columns if (f := etype.field(c))]

    def made(e: Entry) -> Markup:
        make = partial(_type_row, e, cols, index, base)
        return row(e, make) if row else make()

    return html(
        '<table class="dossier-index">\n<thead><tr><th>Name</th>{}<th>Sources</th></tr></thead>\n'
        "<tbody>\n{}</tbody>\n</table>",
        join(element("th", c.label) for c in cols),
        join(html("{}\n", made(e)) for e in index.by_type[type_name]),
    )
