"""Messages that name the fix.

A table of dates in other notations and the exact message each gets: its EDTF spelling, both
spellings when day and month could be swapped, or the nearest forms when EDTF has none.
"""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT

from macros import dates

SHORT = "is not a date such as 2007, 2007-08 or 2007-08-16"


# --- dates in another notation ---------------------------------------------------------

@pytest.mark.parametrize("written, message", [
    ("15/08/2007", f"'15/08/2007' {SHORT}: write 2007-08-15"),
    ("15.08.2007", f"'15.08.2007' {SHORT}: write 2007-08-15"),
    ("15-08-2007", f"'15-08-2007' {SHORT}: write 2007-08-15"),
    ("08/15/2007", f"'08/15/2007' {SHORT}: write 2007-08-15"),
    ("05/05/2007", f"'05/05/2007' {SHORT}: write 2007-05-05"),
    ("2007/08/15", f"'2007/08/15' {SHORT}: write 2007-08-15"),
    ("2007.08.15", f"'2007.08.15' {SHORT}: write 2007-08-15"),
    ("2007-8-5", f"'2007-8-5' {SHORT}: write 2007-08-05"),
    ("08/2007", f"'08/2007' {SHORT}: write 2007-08"),
    ("August 2007", f"'August 2007' {SHORT}: write 2007-08"),
    ("Aug. 2007", f"'Aug. 2007' {SHORT}: write 2007-08"),
    ("août 2007", f"'août 2007' {SHORT}: write 2007-08"),
    ("Août 2007", f"'Août 2007' {SHORT}: write 2007-08"),
    ("févr. 2008", f"'févr. 2008' {SHORT}: write 2008-02"),
    ("15 August 2007", f"'15 August 2007' {SHORT}: write 2007-08-15"),
    ("August 15, 2007", f"'August 15, 2007' {SHORT}: write 2007-08-15"),
    ("15 août 2007", f"'15 août 2007' {SHORT}: write 2007-08-15"),
    ("le 1er décembre 2006", f"'le 1er décembre 2006' {SHORT}: write 2006-12-01"),
    ("circa 2007", f"'circa 2007' {SHORT}: write 2007~"),
    ("vers 2007", f"'vers 2007' {SHORT}: write 2007~"),
    ("environ août 2007", f"'environ août 2007' {SHORT}: write 2007-08~"),
    ("vers le 15 août 2007", f"'vers le 15 août 2007' {SHORT}: write 2007-08-15~"),
    ("2007 ?", f"'2007 ?' {SHORT}: write 2007?"),
    ("vers 2007 ?", f"'vers 2007 ?' {SHORT}: write 2007%"),
    ("2007-2008", f"'2007-2008' {SHORT}: write 2007/2008"),
    ("2007 – 2008", f"'2007 – 2008' {SHORT}: write 2007/2008"),
    ("vers 2007-2008", f"'vers 2007-2008' {SHORT}: write 2007~/2008~"),
    ("juin-août 2007", f"'juin-août 2007' {SHORT}: write 2007-06/2007-08"),
    ("du 15 au 18 août 2007", f"'du 15 au 18 août 2007' {SHORT}: write 2007-08-15/2007-08-18"),
    ("15-18 August 2007", f"'15-18 August 2007' {SHORT}: write 2007-08-15/2007-08-18"),
    ("between 2006 and 2007", f"'between 2006 and 2007' {SHORT}: write 2006/2007"),
    ("05/08/2007", f"'05/08/2007' {SHORT}, and its day and month could be either way round: "
                   "write 2007-08-05 for 5 August 2007, or 2007-05-08 for 8 May 2007"),
    ("circa 05/08/2007", f"'circa 05/08/2007' {SHORT}, and its day and month could be either way round: "
                         "write 2007-08-05~ for about 5 August 2007, or 2007-05-08~ for about 8 May 2007"),
    ("31/02/2007", f"'31/02/2007' {SHORT}, and in EDTF, '2007-02-31' names a day that does not exist"),
    ("mid-2007", f"'mid-2007' {SHORT}, and has no EDTF spelling: write the year, 2007, or the months the "
                 "article allows as an interval, such as 2007-05/2007-08"),
    ("mi-2007", f"'mi-2007' {SHORT}, and has no EDTF spelling: write the year, 2007, or the months the "
                "article allows as an interval, such as 2007-05/2007-08"),
    ("fin 2007", f"'fin 2007' {SHORT}, and has no EDTF spelling: write the year, 2007, or the months the "
                 "article allows as an interval, such as 2007-09/2007-12"),
    ("début août 2007", f"'début août 2007' {SHORT}, and has no EDTF spelling: write the month, 2007-08, or "
                        "the days the article allows as an interval, such as 2007-08-01/2007-08-10"),
    ("summer 2007", f"'summer 2007' {SHORT}, and has no EDTF spelling: write the months it covers as an "
                    "interval, 2007-06/2007-08, or the year, 2007"),
    ("été 2007", f"'été 2007' {SHORT}, and has no EDTF spelling: write the months it covers as an "
                 "interval, 2007-06/2007-08, or the year, 2007"),
    ("hiver 2007", f"'hiver 2007' {SHORT}, and has no EDTF spelling: write the months it covers as an "
                   "interval, 2006-12/2007-02 or 2007-12/2008-02, whichever winter the article means, "
                   "or the year, 2007"),
    # Nothing is guessed: no year, a year and two digits that may be a month or a second year.
    ("15 août", "'15 août' is not a date such as " + dates.EXAMPLES),
    ("2007/08", "'2007/08' is not a date such as " + dates.EXAMPLES),
    ("13/13/2007", "'13/13/2007' has more than one '/'"),
])
def test_a_date_in_another_notation_gets_its_edtf_spelling(written, message):
    with pytest.raises(dates.DateError) as e:
        dates.parse(written)
    assert str(e.value) == message


_FRENCH = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre")


@settings(max_examples=300, deadline=None)
@given(day=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
       form=st.sampled_from(["{d}/{m:02d}/{y}", "{d}.{m}.{y}", "{y}/{m:02d}/{d:02d}", "{d} {month} {y}",
                             "{d} {mois} {y}", "{month} {d}, {y}"]))
def test_the_spelling_offered_is_the_same_day(day, form):
    written = form.format(d=day.day, m=day.month, y=day.year, month=dates.MONTHS[day.month - 1],
                          mois=_FRENCH[day.month - 1])
    with pytest.raises(dates.DateError) as e:
        dates.parse(written)
    message = str(e.value)
    if "either way round" in message:  # numbers only, day and month both 12 or less and different
        assert form.startswith("{d}") and day.day <= 12 and day.month <= 12 and day.day != day.month
        assert message.split(": write ", 1)[1].startswith(f"{day.isoformat()} for ")  # day first, as in French
    else:
        spelled = message.rsplit(": write ", 1)[1]
        assert dates.parse(spelled).low == dates.parse(spelled).high == day


# --- the contributing guide explains what is new ------------------------------------------

@pytest.mark.parametrize("phrase", [
    ": write ", "either way round", "has no EDTF spelling",
])
def test_each_new_kind_of_message_is_in_the_corpus_and_explained_in_contributing(phrase):
    table = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").split("## What the check messages mean", 1)[1]
    expected = (ROOT / "tests" / "fixtures" / "broken" / "expected.txt").read_text(encoding="utf-8")
    assert phrase in expected
    assert phrase in table.split("\n## ", 1)[0]
