"""JSON Schema (draft-07, what editors' YAML support reads) for each entry type, from schema.py.

`python -m macros.jsonschema schemas` writes schemas/<type>.schema.json; a test fails when
the committed files differ from what this produces.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import schema
from .schema import Field
from .validate import ID_FORM, a_or_an


def whole(pattern: str) -> str:
    r"""A pattern that must match the whole text, in both dialects that read these schemas:
    ECMA-262 (what JSON Schema specifies, and editors run) has no \Z, and in Python, which
    validators such as `jsonschema` use, "$" also matches before a final newline. A lookahead
    for "no character at all" is the end of the text in both."""
    return rf"^(?:{pattern})(?![\s\S])"


ID_PATTERN = whole(ID_FORM)
_POINT = r"\d{4}(-\d{2}(-\d{2})?)?[?~%]?"
DATE_PATTERN = whole(rf"{_POINT}|({_POINT}|\.\.)?/({_POINT}|\.\.)?")
URL_PATTERN = whole(r"https?://[^\s/]+\S*")


def _describe(f: Field) -> str:
    text = f.help[:1].upper() + f.help[1:] + "."
    if f.kind == schema.REF:
        text += f" The id of {' or '.join(a_or_an(t) for t in f.targets)} entry."
    return text + (f" Example: {f.example}" if f.example else "")


def field_schema(f: Field) -> dict:
    out: dict = {"description": _describe(f)}
    if f.kind == schema.TEXT:
        out.update(type="string", minLength=1)
        if f.max_length:
            out["maxLength"] = f.max_length
    elif f.kind == schema.CHOICE:
        out["enum"] = [c.value for c in f.choices]
        out["markdownEnumDescriptions"] = [c.label for c in f.choices]
    elif f.kind == schema.REF:
        out.update(type="string", pattern=ID_PATTERN)
    elif f.kind == schema.DATE:
        # An unquoted year is an integer to YAML; the check reads it as written.
        out.update(type=["string", "integer"], pattern=DATE_PATTERN)
    elif f.kind == schema.URL:
        out.update(type="string", pattern=URL_PATTERN)
    elif f.kind == schema.NUMBER:
        out["type"] = "number"
    elif f.kind == schema.LIST:
        out.update(type="array", items=field_schema(f.item), maxItems=f.max_items)
        if f.min_items:
            out["minItems"] = f.min_items
        if f.item.kind in (schema.REF, schema.TEXT):
            out["uniqueItems"] = True
    elif f.kind == schema.OBJECT:
        out.update(_object(f.fields))
    return out


def _object(fields) -> dict:
    return {
        "type": "object",
        "properties": {f.name: field_schema(f) for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def type_schema(etype: schema.EntryType) -> dict:
    body = _object(etype.fields)
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
