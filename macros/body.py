"""An entry's body, from contributor Markdown to HTML that is safe to publish.

An entry's body is written by whoever opens a pull request, so it never goes through the
site's own Markdown configuration (whose extensions can include files, set ids and
attributes, and run on the whole page). It goes through a pipeline of its own:

1. limits on what makes Markdown slow or deep (`limits`), checked before converting:
   the Python-Markdown link and HTML parsers are quadratic in brackets and angle brackets
   within a block, and nested lists recurse once per level;
2. Python-Markdown with no extension at all (`EXTENSIONS` is the allowlist, empty), and a
   tree step that turns links to other entries' files into their pages' addresses;
3. the Ammonia sanitizer (nh3), with an allowlist of elements and attributes and a filter
   that keeps only link addresses that are http(s), a fragment, or the address of an entry's
   page that step 2 made.

The guarantee is the sanitizer's: whatever the Markdown parser makes of a body, what
reaches the page holds only the allowed elements, no id, class, style or event attribute,
and no link that runs script. The check's line-by-line scan of the source (validate.py)
only gives contributors an early, friendly message.
"""

from __future__ import annotations

import posixpath
import re
import weakref
import xml.etree.ElementTree as etree
from dataclasses import dataclass

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

from .markup import Markup, html, join
from .urls import DIRECTORIES, Urls

EXTENSIONS: tuple[str, ...] = ()  # what an entry body may use beyond core Markdown: nothing

TAGS = {"p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h3", "h4", "h5", "h6"}
ATTRIBUTES = {"a": {"href", "title"}}
EXTERNAL_REL = "nofollow noopener"  # the one value `rel` may take, on links that leave the site
HEADING_SHIFT = 2  # a body sits under the page's h2 "Account": its '#' is an h3

# The most of each that one body may hold; the real dossier is far below (see the check).
MAX_BRACKETS = 400  # '[': links and images; the link parser is quadratic in them per block
MAX_ANGLES = 400  # '<': autolinks and (refused) HTML; the HTML parser is quadratic too
MAX_DEPTH = 8  # block quotes within block quotes, or lists within lists
MAX_LINES = 400  # the block parser splits a block again at each heading underline: quadratic in lines
# What opens a level at the start of a line: an indent of four, a '>', a list marker ("- - x"
# is a list within a list on one line).
_LEVEL = re.compile(r"(?: {4}|\t|[ ]{0,3}>[ \t]?|[ ]{0,3}(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]|$))")

_EXTERNAL = re.compile(r"\Ahttps?://[^/\s?#\\]+(?:[/?#][^\s\\]*)?\Z", re.IGNORECASE)
_FRAGMENT = re.compile(r"\A#[\w.-]+\Z")
_PAGE_FRAGMENT = re.compile(r"\A[\w.-]*\Z")  # what a link to another entry's heading may name


@dataclass(frozen=True)
class Rendered:
    html: Markup
    dropped: tuple[str, ...]  # link addresses removed, as written
    anchors: tuple[tuple[str, str, str], ...]  # (target's source file, fragment, link as written)


@dataclass(frozen=True)
class Limit:
    line: int  # line within the body, from 1
    message: str


def _depth(line: str) -> int:
    """How many levels (indents, block quotes, list markers) open at the start of a line."""
    depth, at = 0, 0
    while depth <= MAX_DEPTH:
        m = _LEVEL.match(line, at)
        if not m or m.end() == at:
            break
        depth, at = depth + 1, m.end()
    return depth


def limits(body: str) -> list[Limit]:
    """Where `body` goes past what the pipeline accepts, each with its message."""
    out = []
    for char, most, what in (("[", MAX_BRACKETS, "'[' (links)"), ("<", MAX_ANGLES, "'<'")):
        count = body.count(char)
        if count > most:
            out.append(
                Limit(1, f"has {count} {what}; an entry body may have at most {most}: split the entry or cut the list")
            )
    lines = body.split("\n")
    if len(lines) > MAX_LINES:
        out.append(
            Limit(
                MAX_LINES + 1,
                f"has {len(lines)} lines; an entry body may have at most {MAX_LINES}: "
                "say it more briefly, or split the entry",
            )
        )
    for n, line in enumerate(lines, start=1):
        depth = _depth(line)
        if depth > MAX_DEPTH:
            out.append(
                Limit(
                    n,
                    f"is nested {depth} levels deep (block quotes or lists); "
                    f"an entry body may nest at most {MAX_DEPTH}",
                )
            )
            break
    return out


