"""How a page cites its sources ("[Ratiatum, Aug 2007]") and how others may cite it (BibTeX
and CSL-JSON blocks)."""

from __future__ import annotations

from . import cite, dates
from .index import Entry, Index
from .markup import Markup, element, html, join
from .published import Published


def short_date(d: dates.Date) -> str:
    """A citation's date: the month or the year it surely falls in, or else the date in words."""
    year, month = d.shared()
    if year is None or (not d.interval and d.uncertain):  # "about May 2008" stays as it is
        return d.words()
    return f"{dates.MONTH_ABBR[month - 1]} {year}" if month else str(year)


def cite_label(article: Entry, index: Index) -> str:
    name = cite.publisher_name(article, index)
    when = short_date(dates.parse(article.data["published"])) if "published" in article.data else ""
    return ", ".join(p for p in (name, when) if p)


def sources(ids, index: Index, base: str, quote: str = "") -> Markup:
    """'[Ratiatum, Aug 2007; Numerama, May 2008]' with links, then the quotation if any."""
    cites = []
    for source in ids:
        article = index.entries.get(source)
        if article is None:
            cites.append(source)
            continue
        cites.append(element("a", cite_label(article, index), href=base + article.url, title=article.name))
    out = html('<span class="dossier-sources">[{}]</span>', join(cites, "; ")) if cites else Markup()
    if quote:
        # The quotation is in its article's language; with sources in several, it is not stated.
        langs = {index.entries[s].data.get("language") for s in ids if s in index.entries}
        lang = langs.pop() if len(langs) == 1 and None not in langs else None
        out = html("{} {}", out, element("q", quote, class_="dossier-quote", lang=lang))
    return out


_CITATION = (
    '<p>BibTeX</p>\n<pre><code class="language-bibtex">{}</code></pre>\n'
    '<p>CSL-JSON</p>\n<pre><code class="language-json">{}</code></pre>'
)


def _citation(bib: str, csl: dict) -> Markup:
    """A citation in BibTeX and in CSL-JSON, each in a block of its own."""
    return html(_CITATION, bib, cite.csl_text(csl))


def cite_block(entry: Entry, index: Index, published: Published) -> Markup:
    """The entry's citation, in the style its type declares (Presentation.citation), or nothing."""
    page = published.url + entry.url
    style = entry.type.presentation.citation
    if style == "article":
        bib, csl = cite.article_bibtex(entry, index), cite.article_csl(entry, index)
    elif style == "legal_case":
        bib, csl = cite.ruling_bibtex(entry, index, page, published.name_in_text), cite.ruling_csl(entry, index, page)
    else:
        return Markup()
    return html('<div class="dossier-cite">\n{}\n</div>', _citation(bib, csl))


def dossier_citation(built, published: Published) -> Markup:
    day = built.date().isoformat()
    return html(
        '<p>Built on <time datetime="{day}">{day}</time>.</p>\n{citation}',
        day=day,
        citation=_citation(cite.dossier_bibtex(built, published), cite.dossier_csl(built, published)),
    )
