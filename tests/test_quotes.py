"""The quotation budget (macros/quotes.py): what the dossier quotes of an article, all entries
together, is at most schema.QUOTE_SHARE of the article's words, and the check says so on the line
of the article's `words` when it is not. Counted from small dossiers written for each test."""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros import load, quotes, schema
from macros.corpus import collect
from macros.index import Entry, freeze

LIMIT = f"{schema.QUOTE_SHARE:.0%}"


def article(words: object = 20, body: str = "", aid: str = "report") -> str:
    """An article whose `words` stands on line 8."""
    return (
        f'---\ntype: article\nname: Article {aid}\nsummary: s\npublisher: paper\npublished: "2007"\n'
        f"date_evidence: d\nwords: {words}\nurl: https://example.org/{aid}\nlanguage: fr\n---\n{body}"
    )


PAPER = "---\ntype: organisation\nname: A paper\nsummary: s\nkind: publication\n---\n"


def person(points: list[tuple[str, list[str]]] = (), body: str = "", sources: tuple[str, ...] = ("report",)) -> str:
    """A person with one point per (quotation, sources); `sources` are its own."""
    lines = ["---", "type: person", "name: Someone", "summary: s", f"sources: [{', '.join(sources)}]"]
    if points:
        lines.append("points:")
        for quote, cited in points:
            lines += ["  - says: A fact.", f"    sources: [{', '.join(cited)}]", f"    quote: {json.dumps(quote)}"]
    return "\n".join(lines) + "\n---\n" + body


def check(root: Path, files: dict[str, str]) -> list[str]:
    for name, text in files.items():
        path = root / "entries" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    corpus = collect(root / "entries", root)
    # What each file quotes is counted as it is read: the same as counted from the index.
    assert corpus.budgets == quotes.budgets(corpus.index)
    return [str(p) for p in corpus.problems]


def limit(words: int) -> int:
    """The most words the quotations of an article of `words` words may hold, counted apart."""
    return int(Fraction(str(schema.QUOTE_SHARE)) * words)


# --- a dossier within the budget, and one beyond it ------------------------------------------


def test_a_dossier_quoting_up_to_the_limit_passes(tmp_path):
    # 15 % of 20 words is 3: a three-word quotation is within, on the boundary.
    assert limit(20) == 3
    files = {
        "articles/report.md": article(20),
        "organisations/paper.md": PAPER,
        "people/kvasov.md": person([("un deux trois", ["report"])]),
    }
    assert check(tmp_path, files) == []


def test_a_dossier_quoting_beyond_the_limit_fails_on_the_line_of_words(tmp_path):
    files = {
        "articles/report.md": article(20),
        "organisations/paper.md": PAPER,
        "people/kvasov.md": person([("un deux", ["report"])], body="He said « trois quatre ».\n"),
    }
    lines = check(tmp_path, files)
    assert article(20).split("\n")[7] == "words: 20"
    assert lines == [
        "entries/articles/report.md:8: words: quotations of this article, all entries together, hold 4 of its "
        f"20 words (20.0%), over the limit of {LIMIT} (3 words): shorten or paraphrase quotations in "
        "entries/people/kvasov.md:9 (4 words)"
    ]
    assert person([("un deux", ["report"])]).split("\n")[8].startswith("    quote:")  # its first quotation
    # Paraphrased, the quotation no longer counts.
    files["people/kvasov.md"] = person([("un deux", ["report"])], body="He said three and four.\n")
    assert check(tmp_path, files) == []


@pytest.mark.parametrize("key", ["quote:", "quote :", "'quote':", '"quote":', "quote  :"])
def test_a_quotation_counts_however_yaml_lets_its_key_be_written(tmp_path, key):
    # A plain scalar: no quotation mark anywhere in the file that could tell of a quotation.
    text = person([("un deux trois quatre", ["report"])]).replace(
        '    quote: "un deux trois quatre"', f"    {key} un deux trois quatre"
    )
    assert "un deux trois quatre" in text and '"' not in text.replace('"quote":', "")
    files = {"articles/report.md": article(20), "organisations/paper.md": PAPER, "people/kvasov.md": text}
    lines = check(tmp_path, files)
    assert len(lines) == 1 and "hold 4 of its 20 words" in lines[0], lines


