"""The review summary: a `changes.Changes` in Markdown that GitHub shows in a job summary and a
terminal shows as plain text. Every value from an entry goes through `md`, so that no entry
can add a line, a heading, a link or any HTML to the summary."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping

from . import schema
from .changes import MISSING, Changes, EntryChange, FactChange, FieldChange, canon, plain

SHORT = 80  # characters: a value at most this long is shown as old → new on one line
LISTED = 12  # backlink targets named before "and N more"

_SPACE = re.compile(r"[ \t\n]+")
# Control, format (bidirectional overrides, zero-width), surrogate, private-use and line or
# paragraph separator characters: a reviewer must see that they are there.
_HIDDEN = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}
# Every character that can start Markdown or HTML structure inside a line; GitHub's Markdown
# (CommonMark) reads a backslash before any ASCII punctuation as that character, as it is.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|&#~$])")


def spelt(text: str) -> str:
    r"""The text with every character that shows nothing, or moves what follows, written as its
    escape (\x0d, \u202e): printed, it can neither drive a terminal nor hide in a line."""
    return "".join(
        c
        if unicodedata.category(c) not in _HIDDEN
        else f"\\x{ord(c):02x}"
        if ord(c) < 0x100
        else f"\\u{ord(c):04x}"
        if ord(c) < 0x10000
        else f"\\U{ord(c):08x}"
        for c in text
    )


def md(value) -> str:
    """A value from an entry, shown as written on one line of Markdown: whitespace runs become
    one space, hidden characters are spelt out (see `spelt`), and every character that could
    make a link, emphasis, code, HTML, a table cell or a heading's end is backslash-escaped,
    so that no value can add a line or any structure to the summary."""
    return _SPECIAL.sub(r"\\\1", spelt(_SPACE.sub(" ", str(value)).strip()))


def _value(value, f: schema.Field | None = None) -> str:
    """A value as the summary shows it: text in quotation marks, ids, dates, choices and numbers bare."""
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        item = f.item if f is not None and f.is_list else None
        return ", ".join(_value(v, item) for v in value) or "(none)"
    if isinstance(value, str):
        return f'"{md(value)}"' if f is None or f.kind.quoted else md(value)
    if isinstance(value, (list, dict)):
        return md(canon(value))
    return md(value)


def _plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def _ids(ids) -> str:
    return ", ".join(md(i) for i in ids)


def _field_line(change: FieldChange, f: schema.Field | None) -> list[str]:
    name = md(change.name)
    old, new = change.old, change.new
    if old is MISSING:
        return [f"- {name}: set to {_value(new, f)}"]
    if new is MISSING:
        return [f"- {name}: removed (was {_value(old, f)})"]
    if isinstance(old, list) and isinstance(new, list) and all(isinstance(v, str) for v in old + new):
        parts = []
        for label, items in (
            ("added", list((Counter(new) - Counter(old)).elements())),
            ("removed", list((Counter(old) - Counter(new)).elements())),
        ):
            if items:
                parts.append(f"{label} {_value(items, f)}")
        return [f"- {name}: {'; '.join(parts) or 'reordered'}"]
    shown_old, shown_new = _value(old, f), _value(new, f)
    if len(shown_old) <= SHORT and len(shown_new) <= SHORT:
        return [f"- {name}: {shown_old} → {shown_new}"]
    return [f"- {name}: changed", f"  - was: {shown_old}", f"  - now: {shown_new}"]


def _subfields(etype: schema.EntryType, field: str) -> tuple[schema.Field, ...]:
    declared = schema.DISPUTED.inner.subfield("versions") if field == "disputed" else etype.field(field)
    return declared.item.fields if declared and declared.item else ()


def _item_words(etype: schema.EntryType, field: str, item: Mapping) -> str:
    declared = {f.name: f for f in _subfields(etype, field)}
    keys = [k for k in declared if k in item] + sorted(k for k in item if k not in declared)
    return (
        ", ".join(f"{md(k)} {_value(plain(item[k]), declared.get(k))}" for k in keys if k not in ("sources", "quote"))
        or "(no content)"
    )


def _fact_title(fact: FactChange) -> str:
    return f"{md(fact.field)} ({md(fact.about)})" if fact.about else md(fact.field)


def _fact_lines(etype: schema.EntryType, fact: FactChange) -> list[str]:
    old, new = fact.old, fact.new
    item = new if new is not None else old
    assert item is not None, "a fact change has the fact before it, after it, or both"
    sources = _ids(plain(item.get("sources", ()))) or "none"
    head = f"- fact {fact.status}, {_fact_title(fact)}: {_item_words(etype, fact.field, item)}"
    if fact.status != "changed" or old is None or new is None:  # a changed fact has both
        quote = f'; quotation "{md(item["quote"])}"' if item.get("quote") else ""
        return [f"{head}; sources: {sources}{quote}"]
    lines = [head, *_changed_subfields(etype, fact.field, old, new), _sources_line(old, new, sources)]
    if old.get("quote", "") != new.get("quote", ""):
        change = FieldChange("quotation", old.get("quote", MISSING), new.get("quote", MISSING))
        lines.extend("  " + line for line in _field_line(change, schema.QUOTE))
    return lines


def _changed_subfields(etype: schema.EntryType, field: str, old: Mapping, new: Mapping) -> list[str]:
    """One indented line (or three) per subfield of a changed fact whose value changed; its
    sources and quotation have lines of their own."""
    declared = {f.name: f for f in _subfields(etype, field)}
    lines: list[str] = []
    for k in [k for k in new if k not in ("sources", "quote")] + [k for k in old if k not in new]:
        if k in ("sources", "quote") or canon(old.get(k, MISSING)) == canon(new.get(k, MISSING)):
            continue
        change = FieldChange(k, plain(old.get(k, MISSING)), plain(new.get(k, MISSING)))
        lines.extend("  " + line for line in _field_line(change, declared.get(k)))
    return lines


def _sources_line(old: Mapping, new: Mapping, sources: str) -> str:
    """A changed fact's sources: those added and removed, or all of them when they stayed the same."""
    before, after = set(plain(old.get("sources", ()))), set(plain(new.get("sources", ())))
    if before == after:
        return f"  - sources: {sources}"
    parts = [
        f"{label} {_ids(sorted(ids))}" for label, ids in (("added", after - before), ("removed", before - after)) if ids
    ]
    return f"  - sources: {'; '.join(parts)}"


