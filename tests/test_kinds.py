"""Each kind of value keeps its contract, for every field of that kind that schema.py declares:
the check accepts the example `make new` gives, refuses a value of another kind with a message
that says what to write, and the kind's JSON Schema fragment agrees with the check."""

from __future__ import annotations

import json
import pickle
import re
import tempfile
from pathlib import Path
from urllib.parse import quote

import jsonschema as js
import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from macros import kinds, load, schema
from macros.jsonschema import field_schema
from macros.validate import Validator

EXAMPLE_ID = "denis-kvasov"


def _walk(fields):
    for f in fields:
        yield f
        if f.item is not None:
            yield from _walk((f.item,))
        yield from _walk(f.fields)


# One field per (kind, shape of declaration) that takes a single line of YAML, from the real
# schema: none with a reverse_by (that needs the surrounding item).
FIELDS = {}
for _t in schema.TYPES:
    for _f in _walk(_t.fields):
        if not _f.inner.is_mapping and not _f.reverse_by:
            FIELDS.setdefault((_f.kind, _f.inner.kind, bool(_f.example), _f.max_length), _f)
FIELDS = list(FIELDS.values())
_ids = [f"{f.name}-{f.kind.name}" for f in FIELDS]

_TMP = Path(tempfile.mkdtemp(prefix="kinds-"))


def _check(f: schema.Field, text: str):
    """The value `text` (YAML) checked as field `f`: (the typed value, the problems' messages)."""
    path = _TMP / "entries" / "articles" / "x.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\nk: {text}\n---\n", encoding="utf-8")
    raw = load.read(path, _TMP)
    if raw.data is None or "k" not in raw.data:
        return None, [p.message for p in raw.problems] or ["not read"]
    out = Validator(raw).value(f, raw.data["k"], ("k",))
    return out, [p.message for p in raw.problems]


def test_every_kind_is_declared_by_some_field():
    assert {f.kind for t in schema.TYPES for f in _walk(t.fields)} == set(kinds.KINDS)


@pytest.mark.parametrize("kind", kinds.KINDS, ids=lambda k: k.name)
def test_a_kind_is_one_object_even_through_pickle(kind):
    # The parallel read pickles the references it finds, each with its Field.
    assert pickle.loads(pickle.dumps(kind)) is kind
    assert getattr(schema, kind.name.upper() if kind is not kinds.OBJECT else "OBJECT") is kind


@pytest.mark.parametrize("f", FIELDS, ids=_ids)
def test_the_check_accepts_the_example_make_new_gives(f):
    example = f.kind.example(f, lambda _: EXAMPLE_ID)
    out, problems = _check(f, example)
    if f.inner.kind is kinds.TEXT and not (f.example or f.inner.example):
        # No example declared: a stand-in that the check refuses, so that no stub passes unfilled.
        assert not out and any("placeholder" in p for p in problems), problems
        return
    assert problems == [] and out is not None, (example, problems)
    assert out == yaml.safe_load(f"k: {example}")["k"] or f.is_date  # an unquoted year stays text


# A value of each kind, as YAML, and words that show a message says what to write.
OTHER_VALUES = {
    kinds.TEXT: "Denis Kvasov said so",
    kinds.CHOICE: "operated-by",
    kinds.REF: EXAMPLE_ID,
    kinds.DATE: '"2007-08~"',
    kinds.URL: "https://www.example.org/a",
    kinds.NUMBER: "587000",
    kinds.LIST: "[a, b]",
    kinds.OBJECT: "{says: x}",
}
FIX = ("must", "put it in quotes", "write", "use", "give", "such as", "lowercase", "is not a date such as")


@pytest.mark.parametrize("f", FIELDS, ids=_ids)
@pytest.mark.parametrize("other", list(OTHER_VALUES), ids=lambda k: k.name)
def test_a_value_of_another_kind_is_refused_with_the_fix(f, other):
    if other is f.kind:
        return
    out, problems = _check(f, OTHER_VALUES[other])
    if problems and f.is_date and "more than one '/'" in problems[0]:
        return  # see the test below
    if problems:
        assert out is None or f.is_list  # a list reports its items and keeps the good ones
        assert all(any(word in p for word in FIX) for p in problems), problems
    else:
        # Accepted only where the other kind's value is also a value of this kind: free text
        # takes any words, a reference any word of an id's form (an id, a choice, digits).
        assert f.inner.kind is kinds.TEXT or (
            f.inner.kind is kinds.REF and kinds.ID.match(str(out[0] if f.is_list else out))
        ), (other.name, out)
    # Text is the one kind a value of any other scalar kind may be; every other kind refuses text.
    if other is kinds.TEXT and f.kind is not kinds.TEXT:
        assert problems


def test_a_date_with_two_slashes_is_refused_with_the_fix():
    f = schema.BY_NAME["article"].field("published")
    _, problems = _check(f, OTHER_VALUES[kinds.URL])
    assert problems and all(any(word in p for word in FIX) for p in problems), problems


