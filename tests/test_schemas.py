"""The editor JSON Schemas: generated from the one declaration, committed up to date, and in
agreement with the check on real and broken entries."""

from __future__ import annotations

import json
import shutil

import frontmatter
import jsonschema
import pytest
from conftest import FIXTURES, ROOT

from macros import jsonschema as generator
from macros import schema
from macros.corpus import collect
from macros.kinds import DATE


@pytest.mark.parametrize("etype", schema.TYPES, ids=lambda t: t.name)
def test_the_committed_schema_is_what_the_declaration_generates(etype):
    path = ROOT / "schemas" / f"{etype.name}.schema.json"
    assert path.read_text(encoding="utf-8") == generator.render(etype), (
        "schemas/ is out of date: run `make schemas` and commit the result"
    )


def test_there_is_no_stray_schema_file():
    assert sorted(p.name for p in (ROOT / "schemas").glob("*.json")) == sorted(
        f"{t.name}.schema.json" for t in schema.TYPES
    )


def _validator(type_name: str):
    body = json.loads((ROOT / "schemas" / f"{type_name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(body)
    return jsonschema.Draft7Validator(body)


@pytest.mark.parametrize("folder", [ROOT / "entries", FIXTURES / "mini" / "entries"], ids=["dossier", "mini"])
def test_entries_the_check_accepts_are_valid_under_the_editor_schema(folder):
    # python-frontmatter reads the files as any other tool would; the check forbids the
    # YAML surprises that would make it read something else.
    paths = sorted(folder.rglob("*.md"))
    assert paths
    for path in paths:
        post = frontmatter.load(path)
        errors = [e.message for e in _validator(post["type"]).iter_errors(post.metadata)]
        assert errors == [], path


@pytest.mark.parametrize(
    "change, fragment",
    [
        ({"colour": "red"}, "Additional properties are not allowed"),
        ({"summary": None}, "is not of type 'string'"),
        ({"sources": "first-report"}, "is not of type 'array'"),
        ({"kind": "shop"}, "is not one of"),
        ({"relations": [{"relation": "operated-by", "to": "Jane Roe", "sources": ["first-report"]}]}, "does not match"),
        ({"points": [{"says": "x", "when": "August 2007", "sources": ["first-report"]}]}, "does not match"),
        ({"aliases": ["a", "a"]}, "has non-unique elements"),
    ],
)
def test_the_editor_schema_catches_what_the_check_catches(change, fragment, tmp_path):
    post = frontmatter.load(FIXTURES / "mini" / "entries" / "organisations" / "shop.md")
    metadata = {**post.metadata, **change}
    messages = [e.message for e in _validator("organisation").iter_errors(metadata)]
    assert any(fragment in m for m in messages), messages
    # ...and the check refuses the same entry.
    entries = tmp_path / "entries"
    shutil.copytree(FIXTURES / "mini" / "entries", entries)
    (entries / "organisations" / "shop.md").write_text(
        frontmatter.dumps(frontmatter.Post(post.content, **metadata)), encoding="utf-8"
    )
    assert collect(entries, tmp_path).problems != ()


@pytest.mark.parametrize("etype", schema.TYPES, ids=lambda t: t.name)
def test_every_index_column_names_a_declared_field(etype):
    # The index tables leave out a column that names no field: a misspelt one would vanish silently.
    assert [c for c in etype.columns if etype.field(c) is None] == []


@pytest.mark.parametrize("etype", schema.TYPES, ids=lambda t: t.name)
def test_the_field_that_dates_a_type_is_one_date(etype):
    # The chronology leaves out an entry whose dating field is not there: a misspelt one, or a
    # list of dates, would drop every such fact silently.
    own = etype.presentation.dated_by
    if own:
        field = etype.field(own)
        assert field is not None and field.kind is DATE and not field.is_list, own
