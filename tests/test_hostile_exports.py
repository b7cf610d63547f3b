"""Exports against hostile front matter: whatever text an entry holds, each export parses back,
with its own format's reader, to exactly the entries, rows and events that exist.

Hostile values (quotes, separators, braces, backslashes, formula starts, line breaks, tabs,
astral characters, and the pieces of each format's syntax) are put in the names, aliases,
summaries, points, titles, authors and addresses of the mini dossier, which is then read as
the check reads it. Characters the check refuses are tested apart: they never reach the index.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

import icalendar
import pytest
from conftest import FIXTURES
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pybtex.database import parse_string

from macros import cite, exports, kinds, schema, words
from macros.characters import UNSAFE
from macros.corpus import collect
from macros.published import Published

BUILT = datetime(2024, 3, 1, 12, 0, tzinfo=timezone.utc)
SITE = "https://example.org/dossier/"
PUBLISHED = Published(SITE, name="The test dossier")

PIECES = [
    ",",
    ";",
    '"',
    "'",
    "{",
    "}",
    "\\",
    "@",
    "=",
    "+",
    "-",
    "\n",
    "\t",
    " ",
    "%",
    "&",
    "$",
    "#",
    "_",
    "^",
    "~",
    "<",
    ">",
    "[",
    "]",
    "(",
    ")",
    ":",
    "*",
    "!",
    "|",
    "`",
    "?",
    "/",
    "a",
    "Z",
    "0",
    "é",
    "Ж",
    "\u200e",
    "\U0001f600",
    "\U0001f3f3\ufe0f\u200d\U0001f308",
    "𝔄",
    '=HYPERLINK("http://evil.example","x")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "=cmd|' /C calc'!A0",
    "}\n@misc{evil, title={x}}\n",
    "\\end{document}",
    "\\textbackslash{}",
    "END:VEVENT\nBEGIN:VEVENT",
    "\\n",
    "\\;",
    '""',
    'a,"b"\nc',
    "%7D",
]
REFUSED_PIECES = [
    "\r",
    "\x1b[2K",
    "\x00",
    "\x07",
    "\x0b",
    "\x0c",
    "\x7f",
    "\x85",
    "\x9b",
    "\u2028",
    "\u2029",
    "\u202e",
    "\u2066",
]
TEMPLATE = re.compile(r"\{\{|\{%|\{#|render_macros")


def _text(pieces: list[str], max_pieces: int = 10):
    return st.lists(st.sampled_from(pieces), min_size=1, max_size=max_pieces).map("".join)


_path_pieces = [p for p in PIECES if not re.search(r"\s", p)]
hostile = _text(PIECES)
# An address holds RFC 3986's characters only (the check refuses the others and names their
# escapes): the pieces go in as a contributor mends them, percent-encoded where they must be.
address = _text(_path_pieces, 6).map(lambda p: "https://example.org/" + quote(p, safe="!$&'()*+,;=:@/?"))
# Each value: the file and the field it is written in.
WHERE = {
    "name": ("people/jane-roe.md", "name"),
    "alias": ("people/jane-roe.md", "aliases[2]"),
    "summary": ("people/jane-roe.md", "summary"),
    "says": ("people/jane-roe.md", "points[1].says"),
    "shop": ("organisations/shop.md", "name"),
    "article": ("articles/first-report.md", "name"),
    "title": ("articles/first-report.md", "title"),
    "author": ("articles/first-report.md", "authors[1]"),
    "publisher": ("articles/first-report.md", "published_as"),
    "url": ("articles/first-report.md", "url"),
    "ruling": ("rulings/roe-case.md", "name"),
}
VALUES = tuple(WHERE)


def _dossier(tmp: Path, v: dict) -> Path:
    """The mini dossier with the values of `v` written in, each as a YAML double-quoted string."""
    root = tmp / "d"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(FIXTURES / "mini" / "entries", root / "entries")
    q = {k: json.dumps(x, ensure_ascii=False) for k, x in v.items()}
    edits = {
        "people/jane-roe.md": [
            ("name: Jane Roe", f"name: {q['name']}"),
            ('aliases: ["Джейн Роу", "Jeanne Roé"]', f'aliases: ["Джейн Роу", {q["alias"]}]'),
            (
                "summary: A director.",
                f"summary: {q['summary']}\npoints:\n  - says: {q['says']}\n"
                '    when: "2006-03"\n    sources: [first-report]',
            ),
        ],
        "organisations/shop.md": [("name: Shop", f"name: {q['shop']}")],
        "articles/first-report.md": [
            ("name: Premier article", f"name: {q['article']}"),
            ("title: Premier article", f"title: {q['title']}"),
            ("authors: [A. Writer]", f"authors: [{q['author']}]"),
            ("published_as: Le Papier", f"published_as: {q['publisher']}"),
            ("url: https://example.org/first", f"url: {q['url']}"),
        ],
        "rulings/roe-case.md": [("name: The Roe case", f"name: {q['ruling']}")],
    }
    for name, changes in edits.items():
        path = root / "entries" / name
        text = path.read_text(encoding="utf-8")
        for old, new in changes:
            assert old in text
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    return root


_values = st.fixed_dictionaries({k: (address if k == "url" else hostile) for k in VALUES})
_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


# --- reading each format back -------------------------------------------------------------------

_LATEX = {
    r"\textbackslash{}": "\\",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\^{}": "^",
    r"\~{}": "~",
    **{"\\" + c: c for c in "%&$#_"},
}
_LATEX_RE = re.compile("|".join(map(re.escape, _LATEX)))


def _from_latex(text: str) -> str:
    return _LATEX_RE.sub(lambda m: _LATEX[m.group()], text)


def _words(text: str) -> str:
    return " ".join(text.split())  # BibTeX reads any run of white space as one space


def _bib_address(url: str) -> str:
    """An address as BibTeX must get it: braces, backslashes and white space percent-encoded (the
    same address to a browser, which encodes them so too)."""
    return re.sub(r"[{}\\\s]", lambda m: quote(m.group(), safe=""), url)


def _csv_value(cell: str) -> str:
    assert not cell.startswith(exports.FORMULA_STARTS)  # nothing a spreadsheet would run
    for piece in re.split(r"[,;\t]", cell)[1:]:  # nor after a separator another reader splits on
        assert not piece.startswith(("=", "+", "-", "@", "\r")), cell
    return exports.csv_value(cell)


def _check_exports(index, v: dict) -> None:
    want = {k: x.strip() for k, x in v.items()}

    # CSV: one header and one row per entry, every value as written.
    for t in schema.TYPES:
        text = exports.type_csv(index, t)
        rows = list(csv.reader(io.StringIO(text, newline="")))
        entries = index.by_type[t.name]
        assert len(rows) == 1 + len(entries)
        header = rows[0]
        assert header[0] == "id" and header[-1] == "page"
        for row, entry in zip(rows[1:], entries):
            assert len(row) == len(header)
            cells = dict(zip(header, map(_csv_value, row)))
            assert cells["id"] == entry.id and cells["name"] == entry.name
            assert cells["summary"] == entry.summary
            assert cells["aliases"] == "; ".join(entry.aliases)
    people = {r[0]: r for r in csv.reader(io.StringIO(exports.type_csv(index, schema.BY_NAME["person"]), newline=""))}
    assert _csv_value(people["jane-roe"][1]) == want["name"]
    articles = list(csv.DictReader(io.StringIO(exports.type_csv(index, schema.BY_NAME["article"]), newline="")))
    first = next(r for r in articles if r["id"] == "first-report")
    assert (_csv_value(first["title"]), _csv_value(first["url"])) == (want["title"], want["url"])

    # iCalendar: one event per dated fact, its summary the fact in plain words.
    ics = exports.chronology_ics(index, BUILT, PUBLISHED)
    assert all(len(line.encode("utf-8")) <= 75 for line in ics.split("\r\n"))
    assert "\r" not in ics.replace("\r\n", "") and "\n" not in ics.replace("\r\n", "")
    events = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert len(events) == len(index.chronology)
    summaries = [str(e["SUMMARY"]) for e in events]
    assert summaries == [words.summary(d, index).text() for d in index.chronology]
    assert f"{want['name']}: {want['says']}" in summaries
    assert len({str(e["UID"]) for e in events}) == len(events)

    # BibTeX: exactly the entries cited, with their fields intact.
    articles = index.by_type["article"]
    rulings = index.by_type["ruling"]
    bib = "\n\n".join(
        [cite.article_bibtex(e, index) for e in articles]
        + [cite.ruling_bibtex(e, index, SITE + e.url, PUBLISHED.name_in_text) for e in rulings]
        + [cite.dossier_bibtex(BUILT, PUBLISHED)]
    )
    data = parse_string(bib, "bibtex")
    assert list(data.entries) == [e.id for e in articles] + [e.id for e in rulings] + ["allofmp3-dossier"]
    report = data.entries["first-report"]
    assert _words(_from_latex(report.fields["title"][1:-1])) == _words(want["title"])
    assert _words(_from_latex(report.fields["journal"])) == _words(want["publisher"])
    assert report.fields["url"] == _bib_address(want["url"])
    assert len(report.persons["author"]) == 1
    assert _words(_from_latex(data.entries["roe-case"].fields["title"][1:-1])) == _words(want["ruling"])
    assert data.entries["roe-case"].fields["url"] == SITE + "rulings/roe-case/"

    # JSON: every entry, every value.
    dossier = json.loads("".join(exports.dossier_json(index, BUILT, PUBLISHED.name)))
    assert [r["id"] for r in dossier["entries"]] == list(index.entries)
    records = {r["id"]: r for r in dossier["entries"]}
    assert records["jane-roe"]["name"] == want["name"] and records["jane-roe"]["summary"] == want["summary"]
    assert records["jane-roe"]["aliases"] == ["Джейн Роу", want["alias"]]
    assert records["first-report"]["fields"]["url"] == want["url"]
    graph = json.loads(exports.graph_json(index))
    assert [n["id"] for n in graph["nodes"]] == list(index.entries)


@_SETTINGS
@given(v=_values)
def test_exports_parse_back_to_exactly_the_entries_whatever_their_text(tmp_path, v):
    assume(all(x.strip() and not TEMPLATE.search(x) for x in v.values()))
    root = _dossier(tmp_path, v)
    corpus = collect(root / "entries", root)
    assert corpus.problems == ()
    _check_exports(corpus.index, v)


@_SETTINGS
@given(v=_values, refused=st.sampled_from(REFUSED_PIECES), where=st.sampled_from(VALUES))
def test_a_refused_character_never_reaches_the_index_or_an_export(tmp_path, v, refused, where):
    v = {**v, where: v[where] + refused + "x"}
    assume(all(x.strip() and not TEMPLATE.search(x) for x in v.values()))
    root = _dossier(tmp_path, v)
    corpus = collect(root / "entries", root)
    path, field = WHERE[where]
    assert [(p.path, p.field) for p in corpus.problems if "contains the" in p.message] == [
        (f"entries/{path}", field)
    ], corpus.problems
    for entry in corpus.index.entries.values():
        assert not UNSAFE.search(repr(dict(entry.data)) + entry.body), entry.id
    # Every export of what was indexed is clean, line ends apart.
    for name, pieces in exports.all_files(corpus.index, BUILT, PUBLISHED):
        text = "".join(pieces).replace("\r\n", "\n")
        assert not UNSAFE.search(text.replace("\n", "")), name


# --- each format's escaping, on its own ------------------------------------------------------


@pytest.mark.parametrize(
    "value, cell",
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'quoted", "''quoted"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        ("", ""),
        ("2007-08", "2007-08"),
        ("Ann;=cmd;x", "Ann;'=cmd;x"),
        ("a,-1", "a,'-1"),
        ("a, -1", "a, -1"),
    ],
)
def test_a_csv_cell_a_spreadsheet_would_run_is_neutralised(value, cell):
    assert exports.csv_cell(value) == cell


def test_a_carriage_return_in_a_csv_cell_cannot_forge_a_row(index):
    jane = index.entries["jane-roe"]
    forged = type(jane)(jane.id, jane.type, jane.path, {**jane.data, "name": "A\rB,=1\nC"}, jane.body, jane.body_line)
    swapped = type(index)(
        {**index.entries, "jane-roe": forged}, {**index.by_type, "person": (forged,)}, index.backlinks, index.references
    )
    text = exports.type_csv(swapped, schema.BY_NAME["person"])
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 2 and rows[1][1] == "A\rB,'=1\nC" and exports.csv_value(rows[1][1]) == "A\rB,=1\nC"


@pytest.mark.parametrize("text", ["}", "{", "a}b{c", "\\", "\\}", "%}", "}@misc{evil,\n title={x}}", "a\nb\r\nc"])
def test_a_bibtex_value_can_neither_close_its_entry_nor_open_another(text):
    entry = cite._fields_bibtex(
        "misc",
        "k",
        [
            ("title", "{" + cite._bib(text) + "}"),
            ("note", cite._bib(text)),
            ("url", cite._bib_url("https://x.example/" + text)),
        ],
    )
    data = parse_string(entry, "bibtex")
    assert list(data.entries) == ["k"]
    fields = data.entries["k"].fields
    assert _words(_from_latex(fields["note"])) == _words(text)
    assert fields["url"] == _bib_address("https://x.example/" + text)


def test_only_the_month_field_is_written_as_a_bibtex_macro():
    entry = cite._fields_bibtex("misc", "k", [("month", "aug"), ("note", "aug")])
    assert "month = aug" in entry and "note = {aug}" in entry


@pytest.mark.parametrize(
    "text, escaped",
    [
        ("a,b;c\\d\ne", "a\\,b\\;c\\\\d\\ne"),
        ("a\r\nb", "a\\nb"),
        ("a\rb", "a\\nb"),
        ("a\x1bb", "a\ufffdb"),
        ("tab\there", "tab\there"),
    ],
)
def test_calendar_text_escapes_every_line_end(text, escaped):
    assert exports._ics_text(text) == escaped


@pytest.mark.parametrize("text", ["é" * 80, "\U0001f600" * 40, "a" + "\U0001f600" * 40, "Ж" * 37 + "a", "x" * 200])
def test_calendar_lines_are_folded_at_75_octets_never_inside_a_character(text):
    folded = exports._fold("SUMMARY:" + text)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert folded.replace("\r\n ", "") == "SUMMARY:" + text


# --- calendar UIDs ------------------------------------------------------------------------------


def _uids(root: Path) -> dict[str, str]:
    index = collect(root / "entries", root).index
    ics = exports.chronology_ics(index, BUILT, PUBLISHED)
    return {str(e["SUMMARY"]): str(e["UID"]) for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")}


def test_a_new_fact_leaves_the_other_events_uids_as_they_were(tmp_path):
    shutil.copytree(FIXTURES / "mini" / "entries", tmp_path / "entries")
    before = _uids(tmp_path)
    jane = tmp_path / "entries" / "people" / "jane-roe.md"
    jane.write_text(
        jane.read_text(encoding="utf-8").replace(
            "summary: A director.",
            'summary: A director.\npoints:\n  - says: An early fact.\n    when: "2001"\n    sources: [first-report]',
        ),
        encoding="utf-8",
    )
    after = _uids(tmp_path)
    assert set(after) - set(before) == {"Jane Roe: An early fact."}
    assert {k: after[k] for k in before} == before  # sorted before all the others, it renumbers none


def test_the_same_fact_twice_gets_two_uids(tmp_path):
    shutil.copytree(FIXTURES / "mini" / "entries", tmp_path / "entries")
    shop = tmp_path / "entries" / "organisations" / "shop.md"
    point = '  - says: It closed.\n    when: "2007-06"\n    sources: [second-report]\n    quote: "fermé en juin"\n'
    shop.write_text(shop.read_text(encoding="utf-8").replace("points:\n", "points:\n" + point), encoding="utf-8")
    index = collect(tmp_path / "entries", tmp_path).index
    ics = exports.chronology_ics(index, BUILT, PUBLISHED)
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")]
    assert len(uids) == len(set(uids)) == len(index.chronology)


# --- ids a file name forges ---------------------------------------------------------------------

FORGED_KEYS = [
    ",\n  title = {A},\n}\n@misc{forged",
    "a}b",
    "x y",
    "Upper",
    'q"uote',
    "back\\slash",
    "per%cent",
    "@misc{evil",
    "a,b",
]


@pytest.mark.parametrize("forged", FORGED_KEYS)
def test_an_id_a_file_name_forges_cannot_add_a_bibtex_entry_even_with_the_check_off(tmp_path, forged):
    shutil.copytree(FIXTURES / "mini" / "entries", tmp_path / "entries")
    for folder, name in (("articles", "first-report"), ("rulings", "roe-case")):
        source = tmp_path / "entries" / folder / f"{name}.md"
        source.rename(source.with_name(f"{forged}-{folder}.md"))
    index = collect(tmp_path / "entries", tmp_path).index
    assert f"{forged}-articles" in index.entries  # refused by the check, but indexed: the export must still hold
    articles, rulings = index.by_type["article"], index.by_type["ruling"]
    entries = [cite.article_bibtex(e, index) for e in articles] + [
        cite.ruling_bibtex(e, index, SITE + e.url, PUBLISHED.name_in_text) for e in rulings
    ]
    for entry, cited in zip(entries, [*articles, *rulings]):
        data = parse_string(entry, "bibtex")
        assert len(data.entries) == 1, entry  # one entry per citation, whatever its id
        (key,) = data.entries
        fields = data.entries[key].fields
        assert _words(_from_latex(fields["title"][1:-1])) == _words(cited.data.get("title", cited.name))
        assert set(fields) <= {"author", "title", "journal", "howpublished", "year", "month", "url", "language", "note"}
        assert key == cited.id or kinds.ID.match(cited.id) is None
    keys = [next(iter(parse_string(e, "bibtex").entries)) for e in entries]
    assert len(set(keys)) == len(keys)  # each citation keeps a key of its own
    again = collect(tmp_path / "entries", tmp_path).index
    assert [cite.article_bibtex(e, again) for e in again.by_type["article"]] == entries[: len(articles)]  # stable


@given(st.text(min_size=1, max_size=30))
def test_every_bibtex_key_is_one_bibtex_key(key):
    data = parse_string(cite._fields_bibtex("misc", key, [("title", "{T}")]), "bibtex")
    assert len(data.entries) == 1 and dict(data.entries[next(iter(data.entries))].fields) == {"title": "{T}"}
    assert (next(iter(data.entries)) == key) == bool(kinds.ID.match(key))