@pytest.mark.parametrize("address", ['"https://["', '"http://[::1"', '"https://a]b"'])
def test_an_address_urllib_cannot_split_is_refused_not_a_crash(address):
    out, problems = _check(schema.BY_NAME["article"].field("url"), address)
    assert out is None and problems == ["must be an http:// or https:// address"]


# --- the editor's JSON Schema agrees with the check ------------------------------------------

_words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
_scalars = st.one_of(
    _words,
    st.from_regex(kinds.ID_FORM, fullmatch=True),
    st.from_regex(r"(1[0-9]|20)[0-9]{2}(-(0[1-9]|1[0-2])(-[0-2][0-9])?)?[~?%]?", fullmatch=True),
    st.from_regex(r"https?://[a-z.]{1,12}(/[a-z0-9/]{0,8})?", fullmatch=True),
    st.integers(-(10**17), 10**17).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.sampled_from(list(OTHER_VALUES.values()) + ["...", "no", "2007-13", "2007-02-30", "1:20", "~", "0x1F"]),
)
# Written as YAML would be: plain where YAML takes it so, else double-quoted.
_texts = st.one_of(
    _scalars.map(lambda s: f'"{s}"' if s.isprintable() and '"' not in s and "\\" not in s else None),
    _scalars,
    st.lists(_scalars, max_size=3).map(lambda items: "[" + ", ".join(f'"{s}"' for s in items if '"' not in s) + "]"),
).filter(lambda s: s is not None and "\n" not in s and "\r" not in s)


def _beyond_the_schema(f: schema.Field, read, problems: list[str]) -> bool:
    """What the check refuses and the editor's schema, which sees only the shape, lets through:
    a stand-in left in place, text with no letter in it, a calendar date that does not exist,
    one out of reach, numbers past 15 digits, values YAML 1.1 reads otherwise, and a date
    written as a bare number (the schema takes any integer there, as a year is one, and JSON
    Schema counts a number with no fraction, 0.0 or 2007.0, as an integer)."""
    if f.inner.is_date and isinstance(read, (int, float)) and float(read).is_integer():
        return True
    known = (
        "placeholder",
        "is empty",
        "required but empty",
        "has no ",
        "out of",
        "outside the years",
        "at most 15 digits",
        "written in decimal digits",
        "without quotes",
        "is read by YAML as",
        "a date may span",
        "does not exist",
        "ends before it starts",
        "leaves both ends open",
        "has no year 0",
    )
    return all(any(k in p for k in known) for p in problems)


def _number_as_text(f: schema.Field, value) -> bool:
    """A number written unquoted where text, an id or a choice goes (name: 2007): the check
    takes its digits as the text, and the schema, which sees a number, refuses it."""
    values = value if isinstance(value, list) else [value]
    return (
        not f.inner.is_date
        and f.inner.kind is not kinds.NUMBER
        and any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
    )


class _EditorLoader(yaml.SafeLoader):
    """YAML as an editor reads it for its schema (1.2): a date written unquoted is a string."""


_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@settings(max_examples=200, deadline=None)
@given(index=st.integers(0, len(FIELDS) - 1), text=_texts)
def test_the_json_schema_accepts_what_the_check_accepts_and_refuses_what_it_refuses(index, text):
    f = FIELDS[index]
    try:
        read = yaml.load(f"k: {text}", _EditorLoader)
    except (yaml.YAMLError, ValueError):
        return  # no editor gets that far either
    if not isinstance(read, dict) or "k" not in read or read["k"] is None or read["k"] in ([], {}):
        return  # an empty value: the schema leaves that to `required`, the check says so
    out, problems = _check(f, text)
    editor = js.Draft7Validator(field_schema(f))
    refused = list(editor.iter_errors(read["k"]))
    if not problems and _number_as_text(f, read["k"]):
        return  # the one thing the check takes and the schema refuses: see _number_as_text
    if not problems:
        assert refused == [], (f.name, text, [e.message for e in refused])
    elif not refused:
        assert _beyond_the_schema(f, read["k"], problems), (f.name, text, problems)


# --- addresses: RFC 3986's characters only ---------------------------------------------------

URL_FIELD = schema.BY_NAME["article"].field("url")
# Pieces of an address after its host: RFC 3986's characters and escapes, and misfits, each
# with what percent-encoding makes of it.
_RFC_3986 = list("ABCXYZabcxyz0189-._~!$&'()*+,;=:@/?") + ["%41", "%e9"]
_MISFITS = {c: quote(c, safe="") for c in '"<>\\{}|^` \t[]é\u00a0\U0001f600'} | {"%4g": "%254g", "%": "%25"}