def _entry_title(change: EntryChange) -> str:
    return f"{change.status}: {md(change.type.name)} {md(change.id)} — {md(change.name)}"


def _entry_lines(change: EntryChange) -> list[str]:
    lines = [f"#### {_entry_title(change)}", ""]
    where = md(change.path) if change.path == change.old_path else f"{md(change.old_path)} → {md(change.path)}"
    lines += [where, ""]
    body = []
    for f in change.fields:
        body.extend(_field_line(f, change.type.field(f.name)))
    for fact in change.facts:
        body.extend(_fact_lines(change.type, fact))
    if change.sources_added or change.sources_removed:
        parts = [
            f"{label} {_ids(ids)}"
            for label, ids in (("added", change.sources_added), ("removed", change.sources_removed))
            if ids
        ]
        body.append(f"- articles cited: {'; '.join(parts)}")
    if change.body:
        added, removed = change.body
        body.append(f"- text: {_plural(added, 'line')} added, {removed} removed")
    return lines + (body or ["- moved, nothing else changed"]) + [""]


def _counts(c: Changes) -> str:
    new_problems = sum(1 for _, new in c.problems if new)
    changed = sum(1 for e in c.entries if e.status == "changed")
    parts = [
        f"entries: {len(c.added)} added, {len(c.removed)} removed, {len(c.renamed)} renamed, {changed} changed",
        f"facts: {c.facts('added')} added, {c.facts('removed')} removed, {c.facts('changed')} changed",
        _plural(len(c.quotations), "quotation") + " to check",
        "disputes: " + ", ".join(f"{sum(1 for d in c.disputes if d.status == s)} {s}" for s in ("opened", "closed")),
        f"problems: {len(c.problems)} ({new_problems} new, {c.fixed} fixed)",
    ]
    return " · ".join(parts)


