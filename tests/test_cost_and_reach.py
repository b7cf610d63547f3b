"""What one entry may hold stays within what the build can show, in bounded time: numbers a
JSON reader accepts, dates a calendar can hold, spans the timeline can page through, graphs
whose arrows can be placed, exports that no reader splits wrongly."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import datetime, timezone

import pytest
from conftest import FIXTURES
from icalendar import Calendar

from macros import dates, exports
from macros.corpus import collect
from macros.draw import graph
from macros.index import Entry
from macros.pages import search_variants
from macros.published import Published
from macros.schema import BY_NAME

BUILT = datetime(2026, 1, 1, tzinfo=timezone.utc)


def _problems_with(tmp_path, path: str, old: str, new: str) -> list[str]:
    shutil.copytree(FIXTURES / "mini" / "entries", tmp_path / "entries")
    file = tmp_path / "entries" / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return [str(p) for p in collect(tmp_path / "entries", tmp_path).problems]


@pytest.mark.parametrize("amount", ["nan", "inf", "-Infinity", ".nan", "1" * 5001, "1e400", "0x10"])
def test_an_amount_is_a_number_every_reader_accepts(tmp_path, amount):
    problems = _problems_with(tmp_path, "rulings/roe-case.md", "amount: 1000", f"amount: {amount}")
    assert any("amounts[1].amount: must be a plain number such as 587000" in p for p in problems), problems


@pytest.mark.parametrize(
    "when, message",
    [
        ("9999", "'9999' is outside the years a date may take, 1000 to 2999"),
        ("../9999-12-31", "'../9999-12-31' is outside the years a date may take, 1000 to 2999"),
        (
            "1000/1200",
            "'1000/1200' spans 200 years; a date may span at most 100: give the bound the articles support, "
            "and leave the other open (../2007)",
        ),
    ],
)
def test_a_date_stays_within_what_pages_and_calendars_can_hold(tmp_path, when, message):
    assert dates.out_of_reach(dates.parse(when))
    problems = _problems_with(tmp_path, "people/jane-roe.md", 'end: "2005-12"', f'end: "{when}"')
    assert any(p.endswith(f"roles[1].end: {message}") for p in problems), problems


def test_no_csv_cell_can_be_read_as_a_formula_by_a_reader_splitting_on_semicolons(tmp_path):
    _problems_with(tmp_path, "people/jane-roe.md", "name: Jane Roe", "name: \"Ann;=cmd|' /C calc'!A0;x\"")
    text = exports.type_csv(collect(tmp_path / "entries", tmp_path).index, BY_NAME["person"])
    assert "Ann;'=cmd" in text
    for delimiter in (",", ";", "\t"):
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), (delimiter, row)


def test_a_file_name_cannot_forge_calendar_events_even_with_the_check_off(tmp_path):
    shutil.copytree(FIXTURES / "mini" / "entries", tmp_path / "entries")
    source = tmp_path / "entries" / "events" / "shop-complaint.md"
    forged = "zz\r\nBEGIN:VEVENT\r\nUID:forged\r\nSUMMARY:FORGED EVENT\r\nEND:VEVENT\r\nX-A:b"
    source.rename(source.with_name(forged + ".md"))
    index = collect(tmp_path / "entries", tmp_path).index
    assert forged in index.entries  # refused by the check, but indexed: the export must still hold
    calendar = Calendar.from_ical(
        exports.chronology_ics(index, BUILT, Published("https://example.org/", name="The test dossier")).encode()
    )
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(index.chronology)
    assert not any(str(e.get("SUMMARY")) == "FORGED EVENT" for e in events)


def test_the_graph_draws_every_entry_in_bounded_pieces_and_lists_every_relation():
    organisation, ruling = BY_NAME["organisation"], BY_NAME["ruling"]
    orgs = [
        Entry(
            f"org-{n}",
            organisation,
            f"entries/organisations/org-{n}.md",
            {"name": f"Org {n}", "kind": "company"},
            "",
            1,
        )
        for n in range(40)
    ]
    parties = tuple(
        {"entry": o.id, "role": "plaintiff" if n < 20 else "defendant", "sources": ("a",)} for n, o in enumerate(orgs)
    )
    case = Entry("case", ruling, "entries/rulings/case.md", {"name": "Case", "parties": parties}, "", 1)

    class Index:  # what the graph reads of an index: 20 plaintiffs against 20 defendants in one ruling
        entries = {e.id: e for e in (*orgs, case)}
        by_type = {**{t: () for t in BY_NAME}, "organisation": tuple(orgs), "ruling": (case,)}

    edges = graph.relation_edges(Index)
    assert len(edges) == 400
    # One part of more than WHOLE_MAX entries: cut into pieces, each of bounded size, every entry
    # drawn once and no more than GHOST_MAX copies beside it.
    drawings = graph.cut(Index, edges)
    assert len(drawings) > 1
    own = [[i for i, n in d.nodes.items() if not n.elsewhere] for d in drawings]
    assert sorted(i for ids in own for i in ids) == sorted(o.id for o in orgs)
    assert all(len(ids) <= graph.PIECE_MAX for ids in own)
    assert all(len(d.nodes) - len(ids) <= graph.GHOST_MAX for d, ids in zip(drawings, own))
    page = graph.graph_page(Index, "../")
    shown = sum(len(d.edges) for d in drawings)
    assert f"and {shown} of the {len(edges)} relations" in page
    # The relations no piece has room for are still read: the list under the drawings holds all.
    listed = page.split('<details class="dossier-relation-list">', 1)[1]
    assert listed.count("<li>") == len(edges)


def test_search_variants_of_a_very_long_word_are_found_in_one_pass():
    person = BY_NAME["person"]
    entry = Entry("x", person, "entries/people/x.md", {"name": "X", "summary": "S"}, "a" * 200_000 + " é", 10)
    assert search_variants(entry) == ["e"]
