"""`make new`: ids made from any name, and a stub whose only problems are the fields left to fill."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import FIXTURES, ROOT

from macros import load, scaffold, schema
from macros.corpus import collect
from macros.validate import ID

TYPE_NAMES = ", ".join(schema.BY_NAME)
USAGE = 'make new TYPE=person NAME="Denis Kvasov" [ID=denis-kvasov]'
# A commented example line: '# ' before a key, at the indentation it would have uncommented.
EXAMPLE_LINE = re.compile(r"^( *)# ( *(?:- )?[a-z_]+:.*)$", re.M)
# What the check may say about an example's id, which need not exist in the dossier.
# What the check says of an uncommented example: its id names no entry here, or its "..." is
# still to be written (refused, so that a placeholder left in place never passes).
ABOUT_AN_EXAMPLE_ID = re.compile(r"^'[a-z0-9-]+' is not an entry|^is '\.\.\.', a placeholder: ")


def uncommented(text: str) -> str:
    """The stub with every commented example put back, as a contributor would."""
    return EXAMPLE_LINE.sub(r"\1\2", text)


@pytest.fixture
def entries(tmp_path):
    shutil.copytree(FIXTURES / "mini" / "entries", tmp_path / "entries")
    return tmp_path / "entries"


@pytest.fixture
def empty(tmp_path):
    """A dossier with no entry yet: what the check says is all about the stub."""
    (tmp_path / "dossier" / "entries").mkdir(parents=True)
    return tmp_path / "dossier" / "entries"


def problems_of(entries, path):
    rel = path.relative_to(entries.parent).as_posix()
    return [p for p in collect(entries, entries.parent).problems if p.path == rel]


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Denis Kvasov", "denis-kvasov"),
        ("Денис Квасов", "denis-kvasov"),  # Cyrillic to Latin
        ("Российское авторское общество", "rossiyskoe-avtorskoe-obshchestvo"),
        ("Мьюзик Сервисез", "myuzik-servisez"),  # the soft sign splits no word
        ("Société civile", "societe-civile"),  # accents dropped
        ("Socie\u0301te\u0301 civile", "societe-civile"),  # accents as combining marks
        ("L'Œil de Moscou", "l-oeil-de-moscou"),  # œ to oe, apostrophe a separator
        ("L’Œil de Moscou", "l-oeil-de-moscou"),  # typographic apostrophe
        ("Lætitia Cœur", "laetitia-coeur"),  # æ to ae
        ("  Société Générale ", "societe-generale"),
        ("2007 : l’année", "2007-l-annee"),
        ("Weiß & Söhne GmbH", "weiss-sohne-gmbh"),
        ("MediaServices (ООО «Медиасервисез»)", "mediaservices-ooo-mediaservisez"),  # mixed scripts
        ("AllofMP3.com", "allofmp3-com"),
        ("O'Brien & Sons", "o-brien-sons"),
        ("--Media--Services--", "media-services"),
        ("Ｆｕｌｌｗｉｄｔｈ", "fullwidth"),
        ("Kva\u00adsov", "kvasov"),  # a soft hyphen is invisible
        ("!!!", ""),
        ("« — »", ""),
        ("😀", ""),  # nothing usable: ID= is asked for
    ],
)
def test_ids_are_made_from_names(name, slug):
    made = scaffold.slug(name)
    assert made == slug
    assert made == "" or ID.match(made)


@pytest.mark.parametrize("etype", schema.TYPES, ids=lambda t: t.name)
def test_a_stub_is_front_matter_whose_only_problems_name_the_fields_to_fill(entries, etype):
    name = 'L\'Œil de Moscou: "Société" #1'  # a colon, quotes and a hash, which YAML must keep
    path = scaffold.create(entries, etype.name, name)
    assert path == entries / etype.folder / "l-oeil-de-moscou-societe-1.md"
    raw = load.read(path, entries.parent)
    assert raw.problems == [] and raw.body.strip() == ""
    assert raw.data["type"] == etype.name and raw.data["name"] == name
    required = {f.name for f in etype.fields if f.required}
    assert set(raw.data) == required
    empty = {k for k, v in raw.data.items() if k not in ("type", "name") and _holds_nothing(v)}
    assert empty == required - {"type", "name"}  # no placeholder value anywhere
    problems = problems_of(entries, path)
    named = {p.field.split("[")[0] for p in problems}
    assert required - {"type", "name"} <= named  # every field left to fill is named...
    assert named <= {f.name for f in etype.fields} - {"type", "name"}, problems  # ...and nothing else is
    assert all(p.message.startswith("is required but empty: ") for p in problems if p.field != "sources"), problems


def _holds_nothing(value) -> bool:
    if isinstance(value, list):
        return all(_holds_nothing(v) for v in value)
    if isinstance(value, dict):
        return all(_holds_nothing(v) for v in value.values())
    return value is None


def _fields_shown(value, fields, where=""):
    """The declared fields (dotted) that the value does not show, item by item."""
    missing = []
    for f in fields:
        if f.name not in value:
            missing.append(where + f.name)
            continue
        inner = f.inner
        if inner.is_mapping:
            items = value[f.name] if f.is_list else [value[f.name]]
            assert isinstance(items, list) and len(items) >= max(1, f.min_items), (where + f.name, items)
            for n, item in enumerate(items):
                missing += _fields_shown(item, inner.fields, f"{where}{f.name}[{n + 1}].")
    return missing


@pytest.mark.parametrize("etype", schema.TYPES, ids=lambda t: t.name)
def test_the_commented_examples_show_every_field_in_a_shape_the_check_accepts(empty, etype):
    path = scaffold.create(empty, etype.name, "Jean Dupont")
    stub_problems = {(p.field, p.message) for p in problems_of(empty, path)}
    text = uncommented(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    raw = load.read(path, empty.parent)
    assert raw.problems == []
    assert _fields_shown(raw.data, etype.fields) == []  # every field, and every field of every item
    for p in problems_of(empty, path):
        # The stub's own empty fields, or an example id this empty dossier does not hold.
        assert (p.field, p.message) in stub_problems or ABOUT_AN_EXAMPLE_ID.match(p.message), p


def test_a_type_added_to_the_schema_gets_its_examples():
    item = schema.Field(
        "sightings",
        schema.OBJECT,
        help="one sighting",
        fields=(
            schema.Field("seen", schema.DATE, required=True, help="when"),
            schema.Field("by", schema.REF, targets=("person",), help="who"),
            schema.Field("count", schema.NUMBER, help="how many"),
            schema.Field(
                "mood",
                schema.CHOICE,
                choices=(schema.Choice("calm", "calm"), schema.Choice("wild", "wild")),
                help="how it was",
            ),
        ),
    )
    etype = schema.EntryType(
        "creature",
        "creatures",
        "Creatures",
        "a creature",
        schema.COMMON
        + (
            schema.Field("sightings", schema.LIST, help="each sighting", min_items=2, item=item),
            schema.Field("habitat", schema.URL, help="where it lives"),
        ),
    )
    data = yaml.safe_load(uncommented(scaffold.render(etype, "Nessie")).split("---")[1])
    assert data["sightings"] == [{"seen": "2007-08", "by": "person-id", "count": 1000, "mood": "calm"}] * 2
    assert data["habitat"] == "https://www.example.org/" and data["aliases"] == ["Media Services"]
    assert "# mood: calm" not in scaffold.render(etype, "Nessie")  # optional examples start commented


def test_make_check_on_a_fresh_stub_names_each_field_to_fill(empty):
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-s",
            "new",
            "TYPE=ruling",
            "NAME=Kvasov acquitted",
            f"ENTRIES={empty}",
            f"BIN={sys.prefix}/bin",
            "STAMP=",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    check = subprocess.run(
        ["make", "--no-print-directory", "-s", "check", f"ENTRIES={empty}", f"BIN={sys.prefix}/bin", "STAMP="],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    at = "entries/rulings/kvasov-acquitted.md"
    sources = "is required but empty: ids of the articles this rests on"
    assert check.returncode != 0 and "Traceback" not in check.stderr  # make exits 2 when the check fails
    assert check.stdout.splitlines() == [
        f"{at}:7: sources: cites no article: list the articles the entry rests on in 'sources', or give its facts "
        "their sources",
        f"{at}:9: summary: is required but empty: one sentence in English, shown in tables and search",
        f"{at}:11: date[1].when: is required but empty: an EDTF date: 2007, 2007-08, 2007-08-16, 2007-08~, "
        "2006-09?, 2007-07-13/2007-07-18, ../2007-07-18",
        f"{at}:12: date[1].sources: {sources}",
        f"{at}:18: court[1].entry: is required but empty: an organisation whose kind is court",
        f"{at}:19: court[1].sources: {sources}",
        f"{at}:25: parties[1].entry: is required but empty: a person or organisation",
        f"{at}:26: parties[1].role: is required but empty: the party's role",
        f"{at}:27: parties[1].sources: {sources}",
        f"{at}:34: outcome[1].result: is required but empty: the result",
        f"{at}:35: outcome[1].says: is required but empty: the decision in a sentence, in English",
        f"{at}:36: outcome[1].sources: {sources}",
    ]


def test_a_filled_in_stub_passes_the_check(entries):
    path = scaffold.create(entries, "person", "Jean Dupont")
    text = path.read_text(encoding="utf-8")
    text = text.replace("\nsummary: ", "\nsummary: A person.", 1)
    text = re.sub(r"^(# )?sources: .*$", "sources: [first-report]", text, count=1, flags=re.M)
    path.write_text(text + "Named in [the first report](../articles/first-report.md).\n", encoding="utf-8")
    assert collect(entries, entries.parent).problems == ()


def test_it_never_overwrites_a_file(entries, monkeypatch):
    monkeypatch.setattr(scaffold, "_taken", lambda entries, entry_id: None)  # as if made meanwhile
    before = (entries / "people" / "jane-roe.md").read_text(encoding="utf-8")
    with pytest.raises(FileExistsError):
        scaffold.create(entries, "person", "Jane Roe")
    assert (entries / "people" / "jane-roe.md").read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    "args, message",
    [
        (["band", "X"], f"TYPE 'band' is not an entry type: use one of {TYPE_NAMES}"),
        (["persn", "X"], f"TYPE 'persn' is not an entry type: use one of {TYPE_NAMES}; did you mean 'person'?"),
        (["people", "X"], f"TYPE 'people' is not an entry type: use one of {TYPE_NAMES}; did you mean 'person'?"),
        (["", "X"], f"TYPE is required, one of {TYPE_NAMES}: {USAGE}"),
        (["person", " "], f"NAME is required: {USAGE}"),
        (["person"], f"the following arguments are required: name: {USAGE}"),
        (["person", "X", "--colour", "red"], f"unrecognized arguments: --colour red: {USAGE}"),
        (["person", "a\x1bb"], "NAME contains the character U+001B, which no entry may hold: remove it"),
        (
            ["person", "« — »"],
            'cannot make an id from the name "« — »", which has no letters or digits: '
            "give one with ID=, such as ID=denis-kvasov",
        ),
        (["person", "Index"], "the id 'index' is reserved for the type's index page: give another with ID="),
        (
            ["person", "X", "--id", "Bad_Id"],
            "ID 'Bad_Id' is not a valid id: use lowercase ASCII letters, digits and single hyphens, such as ID=bad-id",
        ),
        (
            ["person", "X", "--id", "a\nb"],
            "ID 'a\\nb' is not a valid id: use lowercase ASCII letters, digits and single hyphens, such as ID=a-b",
        ),
        (
            ["person", "X", "--id", "a" * 253],
            "the id would be 253 characters long, more than a file name may be "
            "(252 and '.md'): give a shorter one with ID=",
        ),
        (
            ["person", "Jane Roé"],
            "the id 'jane-roe' (made from the name \"Jane Roé\") is already used by "
            "entries/people/jane-roe.md; if this is another entry, give it its own id with ID=, "
            "such as ID=jane-roe-2",
        ),
        (
            ["event", "X", "--id", "shop"],
            "the id 'shop' is already used by entries/organisations/shop.md; if this is "
            "another entry, give it its own id with ID=, such as ID=shop-2",
        ),
    ],
)
def test_a_bad_argument_gets_one_line_and_status_2(entries, args, message):
    before = sorted(p.relative_to(entries) for p in entries.rglob("*"))
    result = subprocess.run(
        [sys.executable, "-m", "macros.scaffold", *args, "--entries", str(entries)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert (result.returncode, result.stderr, result.stdout) == (2, f"make new: {message}\n", "")
    assert sorted(p.relative_to(entries) for p in entries.rglob("*")) == before


def test_a_missing_entries_folder_is_said(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "macros.scaffold", "person", "X", "--entries", str(tmp_path / "nowhere")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert (
        result.stderr == f"make new: there is no folder {(tmp_path / 'nowhere').as_posix()}: "
        "run make new from the repository's root\n"
    )
    assert not (tmp_path / "nowhere").exists()


def test_make_new_writes_the_entry(entries):
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-s",
            "new",
            "TYPE=person",
            "NAME=Денис Квасов Junior",
            f"ENTRIES={entries}",
            f"BIN={sys.prefix}/bin",
            "STAMP=",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"wrote {entries.as_posix()}/people/denis-kvasov-junior.md")
    assert (
        load.read(entries / "people" / "denis-kvasov-junior.md", entries.parent).data["name"] == "Денис Квасов Junior"
    )
