"""The relations graph as inline SVG: people and organisations joined by their relations, then the
same relations as a list.

Plain markup computed at build time, readable without JavaScript or any stylesheet (every
colour is also a presentation attribute); docs/assets/graphics.js and docs/assets/dossier.css
only add highlighting on top. Where the boxes go is `layout`'s business; this module says what
the boxes and edges are, then draws them and places each edge's label. The output depends on
nothing but the index, so two builds of the same entries give byte-identical pages. Every value
that came from an entry goes through `markup.esc`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from math import sqrt

from .. import schema
from ..index import Entry, Index
from ..markup import esc, link
from ..words import choice_label
from .layout import Link, layout
from .svg import figure, num, svg_open, text_width

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
PARTY_EDGES = {"plaintiff": "plaintiff against", "prosecutor": "prosecutor against"}
MIN_WIDTH = 760  # the narrowest the drawing is, so that its legend fits

# The layout's cost grows with the cube of the node count; past this many, the drawing shows
# the most connected entries and says so (data/graph.json and the entries hold every relation).
MAX_GRAPH_NODES = 80
# Placing the arrows' labels costs the square of their number, and one ruling's parties can
# join many pairs: past this many arrows, the drawing keeps the first ones and says so.
MAX_GRAPH_EDGES = 240


@dataclass
class _Node:
    entry: Entry
    style: str
    w: float
    h: float = NODE_H
    x: float = 0.0
    y: float = 0.0


@dataclass
class _Edge:
    source: str  # reads "source <label> target"
    target: str
    label: str
    stated_in: Entry  # the entry that states it; the edge links there
    court_case: bool = False
    bend: float = 0.0  # offset of the curve's control point, for pairs joined more than once
    path: list = field(default_factory=list)


# A type without kinds (a person, or a type declared later) is drawn in its own declared colour.
for _t in schema.TYPES:
    if _t.field("kind") is None:
        NODE_STYLES.setdefault(_t.name, (_t.name, "#f2f2f2", _t.presentation.colour))


def node_style(entry: Entry) -> str:
    if entry.type.field("kind") is None:
        return entry.type.name
    return KIND_STYLE.get(entry.data.get("kind", ""), "unspecified")


# --- which relations ------------------------------------------------------------------


def relation_edges(index: Index) -> list[_Edge]:
    """Every relation between people and organisations, in a fixed order.

    - an organisation's `relations`: "AllofMP3 operated by MediaServices";
    - a person's `roles` that name an organisation: "Denis Kvasov director of MediaServices";
    - a ruling's parties: each plaintiff or prosecutor against each defendant ("EMI plaintiff
      against Denis Kvasov"); parties whose role is not stated, and events' participants, whose
      roles are free text, give no edge.
    """
    edges = _relations(index) + _roles(index) + _opposing_parties(index) + _declared(index)
    # The same statement twice (two sources, two items) is drawn once.
    seen, unique = set(), []
    for e in edges:
        key = (e.source, e.target, e.label, e.stated_in.id)
        if key not in seen:
            seen.add(key)
            unique.append(e)
    return unique


def _relations(index: Index) -> list[_Edge]:
    """Organisations' `relations`: "AllofMP3 operated by MediaServices"."""
    return [
        _Edge(
            entry.id, item["to"], choice_label(entry.type, ("relations", "relation"), item.get("relation", "")), entry
        )
        for entry in index.by_type["organisation"]
        for item in entry.data.get("relations", ())
        if item.get("to") in index.entries
    ]


def _roles(index: Index) -> list[_Edge]:
    """People's `roles` that name an organisation: "Denis Kvasov director of MediaServices"."""
    return [
        _Edge(entry.id, item["of"], f"{item.get('role', '')} of", entry)
        for entry in index.by_type["person"]
        for item in entry.data.get("roles", ())
        if item.get("of") in index.entries
    ]


def _declared(index: Index) -> list[_Edge]:
    """References whose field declares an arrow (schema.Field.edge): "Toy Statute enacted by the court"."""
    edges = []
    for etype in schema.TYPES:
        for f in etype.fields:
            inner = f.item if f.kind == schema.LIST else f
            refs = (
                [(f.name, None, inner)]
                if inner.kind == schema.REF
                else [(f.name, s.name, s) for s in inner.fields if s.kind == schema.REF]
                if inner.kind == schema.OBJECT
                else []
            )
            for name, sub, ref in refs:
                if not ref.edge:
                    continue
                for entry in index.by_type[etype.name]:
                    value = entry.data.get(name)
                    items = value if isinstance(value, tuple) else (value,) if value is not None else ()
                    targets = [item.get(sub) if sub else item for item in items]
                    edges += [_Edge(entry.id, t, ref.edge, entry) for t in targets if t in index.entries]
    return edges


