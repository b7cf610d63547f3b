"""A new entry type is one declaration and its content: declared in a copy of schema.py (with a
date, a reference and an amount), it must show, right and not empty, everywhere entries show."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import html5lib
import pytest
from conftest import FIXTURES, make_project, mkdocs_build
from icalendar import Calendar

# The only code a maintainer writes for the new type, placed where schema.py's declarations end.
DECLARATION = """
TYPES = TYPES + (EntryType(
    "statute", "statutes", "Statutes", "a law, enacted by an organisation",
    COMMON + (
        ENTRY_SOURCES,
        Field("enacted_by", REF, required=True, targets=("organisation",), reverse="Enacted",
              help="the body that enacted it", example="a-court", schema_org="legislationPassedBy",
              edge="enacted by"),
        _dates("when it was enacted; one item per article version"),
        Field("in_force", DATE, help="when it came into force", example="2007-06"),
        _claim("amounts", "sums of money it sets, each with its sources",
               Field("amount", NUMBER, required=True, help="the sum, a plain number", example="1000"),
               Field("currency", CHOICE, required=True, help="the currency",
                     choices=(Choice("RUB", "roubles"),)),
               Field("what", TEXT, required=True, help="what the sum is", example="a fine")),
        POINTS,
    ),
    columns=("enacted_by", "date"),
    presentation=Presentation("The statutes the articles mention.", schema_org="Legislation", dated_by="in_force"),
),)
"""
MARKER = "# --- derived from the declarations above"

ENTRY = """---
type: statute
name: The Toy Statute
summary: A statute made up for the tests.
enacted_by: a-court
in_force: "2008-01"
sources: [first-report]
date:
  - when: "2007-03"
    sources: [first-report]
amounts:
  - amount: 5000
    currency: RUB
    what: the fine it sets
    sources: [first-report]
---
Enacted by [the court](../organisations/a-court.md).
"""


@pytest.fixture(scope="module")
def toy(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("toy")
    project = make_project(tmp, FIXTURES / "mini" / "entries")
    schema_py = project / "macros" / "schema.py"
    text = schema_py.read_text(encoding="utf-8")
    assert text.count(MARKER) == 1
    schema_py.write_text(text.replace(MARKER, DECLARATION + "\n\n" + MARKER), encoding="utf-8")
    (project / "entries" / "statutes").mkdir()
    (project / "entries" / "statutes" / "toy-statute.md").write_text(ENTRY, encoding="utf-8")
    result = mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    return project, tmp / "site"


def _page(site, url):
    return html5lib.parse((site / url / "index.html").read_text(encoding="utf-8"), namespaceHTMLElements=False)


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def test_its_page_shows_every_field(toy):
    _, site = toy
    doc = _page(site, "statutes/toy-statute")
    rows = {
        _text(tr.find("th")): tr.find("td")
        for tr in doc.iter("tr")
        if tr.find("th") is not None and tr.find("td") is not None
    }
    assert [a.get("href") for a in rows["Enacted by"].iter("a")] == ["../../organisations/a-court/"]
    assert "March 2007" in _text(rows["Date"])
    assert "5,000 roubles: the fine it sets" in _text(rows["Amounts"])
    # The reference shows on the target's page, under the reverse name the declaration gives.
    court = _page(site, "organisations/a-court")
    assert "Enacted" in {_text(h).removesuffix("¶").strip() for h in court.iter("h3")}


def test_its_index_page_and_navigation_section_exist(toy):
    _, site = toy
    doc = _page(site, "statutes")
    assert "The statutes the articles mention. 1 entry" in _text(doc.find(".//article"))
    assert any(a.get("href", "").endswith("toy-statute/") for a in doc.find(".//article").iter("a"))
    nav = {a.get("href") for a in _page(site, "").iter("a")}
    assert "statutes/" in nav


def test_its_json_ld_has_the_declared_type_and_properties(toy):
    _, site = toy
    doc = _page(site, "statutes/toy-statute")
    data = json.loads(next(s.text for s in doc.iter("script") if s.get("type") == "application/ld+json"))
    assert data["@type"] == "Legislation"
    assert data["legislationPassedBy"]["@id"].endswith("organisations/a-court/")
    assert data["startDate"] == "2007-03" and "endDate" not in data


def test_it_is_in_every_export(toy):
    _, site = toy
    dossier = json.loads((site / "data" / "dossier.json").read_text(encoding="utf-8"))
    assert dossier["counts"]["statute"] == 1
    record = next(r for r in dossier["entries"] if r["id"] == "toy-statute")
    assert record["fields"]["enacted_by"] == "a-court"
    rows = list(csv.DictReader(io.StringIO((site / "data" / "statutes.csv").read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == ["toy-statute"] and rows[0]["enacted_by"] == "a-court"
    calendar = Calendar.from_ical((site / "data" / "chronology.ics").read_bytes())
    assert any("The Toy Statute" in str(e.get("SUMMARY")) for e in calendar.walk("VEVENT"))


def test_its_json_schema_and_its_stub_come_from_the_declaration(toy, tmp_path):
    project, _ = toy
    out = tmp_path / "schemas"
    done = subprocess.run(
        [sys.executable, "-m", "macros.jsonschema", str(out)], cwd=project, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    schema = json.loads((out / "statute.schema.json").read_text(encoding="utf-8"))
    assert "enacted_by" in schema["properties"] and "enacted_by" in schema["required"]
    done = subprocess.run(
        [sys.executable, "-m", "macros.scaffold", "statute", "Another Statute", "--entries", str(project / "entries")],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    stub = (project / "entries" / "statutes" / "another-statute.md").read_text(encoding="utf-8")
    assert "enacted_by:" in stub and "amounts:" in stub


def test_it_is_on_the_timeline_and_in_the_chronology(toy):
    _, site = toy
    year = (site / "timeline" / "2007" / "index.html").read_text(encoding="utf-8")
    assert "statutes/toy-statute/" in year
    chronology = _text(_page(site, "chronology").find(".//article"))
    assert "The Toy Statute" in chronology
    # The field its declaration names dates the entry itself, in the year that field gives.
    assert "Statute in force: The Toy Statute" in chronology
    assert "statutes/toy-statute/" in (site / "timeline" / "2008" / "index.html").read_text(encoding="utf-8")


def test_it_is_in_the_relations_graph_with_its_edge(toy):
    _, site = toy
    graph = json.loads((site / "data" / "graph.json").read_text(encoding="utf-8"))
    assert {"source": "toy-statute", "field": "enacted_by", "target": "a-court", "relation": "Enacted"} in graph[
        "edges"
    ]
    page = (site / "graph" / "index.html").read_text(encoding="utf-8")
    assert "statutes/toy-statute/" in page
