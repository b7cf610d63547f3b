"""The relations graph as inline SVG: people and organisations joined by their relations, then the
same relations as a list.

Plain markup computed at build time, readable without JavaScript or any stylesheet (every
colour but the halo round the arrows' labels is also a presentation attribute);
docs/assets/graphics.js and docs/assets/dossier.css only add highlighting and that halo on
top. Which relations there are is `relations`' business; how the graph is cut into parts and
pieces, `arrange`'s; where the boxes of a drawing go, `layout`'s. This
module says what the boxes and edges are, then draws them and places each edge's label. The
output depends on nothing but the index, so two builds of the same entries give byte-identical
pages. Markup is built with `markup.html` and `join`, which escape every value that is not Markup.

Nothing is left out of the full graph, however large: each connected part is laid out on its
own, and a part too large for one drawing is cut into pieces of bounded size, each showing the
entries of other pieces that it is joined to as copies that link to where they are drawn. The
layout's cost grows with the cube of a drawing's size, so bounding the size bounds each
drawing's cost, and the graph's cost grows with the number of drawings.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from math import sqrt

from ..index import Entry, Index
from ..markup import Markup, html, join, link
from ..words import choice_label
from . import arrange
from .layout import Link, layout
from .relations import DRAWN_TYPES, PARTY_EDGES, Edge, adjacency, relation_edges
from .svg import figure, svg_open, text_width
from .svg import num as _num

__all__ = ["DRAWN_TYPES", "PARTY_EDGES", "Edge", "relation_edges"]

# Node colours by kind: (label, fill, stroke); text on nodes is always dark on a light fill.
NODE_STYLES = {
    "person": ("person", "#ffd66b", "#a67c00"),
    "website": ("website or service", "#9cc9f5", "#2f6fb0"),
    "company": ("company", "#c6b4ee", "#6a4bb0"),
    "collecting-society": ("collecting society", "#a6dfb3", "#23875a"),
    "trade-body": ("trade body", "#f5aeae", "#b03a3a"),
    "finance": ("payment network, bank or card processor", "#f8c89a", "#b5651d"),
    "public": ("court, government or intergovernmental body", "#d2d6dc", "#5f6b78"),
    "press": ("publication or news agency", "#e9bfdc", "#9c4a86"),
    "unspecified": ("kind not stated", "#e4e4e4", "#808080"),
}
KIND_STYLE = {
    "website": "website",
    "company": "company",
    "collecting-society": "collecting-society",
    "trade-body": "trade-body",
    "payment-network": "finance",
    "bank": "finance",
    "card-processor": "finance",
    "court": "public",
    "government": "public",
    "intergovernmental": "public",
    "publication": "press",
    "news-agency": "press",
}
NODE_FONT = 13
NODE_H = 26
EDGE_FONT = 11.5
MIN_WIDTH = 760  # the narrowest the drawing is, so that its legend fits
SHEET_WIDTH = 980.0  # the widest a sheet of several drawings is made
SHEET_HEIGHT = 2400.0  # the tallest a sheet is made before the next drawings go on another

# Arrows: a claim the articles attribute to someone is dashed, opposing parties dotted.
CLAIM_DASH = "6 4"
COURT_DASH = "1.5 3"

# The stress layout's cost grows with the cube of a drawing's size: a connected part of up to
# WHOLE_MAX entries and WHOLE_ARROWS_MAX arrows is laid out by it whole (the real dossier's
# graph is one such part); one with more arrows is set out in columns, whole. A
# larger part is cut into pieces of at most PIECE_MAX entries, each showing at most GHOST_MAX
# entries of other pieces, and laid out in columns, as a tree reads (arrange.layers), in time
# linear in its size: no drawing costs more than a bounded amount.
WHOLE_MAX = 30
WHOLE_ARROWS_MAX = 60
PIECE_MAX = 20
GHOST_MAX = 8


@dataclass
class _Node:
    entry: Entry
    style: str
    w: float
    h: float = NODE_H
    x: float = 0.0
    y: float = 0.0
    elsewhere: str = ""  # for a copy of an entry drawn in another piece: that piece's anchor
    elsewhere_caption: str = ""


@dataclass
class Drawing:
    """One laid-out drawing: its boxes, its edges and their labels' boxes, in its own coordinates."""

    nodes: dict[str, _Node]
    edges: list[Edge]
    labels: list[tuple]
    box: tuple[float, float, float, float]  # left, top, right, bottom
    anchor: str = ""  # the id of its group, for the copies in other pieces to link to
    caption: str = ""
    part: int = 0  # the connected part it draws, from 1
    piece: int = 0  # the piece of that part it draws, from 1; 0 when it draws the whole part


