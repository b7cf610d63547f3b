"""The quotation budget: how much of each article the dossier quotes, all entries together.

The articles are quoted to support facts, never republished: the words of every quotation
that cites an article, summed over the dossier, may be at most `schema.QUOTE_SHARE` of the
article's length (its `words` field). A quotation is
- a fact's `quote` (any object that the declaration gives both a `quote` and `sources`),
  counted whole against each article the fact cites;
- a span within quotation marks (`CLOSES`: guillemets either way round, curly, German and
  single quotes, and straight double quotes around French) in free text (`Kind.quoted`: a
  `says`, a `summary`, any text field but a counted `quote`), counted against the sources of
  the object that holds it, else against each of the entry's sources;
- such a span in the entry's body, counted against each of the entry's sources.
Words are runs of letters and digits (`words`). The count is one pass over the entries, for
`make check`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import Iterable, Iterator, Mapping

from . import schema
from .index import Entry, Index
from .problems import Problem

LENGTH = "words"  # the field of an article that gives its length in words
# The share as the decimal it is written as: 15 % of 300 words is 45 words, not 44.999...
SHARE = Fraction(repr(schema.QUOTE_SHARE))
# The marks that open a quotation in running text, and the marks that may close each: French
# guillemets either way round (»…« is German), English and German curly quotes, single
# guillemets, curly single quotes and straight double quotes. A mark that both closes and opens
# (» “ ‘ " …) closes the last opening that awaits it, if any is open, else opens. The apostrophe ’
# closes only where it does not stand between two letters (l’article, don’t), so that an elision
# never ends a quotation; the straight ' is left out, being the apostrophe of most keyboards.
CLOSES: dict[str, str] = {
    "«": "»",
    "»": "«",
    "“": "”",
    "„": "“”",
    "‹": "›",
    "›": "‹",
    "‘": "’",
    "‚": "‘’",
    '"': '"',
}
CLOSED_BY = frozenset("".join(CLOSES.values()))
_MARKS = re.compile(r'[«»“”„‹›‘‚"]|(?<!\w)’|’(?!\w)')
# Any character `_MARKS` may match: a text with none holds no quotation. Searched first since a
# search for one character of a set skips ahead, where `_MARKS`, for its apostrophe's
# lookarounds, tries each position of the text (most texts of a dossier hold no mark at all).
_ANY_MARK = re.compile(r'[«»“”„‹›‘‚"’]')
SHOWN = 3  # how many entries a budget problem names: those that quote the article most
# Straight double quotes also set off English words in English prose ("the founder", a scare
# quote), which quote nothing of a French article: a span within them is a quotation when it
# reads as French, holding a French accented letter, an elision or a French function word.
_FRENCH = re.compile(
    r"[àâæçéèêëîïôœùûüÿ]|\b(?:[cdjlmnst]|qu)['’]\w"
    r"|\b(?:le|la|les|un|une|des|du|de|et|est|au|aux|en|pour|par|que|qui|sur|dans|ne|pas|il|elle|ils"
    r"|se|sa|son|ses|ce|cette|avec|ou|plus|mais)\b",
    re.IGNORECASE,
)
# A word: a run of letters and digits, with the elided one- or two-letter word before it (l’, qu’).
_WORD = re.compile(r"(?:\w{1,2}['’])?\w+")


def words(text: str) -> int:
    """The words of a text: its runs of letters and digits, an elided l’ or qu’ joined to the
    word after it. Not what whitespace separates, since a zero-width space (or any character
    that is not a letter, shown or not) would join a whole quotation into one "word"."""
    return len(_WORD.findall(text))


def quoted_spans(text: str) -> list[str]:
    """The quotations of a text, each once: what stands between an opening mark of `CLOSES`
    and a mark that closes it.

    A quotation within another counts as part of the outer one. A mark never closed, or a
    closing mark never opened, quotes nothing: they are typing slips, not quotations.
    """
    # Every opening still open, by its serial number, and for each closing mark the openings that
    # await it (where in `opened` they stood, their serial, where their quotation starts): a close
    # finds its opening without searching `opened`, so that the scan is linear, where a search was
    # quadratic on 50,000 « then 50,000 ”. An opening dropped within a closed quotation stays in its
    # mark's stack until it comes to the top: it is dead when `opened` no longer holds it where it stood.
    opened: list[int] = []
    waiting: dict[str, list[tuple[int, int, int]]] = {close: [] for close in CLOSED_BY}
    spans: list[tuple[int, int]] = []
    for serial, m in enumerate(_MARKS.finditer(text)):
        mark = m.group()
        stack = waiting.get(mark)
        if stack is not None:
            while stack and not (stack[-1][0] < len(opened) and opened[stack[-1][0]] == stack[-1][1]):
                stack.pop()
            if stack:  # closes the last opening that awaits it, and any unclosed marks within it
                depth, _, start = stack.pop()
                if mark != '"' or _FRENCH.search(text, start, m.start()):
                    spans.append((start, m.start()))
                del opened[depth:]
                continue
        if mark in CLOSES:
            for close in CLOSES[mark]:
                waiting[close].append((len(opened), serial, m.end()))
            opened.append(serial)
    # Closed spans nest or stand apart; keep the outermost: those not within the one before.
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[str] = []
    end = -1
    for start, stop in spans:
        if start >= end:
            out.append(text[start:stop])
            end = stop
    return out


# --- where the declaration puts quotations -----------------------------------------------


@dataclass(frozen=True, slots=True)
class _Plan:
    """Where the quotations stand in values of one field, read once from its declaration."""

    each: "_Plan | None" = None  # a list: the plan of its items
    text: bool = False  # free text (`Kind.quoted`): its spans within quotation marks are quotations
    sources: bool = False  # an object that names its own sources: what it holds counts against them
    quotes: bool = False  # an object holding both a quotation and its sources
    fields: tuple[tuple[str, "_Plan"], ...] = ()  # an object: its fields that may hold quotations


def _plan(f: schema.Field) -> _Plan | None:
    """How to reach the quotations in values of the field, or None where they can hold none."""
    if f.is_list and f.item is not None:
        each = _plan(f.item)
        return None if each is None else _Plan(each=each)
    if f.is_mapping:
        sources = f.subfield("sources") is not None
        quotes = sources and f.subfield("quote") is not None
        # A quotation is counted whole, not again for the marks it may hold.
        fields = tuple(
            (s.name, p) for s in f.fields if (p := _plan(s)) is not None and not (quotes and s.name == "quote")
        )
        if quotes or fields:
            return _Plan(sources=sources, quotes=quotes, fields=fields)
        return None
    return _Plan(text=True) if f.kind.quoted else None


# What the index holds (index.freeze), or what a caller built by hand: checked by exact type,
# since an abstract-class check on every value would cost more than the rest of the count.
_MAPPINGS = (MappingProxyType, dict)
_LISTS = (tuple, list)


def _spans_words(text: str) -> int:
    """The words within quotation marks in a text."""
    return sum(words(s) for s in quoted_spans(text)) if _ANY_MARK.search(text) else 0


def _walk(plan: _Plan, value, sources: tuple, path: tuple) -> Iterator[tuple[int, tuple, tuple]]:
    """(words, articles, value path) for every quotation in a value that follows the plan, where
    `sources` are those of the object around it and `path` the value's own."""
    if plan.text:
        if type(value) is str and (n := _spans_words(value)):
            yield n, sources, path
        return
    if plan.each is not None:
        if type(value) in _LISTS:
            for i, item in enumerate(value):
                yield from _walk(plan.each, item, sources, (*path, i))
        return
    if type(value) not in _MAPPINGS:
        return
    if plan.sources and type(own := value.get("sources")) in _LISTS:
        sources = tuple(own)
    if plan.quotes:
        quote = value.get("quote")
        if type(quote) is str:
            yield words(quote), sources, (*path, "quote")
    for name, sub in plan.fields:
        if name in value:
            yield from _walk(sub, value[name], sources, (*path, name))


