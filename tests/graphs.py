"""Random dossiers of people, organisations and rulings for the graph's property tests: what the
relations graph reads of an index, built in memory (no files), so that hypothesis can try
thousands of shapes: hubs, chains, pairs joined many times, claims, court cases, hostile names."""

from __future__ import annotations

from types import MappingProxyType

from hypothesis import strategies as st

from macros.index import Entry
from macros.schema import BY_NAME, RELATIONS
from macros.urls import DIRECTORIES

PAYLOAD = "</text><script>alert(1)</script>&amp; <a href='javascript:alert(2)'>\"x\""

# Names as the check accepts them: no control characters, which XML cannot hold however escaped.
names = st.one_of(
    st.sampled_from(["Ann", "Bob", "Cy", PAYLOAD, "<b>&", "Ünïcödé ’"]),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=12),
)


class Index:
    """What the graph reads of an index: entries by id and by type, and how pages are addressed."""

    urls = DIRECTORIES

    def __init__(self, entries):
        self.entries = {e.id: e for e in entries}
        self.by_type = {t: tuple(e for e in entries if e.type.name == t) for t in BY_NAME}


def _entry(kind: str, n: int, name: str, data: dict) -> Entry:
    t = BY_NAME[kind]
    eid = f"{kind[:3]}-{n}"
    return Entry(eid, t, f"entries/{t.folder}/{eid}.md", MappingProxyType({"name": name, **data}), "", 1)


@st.composite
def dossiers(draw, max_people: int = 8, max_orgs: int = 10) -> Index:
    people = draw(st.integers(0, max_people))
    orgs = draw(st.integers(1, max_orgs))
    org_ids = [f"org-{n}" for n in range(orgs)]
    person_ids = [f"per-{n}" for n in range(people)]
    anyone = org_ids + person_ids
    entries = []
    for n in range(orgs):
        relations = draw(
            st.lists(
                st.fixed_dictionaries(
                    {"relation": st.sampled_from([c.value for c in RELATIONS]), "to": st.sampled_from(anyone)},
                    optional={"according_to": st.sampled_from(anyone)},
                ),
                max_size=4,
            )
        )
        kind = draw(st.sampled_from(["company", "website", "court", "bank", "unspecified"]))
        entries.append(
            _entry("organisation", n, draw(names), {"kind": kind, "relations": tuple(map(MappingProxyType, relations))})
        )
    for n in range(people):
        roles = draw(st.lists(st.builds(lambda o: {"role": "director", "of": o}, st.sampled_from(org_ids)), max_size=3))
        entries.append(_entry("person", n, draw(names), {"roles": tuple(map(MappingProxyType, roles))}))
    for n in range(draw(st.integers(0, 3))):
        parties = draw(
            st.lists(
                st.builds(
                    lambda e, r: {"entry": e, "role": r},
                    st.sampled_from(anyone),
                    st.sampled_from(["plaintiff", "defendant", "prosecutor", "party"]),
                ),
                max_size=4,
            )
        )
        entries.append(_entry("ruling", n, draw(names), {"parties": tuple(map(MappingProxyType, parties))}))
    return Index(entries)