# A type without kinds (a person, or a type declared later) is drawn in its own declared colour.
def _declared_styles() -> None:
    from .. import schema

    for t in schema.TYPES:
        if t.field("kind") is None:
            NODE_STYLES.setdefault(t.name, (t.name, "#f2f2f2", t.presentation.colour))


_declared_styles()


def node_style(entry: Entry) -> str:
    if entry.type.field("kind") is None:
        return entry.type.name
    return KIND_STYLE.get(entry.data.get("kind", ""), "unspecified")


def by_name(index: Index, ids) -> list[str]:
    return sorted(ids, key=lambda i: (index.entries[i].name.casefold(), i))


def num(value: float) -> str:
    """A coordinate of the graph: one decimal, as fine as a box or a label needs to be placed (every
    entry's page carries a drawing, so each digit counts)."""
    return _num(value, 1)


# --- one drawing --------------------------------------------------------------------------


def drawing(
    index: Index, edges: list[Edge], elsewhere: dict[str, tuple[str, str]] | None = None, columns=None, ids=()
) -> Drawing:
    """The entries `ids` and those `edges` join, laid out, with the edges' curves and labels placed.

    `elsewhere` names the entries drawn in another piece: (that piece's anchor, its caption).
    By default the boxes are laid out by stress (`layout.layout`) and each label goes where it
    hides least; given `columns`, the order of the boxes from the first root, they are laid out
    in columns as a tree reads (`arrange.layers`), each label just before the arrow's farther
    end, in time linear in the drawing's size."""
    elsewhere = elsewhere or {}
    edges = [replace(e) for e in edges]  # their curves are this drawing's own
    ids = by_name(index, {*ids, *(i for e in edges for i in (e.source, e.target))})
    nodes = {i: _new_node(index.entries[i], *elsewhere.get(i, ("", ""))) for i in ids}
    links = [Link(e.source, e.target, text_width(e.text, EDGE_FONT), EDGE_FONT) for e in edges]
    sizes = {i: (n.w, n.h) for i, n in nodes.items()}
    at = arrange.layers(sizes, links, [*columns, *(i for i in ids if i not in set(columns))]) if columns else None
    for i, (x, y) in (at or layout(sizes, links)).items():
        nodes[i].x, nodes[i].y = x, y
    _bend_along_columns(nodes, edges)
    _bend_multiple_edges(edges)
    labels = _column_labels(nodes, edges) if columns else _place_edge_labels(nodes, edges)
    boxes = [(n.x - n.w / 2, n.y - n.h / 2, n.x + n.w / 2, n.y + n.h / 2) for n in nodes.values()] + labels
    box = tuple(f(b[k] for b in boxes) for k, f in enumerate((min, min, max, max))) if boxes else (0, 0, 0, 0)
    return Drawing(nodes, edges, labels, box)


def _new_node(entry: Entry, anchor: str = "", caption: str = "") -> _Node:
    return _Node(
        entry, node_style(entry), text_width(entry.name, NODE_FONT) + 20, elsewhere=anchor, elsewhere_caption=caption
    )


