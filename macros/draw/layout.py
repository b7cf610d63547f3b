"""The relations graph's layout: boxes and the edges between them in, the centre of each box out.

Plain data in and out: nothing here knows of the index, of markup or of fonts. The caller says
how large each box is and how much room each edge's label needs; `layout` says where each box's
centre goes.

Stress majorization: each edge wants a length that leaves room for its label; two boxes want to
be as far apart as the shortest path between them (Floyd–Warshall). Boxes start on a square
spiral in breadth-first order from the best-connected one; majorization rounds (Gansner, Koren
and North, 2004) follow until one lowers the stress by less than STRESS_SETTLED of it, or
STRESS_ROUNDS have run; then the drawing is turned so that its longer axis lies across the page,
brought within its width, and boxes that still overlap are pushed apart. There is no randomness,
no set order, and only +, -, *, / and sqrt, which IEEE arithmetic computes the same everywhere,
so the same input gives the same positions on every machine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from math import inf, sqrt
from typing import NamedTuple

EDGE_MIN = 90.0  # the shortest an edge may want to be
WIDTH = 980.0  # the widest the drawing should be, before room is made for labels
STRESS_ROUNDS = 300
STRESS_SETTLED = 1e-4  # a round that lowers the stress by less than this share ends the layout
ROOM_ROUNDS = 300  # the most rounds of pushing boxes apart
GAP = 14.0  # the least room between two boxes


class Link(NamedTuple):
    """An edge from one box to another, with a label `label_w` wide and `label_h` high to show on it."""

    source: str
    target: str
    label_w: float
    label_h: float


class _Box:
    """A box being placed: its size, and where its centre is so far."""

    __slots__ = ("w", "h", "x", "y")

    def __init__(self, w: float, h: float) -> None:
        self.w, self.h, self.x, self.y = w, h, 0.0, 0.0


def layout(
    sizes: Mapping[str, tuple[float, float]], links: Sequence[Link], width: float = WIDTH
) -> dict[str, tuple[float, float]]:
    """The centre (x, y) of each box of `sizes` (id: (width, height)), joined by `links`.

    The order of `sizes` and of `links` is part of the input: it breaks ties. Boxes do not
    overlap in the result, and the drawing is about `width` wide before room is made for labels.
    """
    unknown = sorted({i for link in links for i in (link.source, link.target)} - set(sizes))
    if unknown:
        raise ValueError(f"links name boxes that are not given: {', '.join(unknown)}")
    ids = list(sizes)
    if len(ids) < 2:
        return {i: (0.0, 0.0) for i in ids}
    boxes = {i: _Box(w, h) for i, (w, h) in sizes.items()}
    adjacent = _neighbours(ids, links)
    dist = _wanted_lengths(boxes, ids, links, adjacent)
    _shortest_paths(dist)
    _keep_parts_apart(dist)
    xs, ys = _spiral_start(ids, _breadth_first(ids, adjacent))
    _majorize(xs, ys, dist)
    for i, (x, y) in zip(ids, _turned_across(xs, ys)):
        boxes[i].x, boxes[i].y = x, y
    _fit_width([boxes[i] for i in ids], width)
    _make_room(
        [boxes[i] for i in ids],
        [(boxes[e.source], boxes[e.target], e.label_w + 8, e.label_h + 8) for e in links if e.source != e.target],
    )
    return {i: (boxes[i].x, boxes[i].y) for i in ids}


# --- distances -----------------------------------------------------------------------


def _neighbours(ids: list[str], links: Sequence[Link]) -> dict[str, list[str]]:
    """Each box's neighbours, in the order the links name them."""
    adjacent: dict[str, list[str]] = {i: [] for i in ids}
    for e in links:
        if e.target not in adjacent[e.source]:
            adjacent[e.source].append(e.target)
            adjacent[e.target].append(e.source)
    return adjacent


def _wanted_lengths(
    boxes: dict[str, _Box], ids: list[str], links: Sequence[Link], adjacent: dict[str, list[str]]
) -> list[list[float]]:
    """The length each edge wants, between the boxes' ranks in `ids`; infinity where none joins them."""
    rank = {i: n for n, i in enumerate(ids)}
    count = len(ids)
    dist = [[0.0 if a == b else inf for b in range(count)] for a in range(count)]
    # A box with many neighbours needs a circle round it long enough to hold their boxes.
    crowd = {i: sum((boxes[j].w + boxes[j].h) / 2 + 30 for j in adjacent[i]) / 4.5 for i in ids}
    for e in links:
        a, b = boxes[e.source], boxes[e.target]
        length = max(EDGE_MIN, e.label_w + 24 + (a.w + b.w) / 4, crowd[e.source], crowd[e.target])
        i, j = rank[e.source], rank[e.target]
        dist[i][j] = dist[j][i] = min(dist[i][j], length)
    return dist


def _shortest_paths(dist: list[list[float]]) -> None:
    """Floyd–Warshall, in place: each pair's distance becomes that of the shortest path between them."""
    count = len(dist)
    for m in range(count):
        via = dist[m]
        for i in range(count):
            row, to_m = dist[i], dist[i][m]
            if to_m == inf:
                continue
            for j in range(count):
                if to_m + via[j] < row[j]:
                    row[j] = to_m + via[j]


