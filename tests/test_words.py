"""A fact in words: each kind of fact reads as the table says, in plain text and in HTML, and for
any fact the plain text is the HTML's text content."""

from __future__ import annotations

import re
from datetime import date

import html5lib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from macros import dates, words
from macros.index import Dated, Fact
from macros.markup import Markup

BASE = "../../"
SHOP = '<a href="../../organisations/shop/">Shop</a>'
JANE = '<a href="../../people/jane-roe/">Jane Roe</a>'


def _time(edtf: str, text: str, value: str = "", inexact: bool = False) -> str:
    """A date with its HTML value: a <time>; without one (about, uncertain, open): a <span>."""
    mark = words.INEXACT_MARK if inexact or not value else ""
    if value:
        return f'<time datetime="{value}" data-edtf="{edtf}">{text}</time>{mark}'
    return f'<span class="dossier-date" data-edtf="{edtf}">{text}</span>{mark}'


# (entry, field, item, about) -> plain text, HTML
FACTS = [
    pytest.param(
        "jane-roe",
        "roles",
        {"role": "director", "of": "shop", "start": "2004~", "end": "2005-12"},
        "",
        "director of Shop, from about 2004, until December 2005",
        f"director of {SHOP}, from {_time('2004~', 'about 2004')}, until {_time('2005-12', 'December 2005', '2005-12')}",
        id="role with start and end",
    ),
    pytest.param("jane-roe", "roles", {"role": "founder"}, "", "founder", "founder", id="role alone"),
    pytest.param(
        "shop",
        "relations",
        {"relation": "operated-by", "to": "jane-roe"},
        "",
        "operated by Jane Roe",
        f"operated by {JANE}",
        id="relation",
    ),
    pytest.param(
        "roe-case",
        "parties",
        {"entry": "jane-roe", "role": "defendant"},
        "",
        "Jane Roe (defendant)",
        f"{JANE} (defendant)",
        id="party",
    ),
    pytest.param(
        "roe-case",
        "court",
        {"entry": "a-court"},
        "",
        "A court",
        '<a href="../../organisations/a-court/">A court</a>',
        id="court",
    ),
    pytest.param(
        "shop-complaint",
        "participants",
        {"entry": "shop", "role": "target <b>"},
        "",
        "Shop (target <b>)",
        f"{SHOP} (target &lt;b&gt;)",
        id="participant",
    ),
    pytest.param(
        "roe-case",
        "outcome",
        {"result": "acquitted", "says": "Cleared & freed."},
        "",
        "acquitted: Cleared & freed.",
        "<strong>acquitted</strong>: Cleared &amp; freed.",
        id="outcome",
    ),
    pytest.param(
        "roe-case",
        "amounts",
        {"amount": 1000, "currency": "EUR", "what": "damages claimed"},
        "",
        "1,000 euros: damages claimed",
        "1,000 euros: damages claimed",
        id="whole amount",
    ),
    pytest.param(
        "roe-case",
        "amounts",
        {"amount": 1234.5, "currency": "RUB", "what": "a fine"},
        "",
        "1,234.50 roubles: a fine",
        "1,234.50 roubles: a fine",
        id="amount with cents",
    ),
    pytest.param(
        "roe-case",
        "date",
        {"when": "2007-08"},
        "",
        "August 2007",
        _time("2007-08", "August 2007", "2007-08"),
        id="date",
    ),
    pytest.param(
        "shop",
        "points",
        {"says": "It closed.", "when": "2007-06"},
        "",
        "It closed. (June 2007)",
        f"It closed. ({_time('2007-06', 'June 2007', '2007-06')})",
        id="point with when",
    ),
    pytest.param(
        "shop",
        "points",
        {"says": 'It said "<script>".'},
        "",
        'It said "<script>".',
        "It said &quot;&lt;script&gt;&quot;.",
        id="point",
    ),
    pytest.param(
        "shop",
        "disputed",
        {"says": "The RIAA."},
        "who pressed <them>",
        "who pressed <them>: The RIAA.",
        "<em>who pressed &lt;them&gt;</em>: The RIAA.",
        id="disputed version",
    ),
    pytest.param(
        "shop",
        "relations",
        {"relation": "owned-by", "to": "no-such-entry"},
        "",
        "owned by no-such-entry",
        "owned by no-such-entry",
        id="unknown id as written",
    ),
]


@pytest.mark.parametrize("entry, field, item, about, text, html", FACTS)
def test_a_fact_reads_as_the_table_says(index, entry, field, item, about, text, html):
    said = words.describe(Fact(entry, field, item, ("first-report",), about), index)
    assert (said.text(), said.html(BASE)) == (text, html)


def _dated(what: str, entry: str, item: dict, edtf: str = "2007-08", disputed: bool = False) -> Dated:
    # An article's publication is the entry's own date (Presentation.dated_by), as the index makes it.
    return Dated(dates.parse(edtf), entry, what, item, ("first-report",), disputed, own=what == "published")


ROLE = {"role": "director", "of": "shop"}
PREMIER = '<a href="../../articles/first-report/">Premier article</a>'

