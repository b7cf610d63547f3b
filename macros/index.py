"""Second pass: resolve references across entries and build the one read-only index.

Everything cross-entry (backlinks, citations, chronology, disputes) is computed
here once, in time linear in the number of entries; pages, tables and drawings only read it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any, Iterator, Mapping

from . import dates, schema
from .problems import Problem
from .urls import DIRECTORIES, Urls
from .validate import Ref, a_or_an, did_you_mean

MENTIONED_IN = "Mentioned in"


def freeze(value):
    if type(value) is str:  # most values: nothing to do
        return value
    if isinstance(value, dict):
        return MappingProxyType({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple([freeze(v) for v in value])
    return value


@dataclass(frozen=True)
class Entry:
    id: str
    type: schema.EntryType
    path: str
    data: Mapping[str, Any]
    body: str
    body_line: int
    urls: Urls = DIRECTORIES  # how the site addresses its pages

    @property
    def name(self) -> str:
        return self.data["name"]

    @property
    def aliases(self) -> tuple[str, ...]:
        return self.data.get("aliases", ())

    @property
    def summary(self) -> str:
        return self.data.get("summary", "")

    @cached_property
    def sources(self) -> tuple[str, ...]:
        """The articles the entry rests on: its own list, then those its facts cite, in order."""
        if self.type.presentation.is_source:  # an article rests on itself
            return (self.id,)
        found = dict.fromkeys(self.data.get("sources", ()))
        for fact in self.facts:
            found.update(dict.fromkeys(fact.sources))
        return tuple(found)

    @cached_property
    def url(self) -> str:
        """The page's address relative to the site root, in the site's URL style."""
        return self.urls.page(self.src_uri)

    @property
    def src_uri(self) -> str:
        return f"{self.type.folder}/{self.id}.md"

    # Made once per entry, from its own file alone: under `make serve` an unchanged file's entry
    # is kept from one build to the next (corpus.Reads), and these with it, so that a rebuild's
    # index derives the facts and dates of the edited files only.
    @cached_property
    def facts(self) -> tuple[Fact, ...]:
        """The sourced items of its claim lists, and the versions of its disputed points."""
        return tuple(_facts(self))

    @cached_property
    def dated(self) -> tuple[tuple[Dated, ...], tuple[Dispute, ...]]:
        """Its dated facts, in the order of its file, and its disputed points: its part of the
        index's chronology and disputes."""
        return _dated_and_disputes(self)


@dataclass(frozen=True, slots=True)  # slots, here and below: a large dossier has tens of thousands
class Fact:
    """One sourced item of a claim list: a role, a party, a point, a version of a disputed point..."""

    entry: str
    field: str  # top-level field name
    item: Mapping[str, Any]
    sources: tuple[str, ...]
    about: str = ""  # for a version of a disputed point: what is disputed


@dataclass(frozen=True, slots=True)
class Dated:
    """One dated fact in the chronology."""

    date: dates.Date
    entry: str
    what: str  # "date", "start", "end", "point", or the field that dates the entry itself
    item: Mapping[str, Any]
    sources: tuple[str, ...]
    disputed: bool = False
    own: bool = False  # the entry's own date (Presentation.dated_by): its item is the entry's data

    @property
    def sort_key(self) -> tuple:
        return (*self.date.sort_key, self.entry, self.what)

    @property
    def years(self) -> range:
        """The years the fact may fall in; for a date with an open end, only the year it names."""
        low, high = self.date.known_bounds
        return range(low.year, high.year + 1)


@dataclass(frozen=True, slots=True)
class Version:
    says: str
    sources: tuple[str, ...]
    quote: str = ""


@dataclass(frozen=True, slots=True)
class Dispute:
    entry: str
    about: str
    versions: tuple[Version, ...]
    from_dates: bool = False  # found by comparing date items, not written as a `disputed` block


@dataclass(frozen=True, slots=True)
class Reference:
    """A resolved front-matter reference, as the entry that makes it states it."""

    field: str  # dotted field path, such as "parties[2].entry"
    target: str
    relation: str  # the name shown on the target's page


