"""Small renderers that turn the index into HTML or Markdown strings.

Every value that came from an entry goes through `esc` (HTML) or `md_inline`
(Markdown headings) before it reaches the page. `base` is the relative path
from the page being rendered to the site root, such as "../../".
"""
from __future__ import annotations

import html
import json
import re
from collections import defaultdict

from anyascii import anyascii
from markdown.extensions.toc import slugify

from . import cite, dates, schema
from .index import Dated, Dispute, Entry, Fact, Index
from .jsonld import jsonld, script_json
from .published import Published

# Python-Markdown's escapable characters; others would keep a visible backslash.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def esc(value) -> str:
    return html.escape(str(value), quote=True)


def md_inline(value) -> str:
    """Text that Markdown shows as written, on one line: whitespace runs become one space,
    HTML is escaped and Markdown punctuation backslash-escaped."""
    return _MD_SPECIAL.sub(r"\\\1", esc(" ".join(str(value).split())))


def heading_id(value: str, separator: str) -> str:
    """A heading's id: Python-Markdown's slug of its text, with entities read as characters (an
    apostrophe is not "x27") and never starting with '_' or '-', so that no heading named
    by an entry can take an id the theme's scripts look up (Material's all start with "__")."""
    return slugify(html.unescape(value), separator).lstrip("_-") or "section"


def link(entry: Entry, base: str, text: str | None = None) -> str:
    return f'<a href="{esc(base + entry.url)}">{esc(entry.name if text is None else text)}</a>'


def ref(index: Index, entry_id: str, base: str) -> str:
    entry = index.entries.get(entry_id)
    return link(entry, base) if entry else esc(entry_id)


def short_date(d: dates.Date) -> str:
    """A citation's date: the month or the year it surely falls in, or else the date in words."""
    year, month = d.shared()
    if year is None or (not d.interval and d.uncertain):   # "about May 2008" stays as it is
        return d.words()
    return f"{dates.MONTH_ABBR[month - 1]} {year}" if month else str(year)


def cite_label(article: Entry, index: Index) -> str:
    name = cite.publisher_name(article, index)
    when = short_date(dates.parse(article.data["published"])) if "published" in article.data else ""
    return ", ".join(p for p in (name, when) if p)


def sources(ids, index: Index, base: str, quote: str = "") -> str:
    """'[Ratiatum, Aug 2007; Numerama, May 2008]' with links, then the quotation if any."""
    cites = []
    for source in ids:
        article = index.entries.get(source)
        if article is None:
            cites.append(esc(source))
            continue
        cites.append(f'<a href="{esc(base + article.url)}" title="{esc(article.name)}">'
                     f'{esc(cite_label(article, index))}</a>')
    out = f'<span class="dossier-sources">[{"; ".join(cites)}]</span>' if cites else ""
    if quote:
        # The quotation is in its article's language; with sources in several, it is not stated.
        langs = {index.entries[s].data.get("language") for s in ids if s in index.entries}
        lang = f' lang="{esc(langs.pop())}"' if len(langs) == 1 and None not in langs else ""
        out += f' <q class="dossier-quote"{lang}>{esc(quote)}</q>'
    return out


def date_words(text: str) -> str:
    d = dates.parse(text)
    mark = ' <span class="dossier-uncertain" title="inexact date">inexact</span>' if d.uncertain else ""
    return f'<time data-edtf="{esc(d.text)}">{esc(d.words())}</time>{mark}'


def choice_label(etype: schema.EntryType, path: tuple[str, ...], value: str) -> str:
    """The label the schema gives `value` in the choice field at `path` (such as ("parties", "role"))."""
    f = etype.field(path[0])
    for part in path[1:]:
        f = (f.item or f).subfield(part)
    c = f.choice(value) if f else None
    return c.label if c else value