def _opposing_parties(index: Index) -> list[_Edge]:
    """Rulings' parties: each plaintiff or prosecutor against each defendant."""
    edges = []
    for entry in index.by_type["ruling"]:
        parties = entry.data.get("parties", ())
        defendants = [p["entry"] for p in parties if p.get("role") == "defendant" and p.get("entry") in index.entries]
        for p in parties:
            label = PARTY_EDGES.get(p.get("role", ""))
            if label and p.get("entry") in index.entries:
                edges += [_Edge(p["entry"], d, label, entry, court_case=True) for d in defendants if d != p["entry"]]
    return edges


def drawn_edges(index: Index) -> tuple[list[_Edge], int]:
    """The edges the drawing shows, and how many people and organisations take part in all edges."""
    edges = relation_edges(index)
    degree: dict[str, int] = {}
    for e in edges:
        for i in (e.source, e.target):
            degree[i] = degree.get(i, 0) + 1
    if len(degree) > MAX_GRAPH_NODES:
        kept = set(sorted(degree, key=lambda i: (-degree[i], index.entries[i].name.casefold(), i))[:MAX_GRAPH_NODES])
        edges = [e for e in edges if e.source in kept and e.target in kept]
    return edges[:MAX_GRAPH_EDGES], len(degree)


# --- the drawing ----------------------------------------------------------------------


def graph_svg(index: Index, base: str, edges: list[_Edge] | None = None) -> str:
    """People and organisations joined by their relations (`edges`, by default drawn_edges), laid out
    deterministically."""
    if edges is None:
        edges, _ = drawn_edges(index)
    if not edges:
        return "<p>No relations between people and organisations yet.</p>"
    nodes = _placed_nodes(index, edges)
    _bend_multiple_edges(edges)
    labels = _place_edge_labels(nodes, edges)

    # Fit the drawing: the legend on top, then the graph.
    pad = 16
    boxes = [(n.x - n.w / 2, n.y - n.h / 2, n.x + n.w / 2, n.y + n.h / 2) for n in nodes.values()] + labels
    min_x = min(b[0] for b in boxes) - pad
    min_y = min(b[1] for b in boxes) - pad
    max_x = max(b[2] for b in boxes) + pad
    legend, legend_h = _graph_legend(nodes, edges, 12, max(max_x - min_x, MIN_WIDTH))
    dx, dy = -min_x, -min_y + legend_h + 12
    width = max(max_x - min_x, MIN_WIDTH)
    height = max(b[3] for b in boxes) + pad + dy

    out = svg_open(
        "dossier-graph",
        width,
        height,
        "dossier-graph",
        "Relations between people and organisations",
        _graph_description(nodes, edges),
    )
    out += [
        "<defs>",
        '<marker id="g-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,1 L10,5 L0,9 z" fill="currentColor" '
        'fill-opacity="0.75"/></marker>',
        "</defs>",
    ]
    out += legend
    out.append(f'<g transform="translate({num(dx)},{num(dy)})">')
    for e, box in zip(edges, labels):
        out.append(_edge_markup(e, box, nodes, base))
    for n in nodes.values():
        out.append(_node_markup(n, base))
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def _placed_nodes(index: Index, edges: list[_Edge]) -> dict[str, _Node]:
    """A node for each entry the edges join, by name, each where the layout puts it."""
    ids = sorted({i for e in edges for i in (e.source, e.target)}, key=lambda i: (index.entries[i].name.casefold(), i))
    nodes = {
        i: _Node(index.entries[i], node_style(index.entries[i]), text_width(index.entries[i].name, NODE_FONT) + 20)
        for i in ids
    }
    positions = layout(
        {i: (n.w, n.h) for i, n in nodes.items()},
        [Link(e.source, e.target, text_width(e.label, EDGE_FONT), EDGE_FONT) for e in edges],
    )
    for i, (x, y) in positions.items():
        nodes[i].x, nodes[i].y = x, y
    return nodes


def _graph_description(nodes: dict[str, _Node], edges: list[_Edge]) -> str:
    kinds = sorted({n.style for n in nodes.values()})
    return (
        f"{len(nodes)} people and organisations and {len(edges)} relations between them. "
        "Each arrow reads from one entry to another, as its label says, for example "
        "'AllofMP3 operated by MediaServices'; dashed arrows join the opposing parties of a "
        "court ruling. Node colours give the kind of organisation: "
        + ", ".join(NODE_STYLES[k][0] for k in kinds)
        + ". Each node links to its entry, "
        "each arrow to the entry that states it."
    )


