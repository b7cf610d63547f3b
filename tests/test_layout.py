"""The graph layout on its own: plain sizes and links in, positions out, with no index, no markup
and no fonts. Every box is placed, none overlaps another, each edge's label fits between its ends,
the drawing lies across the page, and the same input gives the same positions in any process."""

from __future__ import annotations

import json
import math
import random
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.draw import arrange
from macros.draw.layout import Link, layout

ROOT = Path(__file__).resolve().parent.parent
H = 26.0


def box(name: str) -> tuple[float, float]:
    """A box as wide as its name would be, like the graph's."""
    return (len(name) * 7.8 + 20, H)


def link(source: str, target: str, label: str = "related to") -> Link:
    return Link(source, target, len(label) * 6.9, 11.5)


def star() -> tuple[dict, list]:
    hub = "a very well connected organisation"
    leaves = [f"leaf {'x' * n}" for n in range(12)]
    return (
        {hub: box(hub), **{leaf: box(leaf) for leaf in leaves}},
        [link(leaf, hub, "member of" if n % 2 else "a much longer relation of") for n, leaf in enumerate(leaves)],
    )


def chain() -> tuple[dict, list]:
    names = [f"step {n}" for n in range(9)]
    return {n: box(n) for n in names}, [link(a, b, "followed by") for a, b in zip(names, names[1:])]


def parts() -> tuple[dict, list]:
    """Two parts that nothing joins, and a box with no edge at all."""
    names = ["north a", "north b", "north c", "south a", "south b", "alone"]
    return (
        {n: box(n) for n in names},
        [link("north a", "north b"), link("north b", "north c"), link("south b", "south a")],
    )


def repeated() -> tuple[dict, list]:
    """Pairs joined more than once, both ways, and an edge from a box to itself."""
    names = ["the shop", "its owner", "a bank"]
    return (
        {n: box(n) for n in names},
        [
            link("its owner", "the shop", "director of"),
            link("its owner", "the shop", "founder of"),
            link("the shop", "its owner", "operated by"),
            link("the shop", "the shop", "renamed"),
            link("a bank", "the shop", "paid"),
        ],
    )


def clique() -> tuple[dict, list]:
    names = [f"party {n}" for n in range(6)]
    return {n: box(n) for n in names}, [link(a, b) for i, a in enumerate(names) for b in names[i + 1 :]]


def tangle() -> tuple[dict, list]:
    """Forty boxes of many widths and seventy edges, chosen by a seeded generator."""
    rng = random.Random(12)
    names = [f"entry {n} " + "w" * rng.randrange(0, 24) for n in range(40)]
    edges = [link(*rng.sample(names, 2), "x" * rng.randrange(4, 30)) for _ in range(70)]
    return {n: box(n) for n in names}, edges


def tangle_backwards() -> tuple[dict, list]:
    """The same boxes and edges given in the opposite order: another drawing, as good."""
    sizes, links = tangle()
    return dict(reversed(list(sizes.items()))), list(reversed(links))


GRAPHS = {
    "star": star,
    "chain": chain,
    "parts": parts,
    "repeated": repeated,
    "clique": clique,
    "tangle": tangle,
    "tangle backwards": tangle_backwards,
}


@cache
def laid_out(name: str) -> tuple[dict, list, dict]:
    sizes, links = GRAPHS[name]()
    return sizes, links, layout(sizes, links)


def edges_of(sizes, positions) -> dict[str, tuple[float, float, float, float]]:
    return {
        i: (x - sizes[i][0] / 2, y - sizes[i][1] / 2, x + sizes[i][0] / 2, y + sizes[i][1] / 2)
        for i, (x, y) in positions.items()
    }


def overlap(a, b) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 1e-6 and min(a[3], b[3]) - max(a[1], b[1]) > 1e-6


@pytest.mark.parametrize("name", GRAPHS)
def test_every_box_is_placed_once_at_a_finite_point(name):
    sizes, _, positions = laid_out(name)
    assert list(positions) == list(sizes)
    assert all(math.isfinite(v) for xy in positions.values() for v in xy)


@pytest.mark.parametrize("name", GRAPHS)
def test_no_two_boxes_overlap(name):
    sizes, _, positions = laid_out(name)
    boxes = list(edges_of(sizes, positions).items())
    for n, (i, a) in enumerate(boxes):
        for j, b in boxes[n + 1 :]:
            assert not overlap(a, b), (i, j, a, b)


@pytest.mark.parametrize("name", GRAPHS)
def test_each_label_fits_between_the_ends_of_its_edge(name):
    sizes, links, positions = laid_out(name)
    boxes = edges_of(sizes, positions)
    for e in links:
        if e.source == e.target:
            continue
        (ax, ay), (bx, by) = positions[e.source], positions[e.target]
        mx, my = (ax + bx) / 2, (ay + by) / 2
        label = (mx - e.label_w / 2, my - e.label_h / 2, mx + e.label_w / 2, my + e.label_h / 2)
        assert not overlap(label, boxes[e.source]) and not overlap(label, boxes[e.target]), e


def test_a_chain_lies_across_the_page():
    sizes, _, positions = laid_out("chain")
    boxes = edges_of(sizes, positions).values()
    across = max(b[2] for b in boxes) - min(b[0] for b in boxes)
    down = max(b[3] for b in boxes) - min(b[1] for b in boxes)
    assert across > 2 * down


