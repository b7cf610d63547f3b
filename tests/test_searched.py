"""What the theme's search reads of a page (macros/searched.py): the page with its marked elements
emptied gives Material's search parser the same sections, to the character, as the whole page."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser

from macros.hook import mark_search_exclusions
from macros.searched import searchable

MARK = ' data-search-exclude="true"'


def sections(html: str) -> list[tuple]:
    """Everything of the parser's sections that the index is made from, and more."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [
        (s.el.tag, sorted(s.el.attrs.items()), s.id, s.depth, s.title, s.text, s.is_excluded()) for s in parser.data
    ]


def parsed(html: str) -> list[tuple]:
    """The sections of a page the parser can read: it fails on some markup (an element of a kept
    tag, as <code>, ended inside a skipped one of the same tag), as the build would."""
    try:
        return sections(html)
    except ValueError:
        assume(False)
        raise


# Text as a page holds it: escaped, with the spaces and line ends the parser collapses, and
# what a body may say in words: the mark itself (a "<" in text is always written &lt;).
TEXT = st.lists(
    st.sampled_from(["a", "Kvasov", " ", "  ", "\n", "&lt;div&gt;", "&amp;", "é", "\t", MARK]), max_size=6
).map("".join)
VOID = st.sampled_from(["<br>", "<img src=x>", "<wbr>", "<hr/>"])


def tagged(tags, children, size=4):
    """An element of one of `tags`, marked or not, holding `children`."""
    return st.tuples(
        st.sampled_from(tags),
        st.booleans(),
        st.sampled_from(["", ' class="dossier-index"', ' id="x"']),
        st.lists(children, max_size=size),
    ).map(lambda t: f"<{t[0]}{t[2]}{MARK if t[1] else ''}>{''.join(t[3])}</{t[0]}>")


# Markup as Markdown and the dossier's templates write it: headings stand among blocks, never
# in a paragraph or inline (where the plugin's parser itself fails).
INLINE = st.recursive(
    st.one_of(TEXT, VOID, st.sampled_from(['<path d="M0 0"/>', "<span/>", "<div/>", "<i/>"])),
    lambda children: tagged(["span", "a", "code", "small", "svg", "q", "i"], children),
    max_leaves=8,
)
HEADING = st.tuples(st.sampled_from("123456"), st.booleans(), TEXT, st.lists(INLINE, max_size=2)).map(
    lambda t: f'<h{t[0]} id="h{t[0]}"{MARK if t[1] else ""}>{t[2]}{"".join(t[3])}</h{t[0]}>'
)
NODE = st.recursive(
    st.one_of(INLINE, HEADING, tagged(["p", "pre", "td", "li"], INLINE)),
    lambda children: tagged(["div", "table", "tr", "td", "ul", "li", "details"], children),
    max_leaves=25,
)
PAGE = st.lists(NODE, max_size=8).map("".join)


@settings(max_examples=600, deadline=None)
@given(PAGE)
def test_the_parser_finds_the_same_sections_in_the_page_emptied_of_its_marked_elements(html):
    whole = parsed(html)
    assert sections(searchable(html)) == whole


@settings(max_examples=200, deadline=None)
@given(PAGE)
def test_so_it_does_in_a_page_marked_as_the_hook_marks_the_dossier(html):
    html = html.replace(MARK, "")  # the hook's own marks: derived sections and blocks
    html = html.replace("<table>", '<table class="dossier-chronology">').replace(
        "<span>", '<span class="dossier-sources">'
    )
    marked = mark_search_exclusions(html)
    whole = parsed(marked)
    assert sections(searchable(marked)) == whole


def test_a_marked_element_is_emptied_and_what_surrounds_it_kept():
    html = f'<h1 id="t">T</h1><p>before</p><table{MARK}><tr><td>row</td></tr></table><p>after</p>'
    assert searchable(html) == '<h1 id="t">T</h1><p>before</p><i></i><p>after</p>'


def test_a_marked_element_holding_a_heading_is_left_to_the_parser():
    html = f'<div{MARK}><h2 id="a">A</h2><p>x</p></div>'
    assert searchable(html) == html
