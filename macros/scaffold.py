"""`make new TYPE=person NAME="Denis Kvasov"`: write a new entry, generated from schema.py.

Required fields are present but empty, each with a comment saying what it takes, so that
`make check` names every one still to fill in, and nothing else: no placeholder that would
pass for a value. Every optional field is shown as a commented worked example of its exact
shape, built from the declaration (choices, `example` values, the items a list needs), so a
type or field added to schema.py gets its stub and examples with no change here.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import unicodedata
from pathlib import Path

from anyascii import anyascii

from . import schema
from .schema import Field
from .validate import ID, RESERVED

_COMMENT_COLUMN = 34
_MAX_ID = 255 - len(".md")  # the longest file name most file systems allow, in bytes
_USAGE = 'make new TYPE=person NAME="Denis Kvasov" [ID=denis-kvasov]'


class UsageError(ValueError):
    """A bad argument, said in one line."""


# --- ids ----------------------------------------------------------------------


def slug(name: str) -> str:
    """The id made from a name: transliterated to ASCII (anyascii: œ → oe, Денис → Denis),
    lowercased, every run of anything but a letter or digit made one hyphen.

    A letter's transliteration keeps only its letters and digits, so that a sign such as the
    Cyrillic soft sign (ь → ') never splits a word; invisible formatting characters vanish;
    anything else (punctuation, spaces, symbols) separates words."""
    out = []
    for ch in name:
        category = unicodedata.category(ch)
        if category[0] in "LM":
            out.append(re.sub(r"[^A-Za-z0-9]", "", anyascii(ch)))
        elif category[0] == "N":
            out.append(anyascii(ch))
        elif category != "Cf":
            out.append(" ")
    return re.sub(r"[^a-z0-9]+", "-", "".join(out).lower()).strip("-")


def _taken(entries: Path, entry_id: str) -> Path | None:
    """The file that already has this id, in any folder: ids are unique across the dossier."""
    return next(iter(sorted(entries.glob(f"*/{entry_id}.md"))), None)


def _free_variant(entries: Path, entry_id: str) -> str:
    n = 2
    while _taken(entries, f"{entry_id}-{n}"):
        n += 1
    return f"{entry_id}-{n}"


def _check_id(entries: Path, entry_id: str, name: str, given: bool) -> None:
    if not entry_id:
        raise UsageError(
            f"cannot make an id from the name {json.dumps(name, ensure_ascii=False)}, which has "
            "no letters or digits: give one with ID=, such as ID=denis-kvasov"
        )
    if entry_id in RESERVED:
        raise UsageError(f"the id '{entry_id}' is reserved for the type's index page: give another with ID=")
    if len(entry_id.encode()) > _MAX_ID:
        raise UsageError(
            f"the id would be {len(entry_id.encode())} characters long, more than a file name "
            f"may be ({_MAX_ID} and '.md'): give a shorter one with ID="
        )
    if not ID.match(entry_id):
        better = slug(entry_id)[:_MAX_ID].strip("-")
        raise UsageError(
            f"ID '{_shown(entry_id)}' is not a valid id: use lowercase ASCII letters, digits and single "
            f"hyphens, such as ID={better if better and better not in RESERVED else 'denis-kvasov'}"
        )
    existing = _taken(entries, entry_id)
    if existing is not None:
        made = "" if given else f" (made from the name {json.dumps(name, ensure_ascii=False)})"
        raise UsageError(
            f"the id '{entry_id}'{made} is already used by "
            f"{existing.relative_to(entries.parent).as_posix()}; if this is another entry, give "
            f"it its own id with ID=, such as ID={_free_variant(entries, entry_id)}"
        )


def _shown(text: str) -> str:
    """A value as a message may quote it: on one line, control characters escaped."""
    return json.dumps(text, ensure_ascii=False)[1:-1]


def _entry_type(type_name: str) -> schema.EntryType:
    names = ", ".join(schema.BY_NAME)
    if not type_name.strip():
        raise UsageError(f"TYPE is required, one of {names}: {_USAGE}")
    etype = schema.BY_NAME.get(type_name.strip())
    if etype is not None:
        return etype
    # A folder or plural name ("people") is a likely slip for the type it holds.
    guesses = (
        {t.name: t.name for t in schema.TYPES}
        | {t.folder: t.name for t in schema.TYPES}
        | {t.plural.lower(): t.name for t in schema.TYPES}
    )
    key = type_name.strip().lower()
    close = key if key in guesses else next(iter(difflib.get_close_matches(key, guesses, n=1)), None)
    hint = f"; did you mean '{guesses[close]}'?" if close else ""
    raise UsageError(f"TYPE '{_shown(type_name)}' is not an entry type: use one of {names}{hint}")


def _clean_name(name: str) -> str:
    """The name on one line, white space folded; refused where it holds a character no text may."""
    for ch in name:
        if unicodedata.category(ch) == "Cs":  # how Python passes on bytes that are not UTF-8
            raise UsageError("NAME is not valid UTF-8 text: set the terminal's encoding to UTF-8")
        if unicodedata.category(ch) == "Cc" and not ch.isspace():
            raise UsageError(f"NAME contains the character U+{ord(ch):04X}, which no entry may hold: remove it")
    name = " ".join(name.split())
    if not name:
        raise UsageError(f"NAME is required: {_USAGE}")
    return name


# --- the stub -----------------------------------------------------------------


def _borrowed_id(f: Field) -> str:
    """The example id the declaration gives for a reference: its own, else that of another
    reference that takes the same entries; empty when there is none."""
    if f.example:
        return f.example
    return next(
        (
            other.example
            for t in schema.TYPES
            for other in _walk(t.fields)
            if other.is_reference
            and other.example
            and (other.targets, other.target_kinds) == (f.targets, f.target_kinds)
        ),
        "",
    )


def _example_id(f: Field) -> str:
    return _borrowed_id(f) or "-or-".join(f.target_kinds or f.targets) + "-id"


def _article_id() -> str:
    """An example article id, for the comments on ids and links."""
    return next(
        (
            _borrowed_id(f)
            for t in schema.TYPES
            for f in _walk(t.fields)
            if f.is_reference and f.targets == ("article",) and _borrowed_id(f)
        ),
        "",
    )


def _walk(fields: tuple[Field, ...]):
    for f in fields:
        yield f
        if f.item is not None:
            yield from _walk((f.item,))
        yield from _walk(f.fields)


def _example_value(f: Field) -> str:
    """A worked example of the field's value (kinds.Kind.example); a reference without one of its
    own borrows another field's example id, or names what it takes ("organisation-id")."""
    return f.kind.example(f, _example_id)


def _hint(f: Field, stub: bool) -> str:
    """What the field takes: whether it is required, its help, its choices or targets, an example."""
    inner = f.inner
    text = f"{'required' if f.required else 'optional'}: {f.help}"
    takes = inner.kind.takes(inner, f.is_list, f.help)
    if takes:
        text += f"; {takes}"
    if (
        stub
        and not inner.is_mapping
        and not inner.choices
        and (f.example or inner.example or (inner.is_reference and _borrowed_id(inner)))
    ):
        text += f", such as {_example_value(f)}"
    return text


Line = tuple[str, str]  # (YAML text with its indentation, the comment that follows it)


def _commented(lines: list[Line], column: int, first_hint: str | None = None) -> list[Line]:
    """The lines as comments: '# ' at `column`, so that removing it gives the YAML back."""
    out = [(text[:column] + "# " + text[column:], hint) for text, hint in lines]
    if first_hint is not None and out:
        out[0] = (out[0][0], first_hint)
        out[1:] = [(text, "") for text, _ in out[1:]]
    return out


def _field(f: Field, indent: str, lead: str | None, stub: bool) -> list[Line]:
    """The lines of one field: left empty when `stub`, else a worked example.
    `lead` replaces the indentation of the first line (a list item's '- ')."""
    first = indent if lead is None else lead
    hint = _hint(f, stub)
    if f.is_list_of_mappings:
        lines = [(f"{first}{f.name}:", hint)]
        for _ in range(max(1, f.min_items)):
            lines += _mapping(f.inner.fields, indent + "    ", indent + "  - ", stub)
        if stub and not indent:
            example = _mapping(f.inner.fields, "    ", "  - ", False)
            lines += _commented(example, 2, first_hint="another item: remove the '# ' to add it")
        return lines
    if f.is_mapping:
        return [(f"{first}{f.name}:", hint)] + _mapping(f.fields, indent + "  ", None, stub)
    value = f.kind.stub if stub else _example_value(f)
    return [(f"{first}{f.name}: {value}".rstrip(), hint)]


def _mapping(fields: tuple[Field, ...], indent: str, lead: str | None, stub: bool) -> list[Line]:
    """A mapping's fields; in a stub, the required ones empty first, the others as examples."""
    lines: list[Line] = []
    if not stub:
        for f in fields:
            lines += _field(f, indent, lead if not lines else None, False)
        return lines
    to_fill = [f for f in fields if f.required] or list(fields)
    for f in to_fill:
        lines += _field(f, indent, lead if not lines else None, True)
    for f in fields:
        if f not in to_fill:
            lines += _commented(_field(f, indent, None, False), len(indent))
    return lines


def _format(lines: list[Line]) -> list[str]:
    return [f"{text.ljust(_COMMENT_COLUMN - 1)} # {hint}" if hint else text for text, hint in lines]


def _about(etype: schema.EntryType, entry_id: str) -> list[str]:
    """The opening comments: the id convention and, for a type with a title, name against title."""
    article_id = _article_id()
    lines = [
        f"# A new {etype.name} entry ({etype.help}).",
        f"# Its id is its file name, {entry_id}: lowercase ASCII letters, digits and single hyphens,",
        "# unique across the whole dossier, made from the name (Денис Квасов gives denis-kvasov).",
        "# Other entries refer to it by that id; to change it, rename the file before they do.",
    ]
    if etype.presentation.is_source and article_id:
        lines.append(f"# For an article, a few English words saying what it reports, such as {article_id}.")
    if etype.field("title") is not None:
        lines += [
            "# The name is how the dossier refers to it: the headline when that says what it is",
            "# about, else a few words that do. The title is the headline exactly as published, in",
            "# its language: give it whenever it is known, even when it is the same as the name.",
        ]
    lines.append("# Fill in every field marked required; make check names those still empty.")
    return lines


def render(etype: schema.EntryType, name: str, entry_id: str = "") -> str:
    entry_id = entry_id or slug(name) or "its-id"
    fields = [f for f in etype.fields if f.name not in ("type", "name")]
    name_field = etype.field("name")
    assert name_field is not None, "every type declares schema.COMMON's fields"
    head: list[Line] = [
        (f"type: {etype.name}", ""),
        (f"name: {json.dumps(name, ensure_ascii=False)}", _hint(name_field, False)),
    ]
    required: list[Line] = []
    for f in fields:
        if f.required:
            required += _field(f, "", None, True)
    optional: list[Line] = []
    for f in fields:
        if not f.required:
            optional += _commented(_field(f, "", None, False), 0)
    body = []
    if article_id := _article_id():
        folder = schema.BY_NAME["article"].folder
        body = [
            "#",
            "# Below the closing '---': the entry in English Markdown, in your own words, citing the",
            "# article each statement rests on with a relative link to it, such as",
            f"# ([the article](../{folder}/{article_id}.md)). Quote a sentence at most.",
        ]
    lines = ["---", *_about(etype, entry_id), *_format(head + required)]
    if optional:
        lines += [
            "#",
            "# Optional: to use one of these, remove the '# ' at the start of its lines and put in",
            "# what the articles say. Leave out what they do not say.",
            *_format(optional),
        ]
    lines += [*body, "---", ""]
    return "\n".join(lines)


def create(entries: Path, type_name: str, name: str, entry_id: str | None = None) -> Path:
    etype = _entry_type(type_name)
    name = _clean_name(name)
    if not entries.is_dir():
        raise UsageError(f"there is no folder {entries.as_posix()}: run make new from the repository's root")
    given = bool(entry_id)
    entry_id = entry_id or slug(name)
    _check_id(entries, entry_id, name, given)
    path = entries / etype.folder / f"{entry_id}.md"
    path.parent.mkdir(exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": never overwrite, even a file made meanwhile
        out.write(render(etype, name, entry_id))
    return path


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        print(f"make new: {message}: {_USAGE}", file=sys.stderr)
        raise SystemExit(2)


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="make new", description="Write a new entry with its required fields stubbed.")
    parser.add_argument("type", help=f"one of {', '.join(schema.BY_NAME)}")
    parser.add_argument("name", help="the display name")
    parser.add_argument("--id", default="", help="the id (file name); made from the name when left out")
    parser.add_argument("--entries", default="entries", help="the entries folder")
    args = parser.parse_args(argv)
    entries = Path(args.entries)
    try:
        path = create(entries, args.type, args.name, args.id or None)
    except UsageError as e:
        print(f"make new: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"make new: cannot write {e.filename or entries}: {e.strerror or e}", file=sys.stderr)
        return 2
    print(f"wrote {path.as_posix()}: fill in the fields marked 'required', then run make check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