def svg_of(drawings: list[Drawing], base: str, key: str, title: str, desc: str) -> Markup:
    """Drawings on one sheet under one legend, packed on shelves, each under its caption."""
    pad, caption_h = PAD, CAPTION_H
    (placed, used_w, used_h), *_ = arrange.sheets([_size(d) for d in drawings], SHEET_WIDTH, float("inf"))
    width = max(used_w, MIN_WIDTH)
    legend, legend_h = _graph_legend(drawings, 12, width)
    top = legend_h + 12
    out = svg_open("dossier-graph", width, used_h + top, key, title, desc)
    out += [
        Markup("<defs>"),
        html(
            '<marker id="{}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            'orient="auto-start-reverse"><path d="M0,1 L10,5 L0,9 z" fill="currentColor" '
            'fill-opacity="0.75"/></marker>',
            key,
        ),
        Markup("</defs>"),
    ]
    out += legend
    for n, x, y in placed:
        d = drawings[n]
        dy = top + y + (caption_h if d.caption else 0)
        anchor = html(' id="{}"', d.anchor) if d.anchor else ""
        out.append(
            html(
                '<g class="g-part"{} transform="translate({},{})">',
                anchor,
                num(x + pad - d.box[0]),
                num(dy + pad - d.box[1]),
            )
        )
        if d.caption:
            out.append(
                html(
                    '<text class="g-caption" x="{}" y="{}" font-weight="bold">{}</text>',
                    num(d.box[0] - pad),
                    num(d.box[1] - pad - 5),
                    d.caption,
                )
            )
        # What every arrow, and every box, shares is said once, on the group around them.
        out.append(
            html(
                '<g class="g-edges" stroke="currentColor" stroke-opacity="0.55" stroke-width="1.3" '
                'marker-end="url(#{}-arrow)" font-size="{}" font-style="italic" '
                'text-anchor="middle" style="paint-order: stroke">',
                key,
                EDGE_FONT,
            )
        )
        out += [_edge_markup(e, box, base) for e, box in zip(d.edges, d.labels)]
        out.append(
            html(
                '</g>\n<g class="g-nodes" font-size="{}" text-anchor="middle" stroke-width="1.5" fill="#1a1a1a">',
                NODE_FONT,
            )
        )
        out += [_node_markup(node, base) for node in d.nodes.values()]
        out.append(Markup("</g>\n</g>"))
    out.append(Markup("</svg>"))
    return join(out, "\n")


_NO_RELATIONS = Markup("<p>No relations between people and organisations yet.</p>")


def graph_svg(index: Index, base: str, edges: list[Edge] | None = None, key: str = "dossier-graph") -> Markup:
    """People and organisations joined by `edges` (by default, every relation), as one drawing."""
    if edges is None:
        edges = relation_edges(index)
    if not edges:
        return _NO_RELATIONS
    d = drawing(index, edges)
    return svg_of([d], base, key, "Relations between people and organisations", graph_description([d]))


def graph_description(drawings: list[Drawing]) -> str:
    nodes = [n for d in drawings for n in d.nodes.values() if not n.elsewhere]
    edges = [e for d in drawings for e in d.edges]
    kinds = sorted({n.style for n in nodes})
    claims = "; dashed: a claim, whose the label says" if any(e.according_to for e in edges) else ""
    courts = "; dotted: opposing parties in a court ruling" if any(e.court_case for e in edges) else ""
    return (
        f"{len(nodes)} people and organisations, {len(edges)} relations. Arrows read as their labels say, "
        f"such as 'AllofMP3 operated by MediaServices'{claims}{courts}. Colours give the kind: "
        + ", ".join(NODE_STYLES[k][0] for k in kinds)
        + ". Boxes link to their entries, and an arrow between a ruling's opposing parties to the ruling."
    )


