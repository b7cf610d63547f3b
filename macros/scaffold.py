"""`make new TYPE=person NAME="Denis Kvasov"`: write a new entry with every required field stubbed.

The stub is generated from schema.py: required fields are present but empty, each with a
comment saying what it takes, so `make check` names every one still to fill in; optional
fields are listed as comments.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

from . import schema
from .schema import Field
from .validate import ID, RESERVED

_COMMENT_COLUMN = 34


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def _line(indent: str, text: str, hint: str) -> str:
    return f"{indent}{text}".ljust(_COMMENT_COLUMN) + f"# {hint}"


def _hint(f: Field) -> str:
    inner = f.item if f.kind == schema.LIST and f.item else f
    text = f"{'required' if f.required else 'optional'}: {f.help}"
    if inner.choices:
        text += f"; one of {', '.join(c.value for c in inner.choices)}"
    elif inner.kind == schema.REF and "id" not in f.help:
        text += f"; {' or '.join(inner.targets)} ids"
    return text


def _stub(f: Field, indent: str, first_prefix: str | None = None) -> list[str]:
    """Lines for one required field, its value left empty for the contributor."""
    lead = first_prefix if first_prefix is not None else indent
    if f.kind == schema.LIST and f.item.kind == schema.OBJECT:
        lines = [_line(lead, f"{f.name}:", _hint(f))]
        required = [s for s in f.item.fields if s.required]
        for n, sub in enumerate(required):
            lines += _stub(sub, indent + "    ", first_prefix=(indent + "  - ") if n == 0 else None)
        return lines
    empty = "[]" if f.kind == schema.LIST else ""
    return [_line(lead, f"{f.name}: {empty}".rstrip(), _hint(f))]


def render(etype: schema.EntryType, name: str) -> str:
    lines = ["---", f"type: {etype.name}", f"name: {json.dumps(name, ensure_ascii=False)}"]
    optional = []
    for f in etype.fields:
        if f.name in ("type", "name"):
            continue
        if f.required:
            lines += _stub(f, "")
        else:
            optional.append(f"# {f.name}: {_hint(f)}")
    lines += ["# Optional fields (see the schema reference page):"] + optional
    lines += ["---", "Write the entry here, in English, and cite the article each statement rests on",
              "with a link to it, such as ([Ratiatum, Aug 2007](../articles/ARTICLE-ID.md)).", ""]
    return "\n".join(lines)


def create(entries: Path, type_name: str, name: str, entry_id: str | None = None) -> Path:
    etype = schema.BY_NAME.get(type_name)
    if etype is None:
        raise ValueError(f"TYPE must be one of: {', '.join(schema.BY_NAME)}")
    if not name.strip():
        raise ValueError('NAME is required, such as NAME="Denis Kvasov"')
    entry_id = entry_id or slug(name)
    if not entry_id:
        raise ValueError(f"cannot make an id from {name!r}: give one, such as ID=denis-kvasov")
    if not ID.match(entry_id) or entry_id in RESERVED:
        raise ValueError(f"'{entry_id}' is not a valid id: use lowercase letters, digits and single hyphens")
    for existing in sorted(entries.glob(f"*/{entry_id}.md")):
        raise ValueError(f"id '{entry_id}' is already used by {existing.relative_to(entries.parent).as_posix()}")
    path = entries / etype.folder / f"{entry_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": never overwrite
        out.write(render(etype, name.strip()))
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make new", description="Write a new entry with its required fields stubbed.")
    parser.add_argument("type", help=f"one of {', '.join(schema.BY_NAME)}")
    parser.add_argument("name", help="the display name")
    parser.add_argument("--id", default="", help="the id (file name); made from the name when left out")
    parser.add_argument("--entries", default="entries", help="the entries folder")
    args = parser.parse_args(argv)
    entries = Path(args.entries)
    try:
        path = create(entries, args.type, args.name, args.id or None)
    except (ValueError, FileExistsError) as e:
        print(f"make new: {e}", file=sys.stderr)
        return 2
    print(f"wrote {path.as_posix()}: fill in the fields marked 'required', then run make check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