def _resolve(href: str, folder: str, known, urls: Urls) -> str | None:
    """The address of an entry's page for a link to its file (`../people/x.md#a`) from an entry's
    page in `folder`, else None."""
    path, hash_, fragment = href.partition("#")
    if not path.endswith(".md") or path.startswith("/") or "\\" in path:
        return None
    resolved = posixpath.normpath(posixpath.join(folder, path))
    parts = resolved.split("/")
    if len(parts) != 2 or not known(parts[0], parts[1][:-3]):
        return None
    # Where an entry's page is does not depend on its id: one no entry has ('_') stands for the
    # linking entry's, so that a link to itself is an address like any other.
    page = urls.relative(f"{folder}/_.md", resolved)
    return page + (hash_ + fragment if fragment else "")


class _Links(Treeprocessor):
    """Links to entry files become the entries' page addresses, external ones get their `rel`,
    any other address is dropped (and reported); headings move under the page's own."""

    def __init__(self, md, pipeline: "Pipeline"):
        super().__init__(md)
        # Not a strong reference: Markdown and its processors refer to each other, a cycle that only
        # a collection of the whole heap frees, and the pipeline's `known` holds the whole index.
        self.pipeline = weakref.proxy(pipeline)

    def run(self, root: etree.Element) -> None:
        for a in root.iter("a"):
            href = a.get("href", "")
            page = _resolve(href, self.pipeline.folder, self.pipeline.known, self.pipeline.urls)
            if page is not None:
                a.set("href", page)
                _, _, fragment = href.partition("#")
                if _PAGE_FRAGMENT.match(fragment):
                    self.pipeline.pages.add(page)
                if fragment:
                    target = posixpath.normpath(posixpath.join(self.pipeline.folder, href.partition("#")[0]))
                    self.pipeline.anchors.append((target, fragment, href))
            elif _EXTERNAL.match(href):
                a.set("rel", EXTERNAL_REL)
            elif not _FRAGMENT.match(href):
                self.pipeline.dropped.append(href)
                del a.attrib["href"]
        for element in root.iter():
            if len(element.tag) == 2 and element.tag[0] == "h" and element.tag[1].isdigit():
                element.tag = f"h{min(6, int(element.tag[1]) + HEADING_SHIFT)}"


def _keeper(pages: frozenset[str]):
    """The sanitizer's filter: link addresses are http(s), one of `pages`, or a fragment; nothing else."""

    def keep(element: str, attribute: str, value: str) -> str | None:
        if element == "a" and attribute == "href":
            return value if (_EXTERNAL.match(value) or value in pages or _FRAGMENT.match(value)) else None
        return value

    return keep


def sanitize(fragment: str, pages: frozenset[str] = frozenset()) -> Markup:
    """HTML reduced to the allowlist: the last step of every body, and testable on its own. The
    one place that marks HTML written by contributors as Markup: the sanitizer vouches for it.
    `pages` are the addresses of the site's pages that links may keep: those the pipeline made
    from links to entries' files."""
    return Markup(
        nh3.clean(
            fragment,
            tags=TAGS,
            attributes=ATTRIBUTES,
            attribute_filter=_keeper(pages),
            tag_attribute_values={"a": {"rel": {EXTERNAL_REL}}},
            url_schemes={"http", "https"},
            link_rel=None,
            strip_comments=True,
            clean_content_tags={"script", "style"},
            generic_attribute_prefixes=set(),
        )
    )


def _as_text(body: str) -> Markup:
    return join(html("<p>{}</p>", p) for p in body.split("\n\n") if p.strip())


class Pipeline:
    """Converts entry bodies; one per build, reset between bodies.

    `known(folder, id)` says whether an entry exists, so that a link to a missing entry
    (which the check reports) is not published as a dead address; `urls` is how the site
    addresses the entries' pages.
    """

    def __init__(self, known, urls: Urls = DIRECTORIES):
        self.known = known
        self.urls = urls
        self.folder = ""
        self.pages: set[str] = set()  # the addresses of entries' pages that the body links to
        self.dropped: list[str] = []
        self.anchors: list[tuple[str, str, str]] = []
        self._md = markdown.Markdown(extensions=list(EXTENSIONS))
        self._md.treeprocessors.register(_Links(self._md, self), "dossier-links", 0)

    def render(self, body: str, folder: str) -> Rendered:
        """The body's HTML, the link addresses removed from it, and the anchors it links to."""
        self.folder, self.dropped, self.anchors, self.pages = folder, [], [], set()
        if limits(body):
            # The check refuses such a body; if it was bypassed, show the text, not Markdown.
            out = _as_text(body)
        else:
            self._md.reset()
            try:
                out = self._md.convert(body)
            except RecursionError:  # nesting the limits did not foresee: text, never a crash
                out = _as_text(body)
        return Rendered(sanitize(out, frozenset(self.pages)), tuple(self.dropped), tuple(self.anchors))
