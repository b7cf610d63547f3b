"""Which pages an edit may change: what a rebuild after the edit must make again.

An entry's page shows its own file, and of other entries what they are and how they link:
names, summaries and dates of the entries it links to and that link to it (backlinks, the
timeline's facts of the events and rulings that name it, what cites an article), the citation
labels of the articles those cite (a label is its publisher's name and its date), and its
neighbourhood in the relations graph, two relations away. So a page may change when:

- its own file changed (its body included);
- it is at either end of a link added or removed (a body link, or a reference in front matter):
  the one lists it among what links here, and shows its facts in its timeline;
- an entry one link from it changed what it shows to other pages (`_shown`: all of the entry
  but its body and its links, with an article's citation label; an entry added or removed
  counts as changed): backlinks, timelines and what cites an article show the facts of the
  entries one link away;
- an entry within two links of it changed what pages farther away show of it (`_identity`:
  all it shows but its lists of sourced claims, so its name, kind, summary, label...), or a
  relation drawn in the relations graph touches it. Two links, in both directions, over the
  links of the old index and of the new: every chain is at most two links long (an entry, an
  event naming it, an article the event cites, whose label it shows; an entry, a neighbour in
  the relations graph, that neighbour's neighbour, a relation counting as a link even where it
  joins entries that do not link to each other, as a ruling's opposing parties), and a
  publisher's name reaches the pages of its articles' readers through the articles' labels,
  which are compared themselves.

What this misses, a full build would show, and the tests that compare an incrementally
rebuilt site with a full build, and pages made before and after generated edits
(tests/test_incremental.py), would fail on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .citations import cite_label
from .draw.relations import relation_edges
from .index import MENTIONED_IN, Entry, Index, claim_fields


def links(index: Index) -> dict[str, set[tuple[str, str]]]:
    """Each entry's links to others: (target, how), from the backlinks and the citations."""
    out: dict[str, set[tuple[str, str]]] = {eid: set() for eid in index.entries}
    for target, groups in index.backlinks.items():
        for how, ids in groups:
            for source in ids:
                out.setdefault(source, set()).add((target, how))
    for article, facts in index.facts_citing.items():
        for fact in facts:
            out.setdefault(fact.entry, set()).add((article, "cites"))
    return out


def links_of(index: Index, eid: str) -> set[tuple[str, str]]:
    """An entry's own links to others, as `links` gives them, from its references, its body's
    links and its facts' sources alone."""
    out = {(r.target, r.relation) for r in index.references.get(eid, ()) if r.target != eid}
    out.update((target, MENTIONED_IN) for target in index.mentions.get(eid, ()))
    entry = index.entries.get(eid)
    if entry is not None:
        out.update((a, "cites") for fact in entry.facts for a in fact.sources if a in index.entries)
    return out


def _linking(index: Index, eid: str) -> set[str]:
    """The entries that link to one: its backlinks, and the entries whose facts cite it."""
    found = {i for _, ids in index.backlinks.get(eid, ()) for i in ids}
    found.update(fact.entry for fact in index.facts_citing.get(eid, ()))
    return found


class _Near:
    """Entries one link apart, either way, in either index, or one relation apart in the relations
    graph (`_neighbours` says how), worked out for the entries asked about only: an edit touches
    few, and the whole graph of 10,000 entries takes a second to make."""

    def __init__(self, indexes: tuple[Index, Index], all_edges: Iterable[list]) -> None:
        self.indexes = indexes
        self.drawn = _neighbours((), all_edges)
        self.known: dict[str, set[str]] = {}

    def get(self, eid: str) -> set[str]:
        found = self.known.get(eid)
        if found is None:
            found = set(self.drawn.get(eid, ()))
            for index in self.indexes:
                found |= {target for target, _ in links_of(index, eid)} | _linking(index, eid)
            self.known[eid] = found
        return found


def _shown(index: Index, eid: str) -> tuple | None:
    """What other pages may show of an entry besides its links: all but its body, and its label."""
    entry = index.entries.get(eid)
    if entry is None:
        return None
    label = cite_label(entry, index) if entry.type.presentation.is_source else ""
    return entry.type.name, entry.path, entry.data, label


def _identity(index: Index, eid: str) -> tuple | None:
    """What pages two links away may show of an entry: all but its body, its links and its lists of
    sourced claims (points, relations, roles...), which only the pages one link away show, and the
    relations drawn, compared apart (`_relations`)."""
    entry = index.entries.get(eid)
    if entry is None:
        return None
    claims = {f.name for f in claim_fields(entry.type)}
    kept = {k: v for k, v in entry.data.items() if k not in claims}
    label = cite_label(entry, index) if entry.type.presentation.is_source else ""
    return entry.type.name, entry.path, kept, label


