"""The escaping primitives every renderer builds on: HTML is `Markup`, and anything else is text.

How to build HTML in a renderer:

- `html("<td>{}</td>", value)` fills a template written in the code; every argument that is
  not `Markup` is escaped. `element("a", text, href=url, class_="x")` writes one element,
  escaping its text and attribute values. `join(parts, "<br>")` joins, escaping plain parts.
- Never put a value into HTML with an f-string, `+`, `%` or `str.format`: a forgotten `esc`
  is an injection. `Markup + str` and `str + Markup` escape the plain str, so `+` is safe but
  turns a str of HTML into visible tags; build with `html` and `join` instead.
- `Markup(text)` vouches for `text` without escaping it: write it only for a template
  constant. HTML from a renderer not yet converted (one that still returns a plain str) goes
  through `already_escaped`, which names that promise and goes once the renderer returns Markup.

`esc` (HTML), `md_inline` (Markdown headings) and `link` return Markup. `base` is the relative
path from the page being rendered to the site root, such as "../../".
"""

from __future__ import annotations

import re
from html import escape as _escape
from html import unescape
from typing import TYPE_CHECKING

import markupsafe
from markdown.extensions.toc import slugify

if TYPE_CHECKING:  # annotations only: body.py imports this module, and the index imports body.py
    from .index import Entry, Index

# Python-Markdown's escapable characters; others would keep a visible backslash.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
# Element and attribute names are written in the code; this keeps a value from standing as one.
_NAME = re.compile(r"[a-z][a-z0-9-]*\Z")
_VOID = frozenset({"br", "hr", "img", "input", "link", "meta", "wbr"})


class Markup(markupsafe.Markup):
    """markupsafe's Markup, escaping as `html.escape(quote=True)` does (`'` as `&#x27;`, `"` as
    `&quot;`, where markupsafe writes `&#39;` and `&#34;`), so that the pages stay as they were."""

    __slots__ = ()

    @classmethod
    def escape(cls, s) -> Markup:
        if type(s) is cls:
            return s
        if hasattr(s, "__html__"):
            return cls(s.__html__())
        return cls(_escape(str(s), quote=True))


def esc(value) -> Markup:
    """`value` as HTML text: escaped, unless it is Markup already."""
    return Markup.escape(value)


def html(template: str, /, *args, **kwargs) -> Markup:
    """`template`, a constant of the code, with `{}` fields filled by the arguments, each escaped
    unless it is Markup."""
    return Markup(template).format(*args, **kwargs)


def join(parts, separator: str = "") -> Markup:
    """The parts one after another, each escaped unless it is Markup; `separator` is a constant."""
    return Markup(separator).join(parts)


def already_escaped(text: str) -> Markup:
    """HTML built, escaped, by a renderer that still returns a plain str (words, citations,
    kinds): a promise made for that renderer, kept here so that it can be found and removed."""
    return Markup(text)


def _attribute(name: str, value) -> Markup:
    name = name.rstrip("_").replace("_", "-")  # class_ is class; data_edtf is data-edtf
    if not _NAME.match(name):
        raise ValueError(f"not an attribute name: {name!r}")
    return html(" {}", Markup(name)) if value is True else html(' {}="{}"', Markup(name), value)


def element(tag: str, content="", /, **attributes) -> Markup:
    """`<tag attribute="value"…>content</tag>`, the content and the values escaped unless Markup.
    An attribute whose value is None or False is left out; True writes it bare (`hidden`)."""
    if not _NAME.match(tag):
        raise ValueError(f"not an element name: {tag!r}")
    attrs = join(_attribute(k, v) for k, v in attributes.items() if v is not None and v is not False)
    if tag in _VOID:
        return html("<{}{}>", Markup(tag), attrs)
    return html("<{0}{1}>{2}</{0}>", Markup(tag), attrs, content)


def md_inline(value) -> Markup:
    """Text that Markdown shows as written, on one line: whitespace runs become one space,
    HTML is escaped and Markdown punctuation backslash-escaped."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", esc(" ".join(str(value).split()))))


def heading_id(value: str, separator: str) -> str:
    """A heading's id: Python-Markdown's slug of its text, with entities read as characters (an
    apostrophe is not "x27") and never starting with '_' or '-', so that no heading named
    by an entry can take an id the theme's scripts look up (Material's all start with "__").
    A plain str: Python-Markdown puts it in an attribute and escapes it there."""
    return slugify(unescape(value), separator).lstrip("_-") or "section"


def link(entry: Entry, base: str, text: str | None = None) -> Markup:
    return element("a", entry.name if text is None else text, href=base + entry.url)


def ref(index: Index, entry_id: str, base: str) -> Markup:
    entry = index.entries.get(entry_id)
    return link(entry, base) if entry else esc(entry_id)
