"""What any text of an entry may hold, and what one entry may cost.

Each rule is tested over its whole class: every character the check refuses, in every place
of a file it can stand (raw or as a YAML escape); every list field's cap; nesting of any
kind, with or without libyaml.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata

import pytest
import yaml
from conftest import FIXTURES, ROOT

from macros import jsonschema, load, schema
from macros.corpus import collect
from macros.problems import Problem
from macros.validate import ID, Validator

REFUSED = sorted(
    {
        chr(c)
        for c in range(0x110000)
        if (unicodedata.category(chr(c)) == "Cc" and chr(c) not in "\t\n")
        or c in (0x2028, 0x2029)
        or 0x202A <= c <= 0x202E
        or 0x2066 <= c <= 0x2069
    }
)
ALLOWED = ["\t", " ", "é", "Ж", "\U0001f600", "\u200e", "\u200f", "\u00a0", "\u061c", "'", '"', "\\", "{", "}"]


def _problems(tmp_path, text: str, folder: str = "people", loader=None) -> list[str]:
    path = tmp_path / "entries" / folder / "x.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    raw = load.read(path, tmp_path)
    Validator(raw).run()
    return [str(p) for p in sorted(raw.problems)]


def _person(*lines: str, body: str = "") -> str:
    """A person entry: lines 2 to 5 its type, name, summary and sources (each replaced by a line
    of `lines` that sets the same field), then the rest of `lines`, then the body from line 7 on."""
    fields = {"type": "type: person", "name": "name: N", "summary": "summary: S", "sources": "sources: [a]"}
    for line in lines:
        fields[line.split(":", 1)[0]] = line
    return "---\n" + "".join(f"{line}\n" for line in fields.values()) + "---\n" + body


def _refusal(ch: str) -> str:
    code = ord(ch)
    if unicodedata.category(ch) == "Cc":
        return f"contains the control character U+{code:04X}"
    return f"contains the invisible character U+{code:04X} ({unicodedata.name(ch).lower()})"


# --- characters no text may hold ------------------------------------------------------------

# Where a character can stand in a file: (the file's text around it, the line, the field).
PLACES = {
    "plain value": (lambda c: _person(f"name: A{c}B"), 3, "name"),
    "quoted value": (lambda c: _person(f'name: "A{c}B"'), 3, "name"),
    "single-quoted value": (lambda c: _person(f"name: 'A{c}B'"), 3, "name"),
    "list item": (lambda c: _person(f"aliases: [ok, x{c}]"), 6, "aliases[2]"),
    "block scalar, third line": (lambda c: _person(f"summary: |\n  one\n  two\n  th{c}ree"), 7, "summary"),
    "nested field": (
        lambda c: _person(f"points: [{{says: ok, sources: [a]}}, {{says: 'b{c}', sources: [a]}}]"),
        6,
        "points[2].says",
    ),
    "comment": (lambda c: _person(f"aliases: [x]  # a{c}b"), 6, "front matter"),
    "body": (lambda c: _person(body=f"Prose.\nMore{c} prose.\n"), 8, "body"),
}


@pytest.mark.parametrize("place", PLACES)
def test_every_refused_character_is_reported_with_its_line_and_field(tmp_path, place):
    make, line, fld = PLACES[place]
    for ch in REFUSED:
        expected = f"entries/people/x.md:{line}: {fld}: {_refusal(ch)}"
        problems = _problems(tmp_path, make(ch))
        assert len(problems) == 1 and problems[0].startswith(expected), (hex(ord(ch)), problems)
        assert problems[0].endswith(": remove it")


def _shown(ch: str) -> str:
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def test_a_refused_character_written_as_a_yaml_escape_is_refused_too(tmp_path):
    for ch in REFUSED:
        escape = f"\\u{ord(ch):04x}"
        problems = _problems(tmp_path, _person(f'summary: "one{escape}two"', f'"k{escape}": 1'))
        assert len(problems) == 2, problems
        assert problems[0].startswith(f"entries/people/x.md:4: summary: {_refusal(ch)}")
        assert problems[1].startswith(f"entries/people/x.md:6: k{_shown(ch)}: {_refusal(ch)}")


@pytest.mark.parametrize("code", [0xD800, 0xDBFF, 0xDC00, 0xDFFF])
def test_a_surrogate_is_refused_even_by_the_loader_that_accepts_its_escape(tmp_path, monkeypatch, code):
    monkeypatch.setattr(load, "_Loader", yaml.SafeLoader)  # libyaml refuses the escape as invalid YAML
    assert _problems(tmp_path, _person(f'summary: "one\\u{code:04x}two"')) == [
        f"entries/people/x.md:4: summary: contains U+{code:04X}, half of a UTF-16 surrogate pair, "
        "which is not a character: remove it"
    ]


@pytest.mark.parametrize("ch", ALLOWED, ids=lambda c: f"U+{ord(c):04X}")
def test_other_characters_are_accepted(tmp_path, ch):
    quoted = ch.replace("\\", "\\\\").replace('"', '\\"')
    assert _problems(tmp_path, _person(f'name: "A{quoted}B"', body=f"Prose{ch}.\n")) == []


def test_windows_line_endings_are_one_problem_for_the_file_and_a_lone_cr_is_a_character(tmp_path):
    assert _problems(tmp_path, _person().replace("\n", "\r\n")) == [
        "entries/people/x.md:1: file: has Windows (CRLF) or old Mac (CR) line endings: use LF"
    ]
    assert _problems(tmp_path, _person(body="one\rtwo\n")) == [
        "entries/people/x.md:7: body: contains the control character U+000D (carriage return): remove it"
    ]


def test_an_entry_that_loads_holds_no_refused_character(tmp_path):
    shutil.copytree(FIXTURES / "mini" / "entries", tmp_path / "entries")
    jane = tmp_path / "entries" / "people" / "jane-roe.md"
    jane.write_text(
        jane.read_text(encoding="utf-8").replace(
            "summary: A director.", 'summary: "A \\e[2Kdirector\\r"\naliases: ["x\u202ey"]'
        ),
        encoding="utf-8",
    )
    corpus = collect(tmp_path / "entries", tmp_path)
    assert len(corpus.problems) >= 2
    for entry in corpus.index.entries.values():
        assert not re.search("|".join(map(re.escape, REFUSED)), repr(dict(entry.data)) + entry.body)


# --- the check's own output -----------------------------------------------------------------


@pytest.mark.parametrize(
    "ch",
    [c for c in REFUSED if ord(c) < 0x100] + ["\n", "\t", "\u2028", "\u202e", "\u2066"],
    ids=lambda c: f"U+{ord(c):04X}",
)
def test_a_problem_prints_every_control_character_visibly(ch):
    shown = str(Problem(f"entries/people/a{ch}.md", 3, f"k{ch}", f"links to '{ch}[2K'"))
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", shown)
    code = f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"
    assert shown == f"entries/people/a{code}.md:3: k{code}: links to '{code}[2K'"


def test_the_check_command_prints_no_raw_control_character(tmp_path):
    shutil.copytree(FIXTURES / "mini" / "entries", tmp_path / "entries")
    jane = tmp_path / "entries" / "people" / "jane-roe.md"
    jane.write_text(jane.read_text(encoding="utf-8") + "\n[gone](\x1b[2K\x1b[1A)\n", encoding="utf-8")
    (tmp_path / "entries" / "people" / "evil\x1b[2K.md").write_text("no front matter\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "macros.check", str(tmp_path / "entries")], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", result.stdout + result.stderr)
    assert "entries/people/evil\\x1b[2K.md:1: front matter: is missing" in result.stdout
    assert "links to '\\x1b[2K\\x1b[1A'" in result.stdout


# --- ids match in full ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "denis-kvasov\n",
        "denis-kvasov\n\n",
        "\ndenis-kvasov",
        "denis-kvasov\r",
        "denis-kvasov ",
        "denis--kvasov",
        "-denis",
        "Denis",
    ],
)
def test_an_id_matches_in_full(text):
    assert not ID.match(text)
    assert not re.search(jsonschema.ID_PATTERN, text)


def test_the_editor_schema_patterns_match_in_full():
    for pattern, good in (
        (jsonschema.ID_PATTERN, "denis-kvasov"),
        (jsonschema.DATE_PATTERN, "2007-08~"),
        (jsonschema.URL_PATTERN, "https://example.org/a"),
    ):
        assert re.search(pattern, good) and not re.search(pattern, good + "\n"), pattern


def test_a_file_name_ending_in_a_newline_is_not_an_id(tmp_path):
    shutil.copytree(FIXTURES / "mini" / "entries", tmp_path / "entries")
    text = (tmp_path / "entries" / "people" / "jane-roe.md").read_text(encoding="utf-8")
    (tmp_path / "entries" / "people" / "jane-roe\n.md").write_text(text, encoding="utf-8")
    corpus = collect(tmp_path / "entries", tmp_path)
    assert [str(p) for p in corpus.problems] == [
        "entries/people/jane-roe\\x0a.md:1: file: name 'jane-roe\\x0a.md' is not a valid id: use lowercase "
        "letters, digits and single hyphens, such as denis-kvasov.md"
    ]


# --- nesting --------------------------------------------------------------------------------


def _nested(kind: str, levels: int) -> str:
    """`sources` nested so that the front matter is `levels` deep, in one of YAML's styles."""
    n = levels - 1
    if kind == "flow list":
        return _person("sources: " + "[" * n + "a" + "]" * n)
    if kind == "flow mapping":
        return _person("sources: " + "{k: " * n + "a" + "}" * n)
    if kind == "block mapping":  # indented by one space a level, so that 700 levels fit in a file
        return _person("sources:\n" + "".join(" " * i + "k:\n" for i in range(1, n + 1)) + " " * (n + 1) + "a")
    return _person("sources:\n  " + "- " * n + "a")  # block list