_plans: dict[int, tuple[schema.EntryType, tuple[tuple[str, _Plan], ...]]] = {}  # by id() of the type


def _type_plan(etype: schema.EntryType) -> tuple[tuple[str, _Plan], ...]:
    known = _plans.get(id(etype))
    if known is None or known[0] is not etype:
        known = _plans[id(etype)] = (etype, tuple((f.name, p) for f in etype.fields if (p := _plan(f)) is not None))
    return known[1]


def quotations(entry: Entry) -> Iterator[tuple[int, tuple[str, ...]]]:
    """(words, the articles it is counted against) for each quotation of the entry: a fact's
    quotation, the quoted spans of a free-text field, and those of the body, all together."""
    for n, sources, _ in _located(entry):
        yield n, sources


def _located(entry: Entry) -> Iterator[tuple[int, tuple[str, ...], tuple]]:
    """`quotations`, each with the path of the value that holds it; () for the body."""
    data = entry.data
    for name, plan in _type_plan(entry.type):
        if name in data:
            yield from _walk(plan, data[name], entry.sources, (name,))
    n = _spans_words(entry.body)
    if n:
        yield n, entry.sources, ()


def first_lines(entry: Entry, key_lines: Mapping[tuple, int]) -> dict[str, int]:
    """For each article the entry quotes, the line of its first quotation of it: its key's, from
    the file's `key_lines` (load.Raw's), or the body's line holding the first quotation mark.
    Worked out as the file is read, so that only these lines are kept, not every key's."""
    found: dict[str, int] = {}
    for n, sources, path in _located(entry):
        if not n or all(a in found for a in sources):
            continue
        if path:
            line = next((key_lines[path[:k]] for k in range(len(path), 0, -1) if path[:k] in key_lines), 1)
        else:
            mark = _MARKS.search(entry.body)
            line = entry.body_line + (entry.body.count("\n", 0, mark.start()) if mark else 0)
        for a in sources:
            found.setdefault(a, line)
    return found