def _edge_markup(e: Edge, box, base: str) -> Markup:
    """An arrow and its label. The label's fill is the group's; so that a bent arrow is not
    filled with it, its path says fill="none" (a straight one has no inside to fill). Its halo
    (a stroke in the page's background colour) is dossier.css's: without it the label is
    outlined in its own colour, still readable. No tooltip: the list below the drawing says
    each relation in full, with the ruling that sets parties against each other."""
    (x0, y0), (cx, cy), (x1, y1) = e.path
    fill = Markup(' fill="none"') if e.bend else Markup()
    if e.bend:
        d = f"M{num(x0)},{num(y0)} Q{num(cx)},{num(cy)} {num(x1)},{num(y1)}"
    else:
        d = f"M{num(x0)},{num(y0)} L{num(x1)},{num(y1)}"
    dash = CLAIM_DASH if e.according_to else COURT_DASH if e.court_case else ""
    dashed = html(' stroke-dasharray="{}"', dash) if dash else ""
    lx0, ly0, lx1, ly1 = box
    cls = "g-edge" + (" g-court" if e.court_case else "") + (" g-claim" if e.according_to else "")
    drawn = html(
        '<path d="{}"{}{}/><text x="{}" y="{}">{}</text>', d, fill, dashed, num((lx0 + lx1) / 2), num(ly1 - 3.5), e.text
    )
    if e.stated_in.id == e.source:
        # Stated in its source's entry, which the source's box links to: a link of its own would
        # repeat that one, and be one more stop for the keyboard, named only by its label.
        return html('<g class="{}" data-from="{}" data-to="{}">{}</g>', cls, e.source, e.target, drawn)
    return html(
        '<a class="{}" href="{}" data-from="{}" data-to="{}">{}</a>',
        cls,
        base + e.stated_in.url,
        e.source,
        e.target,
        drawn,
    )


def _node_markup(n: _Node, base: str) -> Markup:
    """A box with its name; its text's fill is the group's."""
    _, fill, stroke = NODE_STYLES[n.style]
    e = n.entry
    kind = choice_label(e.type, ("kind",), e.data.get("kind", "")) if e.type.field("kind") else e.type.name
    copy = Markup(' fill-opacity="0.45" stroke-dasharray="3 2"') if n.elsewhere else ""
    if n.elsewhere:
        href, cls, where = f"#{n.elsewhere}", f"g-node g-copy g-{n.style}", f", drawn in {n.elsewhere_caption}"
    else:
        href, cls, where = base + e.url, f"g-node g-{n.style}", ""
    return html(
        '<a class="{}" href="{}" data-node="{}"><title>{} ({}){}</title>'
        '<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}" stroke="{}"{}/>'
        '<text x="{}" y="{}">{}</text></a>',
        cls,
        href,
        e.id,
        e.name,
        kind,
        where,
        num(n.x - n.w / 2),
        num(n.y - n.h / 2),
        num(n.w),
        num(n.h),
        e.type.presentation.corner,
        fill,
        stroke,
        copy,
        num(n.x),
        num(n.y + 4),
        e.name,
    )


_LEGEND_TEXT = '<text x="{}" y="{}">{}</text>'