@dataclass(frozen=True)
class Index:
    """The dossier's entries and what is derived from them across entries.

    References, backlinks and the entries by type are made with the index, since checking
    the references is part of the check. The rest (citations, chronology, disputes and
    what hangs on them) only serves the pages: each is computed once, the first time it
    is read, so that `make check` does not pay for it.
    """

    entries: Mapping[str, Entry]
    by_type: Mapping[str, tuple[Entry, ...]]
    backlinks: Mapping[str, tuple[tuple[str, tuple[str, ...]], ...]]  # id -> ((relation, (ids...)), ...)
    references: Mapping[str, tuple[Reference, ...]]  # id -> its resolved front-matter refs
    urls: Urls = DIRECTORIES  # how the site addresses its pages, the entries' and the others'
    mentions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # id -> the entries its body links to

    @cached_property
    def facts_citing(self) -> Mapping[str, tuple[Fact, ...]]:
        """Article id -> the facts that cite it, in entry order."""
        citing: dict[str, list[Fact]] = defaultdict(list)
        for e in self.entries.values():
            for fact in e.facts:
                for source in fact.sources:
                    if source in self.entries:
                        citing[source].append(fact)
        return MappingProxyType({k: tuple(v) for k, v in citing.items()})

    @cached_property
    def _dated(self) -> tuple[tuple[Dated, ...], tuple[Dispute, ...]]:
        chronology, disputes = _chronology_and_disputes(self.entries.values())
        return tuple(chronology), tuple(disputes)

    @property
    def chronology(self) -> tuple[Dated, ...]:
        """Every dated fact, ordered by the bounds of its date."""
        return self._dated[0]

    @property
    def disputes(self) -> tuple[Dispute, ...]:
        return self._dated[1]

    def timeline(self, entry_id: str) -> tuple[Dated, ...]:
        found = self._timelines.get(entry_id)
        if found is None:
            found = self._timelines[entry_id] = self._timeline(entry_id)
        return found

    def disputes_of(self, entry_id: str) -> tuple[Dispute, ...]:
        return self._disputes_by_entry.get(entry_id, ())

    def facts_in_year(self, year: int) -> tuple[Dated, ...]:
        """The dated facts that may fall in `year`, in chronological order."""
        return self._by_year.get(year, ())

    @cached_property
    def filed_by_year(self) -> Mapping[int, tuple[Dated, ...]]:
        """The dated facts by the one year each is filed under (its date's first year), in order:
        the chronology's sections."""
        by_year = defaultdict(list)
        for d in self.chronology:
            by_year[d.date.year].append(d)
        return MappingProxyType({y: tuple(by_year[y]) for y in sorted(by_year)})

    @property
    def dated_years(self) -> tuple[int, ...]:
        """The years in which some dated fact may fall, in order."""
        return tuple(self._by_year)

    @cached_property
    def _dated_by_entry(self) -> Mapping[str, list[Dated]]:
        by_entry = defaultdict(list)
        for d in self.chronology:
            by_entry[d.entry].append(d)
        return by_entry

    @cached_property
    def _timelines(self) -> dict[str, tuple[Dated, ...]]:
        """Each entry's timeline, once asked for: a rebuild under `make serve` asks for a few."""
        return {}

    def _timeline(self, eid: str) -> tuple[Dated, ...]:
        # An entry's own timeline: its dated facts and those of entries that refer to it.
        by_entry = self._dated_by_entry
        own = list(by_entry.get(eid, ()))
        if eid in self.entries and self.entries[eid].type.name != "article":
            linked = {i for _, ids in self.backlinks.get(eid, ()) for i in ids}
            for other in sorted(linked):
                if self.entries[other].type.name in ("ruling", "event"):
                    own.extend(d for d in by_entry.get(other, ()) if d.what == "date")
        return tuple(sorted(own, key=lambda d: d.sort_key))

    @cached_property
    def _by_year(self) -> Mapping[int, tuple[Dated, ...]]:
        by_year = defaultdict(list)
        for d in self.chronology:
            for year in d.years:
                by_year[year].append(d)
        return MappingProxyType({y: tuple(by_year[y]) for y in sorted(by_year)})

    @cached_property
    def _disputes_by_entry(self) -> Mapping[str, tuple[Dispute, ...]]:
        disputes = defaultdict(list)
        for d in self.disputes:
            disputes[d.entry].append(d)
        return MappingProxyType({k: tuple(v) for k, v in disputes.items()})


def sort_name(entry: Entry) -> tuple:
    return (entry.name.casefold(), entry.id)


@dataclass(frozen=True)
class Folded:
    """What failed only because a file could not be read or shares its id, said once with its cause.

    A reference to such a file's id is no mistake of the entry that makes it: reported there,
    it would send the contributor to the wrong file, once per reference.
    """

    notes: Mapping[str, str]  # id of a file that could not be read -> what fails because of it
    causes: frozenset[str]  # paths of the files whose id is used more than once


