"""Whole pages in Markdown, in which every HTML block is held: an entry's page, a type's index,
the disputed points. Headings are the only Markdown left, each escaped by `md_inline`."""

from __future__ import annotations

import re
from collections import defaultdict

from anyascii import anyascii

from . import schema
from .citations import cite_block, sources
from .draw.neighbourhood import neighbourhood_block
from .index import Dispute, Entry, Index
from .jsonld import jsonld
from .markup import Markup, esc, html, join, link, md_inline, script_json
from .published import Published
from .tables import claims, fact_html, fact_list, facts_table, timeline_table, type_table


def type_index_path(etype: schema.EntryType) -> str:
    """The source path of a type's index page."""
    return f"{etype.folder}/index.md"


def type_index_page(etype: schema.EntryType, index: Index, hold, row=None) -> tuple[dict, str]:
    """A type's index page, from its declaration: its plural, its intro, the count and the table
    (`row`: as tables.type_table takes it)."""
    count = len(index.by_type[etype.name])
    intro = (
        f"{etype.presentation.intro} {count} {'entry' if count == 1 else 'entries'}; each row links to "
        "the entry's page, where every fact shows its sources."
    )
    # Plain str (escaped): page meta is data that others read and write back, as YAML for one.
    meta = {"title": str(esc(etype.plural)), "description": str(esc(etype.presentation.intro))}
    base = index.urls.base(type_index_path(etype))
    parts = [
        f"# {md_inline(etype.plural)}",
        hold(html("<p>{}</p>", intro)),
        hold(type_table(index, etype.name, base, row)),
    ]
    return meta, "\n\n".join(p.strip("\n") for p in parts) + "\n"


# An entry in a list: its link, its type, and what follows (the facts of it that cite an entry).
_TYPED_ITEM = "<li>{} <small>({})</small>{}</li>"


def backlinks(entry: Entry, index: Index, base: str, hold) -> str:
    """Markdown: a heading per relation, each followed by its held list."""
    groups = index.backlinks.get(entry.id, ())
    if not groups:
        return hold(Markup("<p>Nothing links here yet.</p>"))
    parts = []
    for relation, ids in groups:
        parts.append(f"### {md_inline(relation)}")
        items = join(
            (html(_TYPED_ITEM, link(index.entries[i], base), index.entries[i].type.name, "") for i in ids), "\n"
        )
        parts.append(hold(html('<ul class="dossier-backlinks">\n{}\n</ul>', items)))
    return "\n\n".join(p.strip("\n") for p in parts)


def dispute_block(dispute: Dispute, index: Index, base: str) -> Markup:
    items = join(
        (html("<li>{} {}</li>", v.says, sources(v.sources, index, base, v.quote)) for v in dispute.versions), "\n"
    )
    return html('<ul class="dossier-versions">\n{}\n</ul>', items)


def disputed_page(index: Index, base: str, hold) -> str:
    """Markdown: a heading per disputed point, each followed by its held versions."""
    if not index.disputes:
        return hold(Markup("<p>No disputed points.</p>"))
    parts = []
    for d in index.disputes:
        entry = index.entries[d.entry]
        origin = " (the articles give dates that cannot all be true)" if d.from_dates else ""
        parts += [
            f"## {md_inline(entry.name)}: {md_inline(d.about)}",
            hold(html("<p>In {}{}.</p>\n{}", link(entry, base), origin, dispute_block(d, index, base))).strip("\n"),
        ]
    return "\n\n".join(parts)


_WORD = re.compile(r"\w+")


def search_variants(entry: Entry) -> list[str]:
    """The name, aliases and the page's words as typed without accents or ligatures, where that
    differs from how they are written: "Societe" finds "Société", "oeil" finds "œil", "Denis
    Kvasov" finds "Денис Квасов"."""
    out: dict[str, None] = {}
    for name in (entry.name, *entry.aliases):
        out[anyascii(name)] = None
    for text in (entry.summary, entry.data.get("title", ""), entry.body):
        for word in (w for w in _WORD.findall(text) if not w.isascii()):  # linear, however long a word
            out[anyascii(word)] = None
    written = {entry.name, *entry.aliases}
    return [v for v in out if v.strip() and v not in written]


