"""Pages about the dossier itself, counted or read from the declaration: the schema reference,
the overview of its sources and the table of its open data."""

from __future__ import annotations

from collections import defaultdict

from . import dates, exports, quotes, schema
from .index import Entry, Index
from .markup import Markup, element, esc, html, join, ref
from .words import choice_label


def _field_rows(fields, prefix: str = ""):
    for f in fields:
        name = prefix + f.name
        inner = f.inner
        if inner.reverse_by:
            reverse = html("named by {}", element("code", inner.reverse_by))
        else:
            reverse = inner.reverse
        minimum = f" (at least {f.min_items})" if f.min_items else ""
        yield html(
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            name,
            f.kind.noun(f),
            "yes" + minimum if f.required else "no",
            inner.kind.allowed(inner),
            reverse,
            f.help,
        )
        if inner.is_mapping:
            yield from _field_rows(inner.fields, name + ("[]." if f.is_list else "."))


def schema_reference(hold) -> str:
    """Markdown: every type's fields, from the one declaration in schema.py (HTML blocks held)."""
    parts = []
    for t in schema.TYPES:
        parts.append(f"## {t.name.capitalize()}\n")
        parts.append(
            hold(
                html(
                    "<p>{}. Files: <code>entries/{}/&lt;id&gt;.md</code>.</p>\n"
                    '<table class="dossier-schema">\n<thead><tr><th>Field</th><th>Kind</th><th>Required</th>'
                    "<th>Allowed values</th><th>Shown on the target as</th><th>What it holds</th></tr></thead>\n"
                    "<tbody>\n{}\n</tbody>\n</table>\n",
                    t.help[:1].upper() + t.help[1:],
                    t.folder,
                    join(_field_rows(t.fields), "\n"),
                )
            )
        )
    relation_rows = join(
        (
            html("<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>", c.value, c.label, c.reverse)
            for c in schema.RELATIONS + schema.PARTY_ROLES
        ),
        "\n",
    )
    parts.append("## Relation names\n")
    parts.append(
        hold(
            html(
                "<p>Where a reference's reverse name depends on another field "
                "(an organisation's <code>relation</code>, a party's <code>role</code>), these are the names.</p>\n"
                '<table class="dossier-schema">\n<thead><tr><th>Value</th><th>Reads as</th>'
                "<th>Shown on the target as</th></tr></thead>\n<tbody>\n{}\n</tbody>\n</table>\n",
                relation_rows,
            )
        )
    )
    return "\n".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _and(items: list) -> Markup:
    """'a, b and c', each item escaped unless it is Markup."""
    return esc(items[0]) if len(items) == 1 else html("{} and {}", join(items[:-1], ", "), items[-1])


def sources_overview(index: Index, base: str, budgets: tuple[quotes.Budget, ...] | None = None) -> Markup:
    """The articles the dossier rests on, counted from the index: how many, when, by whom, in
    which languages, and how many name an author. Never written by hand, so a new article
    updates it."""
    articles = index.by_type["article"]
    if not articles:
        return Markup("<p>No article yet.</p>")
    spans = [dates.parse(a.data["published"]) for a in articles]
    years = sorted({d.year for d in spans if d.low or d.high})
    by_publisher: dict[str, list[Entry]] = defaultdict(list)
    for a in articles:
        by_publisher[a.data.get("publisher", "")].append(a)
    publishers = [
        html("{} ({})", ref(index, pid, base), len(items))
        for pid, items in sorted(by_publisher.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
    languages = sorted({choice_label(a.type, ("language",), a.data.get("language", "")) for a in articles})
    authored = sum(1 for a in articles if a.data.get("authors"))
    when = (
        (f"published in {years[0]}" if len(years) == 1 else f"published between {years[0]} and {years[-1]}")
        if years
        else "of unknown date"
    )
    authors = (
        "none of them names an author"
        if not authored
        else "every one names its author(s)"
        if authored == len(articles)
        else f"{authored} of them name an author"
    )
    return html(
        '<p class="dossier-sources-overview">The dossier rests on {} in {}, {}, from {}: {}; {}.</p>\n{}',
        _count(len(articles), "press article"),
        _and(languages),
        when,
        _count(len(by_publisher), "publisher"),
        _and(publishers),
        authors,
        quotation_table(index, base, budgets),
    )


def quotation_table(index: Index, base: str, budgets: tuple[quotes.Budget, ...] | None = None) -> Markup:
    """How much of each article the dossier quotes, all entries together, against the budget the
    check enforces: a reader sees that the articles are quoted to support facts, not reproduced.
    `budgets`: the check's own (corpus.Corpus.budgets), or counted here from the index."""
    rows = [
        html(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            ref(index, b.article, base),
            b.words,
            b.quoted,
            f"{b.share:.1%}",
            b.limit,
        )
        for b in (quotes.budgets(index) if budgets is None else budgets)
    ]
    if not rows:
        return Markup("")
    return html(
        '<table class="dossier-quotation-budget">\n<caption>Words of each article quoted in the dossier, all entries '
        "together; the check refuses more than {} of an article's words.</caption>\n<thead><tr><th>Article</th>"
        "<th>Words</th><th>Quoted</th><th>Share</th><th>Most allowed</th></tr></thead>\n<tbody>\n{}\n</tbody>\n"
        "</table>",
        f"{float(quotes.SHARE):.0%}",
        join(rows, "\n"),
    )


def open_data_table(index: Index, base: str) -> Markup:
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
        rows.append(
            html(
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                element("a", element("code", "data/" + name), href=base + "data/" + name),
                what,
                count,
            )
        )
    return html(
        '<table class="dossier-data">\n<thead><tr><th>Address</th><th>Holds</th><th>Size</th></tr></thead>\n'
        "<tbody>\n{}\n</tbody>\n</table>",
        join(rows, "\n"),
    )
