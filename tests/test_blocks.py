"""HTML blocks held out of a page's Markdown: put back once, in one pass, then released."""

from __future__ import annotations

import pytest

from macros.blocks import Blocks
from macros.markup import Markup, html


def test_a_block_is_put_back_where_its_placeholder_stands_and_released():
    blocks = Blocks()
    text = "# Title" + blocks.hold(Markup("<p>one</p>")) + "middle" + blocks.hold(Markup("<table></table>"))
    assert len(blocks) == 2
    assert blocks.put_back(text) == "# Title\n\n<p>one</p>\n\nmiddle\n\n<table></table>\n\n"
    assert len(blocks) == 0  # a large dossier's pages would otherwise stay in memory to the end


def test_what_is_put_back_is_never_read_again():
    blocks = Blocks()
    inner = blocks.hold(Markup("<p>inner</p>"))
    outer = blocks.hold(Markup(f"<p>{inner}</p>"))  # a block that holds a placeholder, as forged text would
    assert blocks.put_back(outer).count('data-dossier-block="0"') == 1


def test_an_unknown_placeholder_is_removed():
    assert Blocks().put_back('a<div data-dossier-block="7"></div>b') == "ab"


def test_a_block_is_markup_never_a_plain_str():
    """HTML put back is never escaped again: a str of HTML, built without the escaping helpers,
    is refused rather than trusted."""
    blocks = Blocks()
    value = "<script>alert(1)</script>"
    with pytest.raises(TypeError):
        blocks.hold("<p>" + value + "</p>")
    assert "<script>" not in blocks.put_back(blocks.hold(html("<p>{}</p>", value)))