def build(
    typed: list[tuple[Entry, list[Ref], list[tuple[int, str, str, str]]]],
    unreadable: Mapping[str, tuple[str, ...]] = MappingProxyType({}),
    urls: Urls = DIRECTORIES,
    previous: Index | None = None,
) -> tuple[Index, list[Problem], Folded]:
    """Resolve every reference and derive backlinks; the index derives the rest when first read.

    `unreadable` gives, by id, the files under entries/ that could not be read into an entry:
    references and links to those ids are counted for the cause instead of reported one by one.
    `previous`: an index built before of entries with no problem at all (under `make serve`, the
    last build's); an entry it holds, whose references and links all go to entries it holds too,
    has them resolved as they were there, not checked again.
    """
    ids = _Ids.of(typed, unreadable)
    resolver = _Resolver(ids)
    # The entries that are what they were: only with every id held by one readable file, as then.
    same = (
        {eid for eid, e in ids.entries.items() if previous.entries.get(eid) is e}
        if previous is not None and not ids.waiting
        else set()
    )
    for entry, refs, links in typed:
        # A file that shares its id is no entry, but what it refers to is still checked.
        indexed = ids.entries.get(entry.id) is entry
        if entry.id in same and previous is not None and resolver.again(entry.id, previous, same):
            continue
        resolver.refs(entry, refs, indexed)
        resolver.links(entry, links, indexed)
    keys = {eid: sort_name(e) for eid, e in ids.entries.items()}
    by_type = _by_type(ids.entries, keys)
    index = Index(
        entries=MappingProxyType({e.id: e for t in schema.TYPES for e in by_type[t.name]}),
        by_type=MappingProxyType(by_type),
        backlinks=MappingProxyType(_backlinks(resolver.groups, keys)),
        references=MappingProxyType({k: tuple(v) for k, v in resolver.resolved.items()}),
        urls=urls,
        mentions=MappingProxyType({k: tuple(sorted(v)) for k, v in resolver.mentions.items()}),
    )
    return index, resolver.problems + ids.problems(), ids.folded(unreadable)


@dataclass(frozen=True)
class _Ids:
    """Which file holds each id. An id used twice is ambiguous: neither file is indexed, and
    references to it wait on the rename, as do those to a file that could not be read."""

    entries: dict[str, Entry]  # the files that are entries, by id
    shared: dict[str, list[str]]  # id used by more than one file -> their paths, sorted
    waiting: dict[str, list[int]]  # id that is no entry -> [references, body links] that fail for it
    held_at: dict[str, set[str]]  # id that is no entry -> its files' paths under entries/

    @classmethod
    def of(cls, typed, unreadable: Mapping[str, tuple[str, ...]]) -> _Ids:
        holders: dict[str, list[str]] = defaultdict(list)
        for entry, _, _ in typed:
            holders[entry.id].append(entry.path)
        for eid, paths in unreadable.items():
            holders[eid].extend(paths)
        shared = {eid: sorted(paths) for eid, paths in holders.items() if len(paths) > 1}
        waiting = {eid: [0, 0] for eid in (*unreadable, *shared)}
        return cls(
            entries={e.id: e for e, _, _ in typed if e.id not in shared},
            shared=shared,
            waiting=waiting,
            held_at={
                eid: {p.removeprefix("entries/") for p in paths} for eid, paths in holders.items() if eid in waiting
            },
        )

    def problems(self) -> list[Problem]:
        """One problem per file of a shared id; the first also says what fails because of it."""
        problems = []
        for eid, paths in self.shared.items():
            for n, path in enumerate(paths):
                others = " and ".join(p for p in paths if p != path)
                two = "the two" if len(paths) == 2 else f"the {len(paths)}"
                problems.append(
                    Problem(
                        path,
                        1,
                        "file",
                        f"id '{eid}' is also used by {others}: ids are unique across "
                        f"all types; rename one of {two} files, and any reference "
                        "meant for it" + (consequences(eid, *self.waiting[eid]) if n == 0 else ""),
                    )
                )
        return problems

    def folded(self, unreadable: Mapping[str, tuple[str, ...]]) -> Folded:
        notes = {eid: consequences(eid, *self.waiting[eid]) for eid in unreadable if eid not in self.shared}
        causes = frozenset(p for paths in self.shared.values() for p in paths)
        return Folded(MappingProxyType({k: v for k, v in notes.items() if v}), causes)