def render(c: Changes, base: str) -> str:
    """The review summary, in Markdown. `base` names what was compared with (a ref and its commit)."""
    out = [f"## What this change does to the dossier (against {md(base)})", "", _counts(c), ""]
    if c.empty:
        return "\n".join(out + ["No entry is added, removed or changed.", ""])
    # What a reviewer must act on comes first: problems, then quotations to check against the articles.
    for section in (_problems, _quotations, _disputes, _briefs, _renamed, _entries, _backlinks):
        out += section(c)
    return "\n".join(out)


def _problems(c: Changes) -> list[str]:
    if not c.problems:
        return []
    return [
        f"### Problems ({len(c.problems)})",
        "",
        "`make check` reports each one; **new** marks those the base does not have.",
        "",
        *(f"- {'**new** ' if new else ''}{md(str(p))}" for p, new in c.problems),
        "",
    ]


def _quotations(c: Changes) -> list[str]:
    if not c.quotations:
        return []
    out = [
        f"### Quotations to check ({len(c.quotations)})",
        "",
        "Each quotation must read exactly as in its article.",
        "",
    ]
    for q in c.quotations:
        sources = ", ".join(f"{md(s)} ({md(url)})" if url else md(s) for s, url in q.sources) or "no source"
        was = f' (was "{md(q.old_quote)}")' if q.old_quote else ""
        where = f"{md(q.entry)}, {md(q.field)}" + (f" ({md(q.about)})" if q.about else "")
        out.append(f'- {where}: "{md(q.quote)}"{was}; from {sources}')
    return out + [""]


def _disputes(c: Changes) -> list[str]:
    if not c.disputes:
        return []
    out = [f"### Disputes ({len(c.disputes)})", ""]
    for d in c.disputes:
        out.append(f'- {d.status}: {md(d.entry)}, "{md(d.about)}"')
        out += [f'  - "{md(says)}"; sources: {_ids(sources) or "none"}' for says, sources in d.versions]
    return out + [""]


def _briefs(c: Changes) -> list[str]:
    out = []
    for title, items in (("Entries added", c.added), ("Entries removed", c.removed)):
        if items:
            out += [f"### {title} ({len(items)})", ""]
            out += [
                f"- {md(g.type)} {md(g.id)} — {md(g.name)} ({md(g.path)}"
                + ("; the file is still there but cannot be read: see Problems)" if g.unreadable else ")")
                for g in items
            ] + [""]
    return out


def _renamed(c: Changes) -> list[str]:
    if not c.renamed:
        return []
    return [
        f"### Entries renamed ({len(c.renamed)})",
        "",
        *(
            f"- {md(r.type)} {md(r.old_id)} → {md(r.new_id)}: {md(r.how)} ({md(r.old_path)} → {md(r.new_path)})"
            for r in c.renamed
        ),
        "",
    ]


def _entries(c: Changes) -> list[str]:
    if not c.entries:
        return []
    return [f"### Changes by entry ({len(c.entries)})", "", *(line for e in c.entries for line in _entry_lines(e))]


def _backlinks(c: Changes) -> list[str]:
    # Only counts, and only the first few targets: a renamed hub can touch hundreds of entries.
    if not c.backlinks:
        return []
    named = ", ".join(
        " ".join([md(b.entry)] + ([f"+{b.gained}"] if b.gained else []) + ([f"−{b.lost}"] if b.lost else []))
        for b in c.backlinks[:LISTED]
    )
    more = f", and {len(c.backlinks) - LISTED} more" if len(c.backlinks) > LISTED else ""
    return ["### Backlinks", "", f"Links to entries this change leaves as they are: {named}{more}.", ""]


def cut(text: str, limit: int) -> str:
    """The summary within `limit` bytes of UTF-8, cut after a whole line and saying so; GitHub
    shows no step summary over 1 MiB. What matters most (problems, quotations) comes first."""
    if len(text.encode("utf-8")) <= limit:
        return text
    note = f"\n**The summary stops here: it is longer than {limit} bytes. `make diff` prints all of it.**\n"
    room = limit - len(note.encode("utf-8"))
    kept, size = [], 0
    for line in text.splitlines(keepends=True):
        size += len(line.encode("utf-8"))
        if size > room:
            break
        kept.append(line)
    return "".join(kept) + note