def _keep_parts_apart(dist: list[list[float]]) -> None:
    """Parts that are not joined keep a little apart from each other: a distance beyond the longest."""
    longest = max((d for row in dist for d in row if d < inf), default=EDGE_MIN)
    for row in dist:
        for j, d in enumerate(row):
            if d == inf:
                row[j] = longest + EDGE_MIN


# --- the start, and the majorization ----------------------------------------------------


def _breadth_first(ids: list[str], adjacent: dict[str, list[str]]) -> list[str]:
    """Every box, breadth first from the best-connected one, each part in turn."""
    rank = {i: n for n, i in enumerate(ids)}

    def busiest_first(i: str) -> tuple[int, int]:
        return (-len(adjacent[i]), rank[i])

    order: list[str] = []
    seen = set()
    for start in sorted(ids, key=busiest_first):
        if start in seen:
            continue
        queue = [start]
        order.append(start)
        seen.add(start)
        while queue:
            current = queue.pop(0)
            for other in sorted(adjacent[current], key=busiest_first):
                if other not in seen:
                    order.append(other)
                    seen.add(other)
                    queue.append(other)
    return order


def _spiral_start(ids: list[str], order: list[str]) -> tuple[list[float], list[float]]:
    """The boxes' first positions, in the order of `ids`: `order` laid along a square spiral."""
    at = {n: (gx * 90.0, gy * 60.0) for n, (gx, gy) in zip(order, _spiral(len(ids)))}
    return [at[i][0] for i in ids], [at[i][1] for i in ids]


def _spiral(count: int) -> list[tuple[int, int]]:
    """Grid cells in a square spiral from the origin: (0,0), (1,0), (1,1), (0,1), (-1,1)..."""
    cells, x, y, dx, dy, run = [(0, 0)], 0, 0, 1, 0, 1
    while len(cells) < count:
        for _ in range(2):
            for _ in range(run):
                x, y = x + dx, y + dy
                cells.append((x, y))
            dx, dy = -dy, dx
        run += 1
    return cells[:count]


def _majorize(xs: list[float], ys: list[float], dist: list[list[float]]) -> None:
    """Move the points, in place, until their distances match `dist` as well as rounds can make them."""
    count = len(xs)
    # Each pair's weight 1/d² and pull 1/d, computed once; a pair's own cell stays 0 and adds nothing.
    weight = [[0.0 if i == j else 1.0 / (dist[i][j] * dist[i][j]) for j in range(count)] for i in range(count)]
    pull = [[0.0 if i == j else 1.0 / dist[i][j] for j in range(count)] for i in range(count)]
    total = [sum(row) for row in weight]
    others = [[j for j in range(count) if j != i] for i in range(count)]
    before = inf
    for _ in range(STRESS_ROUNDS):
        stress = _majorization_round(xs, ys, weight, pull, total, others)
        if before - stress < STRESS_SETTLED * stress:  # the layout has settled
            break
        before = stress


def _majorization_round(
    xs: list[float],
    ys: list[float],
    weight: list[list[float]],
    pull: list[list[float]],
    total: list[float],
    others: list[list[int]],
) -> float:
    """Move each point in turn to where the others pull it; the stress the round found."""
    stress = 0.0  # sum of w·(d − D)², that is of (d/D − 1)², as the round finds the pairs
    for i in range(len(xs)):
        xi, yi, w, u = xs[i], ys[i], weight[i], pull[i]
        sx = sy = 0.0
        for j in others[i]:
            dx, dy = xi - xs[j], yi - ys[j]
            d = sqrt(dx * dx + dy * dy) or 0.01
            sx += w[j] * xs[j] + u[j] * dx / d
            sy += w[j] * ys[j] + u[j] * dy / d
            stress += (d * u[j] - 1.0) ** 2
        xs[i], ys[i] = sx / total[i], sy / total[i]
    return stress


# --- turning and fitting ------------------------------------------------------------------


def _turned_across(xs: list[float], ys: list[float]) -> list[tuple[float, float]]:
    """The points about their centre, turned so that their principal axis runs across."""
    count = len(xs)
    cx, cy = sum(xs) / count, sum(ys) / count
    ux, uy = _principal_axis(xs, ys, cx, cy)
    out = []
    for px, py in zip(xs, ys):
        x, y = px - cx, py - cy
        out.append((x * ux + y * uy, -x * uy + y * ux))
    return out


def _principal_axis(xs: list[float], ys: list[float], cx: float, cy: float) -> tuple[float, float]:
    """The unit vector along which the points about (cx, cy) spread most, pointing right."""
    sxx = sum((x - cx) * (x - cx) for x in xs)
    syy = sum((y - cy) * (y - cy) for y in ys)
    sxy = sum((x - cx) * (y - cy) for x, y in zip(xs, ys))
    # The eigenvector of [[sxx, sxy], [sxy, syy]] with the larger eigenvalue.
    half = (sxx - syy) / 2
    big = (sxx + syy) / 2 + sqrt(half * half + sxy * sxy)
    ux, uy = (sxy, big - sxx) if abs(sxy) > 1e-9 else ((1.0, 0.0) if sxx >= syy else (0.0, 1.0))
    norm = sqrt(ux * ux + uy * uy)
    ux, uy = ux / norm, uy / norm
    if ux < 0:
        ux, uy = -ux, -uy
    return ux, uy