def _edge_markup(e: _Edge, box, nodes, base: str) -> str:
    (x0, y0), (cx, cy), (x1, y1) = e.path
    a, b = nodes[e.source].entry, nodes[e.target].entry
    if e.bend:
        d = f"M{num(x0)},{num(y0)} Q{num(cx)},{num(cy)} {num(x1)},{num(y1)}"
    else:
        d = f"M{num(x0)},{num(y0)} L{num(x1)},{num(y1)}"
    dash = ' stroke-dasharray="5 3"' if e.court_case else ""
    title = f"{a.name} {e.label} {b.name}"
    if e.court_case:
        title += f", in: {e.stated_in.name}"
    elif e.stated_in.id != a.id:
        title += f" (stated in {e.stated_in.name})"
    lx0, ly0, lx1, ly1 = box
    cls = "g-edge g-court" if e.court_case else "g-edge"
    return "\n".join(
        [
            f'<a class="{cls}" href="{esc(base + e.stated_in.url)}" data-from="{esc(e.source)}" '
            f'data-to="{esc(e.target)}">',
            f"<title>{esc(title)}</title>",
            f'<path class="g-line" d="{d}" fill="none" stroke="currentColor" stroke-opacity="0.55" '
            f'stroke-width="1.3"{dash} marker-end="url(#g-arrow)"/>',
            f'<text class="g-edge-label" x="{num((lx0 + lx1) / 2)}" y="{num(ly1 - 3.5)}" text-anchor="middle" '
            f'font-size="{EDGE_FONT}" font-style="italic" stroke="#ffffff" stroke-width="3" '
            f'stroke-opacity="0.85" paint-order="stroke">{esc(e.label)}</text>',
            "</a>",
        ]
    )


def _node_markup(n: _Node, base: str) -> str:
    _, fill, stroke = NODE_STYLES[n.style]
    e = n.entry
    kind = choice_label(e.type, ("kind",), e.data.get("kind", "")) if e.type.field("kind") else e.type.name
    shape = (
        f'<rect class="g-box" x="{num(n.x - n.w / 2)}" y="{num(n.y - n.h / 2)}" width="{num(n.w)}" '
        f'height="{num(n.h)}" rx="{12 if e.type.name == "person" else 4}" fill="{fill}" '
        f'stroke="{stroke}" stroke-width="1.5"/>'
    )
    return "\n".join(
        [
            f'<a class="g-node g-{n.style}" href="{esc(base + e.url)}" data-node="{esc(e.id)}">',
            f"<title>{esc(e.name)} ({esc(kind)})</title>",
            shape,
            f'<text x="{num(n.x)}" y="{num(n.y + 4)}" text-anchor="middle" font-size="{NODE_FONT}" '
            f'fill="#1a1a1a">{esc(e.name)}</text>',
            "</a>",
        ]
    )


def _graph_legend(nodes, edges, y: float, width: float) -> tuple[list[str], float]:
    """The kinds of node present, wrapped to `width`, then the kinds of arrow; and the legend's height."""
    out = ['<g class="g-legend">']
    x, row = 8.0, 0
    present = {n.style for n in nodes.values()}
    for text, fill, stroke in (v for k, v in NODE_STYLES.items() if k in present):
        w = 26 + text_width(text, 12) + 14
        if x + w > width - 8:
            x, row = 8.0, row + 1
        cy = y + row * 20 + 6
        out.append(
            f'<rect x="{num(x)}" y="{num(cy - 7)}" width="20" height="14" rx="3" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="1.5"/>'
        )
        out.append(f'<text x="{num(x + 26)}" y="{num(cy + 4)}">{esc(text)}</text>')
        x += w
    row += 1
    out += _arrow_legend(y + row * 20 + 6, any(e.court_case for e in edges))
    out.append("</g>")
    return out, (row + 1) * 20


def _arrow_legend(cy: float, court_cases: bool) -> list[str]:
    """The kinds of arrow on a line centred on `cy`: a relation, and opposing parties if any are drawn."""
    out = []
    x = 8.0
    for dashed, text in ((False, "relation: reads along the arrow"), (True, "opposing parties in a court ruling")):
        if dashed and not court_cases:
            continue
        dash = ' stroke-dasharray="5 3"' if dashed else ""
        out.append(
            f'<line x1="{num(x)}" y1="{num(cy)}" x2="{num(x + 36)}" y2="{num(cy)}" stroke="currentColor" '
            f'stroke-opacity="0.7" stroke-width="1.3"{dash} marker-end="url(#g-arrow)"/>'
        )
        out.append(f'<text x="{num(x + 44)}" y="{num(cy + 4)}">{esc(text)}</text>')
        x += 44 + text_width(text, 12) + 24
    return out


# --- edges' curves and labels -------------------------------------------------------------


