"""What a change does to the dossier, found by comparing two indexes rather than two texts.

`compare` is a pure function of the base's index and problems and the changed dossier's. Its
result says what a reviewer checks: entries added, removed and renamed (another id for the same
content or name); per entry its fields, facts (every item that carries sources), the articles it
cites and its text; quotations new or changed; disputes opened or closed; every problem, those
the base does not have marked; and the backlinks that entries left as they were gain or lose.
`summary.render` shows it; `diff` runs it on a git commit and the working tree.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher

from . import schema
from .index import Entry, Index, claim_fields
from .problems import Problem

SIMILAR = 0.6  # this alike at least, an entry under another id is a rename, and a fact edited is changed
MAX_PAIRS = 40_000  # pairs compared for likeness at most (removed × added entries, or facts of a list)
MISSING = object()  # a field the entry does not have


@dataclass(frozen=True)
class FieldChange:
    name: str
    old: object  # MISSING when the field was added
    new: object  # MISSING when it was removed


@dataclass(frozen=True)
class FactChange:
    status: str  # "added", "removed" or "changed"
    field: str  # the claim list: points, parties, roles... or "disputed" for a version
    about: str  # for a version of a disputed point: what is disputed
    old: Mapping | None
    new: Mapping | None


@dataclass(frozen=True)
class EntryChange:
    status: str  # "added", "changed" or "renamed"
    type: schema.EntryType
    id: str
    name: str
    path: str
    old_id: str  # the same as id, but for a renamed entry
    old_path: str
    fields: tuple[FieldChange, ...]
    facts: tuple[FactChange, ...]
    sources_added: tuple[str, ...]
    sources_removed: tuple[str, ...]
    body: tuple[int, int] | None  # lines added, lines removed; None when the body is the same


@dataclass(frozen=True)
class Brief:
    type: str
    id: str
    name: str
    path: str
    unreadable: bool = False  # the file is still there, but a problem keeps it out of the index


@dataclass(frozen=True)
class Rename:
    type: str
    old_id: str
    new_id: str
    old_path: str
    new_path: str
    how: str  # "same content", "same name" or "similar content (85%)"


@dataclass(frozen=True)
class Quotation:
    entry: str
    path: str
    field: str
    about: str
    quote: str
    old_quote: str  # "" for a quotation that is new
    sources: tuple[tuple[str, str], ...]  # (article id, its address or "")


@dataclass(frozen=True)
class DisputeChange:
    status: str  # "opened" or "closed"
    entry: str
    path: str
    about: str
    versions: tuple[tuple[str, tuple[str, ...]], ...]  # (says, sources)


@dataclass(frozen=True)
class Backlinks:
    entry: str
    gained: int
    lost: int


@dataclass(frozen=True)
class Changes:
    problems: tuple[tuple[Problem, bool], ...]  # every problem of the new side, and whether it is new
    fixed: int  # problems of the base that are gone
    quotations: tuple[Quotation, ...]
    disputes: tuple[DisputeChange, ...]
    added: tuple[Brief, ...]
    removed: tuple[Brief, ...]
    renamed: tuple[Rename, ...]
    entries: tuple[EntryChange, ...]  # added, renamed or changed entries, each with what changed
    backlinks: tuple[Backlinks, ...]  # entries otherwise unchanged whose backlinks changed

    @property
    def empty(self) -> bool:
        return not (
            self.problems
            or self.fixed
            or self.entries
            or self.removed
            or self.renamed
            or self.disputes
            or self.backlinks
        )

    def facts(self, status: str) -> int:
        return sum(1 for e in self.entries for f in e.facts if f.status == status)


def plain(value):
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def canon(value) -> str:
    return json.dumps(plain(value), sort_keys=True, ensure_ascii=False, default=str)


def _claims(entry: Entry) -> dict[tuple[str, str], list[Mapping]]:
    """The entry's sourced items, by (field, about): each claim list, and each disputed point's versions."""
    out: dict[tuple[str, str], list[Mapping]] = {}
    for f in claim_fields(entry.type):
        items = [i for i in entry.data.get(f.name, ()) if isinstance(i, Mapping)]
        if items:
            out[(f.name, "")] = items
    for block in entry.data.get("disputed", ()):
        if isinstance(block, Mapping):
            versions = [v for v in block.get("versions", ()) if isinstance(v, Mapping)]
            out.setdefault(("disputed", str(block.get("about", ""))), []).extend(versions)
    return out


def _fact_fields(etype: schema.EntryType) -> set[str]:
    return {f.name for f in claim_fields(etype)} | {"disputed"}


def _cited(entry: Entry) -> set[str]:
    """Every article the entry cites: its own sources and those of each of its facts."""
    cited = {s for s in entry.data.get("sources", ()) if isinstance(s, str)}
    for items in _claims(entry).values():
        cited.update(s for item in items for s in item.get("sources", ()) if isinstance(s, str))
    return cited


def _core(item: Mapping) -> str:
    return canon({k: v for k, v in item.items() if k not in ("sources", "quote")})


def _match_facts(field: str, about: str, old: list[Mapping], new: list[Mapping]) -> list[FactChange]:
    """Items the same in both are unchanged; of the rest, an old and a new item whose content
    (leaving out sources and quotation) is alike enough are one fact changed."""
    old_left = list(range(len(old)))
    new_left = []
    canon_old = [canon(i) for i in old]
    for item in new:
        c = canon(item)
        same = next((k for k in old_left if canon_old[k] == c), None)
        if same is None:
            new_left.append(item)
        else:
            old_left.remove(same)
    changes = []
    cores = {k: _core(old[k]) for k in old_left}
    alike = len(new_left) * len(old_left) <= MAX_PAIRS  # else only items whose content is the same
    for item in new_left:
        core = _core(item)
        best, score = None, 0.0
        for k in old_left:
            ratio = 1.0 if cores[k] == core else SequenceMatcher(None, cores[k], core).ratio() if alike else 0.0
            if ratio >= SIMILAR and ratio > score:
                best, score = k, ratio
        if best is None:
            changes.append(FactChange("added", field, about, None, item))
        else:
            old_left.remove(best)
            changes.append(FactChange("changed", field, about, old[best], item))
    changes.extend(FactChange("removed", field, about, old[k], None) for k in old_left)
    return changes


def _field_order(etype: schema.EntryType, keys) -> list[str]:
    declared = [f.name for f in etype.fields]
    return [k for k in declared if k in keys] + sorted(k for k in keys if k not in declared)


def _body_lines(old: str, new: str) -> tuple[int, int] | None:
    if old == new:
        return None
    a, b = old.splitlines(), new.splitlines()
    added = removed = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += i2 - i1
            added += j2 - j1
    return added, removed


def _entry_change(status: str, old: Entry | None, new: Entry) -> EntryChange:
    old_data = old.data if old else {}
    skip = _fact_fields(new.type) | (_fact_fields(old.type) if old else set()) | {"sources"}
    if old is None:
        skip |= {"type", "name"}  # the heading says them
    keys = [k for k in _field_order(new.type, set(old_data) | set(new.data)) if k not in skip]
    fields = tuple(
        FieldChange(k, plain(old_data.get(k, MISSING)), plain(new.data.get(k, MISSING)))
        for k in keys
        if canon(old_data.get(k, MISSING)) != canon(new.data.get(k, MISSING))
    )
    old_claims, new_claims = (_claims(old) if old else {}), _claims(new)
    order = list(new_claims) + [k for k in old_claims if k not in new_claims]
    facts = []
    for field, about in order:
        facts.extend(_match_facts(field, about, old_claims.get((field, about), []), new_claims.get((field, about), [])))
    old_cited, new_cited = (_cited(old) if old else set()), _cited(new)
    return EntryChange(
        status,
        new.type,
        new.id,
        new.name,
        new.path,
        old.id if old else new.id,
        old.path if old else new.path,
        fields,
        tuple(facts),
        tuple(sorted(new_cited - old_cited)),
        tuple(sorted(old_cited - new_cited)),
        _body_lines(old.body if old else "", new.body),
    )


def _content(entry: Entry) -> str:
    return canon({k: v for k, v in entry.data.items() if k != "name"}) + "\n" + entry.body


def _leaves(entry: Entry) -> Counter:
    """What an entry says, as (field, value) pairs and lines of text: the measure of how alike two are."""
    leaves: Counter = Counter()

    def walk(value, path: str) -> None:
        if isinstance(value, Mapping):
            for k, v in value.items():
                walk(v, f"{path}.{k}")
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v, path)
        else:
            leaves[(path, canon(value))] += 1

    for key, value in entry.data.items():
        if key not in ("type", "name"):  # a rename is of one type; the name is compared on its own
            walk(value, key)
    leaves.update(("", line.strip()) for line in entry.body.splitlines() if line.strip())
    return leaves


def _alike(a: Counter, b: Counter) -> float:
    return sum((a & b).values()) / max(sum(a.values()), sum(b.values()), 1)


def _name_key(entry: Entry) -> str:
    return " ".join(entry.name.casefold().split())


def _renames(old: Index, new: Index, gone: list[str], came: list[str]) -> list[Rename]:
    """Pairs of a removed and an added entry that are one entry under another id: the same
    content, else the same name, else content alike enough (of the same type), best first."""
    by_content: dict[str, list[str]] = {}
    by_name: dict[str, list[str]] = {}
    for n in came:
        by_content.setdefault(_content(new.entries[n]), []).append(n)
        by_name.setdefault(_name_key(new.entries[n]), []).append(n)
    candidates: list[tuple[float, str, str, str]] = []  # score, old id, new id, how alike
    for o in gone:
        a = old.entries[o]
        same = by_content.get(_content(a), [])
        candidates.extend((3.0, o, n, "same content") for n in same)
        candidates.extend((2.0, o, n, "same name") for n in by_name.get(_name_key(a), []) if n not in same)
    if len(gone) * len(came) <= MAX_PAIRS:  # beyond, a rename must keep the content or the name
        found = {(o, n) for _, o, n, _ in candidates}
        leaves_new = {n: _leaves(new.entries[n]) for n in came}
        for o in gone:
            a, leaves = old.entries[o], _leaves(old.entries[o])
            for n in came:
                if (o, n) not in found and new.entries[n].type is a.type:
                    ratio = _alike(leaves, leaves_new[n])
                    if ratio >= SIMILAR:
                        candidates.append((ratio, o, n, f"similar content ({int(ratio * 100)}%)"))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_old, used_new, renames = set(), set(), []
    for _, o, n, how in candidates:
        if o not in used_old and n not in used_new:
            used_old.add(o)
            used_new.add(n)
            renames.append(Rename(new.entries[n].type.name, o, n, old.entries[o].path, new.entries[n].path, how))
    return sorted(renames, key=lambda r: (r.new_path, r.new_id))


def _problem_key(p: Problem, paths: Mapping[str, str]) -> tuple[str, str, str]:
    # Lines move with every edit above them; the file, field and rule say which problem it is.
    return paths.get(p.path, p.path), p.field, p.message


def _problems(old: tuple[Problem, ...], new: tuple[Problem, ...], paths) -> tuple[tuple, int]:
    before = Counter(_problem_key(p, paths) for p in old)
    marked = []
    for p in sorted(new):
        key = _problem_key(p, paths)
        if before[key]:
            before[key] -= 1
            marked.append((p, False))
        else:
            marked.append((p, True))
    return tuple(sorted(marked, key=lambda m: (not m[1], m[0]))), sum(before.values())


def _quotations(change: EntryChange, new: Index) -> list[Quotation]:
    out = []
    for fact in change.facts:
        if fact.new is None or not fact.new.get("quote"):
            continue
        old_quote = fact.old.get("quote", "") if fact.old else ""
        if fact.old is not None and old_quote == fact.new["quote"]:
            continue
        sources = tuple(
            (s, str(new.entries[s].data.get("url", "")) if s in new.entries else "")
            for s in fact.new.get("sources", ())
            if isinstance(s, str)
        )
        out.append(
            Quotation(change.id, change.path, fact.field, fact.about, str(fact.new["quote"]), str(old_quote), sources)
        )
    return out


def _disputes(old: Index, new: Index, ids: Mapping[str, str]) -> list[DisputeChange]:
    def keyed(index: Index, rename: Mapping[str, str]):
        return {(rename.get(d.entry, d.entry), d.about, d.from_dates): d for d in index.disputes}

    before, after = keyed(old, ids), keyed(new, {})
    out = []
    for status, mine, other, index in (("opened", after, before, new), ("closed", before, after, old)):
        for key, d in mine.items():
            if key not in other:
                path = index.entries[d.entry].path if d.entry in index.entries else ""
                out.append(DisputeChange(status, key[0], path, d.about, tuple((v.says, v.sources) for v in d.versions)))
    return sorted(out, key=lambda d: (d.status != "opened", d.path, d.entry, d.about))


def _backlinks(old: Index, new: Index, ids: Mapping[str, str], unchanged: list[str]) -> list[Backlinks]:
    def links(index: Index, eid: str, rename: Mapping[str, str]) -> Counter:
        return Counter((rel, rename.get(i, i)) for rel, group in index.backlinks.get(eid, ()) for i in group)

    out = []
    for eid in unchanged:  # an unchanged entry keeps its id
        before, after = links(old, eid, ids), links(new, eid, {})
        gained, lost = sum((after - before).values()), sum((before - after).values())
        if gained or lost:
            out.append(Backlinks(eid, gained, lost))
    return sorted(out, key=lambda b: b.entry)


def _shows_something(change: EntryChange) -> bool:
    """Whether a change has anything to show. An entry whose facts or sources were only put in
    another order has none, and counts as left as it was; an added entry, or one moved to
    another folder, is shown even with nothing else changed."""
    return bool(
        change.fields
        or change.facts
        or change.body
        or change.sources_added
        or change.sources_removed
        or change.status == "added"
        or (change.status == "changed" and change.path != change.old_path)
    )


def _entry_changes(old: Index, new: Index, was: Mapping[str, str]) -> tuple[list[EntryChange], list[str]]:
    """The changes of the new side's entries, by path, and the ids of the entries left as they were."""
    changes: list[EntryChange] = []
    unchanged: list[str] = []
    for eid, entry in new.entries.items():
        before = old.entries.get(eid)
        if before is not None and (before.data, before.body, before.path) == (entry.data, entry.body, entry.path):
            unchanged.append(eid)  # the common case, told apart without looking into each field
            continue
        if before is not None:
            change = _entry_change("changed", before, entry)
        elif eid in was:
            change = _entry_change("renamed", old.entries[was[eid]], entry)
        else:
            change = _entry_change("added", None, entry)
        if _shows_something(change):
            changes.append(change)
        elif change.status == "changed":
            unchanged.append(eid)
    changes.sort(key=lambda c: (c.path, c.id))
    return changes, unchanged


