"""The index: backlinks grouped by relation, the chronology's order, disputes and citations."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from macros import dates
from macros import index as index_module
from macros.corpus import collect


def test_backlinks_are_grouped_by_the_declared_reverse_name(index):
    assert index.backlinks["jane-roe"] == (
        ("Defendant in", ("roe-case",)),
        ("Operates", ("shop",)),
        ("Mentioned in", ("first-report", "shop", "roe-case")),  # by name: Premier, Shop, The Roe case
    )
    assert index.backlinks["shop"] == (
        ("People", ("jane-roe",)),
        ("Plaintiff in", ("roe-case",)),
        ("Took part in", ("shop-complaint",)),
        ("Mentioned in", ("jane-roe", "second-report")),
    )
    assert index.backlinks["a-court"] == (("Court of", ("roe-case",)),)


def test_a_self_link_is_not_a_backlink(index):
    mentioned = dict(index.backlinks["jane-roe"])["Mentioned in"]
    assert "jane-roe" not in mentioned


def test_article_citations_are_grouped_once_per_entry(index):
    cited_by = dict(index.backlinks["second-report"])["Cited by"]
    assert cited_by == ("shop-complaint", "shop", "roe-case")


def test_chronology_is_ordered_by_bounds_with_every_version_of_a_disputed_date(index):
    rows = [(d.date.text, d.entry, d.what, d.disputed) for d in index.chronology]
    assert rows == [
        ("2005-12", "jane-roe", "end", False),
        ("2007", "shop-complaint", "date", False),  # a whole year sorts at its start
        ("2007-06", "shop", "point", False),
        ("2007-07-13/2007-07-18", "first-report", "published", False),
        ("../2007-07-18", "shop-complaint", "date", False),
        ("2007-08", "roe-case", "date", True),
        ("2007-10", "roe-case", "date", True),
        ("2008-05~", "second-report", "published", False),
    ]


def test_the_facts_of_each_year_are_those_that_may_fall_in_it(index):
    assert index.dated_years == (2005, 2007, 2008)
    assert [d.date.text for d in index.facts_in_year(2007)] == [
        "2007",
        "2007-06",
        "2007-07-13/2007-07-18",
        "../2007-07-18",
        "2007-08",
        "2007-10",
    ]
    assert index.facts_in_year(2006) == ()
    # An interval counts in every year it may fall in; an open end, only in the year it names.
    spans = {d.date.text: list(d.years) for d in index.chronology}
    assert spans["../2007-07-18"] == [2007] and spans["2008-05~"] == [2008]


def test_dates_that_cannot_both_be_true_become_a_dispute(index):
    disputes = index.disputes_of("roe-case")
    assert [(d.about, d.from_dates) for d in disputes] == [("the date", True), ("who brought the case", False)]
    assert [(v.says, v.sources) for v in disputes[0].versions] == [
        ("August 2007", ("first-report",)),
        ("October 2007", ("second-report",)),
    ]
    # "by 18 July 2007" and "2007" can both be true: no dispute.
    assert index.disputes_of("shop-complaint") == ()


def test_an_entry_timeline_includes_rulings_and_events_that_refer_to_it(index):
    assert [(d.entry, d.date.text) for d in index.timeline("shop")] == [
        ("shop-complaint", "2007"),
        ("shop", "2007-06"),
        ("shop-complaint", "../2007-07-18"),
        ("roe-case", "2007-08"),
        ("roe-case", "2007-10"),
    ]


def test_each_article_knows_the_facts_that_cite_it(index):
    facts = [(f.entry, f.field) for f in index.facts_citing["second-report"]]
    assert facts == [
        ("shop", "points"),
        ("roe-case", "date"),
        ("roe-case", "parties"),
        ("roe-case", "disputed"),
        ("shop-complaint", "date"),
        ("shop-complaint", "date"),
        ("shop-complaint", "participants"),
    ]


def test_the_index_is_read_only(index):
    with pytest.raises(TypeError):
        index.entries["x"] = None
    with pytest.raises(TypeError):
        index.entries["shop"].data["name"] = "changed"


def test_a_quotation_is_marked_in_the_language_of_its_articles(index, tmp_path):
    import shutil

    from macros.citations import sources

    assert sources(["first-report"], index, "../", "un mot").endswith('<q class="dossier-quote" lang="fr">un mot</q>')
    entries = tmp_path / "entries"
    shutil.copytree(FIXTURES / "mini" / "entries", entries)
    second = entries / "articles" / "second-report.md"
    second.write_text(second.read_text(encoding="utf-8").replace("language: fr", "language: en"), encoding="utf-8")
    english = collect(entries, tmp_path).index
    assert sources(["second-report"], english, "../", "a word").endswith(
        '<q class="dossier-quote" lang="en">a word</q>'
    )
    # Sources in two languages: the quotation's is not known, so none is stated.
    assert sources(["first-report", "second-report"], english, "../", "x").endswith('<q class="dossier-quote">x</q>')


def test_the_chronology_does_not_compare_an_entry_s_dates_pair_by_pair(index, monkeypatch):
    calls = []
    real = dates.Date.overlaps
    monkeypatch.setattr(dates.Date, "overlaps", lambda self, other: calls.append(1) or real(self, other))
    entries = list(index.entries.values())
    case = index.entries["roe-case"]
    for items, disputed in (((case.data["date"][0],) * 400, False), (case.data["date"] * 200, True)):
        calls.clear()
        many = type(case)(case.id, case.type, case.path, {**case.data, "date": items}, case.body, case.body_line)
        chronology, _ = index_module._chronology_and_disputes([many if e.id == "roe-case" else e for e in entries])
        assert [d.disputed for d in chronology if d.entry == "roe-case"] == [disputed] * 400
        assert len(calls) <= 400  # at most linear; 400 identical dates, pair by pair, are 79,800 comparisons