# A dated fact -> in the chronology (HTML), the calendar's summary, the timeline's tooltip.
DATED = [
    pytest.param(
        _dated("published", "first-report", {}),
        f"Article published: {PREMIER}",
        "Premier article: article published",
        "August 2007: Premier article (article published)",
        id="published",
    ),
    pytest.param(
        _dated("start", "jane-roe", ROLE),
        f"{JANE}: director of {SHOP} begins",
        "Jane Roe: director of Shop begins",
        "August 2007: Jane Roe (director of Shop begins)",
        id="role begins",
    ),
    pytest.param(
        _dated("end", "jane-roe", {"role": "director"}, "2005-12~"),
        f"{JANE}: director ends",
        "Jane Roe: director ends",
        "about December 2005: Jane Roe (director ends)",
        id="role ends",
    ),
    pytest.param(
        _dated("point", "shop", {"says": "It <closed>."}),
        f"It &lt;closed&gt;. ({SHOP})",
        "Shop: It <closed>.",
        "August 2007: Shop (It <closed>.)",
        id="point",
    ),
    pytest.param(
        _dated("date", "roe-case", {"when": "2007-08"}, disputed=True),
        '<a href="../../rulings/roe-case/">The Roe case</a>',
        "The Roe case",
        "August 2007: The Roe case. Disputed date: the articles give dates that cannot all be true",
        id="an entry's own date, disputed",
    ),
]


@pytest.mark.parametrize("dated, chronology, summary, tooltip", DATED)
def test_a_dated_fact_reads_as_the_table_says(index, dated, chronology, summary, tooltip):
    assert words.in_chronology(dated, index).html(BASE) == chronology
    assert words.summary(dated, index).text() == summary
    assert words.tooltip(dated, index).text() == tooltip


def _text_content(html: str) -> str:
    # The inexact badge repeats in a word what the date's words say in full.
    doc = html5lib.parseFragment(html.replace(words.INEXACT_MARK, ""), namespaceHTMLElements=False)
    return "".join(doc.itertext())


def _every_wording(index):
    facts = {id(f): f for fs in index.facts_citing.values() for f in fs}.values()
    yield from (words.describe(f, index) for f in facts)
    for d in index.chronology:
        yield from (form(d, index) for form in (words.happened, words.in_chronology, words.summary, words.tooltip))


def _assert_plain_text_is_the_html_text(index):
    said = list(_every_wording(index))
    assert said
    for w in said:
        assert isinstance(w.html(BASE), Markup), w  # included as it is wherever HTML is built
        assert w.text() == _text_content(w.html(BASE)), w


# Any text the check lets through (test_text_safety.py), weighted towards what HTML reads.
_TEXTS = st.lists(
    st.sampled_from(list("<>&\"'/=!-") + ["</strong>", "<script>", "&amp;", "-->"])
    | st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029"), max_size=4),
    max_size=10,
).map("".join)


@given(_TEXTS, st.sampled_from(["strong", "em"]))
def test_any_text_in_a_fact_stays_text_in_its_html(text, tag):
    """Text, a stressed phrase and an unknown id, whatever they hold: one element, the stress, and
    the text as written."""
    said = words.Words((words.Plain(text), words.Stressed(text, tag), words.Named(None, text)))
    out = said.html(BASE)
    assert isinstance(out, Markup)
    doc = html5lib.parseFragment(out, namespaceHTMLElements=False)
    assert [e.tag for e in doc.iter() if e is not doc] == [tag]
    assert "".join(doc.itertext()) == said.text() == text * 3


def test_the_plain_text_of_any_mini_fact_is_its_html_text(index):
    _assert_plain_text_is_the_html_text(index)


def test_the_plain_text_of_any_fact_of_the_dossier_is_its_html_text(corpus):
    _assert_plain_text_is_the_html_text(corpus.index)


# --- dates in HTML: a <time> with a true datetime value, or none ----------------------------


@pytest.mark.parametrize(
    "edtf, value",
    [
        ("2007", "2007"),
        ("2007-08", "2007-08"),
        ("2007-08-16", "2007-08-16"),
        ("2007-07-13/2007-07-18", "2007-07"),  # every day it may be lies in July 2007
        ("2007-06/2007-08", "2007"),
        ("2007-08-16/2007-08-16", "2007-08-16"),
        ("2006-12-30/2007-01-02", ""),  # across years: no year holds it
        ("2007-08~", ""),
        ("2006-09?", ""),
        ("2007%", ""),
        ("2007-08-01~/2007-08-31", ""),
        ("../2007-07-18", ""),
        ("2006-09/..", ""),
    ],
)
def test_a_date_has_a_datetime_value_only_where_html_can_say_it(edtf, value):
    d = dates.parse(edtf)
    assert words.machine_date(d) == value
    expected = _time(edtf, d.words(), value, inexact=d.uncertain)
    assert words.when(edtf).html(BASE) == expected