def _moved(old: Index, new: Index, ids: Mapping[str, str]) -> dict[str, str]:
    """Old path -> new path of every entry on both sides, renamed or not: a problem of a file
    that moved is the same problem."""
    paths = {old.entries[o].path: new.entries[n].path for o, n in ids.items()}
    paths.update({e.path: new.entries[i].path for i, e in old.entries.items() if i in new.entries})
    return paths


def compare(
    old: Index, new: Index, old_problems: tuple[Problem, ...] = (), new_problems: tuple[Problem, ...] = ()
) -> Changes:
    """What the change from `old` to `new` does to the dossier."""
    gone = sorted(set(old.entries) - set(new.entries))
    came = sorted(set(new.entries) - set(old.entries))
    renames = _renames(old, new, gone, came)
    ids = {r.old_id: r.new_id for r in renames}
    was = {r.new_id: r.old_id for r in renames}
    changes, unchanged = _entry_changes(old, new, was)
    troubled = {p.path for p in new_problems}

    def brief(e: Entry) -> Brief:
        return Brief(e.type.name, e.id, e.name, e.path, e.path in troubled and e.id not in new.entries)

    problems, fixed = _problems(old_problems, new_problems, _moved(old, new, ids))
    return Changes(
        problems=problems,
        fixed=fixed,
        quotations=tuple(q for c in changes for q in _quotations(c, new)),
        disputes=tuple(_disputes(old, new, ids)),
        added=tuple(sorted((brief(new.entries[i]) for i in came if i not in was), key=lambda g: (g.path, g.id))),
        removed=tuple(sorted((brief(old.entries[i]) for i in gone if i not in ids), key=lambda g: (g.path, g.id))),
        renamed=tuple(renames),
        entries=tuple(changes),
        backlinks=tuple(_backlinks(old, new, ids, unchanged)),
    )