def _graph_legend(drawings: list[Drawing], y: float, width: float) -> tuple[list[Markup], float]:
    """The kinds of node present, wrapped to `width`, then the kinds of arrow; and the legend's height."""
    out = [Markup('<g class="g-legend" stroke-width="1.5">')]
    x, row = 8.0, 0
    present = {n.style for d in drawings for n in d.nodes.values()}
    for text, fill, stroke in (v for k, v in NODE_STYLES.items() if k in present):
        w = 26 + text_width(text, 12) + 14
        if x + w > width - 8:
            x, row = 8.0, row + 1
        cy = y + row * 20 + 6
        out.append(
            html(
                '<rect x="{}" y="{}" width="20" height="14" rx="3" fill="{}" stroke="{}"/>',
                num(x),
                num(cy - 7),
                fill,
                stroke,
            )
        )
        out.append(html(_LEGEND_TEXT, num(x + 26), num(cy + 4), text))
        x += w
    edges = [e for d in drawings for e in d.edges]
    kinds = [("", "relation: reads along the arrow")]
    if any(e.according_to for e in edges):
        kinds.append((CLAIM_DASH, "according to someone: a claim the articles attribute to them"))
    if any(e.court_case for e in edges):
        kinds.append((COURT_DASH, "opposing parties in a court ruling"))
    copies = any(n.elsewhere for d in drawings for n in d.nodes.values())
    row += 1
    x = 8.0
    for dash, text in kinds:
        w = 44 + text_width(text, 12) + 24
        if x > 8 and x + w > width - 8:
            x, row = 8.0, row + 1
        out += _arrow_key(x, y + row * 20 + 6, dash, text)
        x += w
    if copies:
        row += 1
        cy = y + row * 20 + 6
        out.append(
            html(
                '<rect x="8" y="{}" width="36" height="14" rx="3" fill="#e4e4e4" fill-opacity="0.45" '
                'stroke="#808080" stroke-dasharray="3 2"/>',
                num(cy - 7),
            )
        )
        out.append(html(_LEGEND_TEXT, "52", num(cy + 4), "an entry drawn in another piece: links to it there"))
    out.append(Markup("</g>"))
    return out, (row + 1) * 20


def _arrow_key(x: float, cy: float, dash: str, text: str) -> list[Markup]:
    stroke = html(' stroke-dasharray="{}"', dash) if dash else ""
    return [
        html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" stroke-opacity="0.7" stroke-width="1.3"{}/>',
            num(x),
            num(cy),
            num(x + 36),
            num(cy),
            stroke,
        ),
        html(_LEGEND_TEXT, num(x + 44), num(cy + 4), text),
    ]


# --- edges' curves and labels -------------------------------------------------------------


def _bend_along_columns(nodes: dict[str, _Node], edges: list[Edge]) -> None:
    """An edge between two boxes of one column would run through the boxes between them: it
    bows out to the right instead, the more the farther apart they are."""
    for e in edges:
        a, b = nodes[e.source], nodes[e.target]
        dy = b.y - a.y
        if abs(b.x - a.x) < 1 and abs(dy) > NODE_H:
            e.bend = -(36 + 0.2 * abs(dy)) * (1 if dy > 0 else -1)
        else:
            e.bend = 0.0


def _bend_multiple_edges(edges: list[Edge]) -> None:
    by_pair: dict[tuple[str, str], list[Edge]] = defaultdict(list)
    for e in edges:
        by_pair[(e.source, e.target) if e.source <= e.target else (e.target, e.source)].append(e)
    for group in by_pair.values():
        if len(group) > 1:
            for n, e in enumerate(group):
                # Offsets are taken in the pair's sorted direction, so opposite edges part too.
                sign = 1.0 if e.source < e.target else -1.0
                e.bend += sign * 28.0 * (n - (len(group) - 1) / 2 or 0.5)


def _box_exit(n: _Node, tx: float, ty: float, gap: float = 3.0) -> tuple[float, float]:
    """Where the segment from the node's centre towards (tx, ty) leaves its box, plus a gap."""
    dx, dy = tx - n.x, ty - n.y
    if dx == 0 and dy == 0:
        return n.x, n.y
    sx = (n.w / 2 + gap) / abs(dx) if dx else float("inf")
    sy = (n.h / 2 + gap) / abs(dy) if dy else float("inf")
    s = min(sx, sy, 1.0)
    return n.x + dx * s, n.y + dy * s


def _route_edges(nodes: dict[str, _Node], edges: list[Edge]) -> None:
    """Each edge's path: from where it leaves its source's box, by its control point, to its target's."""
    for e in edges:
        a, b = nodes[e.source], nodes[e.target]
        dx, dy = b.x - a.x, b.y - a.y
        d = sqrt(dx * dx + dy * dy) or 1.0
        cx, cy = (a.x + b.x) / 2 - dy / d * e.bend, (a.y + b.y) / 2 + dx / d * e.bend
        e.path = [_box_exit(a, cx, cy), (cx, cy), _box_exit(b, cx, cy, gap=4.0)]