def describe(fact: Fact, index: Index, base: str) -> str:
    """One sourced item, in words, without its sources."""
    entry = index.entries[fact.entry]
    item, t = fact.item, entry.type
    if fact.field == "roles":
        text = esc(item.get("role", ""))
        if "of" in item:
            text += " of " + ref(index, item["of"], base)
        if "start" in item:
            text += ", from " + date_words(item["start"])
        if "end" in item:
            text += ", until " + date_words(item["end"])
        return text
    if fact.field == "relations":
        return (esc(choice_label(t, ("relations", "relation"), item.get("relation", ""))) + " "
                + ref(index, item.get("to", ""), base))
    if fact.field == "date":
        return date_words(item["when"])
    if fact.field == "court":
        return ref(index, item.get("entry", ""), base)
    if fact.field == "parties":
        return (ref(index, item.get("entry", ""), base) + " ("
                + esc(choice_label(t, ("parties", "role"), item.get("role", ""))) + ")")
    if fact.field == "participants":
        return ref(index, item.get("entry", ""), base) + f" ({esc(item.get('role', ''))})"
    if fact.field == "outcome":
        return (f"<strong>{esc(choice_label(t, ('outcome', 'result'), item.get('result', '')))}</strong>: "
                + esc(item.get("says", "")))
    if fact.field == "amounts":
        amount = item.get("amount", 0)
        number = f"{amount:,}" if isinstance(amount, int) else f"{amount:,.2f}"
        currency = choice_label(t, ("amounts", "currency"), item.get("currency", ""))
        return f"{esc(number)} {esc(currency)}: {esc(item.get('what', ''))}"
    if fact.field == "disputed":
        return f"<em>{esc(fact.about)}</em>: {esc(item.get('says', ''))}"
    text = esc(item.get("says", ""))
    if "when" in item:
        text += " (" + date_words(item["when"]) + ")"
    return text


def fact_line(fact: Fact, index: Index, base: str) -> str:
    return describe(fact, index, base) + " " + sources(fact.sources, index, base, fact.item.get("quote", ""))


def _claims(entry: Entry, field_name: str):
    for item in entry.data.get(field_name, ()):
        yield Fact(entry.id, field_name, item, tuple(item.get("sources", ())))


def _field_cell(entry: Entry, f: schema.Field, index: Index, base: str, with_sources: bool) -> str:
    value = entry.data.get(f.name)
    if value is None:
        return ""
    if f.kind == schema.LIST and f.item and f.item.kind == schema.OBJECT:
        render = fact_line if with_sources else describe
        return "<br>".join(render(fact, index, base) for fact in _claims(entry, f.name))
    if f.kind == schema.LIST:
        if f.item.kind == schema.REF:
            if f.name == "sources":
                return sources(value, index, base)
            return ", ".join(ref(index, v, base) for v in value)
        return ", ".join(esc(v) for v in value)
    if f.kind == schema.REF:
        return ref(index, value, base)
    if f.kind == schema.CHOICE:
        return esc(choice_label(entry.type, (f.name,), value))
    if f.kind == schema.DATE:
        return date_words(value)
    if f.kind == schema.URL:
        return f'<a href="{esc(value)}" rel="nofollow noopener">{esc(value)}</a>'
    return esc(value)


_NOT_IN_FACTS = {"type", "name", "summary", "aliases", "points", "disputed", "sources"}


def facts_table(entry: Entry, index: Index, base: str) -> str:
    rows = []
    for f in entry.type.fields:
        if f.name in _NOT_IN_FACTS or f.name not in entry.data:
            continue
        rows.append(f"<tr><th>{esc(f.label)}</th><td>{_field_cell(entry, f, index, base, True)}</td></tr>")
    for f in entry.type.fields:   # what the page says of a field left out, where the type declares it
        if f.missing and f.name not in entry.data:
            rows.append(f"<tr><th>{esc(f.label)}</th><td>{esc(f.missing)}</td></tr>")
    if not rows:
        return ""
    return '<table class="dossier-facts">\n' + "\n".join(rows) + "\n</table>"


def fact_list(facts, index: Index, base: str) -> str:
    items = "\n".join(f"<li>{fact_line(f, index, base)}</li>" for f in facts)
    return f'<ul class="dossier-list">\n{items}\n</ul>' if items else ""