@pytest.mark.parametrize(
    "address, fix",
    [
        ("https://example.org/a?b=\"<'x'>&c={@}\\}%22</script>", '%22 for ", %3C for <, %3E for >, %7B for {'),
        ("https://example.org/a\\b", "%5C for \\"),
        ("https://example.org/a b", "%20 for a space"),
        ("https://example.org/a%zz", "%25 for a % not followed by two hexadecimal digits"),
        ("https://example.org/a#b#c", "%23 for a # after the first"),
        ("https://example.org/café", "%C3%A9 for é"),
        ("https://example.org/?q=[1]", "%5B for [, %5D for ]"),
    ],
)
def test_an_address_with_a_character_rfc_3986_refuses_is_refused_with_its_escape(address, fix):
    out, problems = _check(URL_FIELD, json.dumps(address, ensure_ascii=False))
    assert out is None and len(problems) == 1 and "percent-encode" in problems[0] and fix in problems[0], problems
    assert not re.search(kinds.URL_PATTERN, address)


@pytest.mark.parametrize(
    "address", ["https://evil.example\\@dossier.org/", "https://exa mple.org/", "https://[::1/", "https://ex{a}.org/"]
)
def test_an_address_whose_host_no_escape_mends_is_refused(address):
    out, problems = _check(URL_FIELD, json.dumps(address))
    assert out is None and problems == ["must be an http:// or https:// address"]
    assert not re.search(kinds.URL_PATTERN, address)


@settings(max_examples=300, deadline=None)
@given(
    host=st.from_regex(r"[a-z0-9]{1,8}(\.[a-z0-9]{1,8}){0,2}(:[0-9]{1,4})?", fullmatch=True),
    pieces=st.lists(st.sampled_from(_RFC_3986 + list(_MISFITS)), max_size=12),
    fragment=st.sampled_from(["", "#", "#a/b?c"]),
)
@example(host="0", pieces=["%", "A", "A"], fragment="")  # an escape made of three pieces
@example(host="0", pieces=["%", "A", "A", '"'], fragment="")
def test_an_address_is_taken_exactly_when_written_with_rfc_3986_and_its_fix_is_taken(host, pieces, fragment):
    address = f"https://{host}/{''.join(pieces)}x{fragment}"
    out, problems = _check(URL_FIELD, json.dumps(address, ensure_ascii=False))
    # A "%" that two hexadecimal digits follow, whichever pieces bring them, is an escape.
    path, at, misfit = "".join(pieces) + "x", 0, []
    for p in pieces:
        misfit.append(p in _MISFITS and not (p == "%" and re.fullmatch(r"[0-9A-Fa-f]{2}", path[at + 1 : at + 3])))
        at += len(p)
    misfits = [p for p, wrong in zip(pieces, misfit) if wrong]
    assert (out == address) == (not misfits) == (problems == []), (address, problems)
    # The schema an editor runs says the same.
    assert js.Draft7Validator(field_schema(URL_FIELD)).is_valid(address) == (not misfits)
    if misfits:  # the message names each misfit's escape, and the address so mended is taken
        (problem,) = problems
        assert "percent-encode" in problem and all(_MISFITS[p][:3] in problem for p in misfits), problem
        fixed = f"https://{host}/{''.join(_MISFITS[p] if wrong else p for p, wrong in zip(pieces, misfit))}x{fragment}"
        assert _check(URL_FIELD, json.dumps(fixed)) == (fixed, [])


# --- numbers YAML 1.1 reads otherwise ----------------------------------------------------------

NUMBER_FIELD = schema.BY_NAME["article"].field("words")
_read_otherwise = st.one_of(
    st.from_regex(r"[-+]?0[0-7]{1,6}", fullmatch=True),  # octal
    st.from_regex(r"0x[0-9a-fA-F]{1,6}|0b[01]{1,8}", fullmatch=True),
    st.from_regex(r"[1-9][0-9]{0,2}(_[0-9]{3}){1,3}", fullmatch=True),
    st.from_regex(r"[1-9][0-9]?(:[0-5][0-9]){1,2}", fullmatch=True),  # sexagesimal
    st.sampled_from(["yes", "no", "on", "off", "Yes", "NO", ".inf", "-.inf", ".NaN", "2007-08-16"]),
)


@settings(max_examples=200, deadline=None)
@given(written=_read_otherwise)
def test_a_number_yaml_reads_otherwise_is_told_what_yaml_read_and_what_to_write(written):
    out, problems = _check(NUMBER_FIELD, written)
    assert out is None and len(problems) == 1, (written, problems)
    (problem,) = problems
    assert "quotes" not in problem  # it has none, and quoting would not make it a number
    assert problem.startswith(f"must be a plain number such as {NUMBER_FIELD.example}: '{written}' is read by YAML as ")
    fix = re.search(r"; write (-?[0-9]+)$", problem)
    if fix:  # the number to write instead is taken as written
        assert _check(NUMBER_FIELD, fix.group(1)) == (int(fix.group(1)), [])
    else:
        assert problem.endswith("; write the number in decimal digits"), problem