def _column_labels(nodes: dict[str, _Node], edges: list[Edge]) -> list[tuple]:
    """Each edge's geometry, and a box for its label: in columns, the labels of the arrows into
    a column all centred on one line just before it, where the arrows fanning out of one box are
    about a label's height apart, moved apart along it where they would still overlap; an arrow
    within one column has its label at its middle."""
    _route_edges(nodes, edges)
    widest: dict[float, float] = {}  # by column (its x): its widest box, and its widest label
    label: dict[float, float] = {}
    for node in nodes.values():
        widest[node.x] = max(widest.get(node.x, 0.0), node.w)
    for e in edges:
        a, b = nodes[e.source], nodes[e.target]
        if abs(b.x - a.x) >= 1:
            far = max(a.x, b.x)  # columns run rightwards from the root
            label[far] = max(label.get(far, 0.0), text_width(e.text, EDGE_FONT) + 4)
    centres, lines = [], defaultdict(list)  # each label's centre; the labels of each line, by rank
    for n, e in enumerate(edges):
        (x0, _), _, (x1, _) = e.path
        a, b = nodes[e.source], nodes[e.target]
        t, line = 0.5, None
        if abs(b.x - a.x) >= 1 and x1 != x0:
            line = max(a.x, b.x)
            t = min(0.85, max(0.15, (line - widest[line] / 2 - 10 - label[line] / 2 - x0) / (x1 - x0)))
        centres.append(list(_bezier(e.path, t)))
        if line is not None:
            lines[line].append(n)
    # Labels that share a line and would overlap move apart along it, as little as they can.
    h = EDGE_FONT + 4
    for ranks in lines.values():
        ranks.sort(key=lambda n: (centres[n][1], n))
        for n, y in zip(ranks, arrange.spread([centres[n][1] for n in ranks], h + 1)):
            centres[n][1] = y
    placed = []
    for e, (px, py) in zip(edges, centres):
        w = text_width(e.text, EDGE_FONT) + 4
        placed.append((px - w / 2, py - h / 2, px + w / 2, py + h / 2))
    return placed


def _place_edge_labels(nodes: dict[str, _Node], edges: list[Edge]) -> list[tuple]:
    """Each edge's geometry, and a box for its label where it hides the fewest other things."""
    _route_edges(nodes, edges)
    segments = [(e, _bezier(e.path, 0.0), _bezier(e.path, 0.5), _bezier(e.path, 1.0)) for e in edges]
    placed: list[tuple] = []
    obstacles = [(n.x - n.w / 2, n.y - n.h / 2, n.x + n.w / 2, n.y + n.h / 2) for n in nodes.values()]
    reach = [_bounds(p) for _, *p in segments]
    for e in edges:
        w, h = text_width(e.text, EDGE_FONT) + 4, EDGE_FONT + 4
        candidates = []
        for t in (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74):
            px, py = _bezier(e.path, t)
            candidates.append((t, (px - w / 2, py - h / 2, px + w / 2, py + h / 2)))
        # Only what lies within reach of a candidate can cost anything: the rest is left out
        # first, which keeps the placement near linear in a drawing's edges.
        area = _bounds([(b[0], b[1]) for _, b in candidates] + [(b[2], b[3]) for _, b in candidates])
        near_obstacles = [o for o in obstacles + placed if _meets(o, area)]
        near_segments = [s for s, r in zip(segments, reach) if s[0] is not e and _meets(r, area)]
        # The cheapest (the first of equals); other things equal, the middle.
        costs = [_label_cost(box, e, near_obstacles, near_segments) + abs(t - 0.5) * 40 for t, box in candidates]
        placed.append(candidates[costs.index(min(costs))][1])
    return placed


