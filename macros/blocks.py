"""HTML blocks held out of the Markdown that the site generator converts, and put back after.

Generated pages and the macros of hand-written pages make HTML from entry values. Were that
HTML handed to the site's Markdown pipeline, its line-based steps (fenced code with
attributes, includes, and whatever a maintainer enables later) would run over the
values too: a summary with a newline and three backticks could start a code block with an
id of its choosing. So each block is held here and stands in the Markdown as an empty
placeholder element; once the page is converted, the placeholders are replaced by the
blocks, in one pass, so that nothing put back is read again.

A placeholder cannot be forged: every value that reaches Markdown is escaped (`<` becomes
`&lt;`), and entry bodies are sanitized and are themselves held blocks. A block is put back as
it is, so only Markup is held (markup.py): HTML built as a plain str, whose values nothing
says were escaped, is refused.
"""

from __future__ import annotations

import re

from .markup import Markup

_SLOT = '<div data-dossier-block="{}"></div>'
FIND = re.compile(r'<div data-dossier-block="(\d+)"></div>')  # a placeholder; group 1 its number


def number(placeholder: str) -> str:
    """The number of the block a placeholder made by `Blocks.hold` stands for."""
    found = FIND.search(placeholder)
    if found is None:
        raise ValueError(f"not a placeholder: {placeholder!r}")
    return found.group(1)


class Blocks:
    """The blocks of the pages being built; each is released when put back."""

    def __init__(self) -> None:
        self._held: dict[int, Markup] = {}
        self._next = 0

    def hold(self, html: Markup) -> str:
        """A placeholder, on lines of its own, that `put_back` replaces with `html`."""
        if not isinstance(html, Markup):
            raise TypeError(f"a block to hold is Markup built with markup.py's helpers, not {html[:80]!r}")
        n = self._next
        self._next += 1
        self._held[n] = html
        return "\n\n" + _SLOT.format(n) + "\n\n"

    def put_back(self, text: str) -> str:
        """`text` with every placeholder replaced by its block; unknown placeholders are removed."""
        return FIND.sub(lambda m: self._held.pop(int(m.group(1)), ""), text)

    def __len__(self) -> int:
        return len(self._held)