def fact_phrase(d: Dated, index: Index) -> str:
    """What a dated fact says, in plain words (not escaped)."""
    if d.what == "published":
        return "article published"
    if d.what in ("start", "end"):
        of = index.entries.get(d.item.get("of", ""))
        org = f" of {of.name}" if of else ""
        return f"{d.item.get('role', '')}{org} {'begins' if d.what == 'start' else 'ends'}"
    if d.what == "point":
        return d.item.get("says", "")
    return ""


def dated_what(d: Dated, index: Index, base: str) -> str:
    entry = index.entries[d.entry]
    if d.what == "published":
        return "Article published: " + link(entry, base)
    if d.what in ("start", "end"):
        org = f" of {ref(index, d.item['of'], base)}" if "of" in d.item else ""
        verb = "begins" if d.what == "start" else "ends"
        return f"{link(entry, base)}: {esc(d.item.get('role', ''))}{org} {verb}"
    if d.what == "point":
        return f"{esc(d.item.get('says', ''))} ({link(entry, base)})"
    return link(entry, base)


def timeline_table(rows, index: Index, base: str) -> str:
    out = ['<table class="dossier-chronology">',
           "<thead><tr><th>Date</th><th>What</th><th>Sources</th></tr></thead>", "<tbody>"]
    for d in rows:
        flag = ""
        if d.disputed:
            flag = f' <a class="dossier-disputed" href="{esc(base + "disputed/")}">disputed date</a>'
        cls = ' class="dossier-inexact"' if d.date.uncertain else ""
        out.append(f"<tr{cls}><td>{date_words(d.date.text)}</td><td>{dated_what(d, index, base)}{flag}</td>"
                   f"<td>{sources(d.sources, index, base, d.item.get('quote', '') if d.what != 'published' else '')}</td></tr>")
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
    out = ['<table class="dossier-index">', f"<thead><tr><th>Name</th>{head}<th>Sources</th></tr></thead>",
           "<tbody>"]
    for e in index.by_type[type_name]:
        cells = "".join(f"<td>{_field_cell(e, c, index, base, False)}</td>" for c in cols)
        aliases = f'<br><small>{esc(", ".join(e.aliases))}</small>' if e.aliases else ""
        out.append(f"<tr><td>{link(e, base)}{aliases}</td>{cells}<td>{sources(e.sources, index, base)}</td></tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def type_index_page(etype: schema.EntryType, index: Index, hold) -> tuple[dict, str]:
    """A type's index page, from its declaration: its plural, its intro, the count and the table."""
    count = len(index.by_type[etype.name])
    intro = (f"{etype.presentation.intro} {count} {'entry' if count == 1 else 'entries'}; each row links to "
             "the entry's page, where every fact shows its sources.")
    meta = {"title": esc(etype.plural), "description": esc(etype.presentation.intro)}
    parts = [f"# {md_inline(etype.plural)}", hold(f"<p>{esc(intro)}</p>"), hold(type_table(index, etype.name, "../"))]
    return meta, "\n\n".join(p.strip("\n") for p in parts) + "\n"


def backlinks(entry: Entry, index: Index, base: str, hold) -> str:
    """Markdown: a heading per relation, each followed by its held list."""
    groups = index.backlinks.get(entry.id, ())
    if not groups:
        return hold("<p>Nothing links here yet.</p>")
    parts = []
    for relation, ids in groups:
        parts.append(f"### {md_inline(relation)}")
        items = "\n".join(f"<li>{link(index.entries[i], base)} "
                          f"<small>({esc(index.entries[i].type.name)})</small></li>" for i in ids)
        parts.append(hold(f'<ul class="dossier-backlinks">\n{items}\n</ul>'))
    return "\n\n".join(p.strip("\n") for p in parts)


def dispute_block(dispute: Dispute, index: Index, base: str) -> str:
    items = "\n".join(f"<li>{esc(v.says)} {sources(v.sources, index, base, v.quote)}</li>"
                      for v in dispute.versions)
    return f'<ul class="dossier-versions">\n{items}\n</ul>'


def disputed_page(index: Index, base: str, hold) -> str:
    """Markdown: a heading per disputed point, each followed by its held versions."""
    if not index.disputes:
        return hold("<p>No disputed points.</p>")
    parts = []
    for d in index.disputes:
        entry = index.entries[d.entry]
        origin = " (the articles give dates that cannot all be true)" if d.from_dates else ""
        parts += [f"## {md_inline(entry.name)}: {md_inline(d.about)}",
                  hold(f"<p>In {link(entry, base)}{esc(origin)}.</p>\n" + dispute_block(d, index, base)).strip("\n")]
    return "\n\n".join(parts)


_FOLDABLE = re.compile(r"\w*[^\x00-\x7f]\w*")  # a word with a letter outside ASCII


def search_variants(entry: Entry) -> list[str]:
    """The name, aliases and the page's words as typed without accents or ligatures, where that
    differs from how they are written: "Societe" finds "Société", "oeil" finds "œil", "Denis
    Kvasov" finds "Денис Квасов"."""
    out: dict[str, None] = {}
    for name in (entry.name, *entry.aliases):
        out[anyascii(name)] = None
    for text in (entry.summary, entry.data.get("title", ""), entry.body):
        for word in _FOLDABLE.findall(text):
            out[anyascii(word)] = None
    written = {entry.name, *entry.aliases}
    return [v for v in out if v.strip() and v not in written]


def entry_page(entry: Entry, index: Index, published: Published, body_html: str, hold) -> tuple[dict, str]:
    """An entry's page: its metadata, and its Markdown, in which every HTML block is held.

    `hold` takes an HTML block and returns the placeholder that stands for it (blocks.Blocks);
    `body_html` is the entry's body, already converted and sanitized (body.Pipeline). The
    Markdown that remains holds only headings, each escaped by `md_inline`.
    """
    base, site_url, shown = "../../", published.url, entry.type.presentation
    meta = {
        # The theme prints meta titles and descriptions into the page unescaped.
        "title": esc(entry.name),
        "description": esc(entry.summary),
        "og_type": "article" if shown.is_source else "website",
    }
    out = [f"# {md_inline(entry.name)}", hold(f'<p class="dossier-summary">{esc(entry.summary)}</p>')]
    if entry.aliases:
        out.append(hold(f'<p class="dossier-aliases">Also known as: {esc(", ".join(entry.aliases))}</p>'))
    folded = search_variants(entry)
    if folded:
        # Not shown, but indexed: finds "Societe" for "Société".
        out.append(hold(f'<p class="dossier-search-variants" hidden>{esc(" ".join(folded))}</p>'))
    facts = facts_table(entry, index, base)
    if facts:
        out.append(hold(facts))
    if not shown.is_source:
        out.append(hold(f'<p class="dossier-rests-on">Rests on: {sources(entry.sources, index, base)}</p>'))
    out += [f"## {md_inline(shown.body_heading)}", hold(body_html)]
    points = list(_claims(entry, "points"))
    if points:
        out += ["## Points", hold(fact_list(points, index, base))]
    disputes = index.disputes_of(entry.id)
    if disputes:
        out.append("## Disputed points")
        for d in disputes:
            out += [hold(f"<p><strong>{esc(d.about[:1].upper() + d.about[1:])}</strong></p>"),
                    hold(dispute_block(d, index, base))]
    timeline = index.timeline(entry.id)
    if timeline:
        out += ["## Timeline", hold(timeline_table(timeline, index, base))]
    if shown.is_source:
        citing = [f for f in index.facts_citing.get(entry.id, ()) if f.entry != entry.id]
        out += [f"## What cites this {md_inline(entry.type.name)}",
                hold(_citing(citing, index, base) if citing else f"<p>Nothing cites this {esc(entry.type.name)} yet.</p>")]
    citation = cite_block(entry, index, site_url)
    if citation:
        out += ["## Cite this", hold(citation)]
    out += ["## What links here", backlinks(entry, index, base, hold),
            hold(source_file(entry, published)),
            hold(f'<script type="application/ld+json">{script_json(jsonld(entry, index, site_url))}</script>')]
    return meta, "\n\n".join(part.strip("\n") for part in out) + "\n"


def source_file(entry: Entry, published: Published) -> str:
    """The entry's file, and where to edit it or report a correction when the repository is known."""
    out = f"Source file: <code>{esc(entry.path)}</code>"
    edit, correct = published.edit_url(entry.path), published.correction_url(entry.path, entry.name)
    if edit:
        out += (f' · <a class="dossier-edit" href="{esc(edit)}" rel="nofollow">Edit this entry</a>'
                f' · <a class="dossier-correct" href="{esc(correct)}" rel="nofollow">Report a correction</a>')
    return f'<p class="dossier-source-file">{out}</p>'


def _citing(facts, index: Index, base: str) -> str:
    by_entry = defaultdict(list)
    for f in facts:
        by_entry[f.entry].append(f)
    items = []
    for eid in by_entry:
        e = index.entries[eid]
        lines = "".join(f"<li>{esc(e.type.field(f.field).label)}: {describe(f, index, base)}</li>" for f in by_entry[eid])
        items.append(f"<li>{link(e, base)} <small>({esc(e.type.name)})</small><ul>{lines}</ul></li>")
    return '<ul class="dossier-citing">\n' + "\n".join(items) + "\n</ul>"


def _field_rows(fields, prefix: str = ""):
    for f in fields:
        name = prefix + f.name
        inner = f.item if f.kind == schema.LIST and f.item else f
        kind = f"list of {inner.kind}s" if f.kind == schema.LIST else f.kind
        allowed = ""
        if inner.choices:
            allowed = ", ".join(f"<code>{esc(c.value)}</code>" for c in inner.choices)
        elif inner.targets:
            allowed = " or ".join(inner.targets) + " id"
            if inner.target_kinds:
                allowed += f" (kind {', '.join(inner.target_kinds)})"
        reverse = inner.reverse
        if inner.reverse_by:
            reverse = f"named by <code>{esc(inner.reverse_by)}</code>"
        else:
            reverse = esc(reverse)
        minimum = f" (at least {f.min_items})" if f.min_items else ""
        yield (f"<tr><td><code>{esc(name)}</code></td><td>{esc(kind)}</td>"
               f"<td>{'yes' + minimum if f.required else 'no'}</td><td>{allowed}</td><td>{reverse}</td>"
               f"<td>{esc(f.help)}</td></tr>")
        if inner.kind == schema.OBJECT:
            yield from _field_rows(inner.fields, name + ("[]." if f.kind == schema.LIST else "."))


def schema_reference(hold) -> str:
    """Markdown: every type's fields, from the one declaration in schema.py (HTML blocks held)."""
    parts = []
    for t in schema.TYPES:
        parts.append(f"## {t.name.capitalize()}\n")
        parts.append(hold(f"<p>{esc(t.help[:1].upper() + t.help[1:])}. Files: <code>entries/{esc(t.folder)}/&lt;id&gt;.md</code>.</p>\n"
                     '<table class="dossier-schema">\n<thead><tr><th>Field</th><th>Kind</th><th>Required</th>'
                     "<th>Allowed values</th><th>Shown on the target as</th><th>What it holds</th></tr></thead>\n"
                     "<tbody>\n" + "\n".join(_field_rows(t.fields)) + "\n</tbody>\n</table>\n"))
    relation_rows = "\n".join(f"<tr><td><code>{esc(c.value)}</code></td><td>{esc(c.label)}</td><td>{esc(c.reverse)}</td></tr>"
                              for c in schema.RELATIONS + schema.PARTY_ROLES)
    parts.append("## Relation names\n")
    parts.append(hold("<p>Where a reference's reverse name depends on another field "
                      "(an organisation's <code>relation</code>, a party's <code>role</code>), these are the names.</p>\n"
                      '<table class="dossier-schema">\n<thead><tr><th>Value</th><th>Reads as</th>'
                      f"<th>Shown on the target as</th></tr></thead>\n<tbody>\n{relation_rows}\n</tbody>\n</table>\n"))
    return "\n".join(parts)


# --- structured data and citations ----------------------------------------------------

def _citation(bib: str, csl: dict) -> str:
    """A citation in BibTeX and in CSL-JSON, each in a block of its own."""
    return (f'<p>BibTeX</p>\n<pre><code class="language-bibtex">{esc(bib)}</code></pre>\n'
            f'<p>CSL-JSON</p>\n<pre><code class="language-json">{esc(cite.csl_text(csl))}</code></pre>')


def cite_block(entry: Entry, index: Index, site_url: str) -> str:
    """The entry's citation, in the style its type declares (Presentation.citation), or nothing."""
    page = site_url + entry.url
    style = entry.type.presentation.citation
    if style == "article":
        bib, csl = cite.article_bibtex(entry, index), cite.article_csl(entry, index)
    elif style == "legal_case":
        bib, csl = cite.ruling_bibtex(entry, index, page), cite.ruling_csl(entry, index, page)
    else:
        return ""
    return f'<div class="dossier-cite">\n{_citation(bib, csl)}\n</div>'


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def sources_overview(index: Index, base: str) -> str:
    """The articles the dossier rests on, counted from the index: how many, when, by whom, in
    which languages, and how many name an author. Never written by hand, so a new article
    updates it."""
    articles = index.by_type["article"]
    if not articles:
        return "<p>No article yet.</p>"
    spans = [dates.parse(a.data["published"]) for a in articles]
    years = sorted({d.year for d in spans if d.low or d.high})
    by_publisher: dict[str, list[Entry]] = defaultdict(list)
    for a in articles:
        by_publisher[a.data.get("publisher", "")].append(a)
    publishers = [f"{ref(index, pid, base)} ({len(items)})" for pid, items in
                  sorted(by_publisher.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    languages = sorted({choice_label(a.type, ("language",), a.data.get("language", "")) for a in articles})
    authored = sum(1 for a in articles if a.data.get("authors"))
    when = (f"published in {years[0]}" if len(years) == 1 else f"published between {years[0]} and {years[-1]}"
            ) if years else "of unknown date"
    authors = ("none of them names an author" if not authored else
               "every one names its author(s)" if authored == len(articles) else
               f"{authored} of them name an author")
    return (f'<p class="dossier-sources-overview">The dossier rests on {_count(len(articles), "press article")} '
            f"in {esc(_and(languages))}, {when}, from {_count(len(by_publisher), 'publisher')}: "
            f"{_and(publishers)}; {authors}.</p>")


def open_data_table(index: Index, base: str) -> str:
    from . import exports

    rows = []
    for name, what in exports.FILES.items():
        count = ""
        if name.endswith(".csv"):
            t = schema.BY_FOLDER[name[:-4]]
            count = f"{len(index.by_type[t.name])} rows"
        elif name == "dossier.json":
            count = f"{len(index.entries)} entries"
        elif name == "chronology.ics":
            count = f"{len(index.chronology)} events"
        rows.append(f'<tr><td><a href="{esc(base)}data/{esc(name)}"><code>data/{esc(name)}</code></a></td>'
                    f"<td>{esc(what)}</td><td>{esc(count)}</td></tr>")
    return ('<table class="dossier-data">\n<thead><tr><th>Address</th><th>Holds</th><th>Size</th></tr></thead>\n'
            "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>")


def dossier_citation(built, site_url: str) -> str:
    return (f'<p>Built on <time datetime="{built.date().isoformat()}">{built.date().isoformat()}</time>.</p>\n'
            + _citation(cite.dossier_bibtex(built, site_url), cite.dossier_csl(built, site_url)))