_POINTS = st.builds(
    lambda y, m, d, q: f"{y:04d}" + (f"-{m:02d}" + (f"-{d:02d}" if d else "") if m else "") + q,
    st.integers(1000, 2999),
    st.one_of(st.none(), st.integers(1, 12)),
    st.one_of(st.none(), st.integers(1, 31)),
    st.sampled_from(["", "", "?", "~", "%"]),
)


def _parsed(text: str) -> dates.Date | None:
    try:
        return dates.parse(text)
    except dates.DateError:  # the 31st of a shorter month, an interval that ends before it starts
        return None


_DATES = (
    st.one_of(
        _POINTS,
        st.builds(lambda a, b: f"{a}/{b}", _POINTS, _POINTS),
        st.builds(lambda p: f"../{p}", _POINTS),
        st.builds(lambda p: f"{p}/..", _POINTS),
    )
    .map(_parsed)
    .filter(lambda d: d is not None)
)

# HTML's valid year, month and date strings (the only datetime forms a date of the dossier can take).
_HTML_DATE = re.compile(r"(\d{4,})(?:-(\d{2})(?:-(\d{2}))?)?")


def _period(value: str) -> tuple[date, date]:
    """The first and last day of the year, month or day an HTML datetime value names."""
    y, m, d = (int(g) if g else None for g in _HTML_DATE.fullmatch(value).groups())
    point = dates.Point(y, m, d)
    return point.low, point.high


@settings(max_examples=400, deadline=None)
@given(d=_DATES)
def test_a_dates_html_is_valid_and_claims_nothing_the_edtf_does_not(d):
    doc = html5lib.parseFragment(words.When(d).html(BASE), namespaceHTMLElements=False)
    element = doc[0]
    assert element.get("data-edtf") == d.text
    assert element.text == d.words()
    value = element.get("datetime")
    if element.tag == "span":
        assert value is None and words.machine_date(d) == ""
        # Only a date HTML cannot state without adding certainty goes without a value.
        exact = not d.interval and not (d.start.uncertain or d.start.approximate)
        assert not exact, d.text
        return
    assert element.tag == "time" and _HTML_DATE.fullmatch(value), value
    first, last = _period(value)
    assert first <= d.low and d.high <= last, (d.text, value)  # every day the date may be lies in it
    assert not any(p.uncertain or p.approximate for p in (d.start, d.end)), (d.text, value)


# --- a claim that is someone's: according_to ------------------------------------------------


CLAIMS = [
    pytest.param(
        "shop",
        "points",
        {"says": "It pays the society.", "according_to": "jane-roe"},
        "According to Jane Roe: It pays the society.",
        f"According to {JANE}: It pays the society.",
        id="point",
    ),
    pytest.param(
        "shop",
        "points",
        {"says": "It closed.", "when": "2007-06", "according_to": "shop"},
        "According to Shop: It closed. (June 2007)",
        f"According to {SHOP}: It closed. ({_time('2007-06', 'June 2007', '2007-06')})",
        id="dated point",
    ),
    pytest.param(
        "shop",
        "relations",
        {"relation": "operated-by", "to": "jane-roe", "according_to": "shop"},
        "operated by Jane Roe, according to Shop",
        f"operated by {JANE}, according to {SHOP}",
        id="relation",
    ),
    pytest.param(
        "shop",
        "points",
        {"says": "It <closed>.", "according_to": "no-such-entry"},
        "According to no-such-entry: It <closed>.",
        "According to no-such-entry: It &lt;closed&gt;.",
        id="unknown id as written",
    ),
]


@pytest.mark.parametrize("entry, field, item, text, html", CLAIMS)
def test_a_claim_says_whose_it_is(index, entry, field, item, text, html):
    said = words.describe(Fact(entry, field, item, ("first-report",)), index)
    assert (said.text(), said.html(BASE)) == (text, html)


def test_a_dated_claim_says_whose_it_is_in_the_chronology_the_calendar_and_the_tooltips(index):
    dated = _dated("point", "shop", {"says": "It closed.", "when": "2007-08", "according_to": "jane-roe"})
    assert words.in_chronology(dated, index).html(BASE) == f"According to {JANE}: It closed. ({SHOP})"
    assert words.summary(dated, index).text() == "Shop: According to Jane Roe: It closed."
    assert words.tooltip(dated, index).text() == "August 2007: Shop (According to Jane Roe: It closed.)"


def _claims(index):
    facts = {id(f): f for fs in index.facts_citing.values() for f in fs}.values()
    yield from ((f.item, words.describe(f, index)) for f in facts if f.item.get("according_to"))
    for d in index.chronology:
        if d.item.get("according_to"):
            yield from ((d.item, form(d, index)) for form in (words.happened, words.summary, words.tooltip))


def test_every_claim_of_the_dossier_names_whose_it_is(corpus):
    """Wherever the dossier says whose a claim is, its words name them, linked to their page."""
    index = corpus.index
    for item, said in _claims(index):
        who = index.entries[item["according_to"]]
        assert f"ccording to {who.name}" in said.text(), said.text()
        assert f'ccording to <a href="{BASE}{who.url}">' in said.html(BASE), said.html(BASE)
