"""Which relations the graph draws: the arrows between people and organisations, each with the
entry that states it and, where the articles report it as someone's claim, whose claim it is.

Plain data: no markup here. The full graph page (`graph`) and each entry's neighbourhood
(`neighbourhood`) draw the same arrows, read once per build by `relation_edges`.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from .. import schema
from ..index import Entry, Index
from ..words import choice_label

PARTY_EDGES = {"plaintiff": "plaintiff against", "prosecutor": "prosecutor against"}

# The references that draw an arrow without declaring one (their label is read from a sibling
# field): (type, list field, reference within each item).
_BUILT_IN_ARROWS = (("organisation", "relations", "to"), ("person", "roles", "of"), ("ruling", "parties", "entry"))


@dataclass
class Edge:
    source: str  # reads "source <label> target"
    target: str
    label: str
    stated_in: Entry  # the entry that states it; the edge links there
    court_case: bool = False
    according_to: Entry | None = None  # whose claim it is, when the articles report it as a claim
    bend: float = 0.0  # offset of the curve's control point, for pairs joined more than once
    path: list = field(default_factory=list)

    @property
    def text(self) -> str:
        """The label as drawn: "operated by", or "operated by, according to AllofMP3"."""
        return self.label + (f", according to {self.according_to.name}" if self.according_to else "")


def _arrow_refs() -> list[tuple[str, str, str | None, schema.Field]]:
    """Every reference field that draws an arrow: (type, field, subfield or None, the reference)."""
    out: list[tuple[str, str, str | None, schema.Field]] = []
    for type_name, name, sub in _BUILT_IN_ARROWS:
        f = schema.BY_NAME[type_name].field(name) if type_name in schema.BY_NAME else None
        ref = f.item.subfield(sub) if f is not None and f.item is not None else None
        if ref is not None:
            out.append((type_name, name, sub, ref))
    for etype in schema.TYPES:
        for f in etype.fields:
            # A reference that is the value (or each item) has no sub-field; one within the items is one.
            out += [
                (etype.name, f.name, None if ref is f.inner else ref.name, ref) for ref in f.references() if ref.edge
            ]
    return out


# The types whose entries an arrow may point to, read from the declaration: their pages show a
# neighbourhood. A new type that a declared `edge` may point to gets one with no other change.
DRAWN_TYPES = frozenset(t for *_, ref in _arrow_refs() for t in ref.targets)


# The edges of the last two indexes: a build reads its index's several times (the graph page, each
# neighbourhood, stale.py), and under `make serve` stale.py compares them with the last build's.
_made: list[tuple[weakref.ref, list[Edge]]] = []


def relation_edges(index: Index) -> list[Edge]:
    """Every relation between people and organisations, in a fixed order (a list shared by its
    readers: drawings copy the edges they lay out, graph.drawing).

    - an organisation's `relations`: "AllofMP3 operated by MediaServices";
    - a person's `roles` that name an organisation: "Denis Kvasov director of MediaServices";
    - a ruling's parties: each plaintiff or prosecutor against each defendant ("EMI plaintiff
      against Denis Kvasov"); parties whose role is not stated, and events' participants, whose
      roles are free text, give no edge;
    - a reference whose field declares an arrow (schema.Field.edge).
    """
    for made, edges in _made:
        if made() is index:
            return edges
    edges = _relations(index) + _roles(index) + _opposing_parties(index) + _declared(index)
    # The same statement twice (two sources, two items) is drawn once.
    seen, unique = set(), []
    for e in edges:
        key = (e.source, e.target, e.label, e.stated_in.id, e.according_to.id if e.according_to else "")
        if key not in seen:
            seen.add(key)
            unique.append(e)
    _made[:] = [(weakref.ref(index), unique), *_made[:1]]
    return unique


def _claimant(item, index: Index) -> Entry | None:
    """Whose claim an item is (its `according_to`), if it names an entry."""
    who = item.get("according_to") if hasattr(item, "get") else None
    return index.entries.get(who) if isinstance(who, str) else None


def _relations(index: Index) -> list[Edge]:
    """Organisations' `relations`: "AllofMP3 operated by MediaServices"."""
    return [
        Edge(
            entry.id,
            item["to"],
            choice_label(entry.type, ("relations", "relation"), item.get("relation", "")),
            entry,
            according_to=_claimant(item, index),
        )
        for entry in index.by_type.get("organisation", ())
        for item in entry.data.get("relations", ())
        if item.get("to") in index.entries
    ]


def _roles(index: Index) -> list[Edge]:
    """People's `roles` that name an organisation: "Denis Kvasov director of MediaServices"."""
    return [
        Edge(entry.id, item["of"], f"{item.get('role', '')} of", entry, according_to=_claimant(item, index))
        for entry in index.by_type.get("person", ())
        for item in entry.data.get("roles", ())
        if item.get("of") in index.entries
    ]


def _declared(index: Index) -> list[Edge]:
    """References whose field declares an arrow (schema.Field.edge): "Toy Statute enacted by the court"."""
    edges = []
    for type_name, name, sub, ref in _arrow_refs():
        if not ref.edge:
            continue
        for entry in index.by_type.get(type_name, ()):
            value = entry.data.get(name)
            items = value if isinstance(value, tuple) else (value,) if value is not None else ()
            for item in items:
                target = item.get(sub) if sub else item
                if target in index.entries:
                    edges.append(Edge(entry.id, target, ref.edge, entry, according_to=_claimant(item, index)))
    return edges


def _opposing_parties(index: Index) -> list[Edge]:
    """Rulings' parties: each plaintiff or prosecutor against each defendant."""
    edges = []
    for entry in index.by_type.get("ruling", ()):
        parties = entry.data.get("parties", ())
        defendants = [p["entry"] for p in parties if p.get("role") == "defendant" and p.get("entry") in index.entries]
        for p in parties:
            label = PARTY_EDGES.get(p.get("role", ""))
            if label and p.get("entry") in index.entries:
                edges += [Edge(p["entry"], d, label, entry, court_case=True) for d in defendants if d != p["entry"]]
    return edges


def adjacency(edges: list[Edge]) -> dict[str, list[str]]:
    """Each entry's neighbours along the edges, either way, in the order the edges name them."""
    out: dict[str, dict[str, None]] = {}
    for e in edges:
        out.setdefault(e.source, {})[e.target] = None
        out.setdefault(e.target, {})[e.source] = None
    return {i: [j for j in near if j != i] for i, near in out.items()}
