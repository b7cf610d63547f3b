"""A fact in words: each kind of fact reads as the table says, in plain text and in HTML, and for
any fact the plain text is the HTML's text content."""

from __future__ import annotations

import html5lib
import pytest

from macros import dates, words
from macros.index import Dated, Fact

BASE = "../../"
SHOP = '<a href="../../organisations/shop/">Shop</a>'
JANE = '<a href="../../people/jane-roe/">Jane Roe</a>'


def _time(edtf: str, text: str, inexact: bool = False) -> str:
    return f'<time data-edtf="{edtf}">{text}</time>' + (words.INEXACT_MARK if inexact else "")


# (entry, field, item, about) -> plain text, HTML
FACTS = [
    pytest.param(
        "jane-roe",
        "roles",
        {"role": "director", "of": "shop", "start": "2004~", "end": "2005-12"},
        "",
        "director of Shop, from about 2004, until December 2005",
        f"director of {SHOP}, from {_time('2004~', 'about 2004', True)}, until {_time('2005-12', 'December 2005')}",
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
        "roe-case", "date", {"when": "2007-08"}, "", "August 2007", _time("2007-08", "August 2007"), id="date"
    ),
    pytest.param(
        "shop",
        "points",
        {"says": "It closed.", "when": "2007-06"},
        "",
        "It closed. (June 2007)",
        f"It closed. ({_time('2007-06', 'June 2007')})",
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
    return Dated(dates.parse(edtf), entry, what, item, ("first-report",), disputed)


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
        assert w.text() == _text_content(w.html(BASE)), w


def test_the_plain_text_of_any_mini_fact_is_its_html_text(index):
    _assert_plain_text_is_the_html_text(index)


def test_the_plain_text_of_any_fact_of_the_dossier_is_its_html_text(corpus):
    _assert_plain_text_is_the_html_text(corpus.index)
