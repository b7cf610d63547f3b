"""What every drawing shares: coordinates as text, text widths, the opening of an <svg>, the figure around it.

Markup is built with `markup.html`, which escapes every value that is not Markup.
"""

from __future__ import annotations

from ..markup import Markup, html

SVG_NS = "http://www.w3.org/2000/svg"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
CHAR_W = 0.6  # average glyph width, in em, used to size boxes around text


def num(value: float, digits: int = 2) -> str:
    """A coordinate: `digits` decimals at most, never '-0'."""
    text = f"{round(value, digits) + 0.0:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def text_width(text: str, size: float) -> float:
    return len(text) * size * CHAR_W


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def svg_open(cls: str, width: float, height: float, title_id: str, title: str, desc: str) -> list[Markup]:
    return [
        html(
            '<svg xmlns="{ns}" class="{cls}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
            'aria-labelledby="{key}-title {key}-desc" font-family="{font}" font-size="12" fill="currentColor">',
            ns=SVG_NS,
            cls=cls,
            w=num(width),
            h=num(height),
            key=title_id,
            font=FONT,
        ),
        html('<title id="{}-title">{}</title>', title_id, title),
        html('<desc id="{}-desc">{}</desc>', title_id, desc),
    ]


def figure(svg: Markup, cls: str) -> Markup:
    """A drawing in a block of its own, which scrolls sideways on narrow screens."""
    return html('<div class="dossier-figure {}">\n{}\n</div>', cls, svg)