def test_the_three_entries_that_quote_most_are_named_and_the_others_counted(tmp_path):
    files = {"articles/report.md": article(40), "organisations/paper.md": PAPER}
    for n, size in enumerate((1, 5, 2, 5, 3)):
        files[f"people/p{n}.md"] = person([(" ".join(["mot"] * size), ["report"])])
    assert check(tmp_path, files) == [
        "entries/articles/report.md:8: words: quotations of this article, all entries together, hold 16 of its "
        f"40 words (40.0%), over the limit of {LIMIT} (6 words): shorten or paraphrase quotations in "
        "entries/people/p1.md:9 (5 words), entries/people/p3.md:9 (5 words) and entries/people/p4.md:9 (3 words); "
        "2 other entries quote it too"
    ]


def test_a_quotation_counts_against_every_article_its_fact_cites_and_the_body_against_every_source(tmp_path):
    files = {
        "articles/report.md": article(20),
        "articles/other.md": article(1000, aid="other"),
        "organisations/paper.md": PAPER,
        # The body's quotation counts against both: the person's own source and the one its point cites.
        "people/kvasov.md": person([("un deux", ["report", "other"])], body="“trois quatre”\n"),
    }
    lines = check(tmp_path, files)
    assert len(lines) == 1 and lines[0].startswith("entries/articles/report.md:8: words: ")
    assert "hold 4 of its 20 words" in lines[0]
    figures = {b.article: (b.quoted, b.words) for b in quotes.budgets(collect(tmp_path / "entries", tmp_path).index)}
    assert figures == {"report": (4, 20), "other": (4, 1000)}


# --- every place the declaration gives a quotation ----------------------------------------------


def _quoting_paths(f: schema.Field, path: tuple = ()) -> list[tuple]:
    """The paths (field names, and [] for a list's items) to every object of the declaration that
    holds both a quotation and its sources."""
    if f.is_list and f.item is not None:
        return _quoting_paths(f.item, path + ("[]",))
    if not f.is_mapping:
        return []
    found = [path] if f.subfield("quote") and f.subfield("sources") else []
    for s in f.fields:
        found += _quoting_paths(s, path + (s.name,))
    return found


def _value_at(path: tuple, leaf: dict):
    """A value that holds `leaf` at `path` and nothing else."""
    if not path:
        return leaf
    if path[0] == "[]":
        return [_value_at(path[1:], leaf)]
    return {path[0]: _value_at(path[1:], leaf)}


PLACES = [(t, f.name, path) for t in schema.TYPES for f in t.fields for path in _quoting_paths(f)]


def test_the_declaration_gives_quotations_in_claims_and_disputed_versions():
    # What the walk below covers, so that it cannot pass by finding nothing.
    names = {(t.name, field) for t, field, _ in PLACES}
    assert ("ruling", "disputed") in names and ("person", "roles") in names and ("organisation", "relations") in names


@pytest.mark.parametrize("etype, field, path", PLACES, ids=[f"{t.name}.{f}{''.join(p)}" for t, f, p in PLACES])
def test_a_quotation_is_counted_wherever_the_declaration_puts_one(etype, field, path):
    leaf = {"quote": "un deux  trois", "sources": ["a", "b"]}
    data = {"type": etype.name, "name": "x", field: _value_at(path, leaf)}
    entry = Entry("x", etype, "entries/x.md", freeze(data), "", 1)
    assert list(quotes.quotations(entry)) == [(3, ("a", "b"))]


