"""A page whose HTML is kept compressed between rendering and layout.

MkDocs renders every page's Markdown to HTML first, then lays every page out with the theme: all
the site's HTML is held at once in between, a third of a full build's peak memory. A packed page
keeps its HTML compressed (to a fifth of its size, or less) until it is first read, which is when
the page is laid out; it is then an ordinary Page again, holding the very text that was set, so
the site built is the same.
"""

from __future__ import annotations

import zlib

from mkdocs.structure.pages import Page

# The fastest level: each page's HTML is compressed once and read back once, and level 1 already
# gives most of the saving.
_LEVEL = 1


class PackedPage(Page):
    """A Page whose `content` is stored compressed until it is read."""

    _packed: bytes | None

    @property
    def content(self) -> str | None:
        packed = vars(self).pop("_packed", None)
        html = None if packed is None else zlib.decompress(packed).decode("utf-8", "surrogatepass")
        # Read once, it is needed again soon (by the search index, the theme): an ordinary Page
        # from now on.
        self.__class__ = Page  # type: ignore[assignment]  # the point: no longer a PackedPage
        self.content = html
        return html

    @content.setter
    def content(self, html: str | None) -> None:
        # surrogatepass: HTML may hold lone surrogates (from a file's escapes); they come back.
        self._packed = None if html is None else zlib.compress(html.encode("utf-8", "surrogatepass"), _LEVEL)


def pack(page) -> None:
    """Keep the page's HTML compressed until it is next read (MkDocs' own Page only: a plugin's
    subclass may define `content` in its own way)."""
    if type(page) is not Page:
        return
    html = vars(page).pop("content", None)
    page.__class__ = PackedPage
    page.content = html
