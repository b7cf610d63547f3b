"""A fact in words, once: what a sourced item (index.Fact) or a dated fact (index.Dated) says.

A fact reads as a sequence of parts: plain text, an entry named by its id, a date, a stressed
or emphasised phrase. The same parts give its plain text (tooltips, the calendar) and its
HTML (pages, tables), where every value is escaped, an entry is a link to its page and a
date carries its EDTF and, when inexact, a mark. So the two can never say different things.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import dates, schema
from .index import Dated, Entry, Fact, Index
from .markup import Markup, element, esc, html, join, link


def choice_label(etype: schema.EntryType, path: tuple[str, ...], value: str) -> str:
    """The label the schema gives `value` in the choice field at `path` (such as ("parties", "role"))."""
    f = etype.field(path[0])
    for part in path[1:]:
        f = f.inner.subfield(part) if f else None
    c = f.choice(value) if f else None
    return c.label if c else value


# Beside an inexact date in HTML: a visible badge, which the date's words already say in full
# ("about", "between", "by ... at the latest"), so the plain text does without it.
INEXACT_MARK = Markup(' <span class="dossier-uncertain" title="inexact date">inexact</span>')


def date_words(text: str) -> Markup:
    """A date (EDTF) in words, as HTML: marked when inexact."""
    return When(dates.parse(text)).html("")


# --- the parts ------------------------------------------------------------------------


@dataclass(frozen=True)
class Plain:
    value: str

    def text(self) -> str:
        return self.value

    def html(self, base: str) -> Markup:
        return esc(self.value)


@dataclass(frozen=True)
class Named:
    """An entry by its id: its name, linked to its page; an unknown id as written."""

    entry: Entry | None
    id: str

    def text(self) -> str:
        return self.entry.name if self.entry else self.id

    def html(self, base: str) -> Markup:
        return link(self.entry, base) if self.entry else esc(self.id)


def machine_date(d: dates.Date) -> str:
    """The date as the value of an HTML `datetime` attribute (a year, a month or a day), or ''
    when HTML cannot say it without claiming more than the articles do.

    HTML has no approximate, uncertain or open date and no interval of dates. An exact interval
    that lies within one month or one year is given as that month or year: every day it may fall
    on lies in it, so the value is true, only coarser than the words. A date qualified as
    approximate or uncertain, an open end, or an interval across years has no such value: any
    would state as a fact what the articles do not, so it gets none.
    """
    if d.start is None or d.end is None or any(p.uncertain or p.approximate for p in (d.start, d.end)):
        return ""
    year, month = d.shared()
    if year is None:
        return ""
    low, high = d.known_bounds
    if low == high:
        return low.isoformat()
    return f"{year:04d}-{month:02d}" if month else f"{year:04d}"


@dataclass(frozen=True)
class When:
    """A date: a <time> where it has a machine-readable value (machine_date), else a <span>; both
    carry the EDTF as written in data-edtf, and the words."""

    date: dates.Date

    def text(self) -> str:
        return self.date.words()

    def html(self, base: str) -> Markup:
        d = self.date
        value = machine_date(d)
        if value:
            date = element("time", d.words(), datetime=value, data_edtf=d.text)
        else:
            date = element("span", d.words(), class_="dossier-date", data_edtf=d.text)
        return html("{}{}", date, INEXACT_MARK if d.uncertain else "")


@dataclass(frozen=True)
class Stressed:
    """A phrase in <strong> (`tag` "strong") or <em> (`tag` "em")."""

    value: str
    tag: str

    def text(self) -> str:
        return self.value

    def html(self, base: str) -> Markup:
        return element(self.tag, self.value)


@dataclass(frozen=True)
class Words:
    parts: tuple = ()

    def __add__(self, other: "Words | str") -> "Words":
        return Words(self.parts + _words(other).parts)

    def __radd__(self, other: str) -> "Words":
        return _words(other) + self

    def __bool__(self) -> bool:
        return any(p.text() for p in self.parts)

    def text(self) -> str:
        """The plain text, not escaped."""
        return "".join(p.text() for p in self.parts)

    def html(self, base: str) -> Markup:
        """The HTML, every value escaped; `base` leads from the page to the site root."""
        return join(p.html(base) for p in self.parts)

    def capitalised(self) -> "Words":
        if not self.parts or not isinstance(self.parts[0], Plain):
            return self
        first = self.parts[0].value
        return Words((Plain(first[:1].upper() + first[1:]), *self.parts[1:]))


def _words(value: "Words | str") -> Words:
    return value if isinstance(value, Words) else Words((Plain(value),))


def named(index: Index, entry_id: str) -> Words:
    return Words((Named(index.entries.get(entry_id), entry_id),))


def when(text: str) -> Words:
    return Words((When(dates.parse(text)),))


# --- a sourced item (index.Fact) -------------------------------------------------------


def _role(fact: Fact, index: Index) -> Words:
    item = fact.item
    out = _words(item.get("role", ""))
    if "of" in item:
        out += " of " + named(index, item["of"])
    if "start" in item:
        out += ", from " + when(item["start"])
    if "end" in item:
        out += ", until " + when(item["end"])
    return out


def _amount(fact: Fact, index: Index) -> Words:
    item = fact.item
    amount = item.get("amount", 0)
    number = f"{amount:,}" if isinstance(amount, int) else f"{amount:,.2f}"
    currency = _label(fact, index, "currency")
    return _words(f"{number} {currency}: {item.get('what', '')}")


def claimed(item: Mapping[str, Any], index: Index, said: "Words | str") -> Words:
    """A point's words, said to be someone's claim when its `according_to` names them. The whole
    point is theirs, however many sentences it has, so their name comes first ("According to
    AllofMP3: The site pays ROMS."), and the point's own words are left exactly as written."""
    if not item.get("according_to"):
        return _words(said)
    return "According to " + named(index, item["according_to"]) + ": " + said


def _point(fact: Fact, index: Index) -> Words:
    out = claimed(fact.item, index, fact.item.get("says", ""))
    if "when" in fact.item:
        out += " (" + when(fact.item["when"]) + ")"
    return out


def _relation(fact: Fact, index: Index) -> Words:
    """ "owned by MediaServices", and whose claim that is when `according_to` says."""
    out = _label(fact, index, "relation") + " " + named(index, fact.item.get("to", ""))
    if fact.item.get("according_to"):
        out += ", according to " + named(index, fact.item["according_to"])
    return out


def _label(fact: Fact, index: Index, key: str) -> str:
    """The label the fact's field gives its choice `key`."""
    etype = index.entries[fact.entry].type
    return choice_label(etype, (fact.field, key), fact.item.get(key, ""))


def _says(fact: Fact) -> str:
    return ": " + fact.item.get("says", "")


# How an item of each claim list reads; any other list's items read as points.
_FACTS = {
    "roles": _role,
    "relations": _relation,
    "date": lambda f, i: when(f.item["when"]),
    "court": lambda f, i: named(i, f.item.get("entry", "")),
    "parties": lambda f, i: named(i, f.item.get("entry", "")) + f" ({_label(f, i, 'role')})",
    "participants": lambda f, i: named(i, f.item.get("entry", "")) + f" ({f.item.get('role', '')})",
    "outcome": lambda f, i: Words((Stressed(_label(f, i, "result"), "strong"),)) + _says(f),
    "amounts": _amount,
    "disputed": lambda f, i: Words((Stressed(f.about, "em"),)) + _says(f),
}


def describe(fact: Fact, index: Index) -> Words:
    """One sourced item, in words, without its sources."""
    return _FACTS.get(fact.field, _point)(fact, index)


# --- a dated fact (index.Dated) --------------------------------------------------------


def happened(d: Dated, index: Index) -> Words:
    """What a dated fact says happened, without its entry: "article published", "director of
    MediaServices begins", a point's words; nothing for an entry's own date."""
    if d.own:  # "article published": the type, then the date field's label
        etype = index.entries[d.entry].type
        field = etype.field(d.what)
        return _words(f"{etype.name} {(field.label if field else d.what).lower()}")
    if d.what in ("start", "end"):
        of = " of " + named(index, d.item["of"]) if "of" in d.item else Words()
        return _words(d.item.get("role", "")) + of + (" begins" if d.what == "start" else " ends")
    if d.what == "point":
        return claimed(d.item, index, d.item.get("says", ""))
    return Words()


def in_chronology(d: Dated, index: Index) -> Words:
    """A chronology row's "what": a point's words before its entry, other facts after it."""
    entry, what = named(index, d.entry), happened(d, index)
    if d.own:
        return what.capitalised() + ": " + entry
    if d.what == "point":
        return what + " (" + entry + ")"
    return entry + ": " + what if what else entry


def summary(d: Dated, index: Index) -> Words:
    """A calendar event's summary: the entry, then what happened."""
    entry, what = named(index, d.entry), happened(d, index)
    return entry + ": " + what if what else entry


def tooltip(d: Dated, index: Index) -> Words:
    """A timeline mark's tooltip: the date in words, the entry, what happened."""
    out = Words((When(d.date),)) + ": " + named(index, d.entry)
    what = happened(d, index)
    if what:
        out += " (" + what + ")"
    if d.disputed:
        out += ". Disputed date: the articles give dates that cannot all be true"
    return out
