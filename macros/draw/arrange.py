"""How the relations graph is cut and arranged: its connected parts, a large part cut into
pieces of bounded size, drawings packed on shelves and sheets, and boxes set out in columns as a
tree reads (for an entry's neighbourhood, and for pieces too large for the stress layout).

Plain data in and out, like `layout`: ids, sizes and positions; nothing here knows of the
index or of markup. Every function is deterministic (ties are broken by the order of its input)
and costs time linear in what it is given, so that the graph's cost grows with the dossier
only through the number of bounded pieces it is cut into.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence

ROW_GAP = 14.0  # between two boxes of a column
SHELF_GAP = 28.0  # between two drawings on a shelf, and between shelves


def parts(ids: Sequence[str], adjacent: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """The connected parts among `ids`, largest first (ties: the order of their first id in `ids`),
    each part's ids in the order of `ids`."""
    rank = {i: n for n, i in enumerate(ids)}
    part_of: dict[str, int] = {}
    found: list[list[str]] = []
    for start in ids:
        if start in part_of:
            continue
        part_of[start] = len(found)
        members, stack = [start], [start]
        while stack:
            for other in adjacent.get(stack.pop(), ()):
                if other not in part_of:
                    part_of[other] = len(found)
                    members.append(other)
                    stack.append(other)
        found.append(sorted(members, key=rank.__getitem__))
    return sorted(found, key=lambda p: (-len(p), rank[p[0]]))