KINDS = ["flow list", "flow mapping", "block mapping", "block list"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("levels", [schema.MAX_LEVELS + 1, 60, 500])
def test_nesting_deeper_than_any_entry_needs_is_one_problem(tmp_path, kind, levels):
    assert _problems(tmp_path, _nested(kind, levels)) == [
        f"entries/people/x.md:{5 if kind.startswith('flow') else 6}: sources: "
        f"is nested {levels} levels deep; entries need at most {schema.MAX_LEVELS}"
    ]


@pytest.mark.parametrize("kind", ["flow list", "flow mapping", "block list"])  # not in 256 KiB of block mapping
def test_nesting_deeper_than_yaml_reads_is_one_problem(tmp_path, kind):
    problems = _problems(tmp_path, _nested(kind, 3000))
    assert len(problems) == 1 and problems[0].endswith(
        f"front matter: is nested deeper than YAML reads; entries need at most {schema.MAX_LEVELS}"
    ), problems


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("levels", [60, 700])
def test_nesting_is_a_problem_without_libyaml_too(tmp_path, monkeypatch, kind, levels):
    monkeypatch.setattr(load, "_Loader", yaml.SafeLoader)  # PyYAML's composer recurses once per level
    problems = _problems(tmp_path, _nested(kind, levels))
    assert len(problems) == 1 and "is nested" in problems[0], problems


def test_the_deepest_entry_the_declaration_allows_is_accepted(tmp_path):
    text = _person(
        "disputed:\n  - about: x\n    versions:\n      - says: a\n        sources: [a]"
        "\n      - says: b\n        sources: [a]"
    )
    assert _problems(tmp_path, text) == []
    assert schema.MAX_LEVELS == 6  # entry, disputed, an item, versions, a version, its sources


# --- list caps ------------------------------------------------------------------------------

LISTS = [(t, f) for t in schema.TYPES for f in t.fields if f.is_list]


@pytest.mark.parametrize("etype, field", LISTS, ids=[f"{t.name}.{f.name}" for t, f in LISTS])
def test_every_list_field_has_a_cap_with_a_clear_message(tmp_path, etype, field):
    count = field.max_items + 1
    text = f"---\ntype: {etype.name}\n{field.name}: [" + ", ".join(f"v{i}" for i in range(count)) + "]\n---\n"
    problems = _problems(tmp_path, text, folder=etype.folder)
    assert (
        f"entries/{etype.folder}/x.md:3: {field.name}: has {count} items; the most allowed is "
        f"{field.max_items}" in problems
    )
    # Its items are not checked one by one once the list is refused.
    assert not any(f"{field.name}[" in p for p in problems)


def test_list_caps_are_far_above_what_the_dossier_uses(corpus):
    longest = max(len(v) for e in corpus.index.entries.values() for v in e.data.values() if isinstance(v, tuple))
    assert longest * 10 <= schema.MAX_ITEMS
    assert all(f.max_items >= schema.MAX_ITEMS for _, f in LISTS)
