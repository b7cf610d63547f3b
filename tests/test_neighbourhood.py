"""Each person's and organisation's neighbourhood in the relations graph (macros/draw/neighbourhood):
for any dossier, every entry one relation away is drawn, every entry two relations away is drawn
or counted as left out, the arrows are those between the entries drawn, a claim's arrow and only
a claim's is dashed, names are escaped, and the types that show one are read from the declaration."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import html5lib
from graphs import PAYLOAD, dossiers
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros import schema
from macros.draw import graph, neighbourhood
from macros.draw.relations import DRAWN_TYPES, adjacency, relation_edges

NS = "{http://www.w3.org/2000/svg}"
BASE = "../../"
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def svg_of(block: str):
    start, end = block.index("<svg"), block.index("</svg>") + len("</svg>")
    return ET.fromstring(block[start:end])


def rings(index, entry_id: str) -> tuple[set[str], set[str]]:
    """The entries one and two relations away, found afresh from the relations."""
    near = adjacency(relation_edges(index))
    first = set(near.get(entry_id, ())) - {entry_id}
    second = {j for i in first for j in near[i]} - first - {entry_id}
    return first, second


def drawn_nodes(svg) -> set[str]:
    return {a.get("data-node") for a in svg.iter(NS + "a") if "g-node" in a.get("class", "").split()}


def drawn_edges(svg) -> list:
    return [a for a in svg.iter() if "g-edge" in a.get("class", "").split()]


@SETTINGS
@given(dossiers(), st.data())
def test_every_neighbour_within_two_relations_is_drawn_or_counted(index, data):
    entry = data.draw(st.sampled_from([e for e in index.entries.values() if e.type.name in DRAWN_TYPES]))
    first, second = rings(index, entry.id)
    hood = neighbourhood.neighbourhood(index, entry.id)
    assert set(hood.first) == first  # the first ring whole
    assert set(hood.second) <= second and len(hood.second) + hood.left_out == len(second)
    assert len(hood.second) == min(len(second), max(0, neighbourhood.NEIGHBOURHOOD_MAX - len(first)))
    block = neighbourhood.neighbourhood_block(index, entry.id, BASE)
    if not [e for e in relation_edges(index) if entry.id in (e.source, e.target)]:
        assert "No relation to another person or organisation yet" in block and "<svg" not in block
        return
    svg = svg_of(block)
    assert drawn_nodes(svg) == {entry.id} | first | set(hood.second)
    drawn = {entry.id} | first | set(hood.second)
    expected = [e for e in relation_edges(index) if e.source in drawn and e.target in drawn]
    assert [(a.get("data-from"), a.get("data-to")) for a in drawn_edges(svg)] == [
        (e.source, e.target) for e in expected
    ]
    if hood.left_out:
        assert f"left out: {hood.left_out} of those two relations away" in block
        assert f'href="{BASE}graph/"' in block


@SETTINGS
@given(dossiers())
def test_an_arrow_is_dashed_exactly_when_it_rests_on_a_claim(index):
    for entry in index.entries.values():
        block = neighbourhood.neighbourhood_block(index, entry.id, BASE)
        if "<svg" not in block:
            continue
        for a in drawn_edges(svg_of(block)):
            line, label = a.find(NS + "path"), a.find(NS + "text").text
            claim = ", according to " in label
            assert (line.get("stroke-dasharray") == graph.CLAIM_DASH) == claim
            assert ("g-claim" in a.get("class").split()) == claim


@SETTINGS
@given(dossiers())
def test_names_are_escaped_and_the_same_input_gives_the_same_bytes(index):
    for entry in index.entries.values():
        block = neighbourhood.neighbourhood_block(index, entry.id, BASE)
        assert block == neighbourhood.neighbourhood_block(index, entry.id, BASE)
        doc = html5lib.parse(block, namespaceHTMLElements=False)
        assert not [el for el in doc.iter() if isinstance(el.tag, str) and el.tag.endswith("script")]
        assert not [el for el in doc.iter() if isinstance(el.tag, str) and el.get("href", "").startswith("javascript")]
        if "<svg" in block:
            svg_of(block)  # well-formed XML


def test_a_hostile_name_is_shown_as_text():
    from graphs import Index, _entry

    shop = _entry(
        "organisation", 0, PAYLOAD, {"kind": "company", "relations": ({"relation": "owned-by", "to": "per-0"},)}
    )
    owner = _entry("person", 0, "Ann", {})
    index = Index([shop, owner])
    block = neighbourhood.neighbourhood_block(index, "per-0", BASE)
    texts = [el.text for el in svg_of(block).iter() if el.text]
    assert PAYLOAD in texts
    assert "<script>" not in block


def test_the_types_that_show_a_neighbourhood_are_those_an_arrow_may_point_to(index):
    arrow_targets = set()
    for etype in schema.TYPES:
        for f in etype.fields:
            for ref in f.references():
                if ref.edge or ref.name in ("to", "of") or ref.reverse_by == "role":
                    arrow_targets |= set(ref.targets)
    assert DRAWN_TYPES == arrow_targets
    for entry in index.entries.values():
        block = neighbourhood.neighbourhood_block(index, entry.id, BASE)
        assert (block != "") == (entry.type.name in DRAWN_TYPES)