class _Resolver:
    """Checks each entry's references and body links against the indexed ids, gathering the
    problems, the backlinks they make and each entry's resolved references."""

    def __init__(self, ids: _Ids):
        self.entries, self.waiting, self.held_at = ids.entries, ids.waiting, ids.held_at
        self.problems: list[Problem] = []
        self.groups: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))  # target -> relation -> ids
        self.resolved: dict[str, list[Reference]] = defaultdict(list)
        self.mentions: dict[str, set[str]] = defaultdict(set)  # id -> what its body links to
        self._suggestions: dict[str, str] = {}

    def suggest(self, target: str) -> str:
        # A misspelt id is often written many times, and each suggestion compares it with every id.
        if target not in self._suggestions:
            self._suggestions[target] = did_you_mean(target, self.entries)
        return self._suggestions[target]

    def refs(self, entry: Entry, refs: list[Ref], indexed: bool) -> None:
        for ref in refs:
            if ref.target in self.waiting:
                self.waiting[ref.target][0] += 1
            elif _check_ref(entry, ref, self.entries, self.problems, self.suggest) and indexed:
                relation = ref.reverse or "Linked from"
                if ref.target != entry.id:  # an entry is not listed among its own backlinks
                    self.groups[ref.target][relation].add(entry.id)
                self.resolved[entry.id].append(Reference(ref.name, ref.target, relation))

    def again(self, eid: str, previous: Index, same: set[str]) -> bool:
        """An entry's references and links resolved as in `previous`, if they all go to entries
        that are what they were (`same`): resolving them again would give the same, without a
        problem (`previous` had none). Whether they were."""
        refs, mentions = previous.references.get(eid, ()), previous.mentions.get(eid, ())
        if not all(r.target in same for r in refs) or not all(t in same for t in mentions):
            return False
        for r in refs:
            if r.target != eid:
                self.groups[r.target][r.relation].add(eid)
        if refs:
            self.resolved[eid] = list(refs)
        for target in mentions:
            self.groups[target][MENTIONED_IN].add(eid)
        if mentions:
            self.mentions[eid] = set(mentions)
        return True

    def links(self, entry: Entry, links: list[tuple[int, str, str, str]], indexed: bool) -> None:
        for line, target, target_type, written in links:
            found = self.entries.get(target)
            if found is None and f"{schema.BY_NAME[target_type].folder}/{target}.md" in self.held_at.get(target, ()):
                self.waiting[target][1] += 1
            elif found is None or found.type.name != target_type:
                where = f"; it is {found.src_uri}" if found else self.suggest(target)
                self.problems.append(
                    Problem(
                        entry.path,
                        line,
                        "body",
                        f"links to '{written}', but there is no entry "
                        f"{schema.BY_NAME[target_type].folder}/{target}.md{where}",
                    )
                )
            elif target != entry.id and indexed:
                self.groups[target][MENTIONED_IN].add(entry.id)
                self.mentions[entry.id].add(target)


def _backlinks(groups: Mapping[str, Mapping[str, set]], keys: Mapping[str, tuple]) -> dict:
    # Relations in alphabetical order, then "Mentioned in"; the entries of each by name.
    return {
        target: tuple(
            (label, tuple(sorted(ids, key=keys.__getitem__)))
            for label, ids in sorted(labels.items(), key=lambda kv: (kv[0] == MENTIONED_IN, kv[0]))
        )
        for target, labels in groups.items()
    }


def _by_type(entries: Mapping[str, Entry], keys: Mapping[str, tuple]) -> dict[str, tuple[Entry, ...]]:
    of_type = defaultdict(list)
    for e in entries.values():
        of_type[e.type.name].append(e)
    return {
        t.name: tuple(sorted((e for e in of_type[t.name] if e.type is t), key=lambda e: keys[e.id]))
        for t in schema.TYPES
    }


def consequences(eid: str, refs: int, links: int) -> str:
    """' (3 references to 'x' from other entries fail because of it)', or nothing when none do."""
    parts = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in ((refs, "reference"), (links, "link")) if n]
    if not parts:
        return ""
    verb = "fails" if refs + links == 1 else "fail"
    return f" ({' and '.join(parts)} to '{eid}' from other entries {verb} because of it)"


