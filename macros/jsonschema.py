"""JSON Schema (draft-07, what editors' YAML support reads) for each entry type, from schema.py.

`python -m macros.jsonschema schemas` writes schemas/<type>.schema.json; a test fails when
the committed files differ from what this produces.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import schema
from .kinds import DATE_PATTERN, ID_PATTERN, URL_PATTERN, mapping_schema
from .schema import Field

# The patterns, which the tests hold against the check, are those of kinds.py.
__all__ = ["DATE_PATTERN", "ID_PATTERN", "URL_PATTERN", "field_schema", "render", "type_schema", "write"]


def _describe(f: Field) -> str:
    text = f.help[:1].upper() + f.help[1:] + "." + f.kind.description(f)
    return text + (f" Example: {f.example}" if f.example else "")


def field_schema(f: Field) -> dict:
    """The field's description, then what its kind allows (kinds.Kind.json_schema)."""
    return {"description": _describe(f), **f.kind.json_schema(f, field_schema)}


def type_schema(etype: schema.EntryType) -> dict:
    body = mapping_schema(etype.fields, field_schema)
    body["properties"]["type"] = {"description": "The entry type.", "const": etype.name}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": f"{etype.name}.schema.json",
        "title": f"{etype.name} entry",
        "description": f"Front matter of an entry in entries/{etype.folder}/: {etype.help}. "
        "Generated from macros/schema.py; do not edit.",
        **body,
    }


def render(etype: schema.EntryType) -> str:
    return json.dumps(type_schema(etype), indent=2, ensure_ascii=False) + "\n"


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for etype in schema.TYPES:
        path = folder / f"{etype.name}.schema.json"
        path.write_text(render(etype), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for p in write(Path(sys.argv[1] if len(sys.argv) > 1 else "schemas")):
        print(p)
