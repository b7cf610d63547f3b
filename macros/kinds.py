"""The kinds of value a field may hold, each one object that knows its values.

As in FollowTheMoney, where each property type (date, entity, url...) validates, cleans and
formats its own values, a kind here owns, for a field of its kind: the check of a value as
written, its JSON Schema fragment, its example for `make new`, its CSV cell, its cell in a
page's facts table, what the schema reference page and the stubs say it takes, and the
addresses it holds. schema.py names one of the module-level kinds for each field, so that
a new field, or a new type, needs no `if kind == ...` anywhere else.

This module sits below everything that renders: what it needs from the renderers (links to
entries, dates in words, a list of facts) it asks of the `show` object it is given.
"""

from __future__ import annotations

import difflib
import json
import re
from typing import TYPE_CHECKING, Callable, Iterator, Protocol
from urllib.parse import urlsplit

import yaml

from . import addresses, dates
from .markup import Markup, element, esc, join

if TYPE_CHECKING:
    from .schema import Field

ID_FORM = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ID = re.compile(rf"\A{ID_FORM}\Z")  # \Z, not $: "$" also matches before a final newline
_NUMBER = re.compile(r"\A[-+]?[0-9]{1,15}(?:\.[0-9]{1,6})?\Z")


def whole(pattern: str) -> str:
    r"""A pattern that must match the whole text, in both dialects that read these schemas:
    ECMA-262 (what JSON Schema specifies, and editors run) has no \Z, and in Python, which
    validators such as `jsonschema` use, "$" also matches before a final newline. A lookahead
    for "no character at all" is the end of the text in both."""
    return rf"^(?:{pattern})(?![\s\S])"


ID_PATTERN = whole(ID_FORM)
_POINT = r"\d{4}(-\d{2}(-\d{2})?)?[?~%]?"
DATE_PATTERN = whole(rf"{_POINT}|({_POINT}|\.\.)?/({_POINT}|\.\.)?")
URL_PATTERN = whole(addresses.FORM)