def _label_cost(box, e: Edge, obstacles: list[tuple], segments: list[tuple]) -> float:
    """How much a label's box hides: the boxes it covers, and other edges it lies across."""
    cost = sum(_overlap(box, o) for o in obstacles)
    # Lying across another edge makes a label hard to attribute.
    cost += 12 * sum(
        _crossing(box, p0, p1) + _crossing(box, p1, p2) for other, p0, p1, p2 in segments if other is not e
    )
    return cost


def _bounds(points) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _meets(a, b) -> bool:
    """Whether two boxes (left, top, right, bottom) touch or overlap."""
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _bezier(path, t: float) -> tuple[float, float]:
    (x0, y0), (cx, cy), (x1, y1) = path
    u = 1 - t
    return u * u * x0 + 2 * u * t * cx + t * t * x1, u * u * y0 + 2 * u * t * cy + t * t * y1


def _crossing(box, p0, p1) -> float:
    """How long a stretch of the segment p0-p1 lies inside the box (Liang–Barsky clipping)."""
    (x0, y0), (x1, y1) = p0, p1
    dx, dy = x1 - x0, y1 - y0
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return 0.0
            continue
        r = q / p
        if p < 0:
            lo = max(lo, r)
        else:
            hi = min(hi, r)
        if lo > hi:
            return 0.0
    return (hi - lo) * sqrt(dx * dx + dy * dy)


