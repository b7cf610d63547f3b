"""schema.org data (JSON-LD) as schema.org and search engines read it, for any dossier: dates in
ISO 8601 and never more precise than the entries record them, one address per node, the
declared types, and the properties each type declares."""

from __future__ import annotations

import calendar
import json
import re
from datetime import date
from pathlib import Path

import html5lib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_dates import _dates

from macros import dates, jsonld, schema, words

# ISO 8601 as schema.org's Date and DateTime take it: a year, a month, a day, or a full date and time.
ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?)?)?$")


def _is_date_property(name: str) -> bool:
    """datePublished, dateCreated, startDate, endDate, birthDate...: every schema.org property holding a date."""
    return name.startswith("date") or name.endswith("Date")


def _period(iso: str) -> tuple[date, date]:
    """The first and last day an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD) names; raises if it names none."""
    assert ISO.match(iso), iso
    parts = [int(p) for p in iso[:10].split("-")]
    year, month, day = (parts + [0, 0])[:3]
    last = calendar.monthrange(year, month or 12)[1]
    return date(year, month or 1, day or 1), date(year, month or 12, day or last)


def _may_mean(d: dates.Date) -> tuple[date | None, date | None]:
    """The first and last day the EDTF date may mean, None where it has no such bound: an open end,
    and an approximate or uncertain end, which may lie any distance beyond what is written
    ("about 2007" may be 2006; "about 16 August 2007" another month)."""
    low, high = d.low, d.high
    if d.start is not None and (d.start.approximate or d.start.uncertain):
        low = None
    if d.end is not None and (d.end.approximate or d.end.uncertain):
        high = None
    return low, high


def _within(iso: str, d: dates.Date) -> bool:
    """Whether every day the EDTF date may mean lies in the ISO date's period: the ISO date adds no precision."""
    low, high = _period(iso)
    may_low, may_high = _may_mean(d)
    return may_low is not None and may_high is not None and low <= may_low and may_high <= high


def _one_year(ds: list[dates.Date]) -> bool:
    """Whether every day every version may mean falls in one year: then a year at least is sure."""
    bounds = [b for d in ds for b in _may_mean(d)]
    return bool(ds) and None not in bounds and len({b.year for b in bounds}) == 1


def _nodes(value):
    """Every node of a JSON-LD document, nested ones included."""
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from _nodes(v)
    elif isinstance(value, list):
        for v in value:
            yield from _nodes(v)


def _json_ld(site: Path) -> dict[str, list[dict]]:
    """Every page's JSON-LD documents, by page address."""
    out = {}
    for page in site.rglob("index.html"):
        doc = html5lib.parse(page.read_text(encoding="utf-8"), namespaceHTMLElements=False)
        scripts = [s.text for s in doc.iter("script") if s.get("type") == "application/ld+json"]
        if scripts:
            out[page.parent.relative_to(site).as_posix() + "/"] = [json.loads(s) for s in scripts]
    return out


def _declared_types(t: schema.EntryType) -> set[str]:
    kind = t.field("kind")
    return {t.presentation.schema_org} | {c.schema_org for c in (kind.choices if kind else ()) if c.schema_org}


def test_every_page_s_json_ld_follows_schema_org(built_site, corpus):
    index = corpus.index
    pages = _json_ld(built_site)
    by_page = {e.url: e for e in index.entries.values()}
    assert set(pages) == set(by_page)  # every entry page has it, no other page
    urls: dict[str, set] = {}
    for url, docs in pages.items():
        for node in _nodes(docs):
            for name, value in node.items():
                if _is_date_property(name):
                    _period(value)  # ISO 8601 (no EDTF qualifier or open end), a date that exists
            if "@id" in node:
                urls.setdefault(node["@id"], set()).update([node["url"]] if "url" in node else [])
                target = by_page.get(node["@id"].split("/", 3)[-1])
                if target is not None:  # a node for an entry has its type's declared type, or its kind's
                    assert node["@type"] in _declared_types(target.type), (url, node)
    assert {i: u for i, u in urls.items() if len(u) > 1} == {}  # one address per node


def test_dates_are_given_as_precisely_as_every_version_allows_and_no_more(built_site, corpus):
    pages = _json_ld(built_site)
    for entry in corpus.index.entries.values():
        (data,) = pages[entry.url]
        for f in entry.type.fields:
            prop = f.schema_org.partition("@")[0]
            if f.is_date and f.name in entry.data:
                whens = [entry.data[f.name]]
            elif f.is_list_of_mappings and f.item.subfield("when"):
                whens = [item["when"] for item in entry.data.get(f.name, ()) if "when" in item]
            else:
                continue
            if not prop:
                continue
            versions = [dates.parse(w) for w in whens]
            if prop in data:
                assert all(_within(data[prop], d) for d in versions), (entry.id, data[prop], whens)
            # Whenever the versions share a year, the property is there (an event has its startDate).
            assert (prop in data) == _one_year(versions), (entry.id, prop, whens)
        assert "endDate" not in data and "temporalCoverage" not in data


def test_an_article_s_length_is_its_word_count(built_site, corpus):
    pages = _json_ld(built_site)
    for entry in corpus.index.by_type["article"]:
        assert pages[entry.url][0]["wordCount"] == entry.data["words"]


@settings(max_examples=500, deadline=None)
@given(text=_dates)
def test_the_iso_date_is_valid_and_never_more_precise_than_the_edtf_date(text):
    d = dates.parse(text)
    iso = jsonld.iso_date(d)
    if iso:
        assert _within(iso, d)
        written = [len(p.split("-")) for p in re.sub(r"[?~%]", "", text).split("/")]
        assert len(iso.split("-")) <= max(written)  # no more components than the most precise end was written with
    else:  # nothing is given only when no year is sure
        assert not _one_year([d])


@settings(max_examples=300, deadline=None)
@given(text=_dates)
def test_json_ld_gives_a_date_exactly_where_html_s_time_element_does(text):
    d = dates.parse(text)
    assert bool(jsonld.iso_date(d)) == bool(words.machine_date(d)), text


@pytest.mark.parametrize(
    "text, iso",
    [
        ("2007~", ""),  # about 2007: perhaps 2006
        ("2007?", ""),
        ("2007-08-16?", ""),
        ("2007-08-16~", ""),  # the qualifier covers the whole date: the month is not sure either
        ("2007-08%", ""),
        ("2007-03~/2007-08", ""),
        ("2007-03/2007-08?", ""),
        ("2007-08-16", "2007-08-16"),
        ("2007-08-28/2007-08-31", "2007-08"),
        ("2007/2007-08", "2007"),
    ],
)
def test_an_approximate_or_uncertain_date_gives_no_iso_date(text, iso):
    assert jsonld.iso_date(dates.parse(text)) == iso
    assert jsonld._date_properties("datePublished", [text]) == ({"datePublished": iso} if iso else {})
    assert jsonld._date_properties("startDate", [text, "2007-02-01"]) == ({"startDate": iso[:4]} if iso else {})


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(_dates, min_size=1, max_size=4))
def test_versions_that_disagree_give_the_period_they_all_lie_in(texts):
    versions = [dates.parse(t) for t in texts]
    got = jsonld._date_properties("startDate", texts)
    if got:
        assert all(_within(got["startDate"], d) for d in versions)
    # What all the versions' own ISO dates share is given: a year they share is never dropped.
    isos = {jsonld.iso_date(d) for d in versions}
    if "" not in isos and len({i[:4] for i in isos}) == 1:
        assert got