def a_or_an(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


def did_you_mean(word: str, options) -> str:
    """'; did you mean 'x'?' for the closest of `options`, or nothing when none is close."""
    close = difflib.get_close_matches(word, list(options), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def thawed(value):
    """A value of the index (tuples, read-only mappings) as plain JSON data."""
    if isinstance(value, tuple):
        return [thawed(v) for v in value]
    if hasattr(value, "items"):
        return {k: thawed(v) for k, v in value.items()}
    return value


def _json(value) -> str:
    return json.dumps(thawed(value), ensure_ascii=False)


def _yaml_text(text: str) -> str:
    """The text as YAML reads it back as the same string: plain where it can be, else quoted."""
    try:
        plain = yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


class Checker(Protocol):
    """What a kind asks of the validator while it checks a value at `path` (validate.Validator)."""

    def problem(self, path: tuple, message: str) -> None: ...
    def surprise(self, path: tuple) -> str | None: ...  # what YAML 1.1 would have read instead, if anything
    def plain(self, path: tuple) -> bool: ...  # written as a plain (unquoted) scalar
    def empty(self, f: Field, path: tuple) -> None: ...  # report the value as empty
    def value(self, f: Field, value, path: tuple): ...  # check a value of any kind
    def fields(self, f: Field, value: dict, path: tuple) -> dict: ...  # check a mapping's fields against f.fields
    def refer(self, f: Field, target: str, path: tuple) -> None: ...  # a reference, resolved once all is read


class Show(Protocol):
    """How a table shows the parts of a value (tables.py), each as HTML."""

    def text(self, value) -> Markup: ...
    def entry(self, entry_id: str) -> Markup: ...
    def date(self, text: str) -> Markup: ...
    def address(self, url: str) -> Markup: ...
    def items(self, f: Field, values) -> Markup: ...  # a list of scalars
    def facts(self, f: Field) -> Markup: ...  # a list of facts, each in words


ExampleId = Callable[["Field"], str]  # the example id `make new` shows for a reference field


class Kind:
    """A kind of value. The defaults are those of a single value written as a YAML scalar."""

    name = ""
    is_list = is_mapping = is_reference = is_date = False
    listed_once = False  # a list of such values names each once, and a CSV cell joins them with "; "
    quoted = False  # free text: a plain-text line sets it in quotation marks, apart from ids and dates
    stub = ""  # what a required field of this kind holds in a new entry's stub: nothing yet

    def __repr__(self) -> str:
        return f"kinds.{self.name.upper()}"

    def __reduce__(self) -> str:
        # Pickled (the parallel read sends Fields back from its workers) by name, so that a
        # kind stays one object and `f.kind == schema.REF` holds on the other side too.
        return self.name.upper()

    # --- validation --------------------------------------------------------------------

    def check(self, f: Field, value, c: Checker, path: tuple):
        """The typed value, or None once every problem with it is reported. `value` is neither
        empty nor refused: the validator has seen to both."""
        if isinstance(value, (list, dict)):
            c.problem(path, f"must be a single value, not a {'list' if isinstance(value, list) else 'mapping'}")
            return None
        return self.check_scalar(f, value, c, path)

    def check_scalar(self, f: Field, value: str, c: Checker, path: tuple):
        """A scalar as YAML read it, as text; the common checks of text, then `check_text`."""
        surprise = c.surprise(path)
        if surprise:
            c.problem(path, f"'{value}' is read by YAML as {surprise}: put it in quotes (\"{value}\")")
            return None
        value = value.strip()
        if not value:
            c.empty(f, path)
            return None
        if not value.strip(".…"):  # the stubs' "..." left in place
            c.problem(path, f"is '{value}', a placeholder: {f.help}")
            return None
        if f.max_length and len(value) > f.max_length:
            c.problem(
                path,
                f"is {len(value)} characters long; the most allowed is {f.max_length}"
                + (": quote a sentence or two at most" if f.name == "quote" else ""),
            )
            return None
        return self.check_text(f, value, c, path)

    def check_text(self, f: Field, value: str, c: Checker, path: tuple):
        return value

    # --- the editor's JSON Schema --------------------------------------------------------

    def json_schema(self, f: Field, of: Callable[["Field"], dict]) -> dict:
        """What the field's schema holds besides its description; `of` gives a field's whole schema."""
        return {}

    def description(self, f: Field) -> str:
        """What the schema's description adds after the help, if anything."""
        return ""

    # --- make new ------------------------------------------------------------------------

    def example(self, f: Field, example_id: ExampleId) -> str:
        """A worked example value, as YAML text: the declared one, else a stand-in."""
        return _yaml_text(f.example) if f.example else json.dumps(self.stand_in, ensure_ascii=False)

    stand_in = "..."  # the example where the declaration gives none: a placeholder the check refuses

    def takes(self, f: Field, plural: bool, help: str) -> str:
        """What a value must be, in words, beyond the help (`help`, that of the field or its list)."""
        return ""

    # --- pages and exports ---------------------------------------------------------------

    def allowed(self, f: Field) -> Markup:
        """The schema reference page's "Allowed values" cell, as HTML."""
        return Markup()

    def noun(self, f: Field) -> str:
        """What the schema reference page calls the kind of the field."""
        return self.name

    def csv(self, f: Field, value) -> str:
        return str(value)

    def cell(self, f: Field, value, show: Show) -> Markup:
        """The value's cell in a page's facts table, as HTML, built from `show`'s parts."""
        return show.text(value)

    def addresses(self, f: Field, value) -> Iterator[str]:
        """The external addresses the value holds."""
        return iter(())


class Text(Kind):
    """One non-empty string."""

    name = "text"
    listed_once = True
    quoted = True

    def json_schema(self, f, of):
        return {"type": "string", "minLength": 1, **({"maxLength": f.max_length} if f.max_length else {})}


class OneOf(Kind):
    """One of the field's `choices`."""

    name = "choice"

    def check_text(self, f, value, c, path):
        if f.choice(value) is None:
            values = [x.value for x in f.choices]
            c.problem(path, f"must be one of: {', '.join(values)}" + did_you_mean(value, values))
            return None
        return value

    def json_schema(self, f, of):
        return {"enum": [x.value for x in f.choices], "markdownEnumDescriptions": [x.label for x in f.choices]}

    def example(self, f, example_id):
        return _yaml_text(f.example or f.choices[0].value)

    def takes(self, f, plural, help):
        return f"one of {', '.join(x.value for x in f.choices)}" if f.choices else ""

    def allowed(self, f):
        return join((element("code", x.value) for x in f.choices), ", ")

    def cell(self, f, value, show):
        chosen = f.choice(value)
        return show.text(chosen.label if chosen else value)


class Reference(Kind):
    """The id of another entry, of one of the field's `targets`."""

    name = "ref"
    is_reference = True
    listed_once = True

    def check_text(self, f, value, c, path):
        if not ID.match(value):
            c.problem(path, f"'{value}' is not an entry id (lowercase kebab-case, such as denis-kvasov)")
            return None
        c.refer(f, value, path)
        return value

    def json_schema(self, f, of):
        return {"type": "string", "pattern": ID_PATTERN}

    def description(self, f):
        return f" The id of {' or '.join(a_or_an(t) for t in f.targets)} entry."

    def example(self, f, example_id):
        return example_id(f)

    def takes(self, f, plural, help):
        if re.search(r"\bids?\b", help):
            return ""  # the help says it already
        return f"{' or '.join(f.target_kinds or f.targets)} id{'s' if plural else ''}"

    def allowed(self, f):
        kinds = f" (kind {', '.join(f.target_kinds)})" if f.target_kinds else ""
        return esc(" or ".join(f.targets) + " id" + kinds)

    def cell(self, f, value, show):
        return show.entry(value)


class Date(Kind):
    """An EDTF level-1 date (see dates.py)."""

    name = "date"
    is_date = True
    stand_in = "2007-08"

    def check_scalar(self, f, value, c, path):
        # Dates are read as written, so an unquoted 2007-08-16 or 2007 is fine.
        try:
            parsed = dates.parse(value)
        except dates.DateError as e:
            c.problem(path, f"{e}")
            return None
        reach = dates.out_of_reach(parsed)
        if reach:
            c.problem(path, f"'{value.strip()}' {reach}")
            return None
        return value.strip()

    def json_schema(self, f, of):
        # An unquoted year is an integer to YAML; the check reads it as written.
        return {"type": ["string", "integer"], "pattern": DATE_PATTERN}

    def example(self, f, example_id):
        return json.dumps(f.example or self.stand_in, ensure_ascii=False)  # in double quotes, as CONTRIBUTING asks

    def cell(self, f, value, show):
        return show.date(value)


class Address(Kind):
    """An http(s) address."""

    name = "url"
    stand_in = "https://www.example.org/"

    def check_text(self, f, value, c, path):
        try:
            parts = urlsplit(value)
        except ValueError:  # such as an unclosed "[" where an IPv6 host would go
            parts = None
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
            c.problem(path, "must be an http:// or https:// address")
            return None
        misfits = addresses.misfits(value)
        if misfits:
            c.problem(path, addresses.misfit_message(misfits))
            return None
        if not addresses.ADDRESS.fullmatch(value):  # what no escape mends: a space in the host, say
            c.problem(path, "must be an http:// or https:// address")
            return None
        return value

    def json_schema(self, f, of):
        return {"type": "string", "pattern": URL_PATTERN}

    def cell(self, f, value, show):
        return show.address(value)

    def addresses(self, f, value):
        yield value


def _int_or_none(text: str) -> int | None:
    try:
        return int(text, 0)
    except ValueError:
        return None


def _number_fix(value: str) -> str:
    """Why YAML 1.1 read a number written so as another value, and the number to write instead
    where the way it is written says which."""
    digits = value.replace("_", "")
    if re.fullmatch(r"[-+]?0[0-9]+", digits):  # YAML 1.1 reads a leading 0 as octal
        return f" (a leading 0 makes it octal); write {int(digits)}"
    if "_" in value and _NUMBER.match(digits):  # YAML 1.1 skips underscores; the check takes digits only
        return f"; write {digits}"
    base = {"x": 16, "o": 8, "b": 2}.get(value.lstrip("+-")[1:2].lower()) if value.lstrip("+-")[:1] == "0" else None
    if base and _NUMBER.match(str(_int_or_none(digits))):
        return f" (written in base {base}); write {int(digits, 0)}"
    return "; write the number in decimal digits"


class Number(Kind):
    """An integer or decimal number."""

    name = "number"
    stand_in = "1000"

    def check_scalar(self, f, value, c, path):
        must = f"must be a plain number such as {f.example or '587000'}"
        if not c.plain(path):
            c.problem(path, f"{must}, without quotes")
            return None
        surprise = c.surprise(path)
        if surprise:  # 07, 0x10, 1_000, yes, .inf, 1:20: YAML 1.1 reads another number, or none
            c.problem(path, f"{must}: '{value}' is read by YAML as {surprise}{_number_fix(value)}")
            return None
        # Digits only: 'nan', 'inf' and numbers past any sum would break the exports and pages.
        if not _NUMBER.match(value):
            if re.fullmatch(r"[-+]?[0-9]+(?:\.[0-9]+)?", value):
                c.problem(path, f"{must}, of at most 15 digits")
            else:
                c.problem(path, f"{must}, written in decimal digits ('{value}' is not)")
            return None
        return int(value) if value.lstrip("+-").isdigit() else float(value)

    def json_schema(self, f, of):
        return {"type": "number"}

    def example(self, f, example_id):
        return f.example or self.stand_in


class List(Kind):
    """A list of the field's `item`, between `min_items` and `max_items` long."""

    name = "list"
    is_list = True
    stub = "[]"

    def check(self, f, value, c, path):
        if not isinstance(value, list):
            c.problem(path, f"must be a list: {f.help}" + (f", such as [{value}]" if isinstance(value, str) else ""))
            return None
        if len(value) > f.max_items:  # not checked item by item: a list's cost is bounded too
            c.problem(path, f"has {len(value)} items; the most allowed is {f.max_items}")
            return None
        if len(value) < f.min_items:
            c.problem(path, f"must have at least {f.min_items} items: {f.help}")
        items = [c.value(f.item, v, path + (i,)) for i, v in enumerate(value)]
        if f.item.kind.listed_once:
            seen = set()
            for i, v in enumerate(items):
                if v is not None and v in seen:
                    c.problem(path + (i,), f"lists '{v}' twice")
                seen.add(v)
        return [v for v in items if v is not None]

    def json_schema(self, f, of):
        out = {"type": "array", "items": of(f.item), "maxItems": f.max_items}
        if f.min_items:
            out["minItems"] = f.min_items
        if f.item.kind.listed_once:
            out["uniqueItems"] = True
        return out

    def example(self, f, example_id):
        return f.example or f"[{f.item.kind.example(f.item, example_id)}]"

    def noun(self, f):
        return f"list of {f.item.kind.name}s"

    def csv(self, f, value):
        return "; ".join(value) if f.item.kind.listed_once else _json(value)

    def cell(self, f, value, show):
        return show.facts(f) if f.item.is_mapping else show.items(f, value)

    def addresses(self, f, value):
        for v in value:
            yield from f.item.kind.addresses(f.item, v)


class Mapping(Kind):
    """A mapping of the field's `fields`, such as one fact with its sources."""

    name = "object"
    is_mapping = True

    def check(self, f, value, c, path):
        if not isinstance(value, dict):
            c.problem(path, f"must be a mapping of fields ({', '.join(s.name for s in f.fields)})")
            return None
        return c.fields(f, value, path)

    def json_schema(self, f, of):
        return mapping_schema(f.fields, of)

    def csv(self, f, value):
        return _json(value)

    def addresses(self, f, value):
        for s in f.fields:
            if s.name in value:
                yield from s.kind.addresses(s, value[s.name])


def mapping_schema(fields, of: Callable[["Field"], dict]) -> dict:
    return {
        "type": "object",
        "properties": {f.name: of(f) for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


# The kinds, one object each: schema.py's fields name them, and `f.kind == schema.REF` compares them.
TEXT = Text()
CHOICE = OneOf()
REF = Reference()
DATE = Date()
URL = Address()
NUMBER = Number()
LIST = List()
OBJECT = Mapping()
KINDS = (TEXT, CHOICE, REF, DATE, URL, NUMBER, LIST, OBJECT)
