"""`make new`: a stub in the right folder whose every required field the check names."""
from __future__ import annotations

import shutil
import subprocess
import sys

import frontmatter
import pytest

from conftest import FIXTURES, ROOT

from macros import scaffold, schema
from macros.corpus import collect


@pytest.fixture
def entries(tmp_path):
    shutil.copytree(FIXTURES / "mini" / "entries", tmp_path / "entries")
    return tmp_path / "entries"


@pytest.mark.parametrize("name, slug", [
    ("Denis Kvasov", "denis-kvasov"), ("MediaServices", "mediaservices"), ("  Société Générale ", "societe-generale"),
    ("AllofMP3.com", "allofmp3-com"), ("O'Brien & Sons", "o-brien-sons"), ("Денис", ""),
])
def test_ids_are_made_from_names(name, slug):
    assert scaffold.slug(name) == slug


@pytest.mark.parametrize("etype", schema.TYPES, ids=lambda t: t.name)
def test_the_stub_names_every_required_field_and_nothing_else_is_wrong(entries, etype):
    path = scaffold.create(entries, etype.name, "Jean Dupont")
    assert path == entries / etype.folder / "jean-dupont.md"
    post = frontmatter.load(path)
    assert post["type"] == etype.name and post["name"] == "Jean Dupont"
    problems = [p for p in collect(entries, entries.parent).problems if p.path.endswith("jean-dupont.md")]
    fields = {p.field.split("[")[0] for p in problems if p.field != "body"}
    assert fields == {f.name for f in etype.fields if f.required and f.name not in ("type", "name")}
    assert all(p.message.startswith("is required but empty: ") for p in problems if p.field != "body")
    body = [p for p in problems if p.field == "body"]
    assert [p.message.split(",")[0] for p in body] == ["links to '../articles/ARTICLE-ID.md'"]


def test_a_filled_in_stub_passes_the_check(entries):
    path = scaffold.create(entries, "person", "Jean Dupont")
    text = path.read_text(encoding="utf-8")
    text = text.replace("summary: ", "summary: A person.", 1).replace("sources: []", "sources: [first-report]", 1)
    text = text.replace("ARTICLE-ID", "first-report")
    path.write_text(text, encoding="utf-8")
    assert collect(entries, entries.parent).problems == ()


def test_it_refuses_to_overwrite_or_to_reuse_an_id(entries):
    before = (entries / "people" / "jane-roe.md").read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="id 'jane-roe' is already used by entries/people/jane-roe.md"):
        scaffold.create(entries, "person", "Jane Roe")
    with pytest.raises(ValueError, match="id 'shop' is already used by entries/organisations/shop.md"):
        scaffold.create(entries, "event", "Shop")
    assert (entries / "people" / "jane-roe.md").read_text(encoding="utf-8") == before


@pytest.mark.parametrize("args, message", [
    (["band", "X"], "make new: TYPE must be one of: article, person, organisation, ruling, event"),
    (["person", "Денис"], "make new: cannot make an id from 'Денис': give one, such as ID=denis-kvasov"),
    (["person", "X", "--id", "Bad_Id"], "make new: 'Bad_Id' is not a valid id: use lowercase letters, digits and single hyphens"),
    (["person", "X", "--id", "index"], "make new: 'index' is not a valid id: use lowercase letters, digits and single hyphens"),
    (["person", " "], 'make new: NAME is required, such as NAME="Denis Kvasov"'),
])
def test_the_command_explains_what_is_wrong_without_a_traceback(entries, args, message):
    result = subprocess.run([sys.executable, "-m", "macros.scaffold", *args, "--entries", str(entries)],
                            cwd=ROOT, capture_output=True, text=True)
    assert (result.returncode, result.stderr.strip(), result.stdout) == (2, message, "")


def test_make_new_writes_the_entry(entries):
    result = subprocess.run(["make", "--no-print-directory", "-s", "new", "TYPE=person", "NAME=Denis Kvasov Junior",
                             f"ENTRIES={entries}", f"BIN={sys.prefix}/bin", "STAMP="],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"wrote {entries.as_posix()}/people/denis-kvasov-junior.md")
    assert (entries / "people" / "denis-kvasov-junior.md").is_file()