def _bend_multiple_edges(edges: list[_Edge]) -> None:
    by_pair: dict[tuple[str, str], list[_Edge]] = defaultdict(list)
    for e in edges:
        by_pair[tuple(sorted((e.source, e.target)))].append(e)
    for group in by_pair.values():
        if len(group) > 1:
            for n, e in enumerate(group):
                # Offsets are taken in the pair's sorted direction, so opposite edges part too.
                sign = 1.0 if e.source < e.target else -1.0
                e.bend = sign * 28.0 * (n - (len(group) - 1) / 2 or 0.5)


def _box_exit(n: _Node, tx: float, ty: float, gap: float = 3.0) -> tuple[float, float]:
    """Where the segment from the node's centre towards (tx, ty) leaves its box, plus a gap."""
    dx, dy = tx - n.x, ty - n.y
    if dx == 0 and dy == 0:
        return n.x, n.y
    sx = (n.w / 2 + gap) / abs(dx) if dx else float("inf")
    sy = (n.h / 2 + gap) / abs(dy) if dy else float("inf")
    s = min(sx, sy, 1.0)
    return n.x + dx * s, n.y + dy * s


def _route_edges(nodes: dict[str, _Node], edges: list[_Edge]) -> None:
    """Each edge's path: from where it leaves its source's box, by its control point, to its target's."""
    for e in edges:
        a, b = nodes[e.source], nodes[e.target]
        dx, dy = b.x - a.x, b.y - a.y
        d = sqrt(dx * dx + dy * dy) or 1.0
        cx, cy = (a.x + b.x) / 2 - dy / d * e.bend, (a.y + b.y) / 2 + dx / d * e.bend
        e.path = [_box_exit(a, cx, cy), (cx, cy), _box_exit(b, cx, cy, gap=4.0)]


def _place_edge_labels(nodes: dict[str, _Node], edges: list[_Edge]) -> list[tuple]:
    """Each edge's geometry, and a box for its label where it hides the fewest other things."""
    _route_edges(nodes, edges)
    segments = [(e, _bezier(e.path, 0.0), _bezier(e.path, 0.5), _bezier(e.path, 1.0)) for e in edges]
    placed: list[tuple] = []
    obstacles = [(n.x - n.w / 2, n.y - n.h / 2, n.x + n.w / 2, n.y + n.h / 2) for n in nodes.values()]
    for e in edges:
        w, h = text_width(e.label, EDGE_FONT) + 4, EDGE_FONT + 4
        best = None
        for t in (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74):
            px, py = _bezier(e.path, t)
            box = (px - w / 2, py - h / 2, px + w / 2, py + h / 2)
            # Other things equal, the middle.
            cost = _label_cost(box, e, obstacles + placed, segments) + abs(t - 0.5) * 40
            if best is None or cost < best[0]:
                best = (cost, box)
        placed.append(best[1])
    return placed


def _label_cost(box, e: _Edge, obstacles: list[tuple], segments: list[tuple]) -> float:
    """How much a label's box hides: the boxes it covers, and other edges it lies across."""
    cost = sum(_overlap(box, o) for o in obstacles)
    # Lying across another edge makes a label hard to attribute.
    cost += 12 * sum(
        _crossing(box, p0, p1) + _crossing(box, p1, p2) for other, p0, p1, p2 in segments if other is not e
    )
    return cost


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


def relation_list(index: Index, base: str, edges: list[_Edge]) -> str:
    """The graph's edges as text, for readers who cannot see the drawing."""
    if not edges:
        return ""
    items = []
    for e in edges:
        a, b = index.entries[e.source], index.entries[e.target]
        where = f" <small>({link(e.stated_in, base)})</small>" if e.court_case else ""
        items.append(f"<li>{link(a, base)} {esc(e.label)} {link(b, base)}{where}</li>")
    return (
        '<details class="dossier-relation-list">\n<summary>The same relations as a list</summary>\n'
        "<ul>\n" + "\n".join(items) + "\n</ul>\n</details>"
    )


def graph_page(index: Index, base: str) -> str:
    """The graph, then its relations as a list."""
    edges, total = drawn_edges(index)
    shown = len({i for e in edges for i in (e.source, e.target)})
    note = ""
    cut = len(edges) == MAX_GRAPH_EDGES and len(relation_edges(index)) > MAX_GRAPH_EDGES
    if shown < total or cut:
        arrows = f" and {MAX_GRAPH_EDGES} of their relations" if cut else ""
        note = (
            f'<p class="dossier-graph-note">The drawing shows the {shown} most connected of the {total} '
            f"people and organisations that have relations{arrows}; every relation is on the entries' pages and in "
            f'<a href="{esc(base)}data/graph.json">data/graph.json</a>.</p>\n\n'
        )
    return (
        note
        + figure(graph_svg(index, base, edges), "dossier-figure-graph")
        + "\n\n"
        + relation_list(index, base, edges)
    )
