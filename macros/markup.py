"""The escaping primitives every renderer builds on: HTML is `Markup`, and anything else is text.

How to build HTML in a renderer:

- `html("<td>{}</td>", value)` fills a template written in the code; every argument that is
  not `Markup` is escaped. `element("a", text, href=url, class_="x")` writes one element,
  escaping its text and attribute values. `join(parts, "<br>")` joins, escaping plain parts.
- Never put a value into HTML with an f-string, `+`, `%` or `str.format`: a forgotten `esc`
  is an injection. `Markup + str` and `str + Markup` escape the plain str, so `+` is safe but
  shows a str of HTML as text (`&lt;td&gt;`). An f-string or `str.join` gives a plain str even
  of Markup parts, which `html` then escapes again: build with `html` and `join` instead.
- `Markup(text)` vouches for `text` without escaping it: write it only for a template
  constant. Data for a script goes in with `script_json`, which escapes it for that element.

`esc` (HTML), `md_inline` (Markdown headings) and `link` return Markup. `base` is the relative
path from the page being rendered to the site root, such as "../../".
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from html import escape as _escape
from html import unescape
from string import Formatter
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


def _text(value) -> str:
    """`value` as HTML: escaped, unless it is Markup (anything with `__html__`)."""
    if type(value) is str:
        return _escape(value, quote=True)
    if hasattr(value, "__html__"):
        return value.__html__()
    return _escape(str(value), quote=True)


class Markup(markupsafe.Markup):
    """markupsafe's Markup, escaping as `html.escape(quote=True)` does (`'` as `&#x27;`, `"` as
    `&quot;`, where markupsafe writes `&#39;` and `&#34;`), so that the pages stay as they were."""

    __slots__ = ()

    @classmethod
    def escape(cls, s) -> Markup:
        return s if type(s) is cls else cls(_text(s))


class _Formatted:
    """An argument of a template whose field has a format spec ("{:,}"): formatted, then escaped,
    as markupsafe's Markup.format does."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __format__(self, spec: str) -> str:
        if hasattr(self.value, "__html__"):
            if spec:
                raise ValueError(f"no format spec for HTML: {spec!r}")
            return self.value.__html__()
        return _escape(format(self.value, spec), quote=True)


@lru_cache(maxsize=1024)
def _bare(template: str) -> bool:
    """Whether every field of `template` is bare ("{}", "{name}"), so that its arguments can be
    escaped before formatting; a field with a format spec is formatted first. A conversion
    ("{!r}") or a field that looks into its argument ("{0.name}") is refused: neither is escaped."""
    bare = True
    for _, field, spec, conversion in Formatter().parse(template):
        if field is None:
            continue
        if conversion or "." in field or "[" in field:
            raise ValueError(f"html(): write fields as {{}}, {{name}} or {{:spec}}, not {{{field}!{conversion}}}")
        bare = bare and not spec
    return bare


def esc(value) -> Markup:
    """`value` as HTML text: escaped, unless it is Markup already."""
    return Markup.escape(value)


def html(template: str, /, *args, **kwargs) -> Markup:
    """`template`, a constant of the code, with its fields ("{}", "{name}", "{:spec}") filled by
    the arguments, each escaped unless it is Markup: what markupsafe's Markup.format gives,
    without its formatter written in Python, which cost renderers twice their time."""
    arg = _text if _bare(template) else _Formatted
    return Markup(template.format(*map(arg, args), **{k: arg(v) for k, v in kwargs.items()}))


def join(parts, separator: str = "") -> Markup:
    """The parts one after another, each escaped unless it is Markup; `separator` is a constant."""
    return Markup(separator.join(map(_text, parts)))


@lru_cache(maxsize=256)
def _attribute_name(name: str) -> str:
    name = name.rstrip("_").replace("_", "-")  # class_ is class; data_edtf is data-edtf
    if not _NAME.match(name):
        raise ValueError(f"not an attribute name: {name!r}")
    return name


def _attributes(attributes: dict) -> str:
    """' name="value"' for each attribute, left out where None or False, bare where True."""
    out = []
    for name, value in attributes.items():
        if value is True:
            out.append(" " + _attribute_name(name))
        elif value is not None and value is not False:
            out.append(f' {_attribute_name(name)}="{_text(value)}"')
    return "".join(out)


def element(tag: str, content="", /, **attributes) -> Markup:
    """`<tag attribute="value"…>content</tag>`, the content and the values escaped unless Markup.
    An attribute whose value is None or False is left out; True writes it bare (`hidden`)."""
    if not _NAME.match(tag):
        raise ValueError(f"not an element name: {tag!r}")
    if tag in _VOID:
        return Markup(f"<{tag}{_attributes(attributes)}>")
    return Markup(f"<{tag}{_attributes(attributes)}>{_text(content)}</{tag}>")


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


# JSON escapes, which a JSON reader takes for the characters themselves, of what the HTML parser
# reads in a script: '<' (which "</script>" or "<!--" start), '>' and '&'; and the two line
# separators that JavaScript before ES2019 refused in a string.
_SCRIPT_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def script_json(data, media_type: str) -> Markup:
    """`<script type="media_type">` holding `data` as JSON, which no value in it can close.
    The whole element, not its JSON: JSON's quotes would end an attribute it was put in."""
    text = json.dumps(data, ensure_ascii=False)
    for character, escaped in _SCRIPT_ESCAPES:
        text = text.replace(character, escaped)
    return element("script", Markup(text), type=media_type)


def link(entry: Entry, base: str, text: str | None = None) -> Markup:
    return element("a", entry.name if text is None else text, href=base + entry.url)


def ref(index: Index, entry_id: str, base: str) -> Markup:
    entry = index.entries.get(entry_id)
    return link(entry, base) if entry else esc(entry_id)