def _relations(edges) -> dict[tuple, set[str]]:
    """Each relation drawn, as what tells it apart, with the entries it touches."""
    out: dict[tuple, set[str]] = {}
    for e in edges:
        claimant = e.according_to.id if e.according_to is not None else None
        key = (e.source, e.target, e.label, e.stated_in.id, e.court_case, claimant)
        out[key] = {e.source, e.target, e.stated_in.id} | ({claimant} if claimant else set())
    return out


def _own(old: Index, new: Index) -> set[str]:
    """The entries added, removed, or whose file gives another entry."""
    found = old.entries.keys() ^ new.entries.keys()
    found.update(eid for eid, entry in new.entries.items() if eid not in found and old.entries[eid] != entry)
    return found


def changed_views(old: Index, new: Index, own: set[str] | None = None) -> tuple[set[str], set[str]]:
    """The entries whose view differs between the two indexes: the ends of every link added or
    removed, and the entries whose view but for its links differs (added and removed entries
    included), these also returned on their own. `own`: the entries whose file changed (`_own`).

    Only those can differ, and the articles that name one of them: an entry's links are made
    from its own file, and what other pages show of it too, but for an article's citation label,
    which names its publisher (`_shown`)."""
    own = _own(old, new) if own is None else own
    changed: set[str] = set()
    for eid in own:
        before, after = links_of(old, eid), links_of(new, eid)
        if before != after:
            changed.update(target for target, _ in before ^ after)
            changed.add(eid)
    labelled = {
        other
        for index in (old, new)
        for eid in own
        for other in _linking(index, eid)
        if index.entries[other].type.presentation.is_source
    }
    shown = {eid for eid in own | labelled if _shown(old, eid) != _shown(new, eid)}
    return changed | shown, shown


def _neighbours(all_links: Iterable[dict], all_edges: Iterable[list]) -> dict[str, set[str]]:
    """Entries one link apart, either way, in any of the indexes; and one relation apart in the
    relations graph, where a relation may join two entries that do not link to each other (the
    opposing parties of a ruling), with whose claim it is."""
    near: dict[str, set[str]] = {}

    def join(a: str, b: str) -> None:
        near.setdefault(a, set()).add(b)
        near.setdefault(b, set()).add(a)

    for found in all_links:
        for source, out in found.items():
            for target, _ in out:
                join(source, target)
    for edges in all_edges:
        for edge in edges:
            for end in (edge.source, edge.target):
                join(end, edge.stated_in.id)
                if edge.according_to is not None:
                    join(end, edge.according_to.id)
            join(edge.source, edge.target)
    return near


YEAR_VIEW = "facts of "  # a view of the dated facts filed under one year: "facts of 2007"


@dataclass(frozen=True)
class Stale:
    """The pages an edit may change, besides the hand-written ones (whose views read everything)."""

    entries: set[str]  # ids of the entries whose page may change
    types: set[str]  # the types whose index page may change
    years: set[int] | None  # the years whose timeline page may change; None: every year's
    # For the views of hand-written pages (main.py), which show every entry of a kind: whether an
    # entry's front matter or label changed, or an entry was added or removed; and whether such an
    # entry has a dated fact, or is named or cited by one (the chronology and the timeline).
    shown: bool = True
    facts: bool = True
    # And for the relations graph, which draws what entries are and the relations between them:
    # whether the identity (`_identity`) of an entry it draws changed, or the relations drawn, or
    # their order.
    drawn: bool = True
    # And for the Sources page's table of quotations: whether an article changed (`shown`) or
    # what the entries quote of the articles, which their bodies may change too.
    quoted: bool = True
    # And for the page of disputed points: whether a dispute changed, or what it shows of an entry
    # with a dispute or of an article a version cites (`_identity`).
    disputes: bool = True
    # The entries whose row in their type's index may change (`_types`); None: every entry's.
    rows: set[str] | None = None

    def unchanged_views(self) -> set[str]:
        """The kinds of view (main.py) whose inputs the edit left as they were: "code" views show
        nothing of the entries, "shown" ones every entry's front matter, "facts" ones the dated
        facts, "drawn" ones the relations graph, "quoted" ones the articles and what is quoted of
        them, "disputes" ones the disputed points."""
        flags = {
            "shown": self.shown,
            "facts": self.facts,
            "drawn": self.drawn,
            "quoted": self.quoted,
            "disputes": self.disputes,
        }
        return {"code"} | {kind for kind, stale in flags.items() if not stale}

    def keeps(self, kind: str) -> bool:
        """Whether the views of a kind are unchanged (`unchanged_views`); "facts of <year>" ones,
        the dated facts filed under a year, are when that year's timeline page is."""
        if kind.startswith(YEAR_VIEW):
            return self.years is not None and int(kind[len(YEAR_VIEW) :]) not in self.years
        return kind in self.unchanged_views()