# --- the budget ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Budget:
    """How much of one article the dossier quotes."""

    article: str
    quoted: int  # words of the quotations citing it, all entries together
    words: int  # the article's length in words
    by_entry: tuple[tuple[str, int], ...]  # (entry id, words it quotes), most first, then by id

    @property
    def limit(self) -> int:
        """The most words the quotations of the article may hold."""
        return int(SHARE * self.words)

    @property
    def share(self) -> float:
        return self.quoted / self.words

    @property
    def over(self) -> bool:
        return self.quoted > self.limit


def length(entry: Entry) -> int | None:
    """The article's length in words, or None when it gives none that can be a length."""
    n = entry.data.get(LENGTH)
    return n if type(n) is int and n > 0 else None


def tally(entries: Iterable[Entry], quoted: Mapping[str, tuple] | None = None) -> dict[str, Counter]:
    """By article id, the words each entry's quotations hold of it (by entry id): every article
    a quotation is counted against, whether or not it gives its length. `quoted`: each entry's
    `quotations` by id where they were counted already."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for e in entries:
        for n, sources in quoted[e.id] if quoted is not None and e.id in quoted else quotations(e):
            for source in sources:
                counts[source][e.id] += n
    return counts


def budgets(index: Index, quoted: Mapping[str, tuple] | None = None) -> tuple[Budget, ...]:
    """Every article that gives its length: words quoted, words, share (`Budget.share`), in the
    index's order of articles. The figures for a page (the Sources overview), and what the check reads.
    `quoted`: each entry's `quotations` by id, as counted when its file was read (corpus.py)."""
    measured = {
        e.id: n for t in schema.TYPES if t.field(LENGTH) for e in index.by_type[t.name] if (n := length(e)) is not None
    }
    counts = tally(index.entries.values(), quoted)
    out = []
    for aid, size in measured.items():
        by_entry = sorted(counts[aid].items(), key=lambda kv: (-kv[1], kv[0])) if aid in counts else []
        out.append(Budget(aid, sum(n for _, n in by_entry), size, tuple(by_entry)))
    return tuple(out)


def problems(
    index: Index,
    lines: Mapping[str, int],
    first: Mapping[str, Mapping[str, int]] | None = None,
    counted: tuple[Budget, ...] | None = None,
) -> list[Problem]:
    """One problem per article quoted beyond the budget, on the line of its length (`lines`, by id),
    naming the line of each entry's first quotation of it (`first`: by id, `first_lines`);
    one per article whose length is no whole number above zero, since no budget can be taken of it."""
    found = []
    for t in schema.TYPES:
        if t.field(LENGTH):
            for e in index.by_type[t.name]:
                if LENGTH in e.data and length(e) is None:
                    found.append(
                        Problem(
                            e.path,
                            lines.get(e.id, 1),
                            LENGTH,
                            f"is {e.data[LENGTH]}: the article's length is a whole number of words, above zero",
                        )
                    )
    for b in budgets(index) if counted is None else counted:
        if b.over:
            found.append(
                Problem(index.entries[b.article].path, lines.get(b.article, 1), LENGTH, _message(index, b, first or {}))
            )
    return found


def _message(index: Index, b: Budget, first: Mapping[str, Mapping[str, int]]) -> str:
    most = []
    for eid, n in b.by_entry[:SHOWN]:
        e = index.entries[eid]
        line = first.get(eid, {}).get(b.article, 1)
        most.append(f"{e.path}:{line} ({n} word{'s' if n != 1 else ''})")
    listed = most[0] if len(most) == 1 else ", ".join(most[:-1]) + " and " + most[-1]
    rest = len(b.by_entry) - len(most)
    others = f"; {rest} other entr{'ies quote' if rest != 1 else 'y quotes'} it too" if rest else ""
    return (
        f"quotations of this article, all entries together, hold {b.quoted} of its {b.words} words "
        f"({b.share:.1%}), over the limit of {schema.QUOTE_SHARE:.0%} ({b.limit} words): shorten or paraphrase "
        f"quotations in {listed}{others}"
    )