# --- root causes first -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "words, expected",
    [
        (None, ["entries/articles/report.md:2: words: is required: "]),
        ('"300"', ["entries/articles/report.md:8: words: must be a plain number"]),
        (
            "0",
            ["entries/articles/report.md:8: words: is 0: the article's length is a whole number of words, above zero"],
        ),
        ("-20", ["entries/articles/report.md:8: words: is -20: the article's length is a whole number of words"]),
        ("20.5", ["entries/articles/report.md:8: words: is 20.5: the article's length is a whole number of words"]),
    ],
)
def test_an_article_without_a_valid_length_has_no_budget_line_only_its_own(tmp_path, words, expected):
    text = article(words) if words is not None else article().replace("words: 20\n", "")
    files = {
        "articles/report.md": text,
        "organisations/paper.md": PAPER,
        "people/kvasov.md": person([(" ".join(["mot"] * 40), ["report"])], body="« un deux trois »\n"),
    }
    lines = check(tmp_path, files)
    assert len(lines) == len(expected)
    for line, start in zip(lines, expected):
        assert line.startswith(start)


def test_a_quotation_citing_a_missing_article_has_no_budget_line(tmp_path):
    files = {
        "articles/report.md": article(1000),
        "organisations/paper.md": PAPER,
        "people/kvasov.md": person([(" ".join(["mot"] * 40), ["reprot"])]),
    }
    assert check(tmp_path, files) == [
        "entries/people/kvasov.md:8: points[1].sources[1]: 'reprot' is not an entry; did you mean 'report'?"
    ]


# --- quotations in running text ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, spans",
    [
        ("no quotation", []),
        ("« un deux »", [" un deux "]),
        ("“one” and «deux»", ["one", "deux"]),
        ("« il dit “oui” puis « non » »", [" il dit “oui” puis « non » "]),  # the inner ones count once, within
        ("« jamais fermé", []),
        ("fermé » sans ouverture", []),
        ("« ouvert « puis fermé »", [" puis fermé "]),  # the mark that closes is the nearest opened
        ("« a “ b » c ”", [" a “ b "]),  # an unclosed inner mark is closed with its outer one
        ("”«»“", [""]),
        ("» umgekehrt « und „deutsch“", [" umgekehrt ", "deutsch"]),
        ("‹ un › et ‚ deux ‘ et „ trois ”", [" un ", " deux ", " trois "]),
        ("‘l’article d’AllofMP3’ dit", ["l’article d’AllofMP3"]),  # an apostrophe ends no quotation
        ("the dogs’ ‘bowl’", ["bowl"]),
        ('"le site" and "the founder"', ["le site"]),  # straight quotes: French only
        ('"OMC" or "à priori" or "qu’il"', ["à priori", "qu’il"]),
        ("‘it's’ and 'l’a'", ["it's"]),  # a straight ' neither opens nor closes
    ],
)
def test_quoted_spans(text, spans):
    assert quotes.quoted_spans(text) == spans


MARKS = "«»“”"
SPACES = [" ", "  ", "\u00a0", "\u202f", "\u2009", "\u3000", "\t", "\n"]
# A word: letters and digits, maybe with punctuation after it, which is not a word of its own.
WORD = st.builds(
    str.__add__,
    st.text(alphabet="abcdeéàçxyzABC0123456789", min_size=1, max_size=8),
    st.sampled_from(["", ",", ";", ":", "!", "?", "…"]),
)


@given(
    st.text(
        alphabet=st.sampled_from(list(MARKS) + [s for s in SPACES if len(s) == 1] + ["a", "b", "é", "—"]), max_size=60
    )
)
@settings(max_examples=500, deadline=None)
def test_any_text_of_marks_and_spaces_gives_disjoint_spans_and_never_fails(text):
    spans = quotes.quoted_spans(text)
    assert all(s in text for s in spans)
    assert sum(len(s) for s in spans) <= len(text) - 2 * len(spans)  # each span within its own two marks
    assert sum(quotes.words(s) for s in spans) <= quotes.words(text)
    if not any(m in text for m in MARKS):
        assert spans == []


