"""Dates: parsing EDTF level 1, saying them as a reader would, and ordering by their bounds."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from macros import dates


@pytest.mark.parametrize(
    "text, words",
    [
        ("2007", "2007"),
        ("2007-08", "August 2007"),
        ("2007-08-16", "16 August 2007"),
        ("2007-08~", "about August 2007"),
        ("2007-08-16~", "about 16 August 2007"),
        ("2006-09?", "September 2006 (uncertain)"),
        ("2007%", "possibly about 2007"),
        ("2007-07-13/2007-07-18", "between 13 and 18 July 2007"),
        ("2004-05-15/2004-05-20", "between 15 and 20 May 2004"),
        ("2007-07-13/2007-08-02", "between 13 July and 2 August 2007"),
        ("2007-06/2007-08", "between June and August 2007"),
        ("2006-12-30/2007-01-02", "between 30 December 2006 and 2 January 2007"),
        ("2006/2007", "between 2006 and 2007"),
        ("2007-07/2007-08-02", "between July 2007 and 2 August 2007"),
        ("2007-08-01~/2007-08-31", "between about 1 August 2007 and 31 August 2007"),
        ("../2007-07-18", "by 18 July 2007 at the latest"),
        ("2006-09/..", "September 2006 or later"),
        ("/2008-05", "by May 2008 at the latest"),
    ],
)
def test_words_never_add_precision(text, words):
    assert dates.parse(text).words() == words


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("2007", date(2007, 1, 1), date(2007, 12, 31)),
        ("2008-02", date(2008, 2, 1), date(2008, 2, 29)),
        ("2007-02", date(2007, 2, 1), date(2007, 2, 28)),
        ("2007-08-16~", date(2007, 8, 16), date(2007, 8, 16)),
        ("2007-07-13/2007-07-18", date(2007, 7, 13), date(2007, 7, 18)),
        ("../2007-07-18", None, date(2007, 7, 18)),
        ("2006-09/..", date(2006, 9, 1), None),
    ],
)
def test_bounds(text, low, high):
    d = dates.parse(text)
    assert (d.low, d.high) == (low, high)


@pytest.mark.parametrize(
    "text, uncertain",
    [
        ("2007", False),
        ("2007-08-16", False),
        ("2007~", True),
        ("2007?", True),
        ("2007-07-13/2007-07-18", True),
        ("../2007", True),
    ],
)
def test_inexact_dates_are_flagged(text, uncertain):
    assert dates.parse(text).uncertain is uncertain


@pytest.mark.parametrize(
    "text, message",
    [
        ("2007-13", "'2007-13' has no month 13"),
        ("2007-00", "'2007-00' has no month 00"),
        ("2007-02-29", "'2007-02-29' names a day that does not exist"),
        ("2008/2007", "'2008/2007' ends before it starts"),
        ("../..", "'../..' leaves both ends open"),
        (
            "2007/2008/2009",
            "'2007/2008/2009' has more than one '/': write a day as 2007-08-16, and an interval as two "
            "dates with one '/' between them, such as 2006-06/2007-10 (../2007 when its start is open)",
        ),
        ("0000", "'0000' has no year 0"),
        ("16/08/2007", "'16/08/2007' is not a date such as 2007, 2007-08 or 2007-08-16: write 2007-08-16"),
        ("August 2007", "'August 2007' is not a date such as 2007, 2007-08 or 2007-08-16: write 2007-08"),
        ("2007-8", "'2007-8' is not a date such as 2007, 2007-08 or 2007-08-16: write 2007-08"),
        ("Kvasov", "'Kvasov' is not a date such as " + dates.EXAMPLES),
        ("2007-21", "'2007-21' has no month 21"),
    ],
)
def test_impossible_or_malformed_dates_are_refused(text, message):
    with pytest.raises(dates.DateError) as e:
        dates.parse(text)
    assert str(e.value) == message


def test_sorting_by_bounds_places_inexact_dates_among_exact_ones():
    texts = [
        "2008-05-20/2008-05-31",
        "2007",
        "2007-08-16~",
        "../2007-07-18",
        "2007-07-13/2007-07-18",
        "2006-09?",
        "2007-08",
        "2007-10",
        "2004-05-15/2004-05-20",
        "2007-01",
    ]
    ordered = [d.text for d in sorted((dates.parse(t) for t in texts), key=lambda d: d.sort_key)]
    # Same start: the narrower date first, so January 2007 precedes "2007" as a whole.
    assert ordered == [
        "2004-05-15/2004-05-20",
        "2006-09?",
        "2007-01",
        "2007",
        "2007-07-13/2007-07-18",
        "../2007-07-18",
        "2007-08",
        "2007-08-16~",
        "2007-10",
        "2008-05-20/2008-05-31",
    ]


@pytest.mark.parametrize(
    "a, b, overlap",
    [
        ("2007-08", "2007-10", False),
        ("2007", "2007-06", True),
        ("../2007-07-18", "2007-07-01", True),
        ("2006-09/..", "2005", False),
    ],
)
def test_overlap_decides_whether_two_dates_can_both_be_true(a, b, overlap):
    assert dates.parse(a).overlaps(dates.parse(b)) is overlap


@pytest.mark.parametrize(
    "text, shared, label",
    [
        ("2007-08-16", (2007, 8), "Aug 2007"),
        ("2007-08", (2007, 8), "Aug 2007"),
        ("2007", (2007, None), "2007"),
        ("2007-07-13/2007-07-18", (2007, 7), "Jul 2007"),
        ("2007-06/2007-08", (2007, None), "2007"),
        ("2007-12/2008-01", (None, None), "between December 2007 and January 2008"),
        # Approximate or uncertain: the year stays, the month is not sure; a label keeps the words.
        ("2008-05~", (2008, None), "about May 2008"),
        ("2006-09?", (2006, None), "September 2006 (uncertain)"),
        # An open end: the date may lie any distance that way, so nothing is shared.
        ("../2007-08", (None, None), "by August 2007 at the latest"),
        ("2007-08/..", (None, None), "August 2007 or later"),
    ],
)
def test_a_citation_date_is_never_more_precise_than_the_date(text, shared, label):
    from macros.citations import short_date

    d = dates.parse(text)
    assert d.shared() == shared
    assert short_date(d) == label


_points = st.builds(
    lambda y, m, d, q: f"{y}" + (f"-{m:02d}" + (f"-{d:02d}" if d else "") if m else "") + q,
    st.integers(2005, 2008),
    st.one_of(st.none(), st.integers(1, 12)),
    st.one_of(st.none(), st.integers(1, 28)),
    st.sampled_from(["", "?", "~", "%"]),
)


def _interval(a: str, b: str) -> str:
    return f"{a}/{b}" if dates.parse(a).low <= dates.parse(b).high else f"{b}/{a}"


_dates = st.one_of(
    _points,
    st.builds(_interval, _points, _points),
    st.builds(lambda p: f"../{p}", _points),
    st.builds(lambda p: f"{p}/..", _points),
)


@settings(max_examples=500, deadline=None)
@given(texts=st.lists(_dates, max_size=8))
def test_all_overlap_is_the_pairwise_rule(texts):
    ds = [dates.parse(t) for t in texts]
    assert dates.all_overlap(ds) == all(a.overlaps(b) for n, a in enumerate(ds) for b in ds[n + 1 :])


@pytest.mark.parametrize(
    "texts, expected",
    [
        ([], True),
        (["2007"], True),
        (["2007-08", "2007-10"], False),
        (["2007", "2007-06", "2007-06-15"], True),
        (["../2007-07-18", "2007-07-18", "2007-07-18/.."], True),
        (["../2007-07-18", "2007-07-19/.."], False),
        (["../2006", "2007/.."], False),
        (["2007-08~", "2007-08?"], True),
        (["2007-01/2007-03", "2007-03/2007-05", "2007-05/2007-07"], False),
    ],
)
def test_all_overlap_on_open_ends_and_uncertain_dates(texts, expected):
    assert dates.all_overlap([dates.parse(t) for t in texts]) is expected