def stale_pages(old: Index, new: Index, budgets: tuple[tuple, tuple] | None = None) -> Stale:
    """A type's index lists its entries, each row from the entry's front matter and the names and
    labels of what it refers to and cites: it may change when one of its entries is added,
    removed or shown otherwise, or links to an entry whose identity changed. A year's page draws
    that year's dated facts, each with its entry, what the fact names and the labels of the
    articles it cites, between links to the years around it: it may change when a fact in that
    year is added, removed or changed, or its entry links to an entry whose identity changed, or
    when the years are not the same. `budgets`: the old and
    the new quotation budgets (corpus.Corpus.budgets), when they are known."""
    own = _own(old, new)
    changed, shown = changed_views(old, new, own)
    old_edges, new_edges = relation_edges(old), relation_edges(new)
    near = _Near((old, new), (old_edges, new_edges))
    # What pages two links away show of an entry changed: its name, its kind... or a relation drawn.
    # Not of an entry added or removed: neither index has problems, so what links to it in either
    # is an entry whose file changed, whose page and neighbours are named for that.
    both = old.entries.keys() & new.entries.keys()
    deep = {eid for eid in shown & both if _identity(old, eid) != _identity(new, eid)}
    before, after = _relations(old_edges), _relations(new_edges)
    for key in before.keys() ^ after.keys():
        deep |= before.get(key) or after[key]
    reached = _reached(deep, near, 2) | _reached(shown, near, 1)
    entries = (own | changed | reached) & new.entries.keys()
    # A year's page shows that year's facts, each with its entry and what it names and cites: every
    # fact of an entry that names or cites one whose identity changed (itself included), and the
    # facts of an entry shown otherwise that are not as they were (those added or removed too).
    whole = _reached(deep, near, 1)
    types, rows = _types((old, new), shown, deep)
    facts = any(_dated((old, new), eid) or any(_dated((old, new), i) for i in near.get(eid)) for eid in shown)
    # The graph draws the entries its relations join or are stated in, and those relations in order.
    on_graph = set().union(*before.values(), *after.values())
    drawn = list(before) != list(after) or not deep.isdisjoint(on_graph)
    quoted = bool(shown) or budgets is None or budgets[0] != budgets[1]
    disputes = old.disputes != new.disputes or not deep.isdisjoint(_disputing(old) | _disputing(new))
    flags = (bool(shown), facts, drawn, quoted, disputes)
    if old.dated_years != new.dated_years:
        return Stale(entries, types, None, *flags, rows=rows)
    years = {y for index in (old, new) for eid in whole if eid in index.entries for y in _years(index.entries[eid])}
    for eid in shown - whole:
        years.update(_changed_years(old, new, eid))
    return Stale(entries, types, years, *flags, rows=rows)


def _dated(indexes: tuple[Index, Index], eid: str) -> bool:
    """Whether an entry has a dated fact in either index."""
    return any(eid in index.entries and index.entries[eid].dated[0] for index in indexes)


def _changed_years(old: Index, new: Index, eid: str) -> set[int]:
    """The years whose facts of this entry are not the same, in the same order, in both indexes:
    facts of equal sort keys are shown in their file's order, so a swap changes a year's page."""
    before = old.entries[eid].dated[0] if eid in old.entries else ()
    after = new.entries[eid].dated[0] if eid in new.entries else ()
    if list(before) == list(after):
        return set()
    years = {y for d in (*before, *after) for y in d.years}
    return {y for y in years if [d for d in before if y in d.years] != [d for d in after if y in d.years]}


def _years(entry: Entry) -> set[int]:
    """The years its dated facts may fall in: those whose timeline pages show them."""
    return {y for d in entry.dated[0] for y in d.years}


def _disputing(index: Index) -> set[str]:
    """The entries with a disputed point, and the articles its versions cite."""
    return {d.entry for d in index.disputes} | {s for d in index.disputes for v in d.versions for s in v.sources}


def _types(indexes: tuple[Index, Index], shown: set[str], deep: set[str]) -> tuple[set[str], set[str]]:
    """The types whose index may change, and the entries whose row there may. A type's index has
    a row per entry, from its own front matter and the names and labels of the entries it refers
    to and cites: a row changes with its entry shown otherwise, added or removed, or linking to
    an entry whose identity changed (`deep`), and the index with one of its rows."""
    rows = shown | deep
    rows |= {other for index in indexes for eid in deep for other in _linking(index, eid)}
    return {index.entries[eid].type.name for index in indexes for eid in rows if eid in index.entries}, rows


def stale_entries(old: Index, new: Index) -> set[str]:
    """The entries of `new` whose page may differ from the one made from `old`."""
    return stale_pages(old, new).entries


def _reached(start: set[str], near: _Near, links: int) -> set[str]:
    """The entries within so many links of those given."""
    reached, front = set(start), set(start)
    for _ in range(links):
        front = {j for i in front for j in near.get(i)} - reached
        reached |= front
    return reached