def test_the_same_input_gives_the_same_positions_in_any_process_and_needs_nothing_else():
    """Run in fresh interpreters with different hash seeds: no set or dict order of strings, no
    clock, nothing from the index or the rest of the dossier may change a position."""
    script = (
        "import json, sys\n"
        "from macros.draw.layout import Link, layout\n"
        "sizes, links = json.load(sys.stdin)\n"
        "out = layout({k: tuple(v) for k, v in sizes}, [Link(*e) for e in links])\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('macros'))\n"
        "print(json.dumps([[k, repr(v)] for k, v in out.items()] + [loaded]))\n"
    )
    sizes, links = tangle()
    data = json.dumps([list(sizes.items()), [list(e) for e in links]])
    runs = [
        subprocess.run(
            [sys.executable, "-c", script],
            input=data,
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={"PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)},
        ).stdout
        for seed in ("1", "2", "3")
    ]
    assert runs[0] == runs[1] == runs[2]
    *positions, loaded = json.loads(runs[0])
    assert loaded == ["macros", "macros.draw", "macros.draw.layout"]
    assert [[k, repr(v)] for k, v in laid_out("tangle")[2].items()] == positions
    assert layout(dict(sizes), list(links)) == laid_out("tangle")[2]


def test_small_inputs():
    assert layout({}, []) == {}
    assert layout({"one": (80.0, H)}, []) == {"one": (0.0, 0.0)}
    two = layout({"a": (80.0, H), "b": (80.0, H)}, [])
    assert not overlap(*edges_of({"a": (80.0, H), "b": (80.0, H)}, two).values())


def test_a_link_to_a_box_not_given_is_refused():
    with pytest.raises(ValueError, match="links name boxes that are not given: elsewhere"):
        layout({"a": (80.0, H)}, [link("a", "elsewhere")])


# --- cutting and arranging (macros/draw/arrange) ------------------------------------------

graphs = st.integers(1, 40).flatmap(
    lambda n: st.tuples(
        st.just([f"n{i}" for i in range(n)]),
        st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n),
    )
)


def _adjacent(ids, pairs) -> dict[str, list[str]]:
    out = {i: [] for i in ids}
    for a, b in pairs:
        if a != b:
            out[ids[a]].append(ids[b])
            out[ids[b]].append(ids[a])
    return out


@settings(max_examples=200, deadline=None)
@given(graphs, st.integers(1, 12))
def test_parts_and_pieces_hold_every_box_once_within_the_limit(graph, limit):
    ids, pairs = graph
    adjacent = _adjacent(ids, pairs)
    found = arrange.parts(ids, adjacent)
    assert sorted(i for p in found for i in p) == sorted(ids)
    part_of = {i: n for n, p in enumerate(found) for i in p}
    assert all(part_of[ids[a]] == part_of[ids[b]] for a, b in pairs)  # a link never joins two parts
    assert [len(p) for p in found] == sorted((len(p) for p in found), reverse=True)
    for part in found:
        cut = arrange.pieces(part, adjacent, limit)
        assert sorted(i for p in cut for i in p) == sorted(part)
        assert all(0 < len(p) <= max(limit, 1) for p in cut)
        assert cut == arrange.pieces(part, adjacent, limit)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(1, 1500), st.floats(1, 900)), max_size=30), st.floats(100, 1200))
def test_sheets_hold_every_drawing_once_without_overlap(sizes, height):
    out = arrange.sheets(sizes, 980.0, height)
    assert sorted(n for placed, _, _ in out for n, _, _ in placed) == list(range(len(sizes)))
    for placed, w, h in out:
        rects = [(x, y, x + sizes[n][0], y + sizes[n][1]) for n, x, y in placed]
        assert all(r[2] <= w + 1e-6 and r[3] <= h + 1e-6 for r in rects)
        # Only a drawing at the top of its sheet may reach below `height`: a taller one has a sheet of its own.
        assert all(y + sizes[n][1] <= height + 1e-6 for n, _, y in placed if y > 0)
        for k, a in enumerate(rects):
            for b in rects[k + 1 :]:
                assert min(a[2], b[2]) <= max(a[0], b[0]) or min(a[3], b[3]) <= max(a[1], b[1])


@settings(max_examples=200, deadline=None)
@given(graphs)
def test_columns_place_every_box_without_overlap_from_the_root(graph):
    ids, pairs = graph
    sizes = {i: box(i * (1 + n % 4)) for n, i in enumerate(ids)}
    links = [link(ids[a], ids[b]) for a, b in pairs]
    at = arrange.layers(sizes, links, ids)
    assert set(at) == set(ids) and at[ids[0]] == (0.0, 0.0)
    assert at == arrange.layers(sizes, links, ids)
    rects = [(x - sizes[i][0] / 2, y - H / 2, x + sizes[i][0] / 2, y + H / 2) for i, (x, y) in at.items()]
    for k, a in enumerate(rects):
        for b in rects[k + 1 :]:
            assert min(a[2], b[2]) <= max(a[0], b[0]) or min(a[3], b[3]) <= max(a[1], b[1])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(-1000, 1000), max_size=40), st.floats(1, 30))
def test_spread_keeps_order_and_gap_and_moves_no_more_than_it_must(wanted, gap):
    wanted = sorted(wanted)
    out = arrange.spread(wanted, gap)
    assert len(out) == len(wanted)
    assert all(b - a >= gap - 1e-6 for a, b in zip(out, out[1:]))
    if all(b - a >= gap for a, b in zip(wanted, wanted[1:])):
        assert out == pytest.approx(wanted)  # nothing overlaps: nothing moves
    assert sum(out) == pytest.approx(sum(wanted), abs=1e-6 * len(wanted) * 1000)  # blocks are centred