def pieces(part: Sequence[str], adjacent: Mapping[str, Sequence[str]], limit: int) -> list[list[str]]:
    """`part` cut into pieces of at most `limit` ids: each grown breadth first from the
    best-connected id not yet taken, so that a piece holds entries close to one another; then
    the fragments left between pieces (a quarter of `limit` or fewer) put together on pieces of
    their own, in order, up to `limit`."""
    if len(part) <= limit:
        return [list(part)]
    rank = {i: n for n, i in enumerate(part)}

    def busiest_first(i: str) -> tuple[int, int]:
        return (-len(adjacent.get(i, ())), rank[i])

    taken: set[str] = set()
    grown: list[list[str]] = []
    for seed in sorted(part, key=busiest_first):
        if seed in taken:
            continue
        taken.add(seed)
        piece, queue = [seed], deque([seed])
        while queue and len(piece) < limit:
            for other in sorted(adjacent.get(queue.popleft(), ()), key=busiest_first):
                if other not in taken:
                    taken.add(other)
                    piece.append(other)
                    queue.append(other)
                    if len(piece) == limit:
                        break
        grown.append(piece)
    whole = [p for p in grown if len(p) > limit // 4]
    merged: list[list[str]] = []
    for fragment in (p for p in grown if len(p) <= limit // 4):
        if not merged or len(merged[-1]) + len(fragment) > limit:
            merged.append([])
        merged[-1] += fragment
    return whole + merged


def sheets(
    sizes: Sequence[tuple[float, float]], width: float, height: float
) -> list[tuple[list[tuple[int, float, float]], float, float]]:
    """Drawings of `sizes` (width, height), in order, on shelves no wider than `width` (a wider
    drawing has a shelf of its own), the shelves on sheets no taller than `height` (a taller
    shelf has a sheet of its own). For each sheet: each of its drawings as (its rank in
    `sizes`, the x and y of its top-left corner), then the width and height the sheet takes."""
    out: list[tuple[list[tuple[int, float, float]], float, float]] = []
    placed: list[tuple[int, float, float]] = []
    x = y = shelf_h = used_w = bottom = 0.0
    for n, (w, h) in enumerate(sizes):
        if x > 0 and x + w > width:  # a new shelf
            x, y, shelf_h = 0.0, y + shelf_h + SHELF_GAP, 0.0
        if y > 0 and y + h > height:  # a new sheet, the shelf so far left on the last
            out.append((placed, used_w, bottom))
            placed, x, y, shelf_h, used_w, bottom = [], 0.0, 0.0, 0.0, 0.0, 0.0
        placed.append((n, x, y))
        used_w, bottom = max(used_w, x + w), max(bottom, y + h)
        shelf_h = max(shelf_h, h)
        x += w + SHELF_GAP
    if placed:
        out.append((placed, used_w, bottom))
    return out


def layers(
    sizes: Mapping[str, tuple[float, float]], links: Sequence, order: Sequence[str]
) -> dict[str, tuple[float, float]]:
    """Boxes in columns by their distance from a root, each box beside the one it is reached
    through, as a tree reads: the first of `order` is the root, the boxes it joins form the second
    column, theirs the third; a box not reached that way roots a tree of its own, below. `sizes`
    gives each box's (width, height); `links` (layout.Link: source, target, label_w) join them,
    and the room between two columns is that of the widest label between them. The centre of
    each box out; the first root's box is at (0, 0). Time linear in the boxes and links."""
    depth, children, roots, visit = _trees(links, order)
    xs = _column_xs(sizes, links, depth)
    row = max((h for _, h in sizes.values()), default=0.0) + ROW_GAP
    band = {i: 1 for i in order}  # each box's rows: those of the boxes reached through it, or its own
    for i in reversed(visit):
        band[i] = max(1, sum(band[c] for c in children[i]))
    top: dict[str, float] = {}
    y = 0.0
    for root in roots:
        top[root] = y
        y += band[root] * row
    at = {}
    for i in visit:
        at[i] = (xs[depth[i]], top[i] + band[i] * row / 2)
        below = top[i]
        for c in children[i]:
            top[c] = below
            below += band[c] * row
    first = at[order[0]][1] if order else 0.0
    return {i: (x, yy - first) for i, (x, yy) in at.items()}


def _trees(links: Sequence, order: Sequence[str]) -> tuple[dict[str, int], dict[str, list[str]], list[str], list[str]]:
    """The breadth-first trees `links` make, rooted in turn at each of `order` not yet reached:
    each box's depth, the boxes first reached through each, the roots, and the boxes in the
    order they were reached."""
    adjacent: dict[str, list[str]] = {i: [] for i in order}
    for e in links:
        if e.source != e.target:
            adjacent[e.source].append(e.target)
            adjacent[e.target].append(e.source)
    depth: dict[str, int] = {}
    children: dict[str, list[str]] = {i: [] for i in order}
    roots, visit = [], []
    for root in order:
        if root in depth:
            continue
        depth[root] = 0
        roots.append(root)
        queue = deque([root])
        while queue:
            current = queue.popleft()
            visit.append(current)
            for other in adjacent[current]:
                if other not in depth:
                    depth[other] = depth[current] + 1
                    children[current].append(other)
                    queue.append(other)
    return depth, children, roots, visit


def _column_xs(sizes: Mapping[str, tuple[float, float]], links: Sequence, depth: Mapping[str, int]) -> list[float]:
    """The centre of each column: after the one before it, its widest box and the widest label
    between the two."""
    columns = max(depth.values(), default=0) + 1
    widest = [0.0] * columns
    for i, d in depth.items():
        widest[d] = max(widest[d], sizes[i][0])
    label = [0.0] * columns  # the widest label between a column and the one before it
    for e in links:
        d = max(depth[e.source], depth[e.target])
        label[d] = max(label[d], e.label_w)
    xs = [0.0] * columns
    for d in range(1, columns):
        xs[d] = xs[d - 1] + widest[d - 1] / 2 + label[d] + 48 + widest[d] / 2
    return xs


def spread(wanted: Sequence[float], gap: float) -> list[float]:
    """Positions along a line, each as near as can be to its `wanted` one (in order, ascending)
    with at least `gap` between neighbours: runs that would overlap are moved as one block,
    centred on where its members want to be. Linear time: each block is merged once."""
    blocks: list[list[float]] = []  # [count, sum of (wanted - offset within the block)]
    for y in wanted:
        blocks.append([1, y])
        while len(blocks) > 1:
            (ca, sa), (cb, sb) = blocks[-2], blocks[-1]
            if sa / ca + ca * gap <= sb / cb:
                break
            blocks[-2:] = [[ca + cb, sa + sb - cb * ca * gap]]
    out = []
    for count, total in blocks:
        top = total / count
        out += [top + k * gap for k in range(int(count))]
    return out
