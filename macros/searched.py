"""What the theme's search reads of a page: its HTML without the elements marked to be left out.

Material's search plugin parses each page's whole HTML with Python's HTMLParser, and only then
drops what is marked `data-search-exclude`. The dossier marks its derived blocks so (hook.py's
`mark_search_exclusions`): the chronology's and the type indexes' tables, the drawings, the
citation lists, most of a large dossier's bytes. Handing the parser the page with each of them
emptied gives the same index for much less parsing; the page itself is laid out whole.

An element is emptied, not removed: it becomes `<i></i>`, which the plugin's parser neither
keeps nor skips, so that its start and end tags still do what the marked element's did (they
end the text around them, end the section of a heading nested deeper, open the page's first
section) and nothing else. tests/test_searched.py holds the parser's sections to be the same.
"""

from __future__ import annotations

import re

_MARK = ' data-search-exclude="true"'  # as mark_search_exclusions writes it, space included
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)(?=[\s>/])")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_HEADING = re.compile(r"<h[1-6][\s>]")
_EMPTIED = "<i></i>"  # what a marked element becomes: an element the parser neither keeps nor skips


def searchable(html: str) -> str:
    """`html` with each outermost element marked to be left out of search emptied, from its start
    tag to its end tag. What a marked element holds is never emptied, and a marked element is
    left to the plugin when it holds a heading (the plugin makes a section of a heading wherever
    it stands) or an element of its own tag (the plugin tells elements apart by their tag alone,
    so the first end tag of such a one ends its skipping, and what follows is indexed)."""
    if _MARK not in html:
        return html
    out, last, at = [], 0, html.find(_MARK)
    while at != -1:
        start = html.rfind("<", last, at)
        tag = _TAG.match(html, start) if start != -1 and html.find(">", start, at) == -1 else None
        if tag is None or tag.group(1) or tag.group(2).lower() in _VOID:  # not a start tag's mark
            at = html.find(_MARK, at + len(_MARK))
            continue
        end, nested = _end(html, start, tag.group(2).lower())
        if end is None:  # not closed: the rest is left to the plugin
            break
        if not nested and not _HEADING.search(html, start, end):
            out += [html[last:start], _EMPTIED]
            last = end
        at = html.find(_MARK, end)
    out.append(html[last:])
    return "".join(out)


def _end(html: str, start: int, name: str) -> tuple[int | None, bool]:
    """Where the element whose start tag is at `start` ends, after its end tag (None if nothing
    closes it), and whether it holds an element of its own tag."""
    depth, nested = 0, False
    for m in _TAG.finditer(html, start):
        if m.group(2).lower() != name:
            continue
        close = html.find(">", m.end())
        if close == -1:
            break
        if m.group(1):
            depth -= 1
            if depth == 0:
                return close + 1, nested
        elif html[close - 1] == "/":  # <div/>: HTMLParser starts and ends it at once, and the
            nested = nested or depth > 0  # plugin takes its end for the marked element's
        else:
            depth += 1
            nested = nested or depth > 1
    return None, nested


def index_searchable(search_index) -> None:
    """Make Material's search index read each page as `searchable` gives it (the page's own HTML
    is given back at once: the theme lays it out whole)."""
    add = search_index.add_entry_from_context

    def add_searchable(page) -> None:
        whole = page.content
        page.content = searchable(whole)
        try:
            add(page)
        finally:
            page.content = whole

    search_index.add_entry_from_context = add_searchable
