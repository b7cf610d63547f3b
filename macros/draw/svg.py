"""What every drawing shares: coordinates as text, text widths, the opening of an <svg>, the figure around it.

Every value that came from an entry goes through `markup.esc`.
"""

from __future__ import annotations

from ..markup import esc

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


def svg_open(cls: str, width: float, height: float, title_id: str, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="{SVG_NS}" class="{esc(cls)}" viewBox="0 0 {num(width)} {num(height)}" '
        f'width="{num(width)}" height="{num(height)}" '
        f'aria-labelledby="{esc(title_id)}-title {esc(title_id)}-desc" '
        f'font-family="{esc(FONT)}" font-size="12" fill="currentColor">',
        f'<title id="{esc(title_id)}-title">{esc(title)}</title>',
        f'<desc id="{esc(title_id)}-desc">{esc(desc)}</desc>',
    ]


def figure(svg: str, cls: str) -> str:
    """A drawing in a block of its own, which scrolls sideways on narrow screens."""
    return f'<div class="dossier-figure {cls}">\n{svg}\n</div>'
