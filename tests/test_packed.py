"""A packed page gives back, when first read, the very HTML that was set, and is then an
ordinary MkDocs page; while packed it holds no copy of that HTML as text."""

from __future__ import annotations

import zlib

from hypothesis import given
from hypothesis import strategies as st
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from macros.packed import PackedPage, pack

# Any text a page's HTML may hold, lone surrogates (from a file's escapes) and NULs included.
HTML = st.one_of(st.none(), st.text(st.characters(exclude_categories=())), st.just("<p>é ✓ 😀 \udc80 \0</p>" * 500))


def page(html: str | None) -> Page:
    made = Page("A title", File("a.md", "/docs", "/site", use_directory_urls=True), {"plugins": []})
    made.content = html
    return made


def held_text(made: Page) -> list[str]:
    return [value for value in vars(made).values() if isinstance(value, str)]


@given(html=HTML)
def test_read_back_as_set(html):
    made = page(html)
    before = {k: v for k, v in vars(made).items() if k != "content"}
    pack(made)
    assert type(made) is PackedPage
    if html:
        assert html not in held_text(made)
    assert made.content == html
    assert type(made) is Page  # read once, it is an ordinary page again
    assert vars(made) == {**before, "content": html}
    assert made.content == html


@given(first=HTML, then=HTML)
def test_set_while_packed(first, then):
    """MkDocs sets the HTML a plugin returns after the plugin packed the page."""
    made = page(first)
    pack(made)
    made.content = then
    assert type(made) is PackedPage
    assert made.content == then


def test_compressed_while_packed():
    html = "<p>" + "a repeated paragraph of a page " * 2000 + "</p>"
    made = page(html)
    pack(made)
    packed = vars(made)["_packed"]
    assert zlib.decompress(packed).decode() == html
    assert len(packed) * 5 < len(html)


def test_packs_only_mkdocs_own_page():
    """A plugin's subclass may define `content` its own way: left as it is."""

    class Other(Page):
        pass

    made = Other("A title", File("a.md", "/docs", "/site", use_directory_urls=True), {"plugins": []})
    made.content = "<p>x</p>"
    pack(made)
    assert type(made) is Other and vars(made)["content"] == "<p>x</p>"
    packed = page("<p>y</p>")
    pack(packed)
    pack(packed)  # a packed page is not packed twice
    assert packed.content == "<p>y</p>"