def _fit_width(boxes: list[_Box], width: float) -> None:
    """Bring the drawing within `width`, scaling positions about the origin; the boxes keep their size."""
    left = min(b.x - b.w / 2 for b in boxes)
    right = max(b.x + b.w / 2 for b in boxes)
    widest = max(b.w for b in boxes)
    if right - left > width:
        shrink = (width - widest) / (right - left - widest)
        for b in boxes:
            b.x *= shrink
            b.y *= shrink


# --- making room -------------------------------------------------------------------------


def _make_room(boxes: list[_Box], rooms: list[tuple[_Box, _Box, float, float]], gap: float = GAP) -> None:
    """Push apart boxes that overlap, the ends of an edge too short to show its label between them,
    and boxes from edges that run through them, until nothing moves. Each of `rooms` is an edge's
    two ends and the width and height its label needs."""
    pairs = [(a, b) for n, a in enumerate(boxes) for b in boxes[n + 1 :]]
    for _ in range(ROOM_ROUNDS):
        moved = False
        for a, b in pairs:
            moved |= _push_apart(a, b, gap)
        for a, b, lw, lh in rooms:
            moved |= _lengthen(a, b, lw, lh)
        for a, b, _, _ in rooms:
            moved |= _step_off_edge(a, b, boxes)
        if not moved:
            return


def _push_apart(na: _Box, nb: _Box, gap: float) -> bool:
    """Two boxes that overlap (or come within `gap`) move apart along the axis that needs less."""
    ox = (na.w + nb.w) / 2 + gap - abs(na.x - nb.x)
    oy = (na.h + nb.h) / 2 + gap - abs(na.y - nb.y)
    if ox <= 0.01 or oy <= 0.01:  # what float rounding leaves after a push is not an overlap
        return False
    if ox / (na.w + nb.w) < oy / (na.h + nb.h):
        s = 1.0 if na.x >= nb.x else -1.0
        na.x += s * ox / 2
        nb.x -= s * ox / 2
    else:
        s = 1.0 if na.y >= nb.y else -1.0
        na.y += s * oy / 2
        nb.y -= s * oy / 2
    return True


def _lengthen(a: _Box, b: _Box, lw: float, lh: float) -> bool:
    """An edge's ends move apart until its label (lw by lh), centred between them, clears both,
    sideways or vertically."""
    dx, dy = b.x - a.x, b.y - a.y
    need_x = max(a.w, b.w) + lw + 24
    need_y = max(a.h, b.h) + 2 * lh + 16
    if abs(dx) >= need_x or abs(dy) >= need_y:
        return False
    if dx == 0 and dy == 0:
        dx = 1.0
    f = min(need_x / abs(dx) if dx else inf, need_y / abs(dy) if dy else inf)
    mx, my = dx * (f - 1) / 2, dy * (f - 1) / 2
    a.x, a.y, b.x, b.y = a.x - mx, a.y - my, b.x + mx, b.y + my
    return True


def _step_off_edge(a: _Box, b: _Box, boxes: list[_Box]) -> bool:
    """A box that the edge from a to b runs through steps aside, across the edge."""
    dx, dy = b.x - a.x, b.y - a.y
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return False
    reach = (min(a.x, b.x), max(a.x, b.x), min(a.y, b.y), max(a.y, b.y))
    moved = False
    for c in boxes:
        if _beyond(c, reach) or c is a or c is b:
            continue
        moved |= _step_aside(c, a, dx, dy, length2)
    return moved


def _beyond(c: _Box, reach: tuple[float, float, float, float]) -> bool:
    """Whether box c is far outside an edge's bounding box (left, right, top, bottom): then it
    cannot be within reach of the edge (a cheap test, made first)."""
    left, right, top, bottom = reach
    return (
        c.x + c.w / 2 + 6 <= left
        or c.x - c.w / 2 - 6 >= right
        or c.y + c.h / 2 + 6 <= top
        or c.y - c.h / 2 - 6 >= bottom
    )


def _step_aside(c: _Box, a: _Box, dx: float, dy: float, length2: float) -> bool:
    """Box c, if the edge from a along (dx, dy) comes within its reach, steps away from the edge."""
    t = ((c.x - a.x) * dx + (c.y - a.y) * dy) / length2
    if not 0.0 < t < 1.0:
        return False
    px, py = a.x + t * dx, a.y + t * dy
    if abs(c.x - px) >= c.w / 2 + 6 or abs(c.y - py) >= c.h / 2 + 6:
        return False
    length = sqrt(length2)
    nx, ny = -dy / length, dx / length
    if (c.x - px) * nx + (c.y - py) * ny < 0:
        nx, ny = -nx, -ny
    c.x += nx * 4
    c.y += ny * 4
    return True