def _overlap(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


# --- the page ------------------------------------------------------------------------------


def relation_list(index: Index, base: str, edges: list[Edge], summary: str = "The same relations as a list") -> Markup:
    """The graph's edges as text, for readers who cannot see the drawing."""
    if not edges:
        return Markup()
    items = []
    for e in edges:
        a, b = index.entries[e.source], index.entries[e.target]
        claim = html(", according to {}", link(e.according_to, base)) if e.according_to else ""
        where = html(" <small>({})</small>", link(e.stated_in, base)) if e.court_case else ""
        items.append(html("<li>{} {} {}{}{}</li>", link(a, base), e.label, link(b, base), claim, where))
    return html(
        '<details class="dossier-relation-list">\n<summary>{}</summary>\n<ul>\n{}\n</ul>\n</details>',
        summary,
        join(items, "\n"),
    )


@dataclass
class _Unit:
    """What one drawing of the full graph draws: a whole connected part, or one piece of it."""

    ids: list[str]
    part: int  # from 1
    piece: int  # from 1; 0 for a whole part
    caption: str
    in_columns: bool

    @property
    def anchor(self) -> str:
        return f"graph-part-{self.part}" + (f"-{self.piece}" if self.piece else "")


def _units(index: Index, edges: list[Edge], adjacent: dict[str, list[str]]) -> list[_Unit]:
    """The connected parts, largest first, a part of more than WHOLE_MAX entries cut into pieces."""
    found = arrange.parts(by_name(index, adjacent), adjacent)
    part_of = {i: p for p, part in enumerate(found) for i in part}
    arrows = [0] * len(found)
    for e in edges:
        arrows[part_of[e.source]] += 1
    units = []
    for p, part in enumerate(found, 1):
        cut_part = [part] if len(part) <= WHOLE_MAX else arrange.pieces(part, adjacent, PIECE_MAX)
        for k, piece in enumerate(cut_part, 1):
            whole = f"part {p}" if len(cut_part) == 1 else f"part {p}, piece {k} of {len(cut_part)}"
            units.append(
                _Unit(
                    piece,
                    p,
                    k if len(cut_part) > 1 else 0,
                    whole if len(found) > 1 or len(cut_part) > 1 else "",
                    # Stress and its labels' placement cost the cube of the boxes and the square of the
                    # arrows: a part with many arrows (one ruling's many parties) is set out in columns.
                    len(cut_part) > 1 or arrows[p - 1] > WHOLE_ARROWS_MAX,
                )
            )
    return units


def cut(index: Index, edges: list[Edge]) -> list[Drawing]:
    """Every entry the edges join, each drawn once: the connected parts, largest first, a part
    of more than WHOLE_MAX entries cut into pieces. An edge between two pieces is drawn in the
    first piece that can show its other end as a copy (GHOST_MAX copies each); an edge no
    piece can show stays in the list under the drawings."""
    units = _units(index, edges, adjacency(edges))
    unit_of = {i: u for u, unit in enumerate(units) for i in unit.ids}
    touching: list[list[Edge]] = [[] for _ in units]
    for e in edges:
        touching[unit_of[e.source]].append(e)
        if unit_of[e.target] != unit_of[e.source]:
            touching[unit_of[e.target]].append(e)
    drawn: set[int] = set()
    out = []
    for u, unit in enumerate(units):
        mine: list[Edge] = []
        copies: dict[str, tuple[str, str]] = {}
        for e in touching[u]:
            other = e.target if unit_of[e.source] == u else e.source
            if unit_of[other] != u and (id(e) in drawn or (other not in copies and len(copies) >= GHOST_MAX)):
                continue
            if unit_of[other] != u:
                copies[other] = (units[unit_of[other]].anchor, units[unit_of[other]].caption)
            drawn.add(id(e))
            mine.append(e)
        d = drawing(index, mine, copies, [*unit.ids, *copies] if unit.in_columns else None, unit.ids)
        d.anchor, d.caption = unit.anchor, unit.caption[:1].upper() + unit.caption[1:]
        d.part, d.piece = unit.part, unit.piece
        out.append(d)
    return out


def graph_page(index: Index, base: str) -> Markup:
    """What the graph draws, in words; the drawings, on sheets; then every relation as a list."""
    edges = relation_edges(index)
    if not edges:
        return _NO_RELATIONS
    drawings = cut(index, edges)
    shown = [e for d in drawings for e in d.edges]
    entries = sum(1 for d in drawings for n in d.nodes.values() if not n.elsewhere)
    parts = len({d.part for d in drawings})
    pieces = sum(1 for d in drawings if d.piece)
    note = (
        f"The graph draws all {entries} people and organisations that have relations, in "
        f"{parts} connected {'part' if parts == 1 else 'parts'}, and {len(shown)} of the {len(edges)} relations"
    )
    if pieces:
        note += (
            f". Parts of more than {WHOLE_MAX} entries are cut into {pieces} pieces of at most {PIECE_MAX}, each showing "
            "the entries of other pieces it is joined to as faded copies that link to where they are drawn"
        )
    if len(shown) < len(edges):
        note += "; the relations between pieces that no drawing has room for are in the list below"
    note += "."
    sheets = arrange.sheets([_size(d) for d in drawings], SHEET_WIDTH, SHEET_HEIGHT)
    figures = []
    for s, (placed, _, _) in enumerate(sheets, 1):
        group = [drawings[n] for n, _, _ in placed]
        title = "Relations between people and organisations" + (
            f", sheet {s} of {len(sheets)}" if len(sheets) > 1 else ""
        )
        figures.append(
            figure(svg_of(group, base, f"dossier-graph-{s}", title, graph_description(group)), "dossier-figure-graph")
        )
    return html(
        '<p class="dossier-graph-note">{} Every relation is also on the entries\' pages and in '
        '<a href="{}data/graph.json">data/graph.json</a>.</p>\n\n{}\n\n{}',
        note,
        base,
        join(figures, "\n\n"),
        relation_list(index, base, edges),
    )


PAD, CAPTION_H = 16.0, 18.0  # round each drawing, and above it for its caption


def _size(d: Drawing) -> tuple[float, float]:
    return d.box[2] - d.box[0] + 2 * PAD, d.box[3] - d.box[1] + 2 * PAD + (CAPTION_H if d.caption else 0)
