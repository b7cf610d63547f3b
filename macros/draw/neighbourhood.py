"""An entry's neighbourhood in the relations graph: the people and organisations one or two
relations away from it, drawn as the full graph draws them (the same boxes, arrows and labels),
with the same relations as a list, for the pages of the types an arrow may point to.

The graph's relations are read once per build and shared by every page; an entry's
neighbourhood costs time in proportion to its neighbours' own relations, and its drawing is
bounded: the first ring is always drawn whole, and the second only as far as NEIGHBOURHOOD_MAX
boxes (every person's and organisation's page carries one, and entry pages should stay small);
how many are left out is said, with a link to the full graph.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from ..index import Index
from ..markup import Markup, html
from .graph import by_name, drawing, graph_description, relation_list, svg_of
from .relations import DRAWN_TYPES, Edge, adjacency, relation_edges

NEIGHBOURHOOD_MAX = 8  # the most boxes drawn besides the entry's own, unless its first ring alone has more


@dataclass(frozen=True)
class Neighbourhood:
    centre: str
    first: tuple[str, ...]  # one relation away, by name
    second: tuple[str, ...]  # two relations away, those drawn
    left_out: int  # two relations away, not drawn
    edges: tuple[Edge, ...]  # every relation between the entries drawn


@dataclass(frozen=True)
class _Graph:
    edges: list[Edge]
    adjacent: dict[str, list[str]]  # each entry's neighbours, by name
    touching: dict[str, list[int]]  # the ranks of each entry's edges in `edges`


_last: tuple[weakref.ref, _Graph] | None = None  # one index is built per build: its graph, read once


def _graph(index: Index) -> _Graph:
    global _last
    if _last is not None and _last[0]() is index:
        return _last[1]
    edges = relation_edges(index)
    touching: dict[str, list[int]] = {}
    for n, e in enumerate(edges):
        touching.setdefault(e.source, []).append(n)
        if e.target != e.source:
            touching.setdefault(e.target, []).append(n)
    graph = _Graph(edges, {i: by_name(index, near) for i, near in adjacency(edges).items()}, touching)
    _last = (weakref.ref(index), graph)
    return graph


def neighbourhood(index: Index, entry_id: str) -> Neighbourhood:
    """The entries one relation away (all of them) and two relations away (taken in turn from
    each of the first, so that each shows what lies beyond it, up to NEIGHBOURHOOD_MAX boxes)."""
    graph = _graph(index)
    first = graph.adjacent.get(entry_id, [])
    near = {entry_id, *first}
    beyond: list[list[str]] = []
    seen = set(near)
    for i in first:
        mine = [j for j in graph.adjacent[i] if j not in seen]
        seen.update(mine)
        beyond.append(mine)
    room = max(0, NEIGHBOURHOOD_MAX - len(first))
    second: list[str] = []
    for turn in range(max(map(len, beyond), default=0)):
        if len(second) >= room:
            break
        second += [mine[turn] for mine in beyond if turn < len(mine)][: room - len(second)]
    drawn = near | set(second)
    ranks = sorted({n for i in drawn for n in graph.touching.get(i, ())})
    edges = tuple(graph.edges[n] for n in ranks if graph.edges[n].source in drawn and graph.edges[n].target in drawn)
    total = sum(map(len, beyond))
    return Neighbourhood(entry_id, tuple(first), tuple(by_name(index, second)), total - len(second), edges)


def neighbourhood_block(index: Index, entry_id: str, base: str) -> Markup:
    """The entry's neighbourhood: what it shows in words, the drawing, and the same relations as
    a list; or a line saying there is none. Nothing for a type no arrow points to."""
    entry = index.entries[entry_id]
    if entry.type.name not in DRAWN_TYPES:
        return Markup()
    graph_link = html('<a href="{}">the relations graph</a>', base + index.urls.page("graph.md"))
    hood = neighbourhood(index, entry_id)
    if not hood.edges:
        return html(
            '<p class="dossier-graph-note">No relation to another person or organisation yet ({}).</p>', graph_link
        )
    order = [entry_id, *hood.first, *hood.second]
    d = drawing(index, list(hood.edges), None, order, order)
    count = f"{len(hood.first)} {'entry' if len(hood.first) == 1 else 'entries'} one relation away"
    if hood.second or hood.left_out:
        count += f", {len(hood.second) + hood.left_out} two relations away"
    note = html("Drawn: {}, {}, and the {} relations between them", entry.name, count, len(hood.edges))
    if hood.left_out:
        note += html("; left out: {} of those two relations away, which {} shows", hood.left_out, graph_link)
    title = f"The neighbourhood of {entry.name} in the relations graph"
    # A page has one neighbourhood: its ids need not name the entry.
    svg = svg_of([d], base, "dossier-neighbourhood", title, graph_description([d]))
    return html(
        '<div class="dossier-figure dossier-figure-graph dossier-figure-neighbourhood">\n'
        '<p class="dossier-graph-note">{}.</p>\n{}\n{}\n</div>',
        note,
        svg,
        relation_list(index, base, list(hood.edges), "The same neighbourhood as a list"),
    )