def entry_page(entry: Entry, index: Index, published: Published, body_html: Markup, hold) -> tuple[dict, str]:
    """An entry's page: its metadata, and its Markdown, in which every HTML block is held.

    `hold` takes an HTML block and returns the placeholder that stands for it (blocks.Blocks);
    `body_html` is the entry's body, already converted and sanitized (body.Pipeline). The
    Markdown that remains holds only headings, each escaped by `md_inline`.
    """
    base, site_url, shown = index.urls.base(entry.src_uri), published.url, entry.type.presentation
    # The theme prints meta titles and descriptions into the page unescaped.
    meta = {"title": str(esc(entry.name)), "description": str(esc(entry.summary))}
    out = [f"# {md_inline(entry.name)}", hold(html('<p class="dossier-summary">{}</p>', entry.summary))]
    if entry.aliases:
        out.append(hold(html('<p class="dossier-aliases">Also known as: {}</p>', ", ".join(entry.aliases))))
    folded = search_variants(entry)
    if folded:
        # Not shown, but indexed: finds "Societe" for "Société".
        out.append(hold(html('<p class="dossier-search-variants" hidden>{}</p>', " ".join(folded))))
    facts = facts_table(entry, index, base)
    if facts:
        out.append(hold(facts))
    if not shown.is_source:
        out.append(hold(html('<p class="dossier-rests-on">Rests on: {}</p>', sources(entry.sources, index, base))))
    out += [f"## {md_inline(shown.body_heading)}", hold(body_html)]
    out += _facts_sections(entry, index, base, hold)
    citation = cite_block(entry, index, published)
    if citation:
        out += ["## Cite this", hold(citation)]
    nearby = neighbourhood_block(index, entry.id, base)
    if nearby:
        out += ["## Neighbourhood in the relations graph", hold(nearby)]
    out += [
        "## What links here",
        backlinks(entry, index, base, hold),
        hold(source_file(entry, published)),
        hold(script_json(jsonld(entry, index, site_url), "application/ld+json")),
    ]
    return meta, "\n\n".join(part.strip("\n") for part in out) + "\n"


def _facts_sections(entry: Entry, index: Index, base: str, hold) -> list[str]:
    """Below the text: the entry's points, disputed points, timeline and what cites it."""
    out = []
    points = list(claims(entry, "points"))
    if points:
        out += ["## Points", hold(fact_list(points, index, base))]
    disputes = index.disputes_of(entry.id)
    if disputes:
        out.append("## Disputed points")
        for d in disputes:
            out += [
                hold(html("<p><strong>{}</strong></p>", d.about[:1].upper() + d.about[1:])),
                hold(dispute_block(d, index, base)),
            ]
    timeline = index.timeline(entry.id)
    if timeline:
        out += ["## Timeline", hold(timeline_table(timeline, index, base))]
    if entry.type.presentation.is_source:
        citing = [f for f in index.facts_citing.get(entry.id, ()) if f.entry != entry.id]
        out += [
            f"## What cites this {md_inline(entry.type.name)}",
            hold(
                _citing(citing, index, base) if citing else html("<p>Nothing cites this {} yet.</p>", entry.type.name)
            ),
        ]
    return out


def source_file(entry: Entry, published: Published) -> Markup:
    """The entry's file, and where to edit it or report a correction when the repository is known."""
    out = html("Source file: <code>{}</code>", entry.path)
    edit, correct = published.edit_url(entry.path), published.correction_url(entry.path, entry.name)
    if edit:
        out += html(
            ' · <a class="dossier-edit" href="{}" rel="nofollow">Edit this entry</a>'
            ' · <a class="dossier-correct" href="{}" rel="nofollow">Report a correction</a>',
            edit,
            correct,
        )
    return html('<p class="dossier-source-file">{}</p>', out)


def _field_label(entry: Entry, name: str) -> str:
    """What the page calls the field of `entry` that a fact is read from (always a declared one)."""
    f = entry.type.field(name)
    return f.label if f is not None else name


def _citing(facts, index: Index, base: str) -> Markup:
    by_entry = defaultdict(list)
    for f in facts:
        by_entry[f.entry].append(f)
    items = []
    for eid in by_entry:
        e = index.entries[eid]
        lines = join(
            html("<li>{}: {}</li>", _field_label(e, f.field), fact_html(f, index, base)) for f in by_entry[eid]
        )
        items.append(html(_TYPED_ITEM, link(e, base), e.type.name, html("<ul>{}</ul>", lines)))
    return html('<ul class="dossier-citing">\n{}\n</ul>', join(items, "\n"))