def _check_ref(entry: Entry, ref: Ref, entries, problems: list[Problem], suggest) -> bool:
    target = entries.get(ref.target)
    if target is None:
        problems.append(Problem(entry.path, ref.line, ref.name, f"'{ref.target}' is not an entry{suggest(ref.target)}"))
        return False
    if target.type.name not in ref.field.targets:
        allowed = " or ".join(a_or_an(t) for t in ref.field.targets)
        problems.append(
            Problem(
                entry.path,
                ref.line,
                ref.name,
                f"'{ref.target}' is {a_or_an(target.type.name)}, but this field takes {allowed}",
            )
        )
        return False
    if ref.field.target_kinds and target.data.get("kind") not in ref.field.target_kinds:
        kinds = " or ".join(ref.field.target_kinds)
        problems.append(
            Problem(
                entry.path,
                ref.line,
                ref.name,
                f"'{ref.target}' is an organisation of kind '{target.data.get('kind')}', "
                f"but this field takes one of kind {kinds}",
            )
        )
        return False
    if ref.target == entry.id and not ref.field.may_name_itself:
        problems.append(Problem(entry.path, ref.line, ref.name, "refers to the entry itself"))
        return False
    return True


def claim_fields(etype: schema.EntryType) -> Iterator[schema.Field]:
    """The top-level lists whose items carry their own sources."""
    for f in etype.fields:
        if f.is_list_of_mappings and f.inner.subfield("sources"):
            yield f


_claim_fields: dict[int, tuple[schema.EntryType, tuple[schema.Field, ...]]] = {}  # by id() of the type


def facts_of(entry: Entry) -> tuple[Fact, ...]:
    """The sourced items of its claim lists, and the versions of its disputed points."""
    return entry.facts


def _facts(entry: Entry) -> Iterator[Fact]:
    known = _claim_fields.get(id(entry.type))
    if known is None or known[0] is not entry.type:
        known = _claim_fields[id(entry.type)] = (entry.type, tuple(claim_fields(entry.type)))
    for f in known[1]:
        for item in entry.data.get(f.name, ()):
            yield Fact(entry.id, f.name, item, tuple(item.get("sources", ())))
    for dispute in entry.data.get("disputed", ()):
        for version in dispute.get("versions", ()):
            yield Fact(entry.id, "disputed", version, tuple(version.get("sources", ())), dispute.get("about", ""))


def _chronology_and_disputes(entries) -> tuple[list[Dated], list[Dispute]]:
    dated: list[Dated] = []
    disputes: list[Dispute] = []
    for e in entries:
        own_dated, own_disputes = e.dated
        dated.extend(own_dated)
        disputes.extend(own_disputes)
    dated.sort(key=lambda d: d.sort_key)
    return dated, disputes


def _dated_and_disputes(e: Entry) -> tuple[tuple[Dated, ...], tuple[Dispute, ...]]:
    dated: list[Dated] = []
    disputes: list[Dispute] = []
    own = e.type.presentation.dated_by
    if own and own in e.data:
        dated.append(Dated(dates.parse(e.data[own]), e.id, own, e.data, e.sources, own=True))
    # Entries that failed validation may lack required keys; the build stops on them anyway.
    items = [i for i in e.data.get("date", ()) if "when" in i]
    parsed = [dates.parse(i["when"]) for i in items]
    clash = not dates.all_overlap(parsed)
    for item, d in zip(items, parsed):
        dated.append(Dated(d, e.id, "date", item, tuple(item.get("sources", ())), disputed=clash))
    if clash:
        disputes.append(
            Dispute(
                e.id,
                "the date",
                tuple(
                    Version(d.words(), tuple(i.get("sources", ())), i.get("quote", "")) for i, d in zip(items, parsed)
                ),
                from_dates=True,
            )
        )
    for role in e.data.get("roles", ()):
        for what in ("start", "end"):
            if what in role:
                dated.append(Dated(dates.parse(role[what]), e.id, what, role, tuple(role.get("sources", ()))))
    for point in e.data.get("points", ()):
        if "when" in point:
            dated.append(Dated(dates.parse(point["when"]), e.id, "point", point, tuple(point.get("sources", ()))))
    for block in e.data.get("disputed", ()):
        disputes.append(
            Dispute(
                e.id,
                block.get("about", ""),
                tuple(
                    Version(v.get("says", ""), tuple(v.get("sources", ())), v.get("quote", ""))
                    for v in block.get("versions", ())
                ),
            )
        )
    return tuple(dated), tuple(disputes)