def _spans_by_search(text: str) -> list[str]:
    """The quotations as the rule says them, found the plain way: each mark searches back through
    every opening still open for the last it closes, else opens if it can (quadratic, fine for
    short texts)."""
    opened: list[tuple[str, int]] = []  # (the marks that close it, where its quotation starts)
    spans = []
    for m in quotes._MARKS.finditer(text):
        depth = next((d for d in range(len(opened) - 1, -1, -1) if m.group() in opened[d][0]), None)
        if depth is not None:
            span = (opened[depth][1], m.start())
            if m.group() != '"' or quotes._FRENCH.search(text[span[0] : span[1]]):  # straight: French only
                spans.append(span)
            del opened[depth:]
        elif m.group() in quotes.CLOSES:
            opened.append((quotes.CLOSES[m.group()], m.end()))
    outer = [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
    return [text[a:b] for a, b in sorted(outer)]


ALL_MARKS = '«»“”„‹›‘’‚"'


@given(st.lists(st.sampled_from(list(ALL_MARKS) + [" ", "a", "l’a", " le "]), max_size=60).map("".join))
@settings(max_examples=800, deadline=None)
def test_the_linear_scan_finds_the_quotations_the_plain_search_finds(text):
    assert quotes.quoted_spans(text) == _spans_by_search(text)


def _steps(text: str) -> int:
    """How many lines of `quoted_spans` run on the text."""
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        if frame.f_code is quotes.quoted_spans.__code__:
            if event == "line":
                count += 1
            return trace
        return None

    sys.settrace(trace)
    try:
        quotes.quoted_spans(text)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize(
    "adversary",
    [
        lambda n: "«" * n + "”" * n,  # every close searched every opening, of the other kind
        lambda n: "«“" * n + "»" * n,  # a close drops the openings within: each is dropped once
        lambda n: "«“" * n + "”»" * n,
    ],
)
def test_the_scan_takes_steps_in_proportion_to_the_marks(adversary):
    small, large = _steps(adversary(200)), _steps(adversary(800))
    assert large <= 4 * small + 50  # four times the marks, at most four times the steps


def test_a_whole_file_of_unmatched_marks_is_checked_and_its_quotation_counted(tmp_path):
    n = (load.MAX_BYTES - 4096) // len("«”".encode())
    body = "«" * n + "”" * n + "\n\nShe said « un deux trois ».\n"
    files = {"articles/report.md": article(20), "organisations/paper.md": PAPER, "people/kvasov.md": person(body=body)}
    assert len(files["people/kvasov.md"].encode()) <= load.MAX_BYTES
    assert check(tmp_path, files) == []
    figures = {b.article: b for b in quotes.budgets(collect(tmp_path / "entries", tmp_path).index)}
    assert figures["report"].by_entry == (("kvasov", 3),)


# --- words: what no joiner, shown or not, can shrink -------------------------------------------

# Characters that are not letters or digits, and so part of no word: spaces of every width,
# invisible joiners and marks, punctuation (the apostrophes left out: they join an elision).
JOINERS = st.text(
    alphabet=st.characters(blacklist_categories=("L", "N", "Mn", "Mc", "Pc", "Cs"), blacklist_characters="'’"),
    min_size=1,
    max_size=3,
)


@given(st.lists(st.tuples(st.text(alphabet="abcéàçXYZ0123456789", min_size=3, max_size=8), JOINERS), max_size=40))
@settings(max_examples=300, deadline=None)
def test_words_joined_by_anything_but_letters_count_one_each(parts):
    assert quotes.words("".join(word + joiner for word, joiner in parts)) == len(parts)


def test_five_quotations_joined_by_zero_width_spaces_count_all_their_words(tmp_path):
    joined = "\u200b".join(["mot"] * 70)  # within a quotation's most characters, shown as one word
    files = {
        "articles/report.md": article(2400),
        "organisations/paper.md": PAPER,
        "people/kvasov.md": person([(joined, ["report"])] * 5),
    }
    assert check(tmp_path, files) == []
    figures = {b.article: b for b in quotes.budgets(collect(tmp_path / "entries", tmp_path).index)}
    assert figures["report"].quoted == 350


@pytest.mark.parametrize("text, count", [("l’article", 1), ("qu’il a dit", 3), ("peut-être", 2), ("587 000", 2)])
def test_an_elision_is_one_word_and_a_hyphen_joins_none(text, count):
    assert quotes.words(text) == count


# --- quotations in every free-text field ---------------------------------------------------------


def _text_places(f: schema.Field, chain: tuple = ()) -> list[tuple[schema.Field, ...]]:
    """The fields from a top-level one down to each free-text value of the declaration; a
    `quote` beside its sources is left out (it counts whole)."""
    chain += (f,)
    if f.is_list and f.item is not None:
        return _text_places(f.item, chain)
    if f.is_mapping:
        whole = f.subfield("quote") is not None and f.subfield("sources") is not None
        return [c for s in f.fields if not (whole and s.name == "quote") for c in _text_places(s, chain)]
    return [chain] if f.kind.quoted else []


def _holding(chain: tuple[schema.Field, ...], text: str) -> tuple[object, bool]:
    """A value that holds `text` down the chain, and whether an object on the way names its
    own sources (the innermost that can names ["a", "b"])."""
    f, rest = chain[0], chain[1:]
    if not rest:
        return text, False
    if f.is_list:
        value, own = _holding(rest, text)
        return [value], own
    value, own = _holding(rest, text)
    mapping = {rest[0].name: value}
    if not own and f.subfield("sources") is not None:
        mapping["sources"] = ["a", "b"]
        own = True
    return mapping, own


TEXT_PLACES = [(t, chain) for t in schema.TYPES for f in t.fields for chain in _text_places(f)]


def test_the_declaration_has_free_text_in_facts_and_at_the_top():
    # What the walk below covers, so that it cannot pass by finding nothing.
    names = {(t.name, tuple(f.name for f in chain)) for t, chain in TEXT_PLACES}
    assert ("person", ("summary",)) in names and ("person", ("points", "points", "says")) in names


@pytest.mark.parametrize(
    "etype, chain", TEXT_PLACES, ids=[f"{t.name}.{'.'.join(f.name for f in c)}" for t, c in TEXT_PLACES]
)
def test_a_quotation_in_free_text_is_counted_wherever_the_declaration_puts_text(etype, chain):
    value, own = _holding(chain, "He said « un deux\u200btrois » and “quatre”.")
    data = {"type": etype.name, "name": "x", "sources": ["top"], chain[0].name: value}
    entry = Entry("x", etype, "entries/x.md", freeze(data), "", 1)
    found = list(quotes.quotations(entry))
    assert found == [(4, ("a", "b") if own else entry.sources)]


# --- any dossier: a problem exactly when the budget is passed, with the figures of a count apart ---

# A quotation: its words, the spaces between them, where it stands (a point's quote, or the
# body within guillemets or curly quotes), which person writes it and which articles its point cites.
QUOTATION = st.tuples(
    st.lists(WORD, min_size=1, max_size=12),
    st.lists(st.sampled_from(SPACES[:-2]), min_size=11, max_size=11),
    st.sampled_from(["point", "«»", "“”"]),
    st.integers(0, 2),
    st.sampled_from([("report",), ("other",), ("report", "other")]),
)


def _first_quoting(points: list, aid: str) -> int:
    """The line `person` gives the first quotation of `aid`: the quote of the first point citing
    it, or else the body's first line, where every paragraph quotes."""
    for k, (_, cited) in enumerate(points):
        if aid in cited:
            return 9 + 3 * k
    return 7 + (1 + 3 * len(points) if points else 0)


def _joined(words: list[str], spaces: list[str]) -> str:
    return words[0] + "".join(space + word for space, word in zip(spaces, words[1:]))


@given(
    sizes=st.fixed_dictionaries({"report": st.integers(1, 120), "other": st.integers(1, 120)}),
    quotations=st.lists(QUOTATION, max_size=12),
)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_quotations_never_pass_the_budget_without_a_problem_that_counts_them(sizes, quotations):
    points: dict[int, list] = {n: [] for n in range(3)}
    bodies: dict[int, list[str]] = {n: [] for n in range(3)}
    count: dict[str, Counter] = {"report": Counter(), "other": Counter()}
    for words, spaces, where, who, cited in quotations:
        text = _joined(words, spaces)
        if where == "point":
            points[who].append((text, list(cited)))
            for aid in cited:
                count[aid][who] += len(words)
        else:
            bodies[who].append(f"She said {where[0]}{spaces[0]}{text}{where[1]}, then stopped.")
    for who in range(3):  # a body's quotations count against the person's sources: its own and its points'
        quoted = sum(len(words) for words, _, where, p, _ in quotations if p == who and where != "point")
        for aid in {"report", *(a for _, cited in points[who] for a in cited)} if quoted else ():
            count[aid][who] += quoted
    with tempfile.TemporaryDirectory() as tmp:
        files = {
            "articles/report.md": article(sizes["report"]),
            "articles/other.md": article(sizes["other"], aid="other"),
            "organisations/paper.md": PAPER,
        }
        for who in range(3):
            files[f"people/p{who}.md"] = person(points[who], body="\n\n".join(bodies[who]) + "\n")
        lines = check(Path(tmp), files)
    expected = []
    for aid in sorted(count):
        quoted, size = sum(count[aid].values()), sizes[aid]
        if quoted > limit(size):
            most = sorted(count[aid].items(), key=lambda kv: (-kv[1], kv[0]))
            named = [
                f"entries/people/p{who}.md:{_first_quoting(points[who], aid)} ({n} word{'s' if n != 1 else ''})"
                for who, n in most[:3]
            ]
            expected.append(
                f"entries/articles/{aid}.md:8: words: quotations of this article, all entries together, hold "
                f"{quoted} of its {size} words ({quoted / size:.1%}), over the limit of {LIMIT} ({limit(size)} "
                f"words): shorten or paraphrase quotations in "
                + (named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1])
            )
    assert sorted(lines) == sorted(expected)


def test_the_figures_for_a_page_are_those_the_check_reads(tmp_path):
    files = {
        "articles/report.md": article(100),
        "articles/other.md": article(20, aid="other"),
        "organisations/paper.md": PAPER,
        "people/kvasov.md": person([("un deux", ["report"]), ("trois", ["report", "other"])], body="«quatre»\n"),
    }
    check(tmp_path, files)
    index = collect(tmp_path / "entries", tmp_path).index
    figures = {b.article: b for b in quotes.budgets(index)}
    assert [b.article for b in quotes.budgets(index)] == [e.id for e in index.by_type["article"]]
    assert (figures["report"].quoted, figures["report"].words, figures["report"].share) == (4, 100, 0.04)
    assert (figures["other"].quoted, figures["other"].words, figures["other"].limit) == (2, 20, 3)
    assert figures["other"].by_entry == (("kvasov", 2),)
    assert not any(b.over for b in figures.values())


def test_a_length_never_read_as_valid_is_left_out_of_the_figures():
    etype = schema.BY_NAME["article"]
    for words in (0, -3, 2.5, "300", True):
        entry = Entry("a", etype, "entries/articles/a.md", MappingProxyType({"words": words}), "", 1)
        assert quotes.length(entry) is None
