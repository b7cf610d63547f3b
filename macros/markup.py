"""The escaping primitives every renderer builds on.

Every value that came from an entry goes through `esc` (HTML) or `md_inline` (Markdown
headings) before it reaches the page. `base` is the relative path from the page being
rendered to the site root, such as "../../".
"""

from __future__ import annotations

import html
import re

from markdown.extensions.toc import slugify

from .index import Entry, Index

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
