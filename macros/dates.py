"""Honest dates: EDTF level-1 strings parsed into bounds and read back as a person would say them.

Supported: a year (2007), a month (2007-08), a day (2007-08-16); a qualifier
at the end: `?` uncertain, `~` approximate, `%` both; an interval of two such
dates (2007-07-13/2007-07-18), either end open (`..`).
Never shows more precision than was written.

A date written in another notation (15/08/2007, 15 août 2007, circa 2007, 2007-2008) is
refused like any other, but the message gives its EDTF spelling when one follows without
guessing, both spellings when day and month could be swapped, and the nearest forms when
EDTF as supported here has none (seasons, "mid-2007").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_ABBR = tuple(m[:3] for m in MONTHS)

_POINT = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<q>[?~%])?$")

EXAMPLES = "2007, 2007-08, 2007-08-16, 2007-08~, 2006-09?, 2007-07-13/2007-07-18 or ../2007-07-18"
SHORT_EXAMPLES = "2007, 2007-08 or 2007-08-16"  # when the message goes on to name the fix


class DateError(ValueError):
    """A date string that is not EDTF level 1 or names an impossible day."""


class _Unrecognised(DateError):
    """Not written in EDTF at all: the case in which another notation may be recognised."""


@dataclass(frozen=True)
class Point:
    year: int
    month: int | None = None
    day: int | None = None
    uncertain: bool = False
    approximate: bool = False

    @property
    def low(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def high(self) -> date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return date(self.year, month, day)

    def words(self) -> str:
        """'16 August 2007', 'August 2007' or '2007': exactly the precision written."""
        if self.month is None:
            return str(self.year)
        month = MONTHS[self.month - 1]
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"


@dataclass(frozen=True)
class Date:
    """A point, or an interval between two points, either of which may be open (None)."""

    text: str
    start: Point | None
    end: Point | None
    interval: bool

    @property
    def low(self) -> date | None:
        return self.start.low if self.start else None

    @property
    def high(self) -> date | None:
        return self.end.high if self.end else None

    @property
    def uncertain(self) -> bool:
        """True when the reader should see the date as inexact in any way."""
        points = [p for p in (self.start, self.end) if p]
        return self.interval or any(p.uncertain or p.approximate for p in points)

    @property
    def known_bounds(self) -> tuple[date, date]:
        """The low and high bounds, an open end taking the other end's: the days the date names."""
        low, high = self.low or self.high, self.high or self.low
        assert low is not None and high is not None, "parse() refuses a date open at both ends"
        return low, high

    @property
    def sort_key(self) -> tuple:
        # An open start sorts by its known end, so "by July 2007" sits near July 2007.
        return (*self.known_bounds, self.text)

    @property
    def year(self) -> int:
        point = self.start or self.end
        assert point is not None, "parse() refuses a date open at both ends"
        return point.year

    def shared(self) -> tuple[int | None, int | None]:
        """The year, and the month, that every day the date may fall on shares; None where they do not.

        An open end shares nothing (the date may lie any distance that way); an approximate
        or uncertain point keeps its year but not its month.
        """
        if self.start is None or self.end is None:
            return None, None
        lo, hi = self.start.low, self.end.high
        if lo.year != hi.year:
            return None, None
        exact = not any(p.approximate or p.uncertain for p in (self.start, self.end))
        return lo.year, (lo.month if exact and lo.month == hi.month else None)

    def overlaps(self, other: "Date") -> bool:
        lo1, hi1 = self.low or date.min, self.high or date.max
        lo2, hi2 = other.low or date.min, other.high or date.max
        return lo1 <= hi2 and lo2 <= hi1

    def words(self) -> str:
        start, end = self.start, self.end
        if start and end:  # a single point is both ends of a date that is no interval
            return f"between {_range(start, end)}" if self.interval else _qualified(start)
        if end:
            return f"by {_qualified(end)} at the latest"
        assert start is not None, "parse() refuses a date open at both ends"
        return f"{_qualified(start)} or later"

    def iso_bounds(self) -> tuple[str, str]:
        return (self.low.isoformat() if self.low else "", self.high.isoformat() if self.high else "")


def all_overlap(ds: "list[Date] | tuple[Date, ...]") -> bool:
    """Whether every two of the dates overlap, in one pass rather than pair by pair.

    Each date is an interval from its low to its high bound (an open end reaching as far as
    it may), and no date ends before it starts; two such intervals miss each other only when
    one starts after the other ends. So some pair misses iff the latest start comes after the
    earliest end.
    """
    latest = max((d.low or date.min for d in ds), default=date.min)
    earliest = min((d.high or date.max for d in ds), default=date.max)
    return latest <= earliest


def _qualified(p: Point) -> str:
    text = p.words()
    if p.approximate and p.uncertain:
        return f"possibly about {text}"
    if p.approximate:
        return f"about {text}"
    if p.uncertain:
        return f"{text} (uncertain)"
    return text


def _range(a: Point, b: Point) -> str:
    """'13 and 18 July 2007': share the month and year when both ends share them."""
    plain = not (a.uncertain or a.approximate or b.uncertain or b.approximate)
    if plain and a.day and b.day and (a.year, a.month) == (b.year, b.month):
        return f"{a.day} and {b.words()}"
    if plain and a.month and b.month and a.year == b.year and bool(a.day) == bool(b.day):
        first = f"{a.day} {MONTHS[a.month - 1]}" if a.day else MONTHS[a.month - 1]
        return f"{first} and {b.words()}"
    return f"{_qualified(a)} and {_qualified(b)}"


def _point(text: str, whole: str) -> Point:
    m = _POINT.match(text)
    if not m:
        raise _Unrecognised(f"'{whole}' is not a date such as {EXAMPLES}")
    year = int(m["y"])
    month = int(m["m"]) if m["m"] else None
    day = int(m["d"]) if m["d"] else None
    if year == 0:
        raise DateError(f"'{whole}' has no year 0")
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"'{whole}' has no month {m['m']}")
    # the pattern only has a day after a month
    if day is not None and month is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise DateError(f"'{whole}' names a day that does not exist")
    q = m["q"] or ""
    return Point(year, month or None, day or None, uncertain=q in "?%" and bool(q), approximate=q in "~%" and bool(q))


FIRST_YEAR, LAST_YEAR = 1000, 2999  # what a page, a drawing and a calendar can hold
MAX_SPAN_YEARS = 100  # the timeline draws a page per year a date may fall in


def out_of_reach(d: Date) -> str:
    """Why a valid date cannot be shown (a year out of range, a span of centuries), or ''."""
    years = [b.year for b in (d.low, d.high) if b]
    if any(not FIRST_YEAR <= y <= LAST_YEAR for y in years):
        return f"is outside the years a date may take, {FIRST_YEAR} to {LAST_YEAR}"
    if len(years) == 2 and years[1] - years[0] > MAX_SPAN_YEARS:
        return (
            f"spans {years[1] - years[0]} years; a date may span at most {MAX_SPAN_YEARS}: "
            "give the bound the articles support, and leave the other open (../2007)"
        )
    return ""


def parse(text: str) -> Date:
    """Parse an EDTF level-1 date or interval, or raise DateError saying what is wrong
    (and, for a date in another notation, how to write it)."""
    try:
        return _parse(text)
    except _Unrecognised:
        fix = other_notation(text.strip())
        if fix is None:
            raise
        raise DateError(f"'{text.strip()}' is not a date such as {SHORT_EXAMPLES}{fix}") from None


def _parse(text: str) -> Date:
    text = text.strip()
    if "/" in text:
        left, _, right = text.partition("/")
        if "/" in right:
            raise _Unrecognised(
                f"'{text}' has more than one '/': write a day as 2007-08-16, and an interval as two "
                "dates with one '/' between them, such as 2006-06/2007-10 (../2007 when its start is open)"
            )
        start = None if left in ("..", "") else _point(left, text)
        end = None if right in ("..", "") else _point(right, text)
        if start is None and end is None:
            raise DateError(f"'{text}' leaves both ends open")
        if start and end and start.low > end.high:
            raise DateError(f"'{text}' ends before it starts")
        return Date(text, start, end, interval=True)
    p = _point(text, text)
    return Date(text, p, p, interval=False)


# --- dates in another notation -------------------------------------------------
# The articles are French: French month names and words count as much as English ones.

_YearMonthDay = tuple[int, int, int | None]  # a date read from another notation: no day where none is given

_MONTH_WORDS = {w: n for n, m in enumerate(MONTHS, start=1) for w in (m.casefold(), m[:3].casefold())}
for _n, _words in enumerate(
    (
        "janvier janv",
        "février fevrier févr fevr fév fev",
        "mars",
        "avril avr",
        "mai",
        "juin",
        "juillet juil",
        "août aout",
        "septembre sept",
        "octobre",
        "novembre",
        "décembre decembre déc",
    ),
    start=1,
):
    _MONTH_WORDS.update(dict.fromkeys(_words.split(), _n))
_MONTH = r"(?P<{}>[a-zéû]+)\.?"
_NUMERIC_DAY_FIRST = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_NUMERIC_YEAR_FIRST = re.compile(r"^(\d{4})[./-](\d{1,2})[./-](\d{1,2})$")
# 08/2007, 2007.08, 2007-8; not 2007/08, which may as well mean 2007 to 2008
_NUMERIC_MONTH = re.compile(r"^(?:(\d{1,2})[./-](\d{4})|(\d{4})(?:\.|-)(\d{1,2}))$")
_WORDS_DAY_FIRST = re.compile(rf"^(?P<d>\d{{1,2}}) {_MONTH.format('m')}(?: (?P<y>\d{{4}}))?$")
_WORDS_MONTH_FIRST = re.compile(rf"^{_MONTH.format('m')}(?: (?P<d>\d{{1,2}}))?(?: (?P<y>\d{{4}}))?$")
_APPROXIMATE = re.compile(
    r"^(?:circa|c\.|ca\.?|about|around|approximately|approx\.|vers|environ|"
    r"autour de|aux alentours de|~)\s*(?P<rest>.+)$"
)
_RANGE = re.compile(r"^(?:from|between|du|de|d'|entre)\s*(?P<a>.+?)\s+(?:to|and|au|à|a|et|until)\s+(?P<b>.+)$")
_RANGE_SEPARATOR = re.compile(r"\s*[-–—]\s*|\s+(?:to|à|au|until)\s+")
_PART = re.compile(
    r"^(?:(?P<early>early|beginning of|start of|début|debut|au début de)|(?P<mid>mid|mi|middle of)|"
    r"(?P<late>late|end of|fin|à la fin de))(?:-|\s+|\s+de\s+|\s+d')(?P<rest>.+)$"
)
_SEASON = re.compile(
    r"^(?:in\s+|en\s+|à\s+l'|au\s+|l')?(?P<season>spring|printemps|summer|été|ete|autumn|fall|automne|"
    r"winter|hiver)\s+(?:de\s+|d'|of\s+)?(?P<y>\d{4})$"
)
_SEASON_MONTHS = {
    "spring": (3, 5),
    "printemps": (3, 5),
    "summer": (6, 8),
    "été": (6, 8),
    "ete": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "automne": (9, 11),
}


def other_notation(text: str) -> str | None:
    """How to write in EDTF a date given in another notation, as the end of a message; None
    when the text is no date that can be recognised. Every spelling offered is checked by
    parsing it."""
    t = re.sub(r"\s+", " ", text.casefold().replace(",", " ")).strip()
    t = re.sub(r"\b1er\b", "1", re.sub(r"^(?:le|the|on) ", "", t))
    qualifier = ""
    if t.endswith("?") and not t[:-1].rstrip().endswith("?"):
        t, qualifier = t[:-1].rstrip(), "?"
    approximate = _APPROXIMATE.match(t)
    if approximate:
        t, qualifier = re.sub(r"^(?:le|the) ", "", approximate["rest"]), "%" if qualifier else "~"
    point = _POINT.match(t)
    if point and qualifier and not point["q"]:
        candidates = [t + qualifier]  # 'circa 2007', '2007 ?'
    else:
        candidates = [_spelled(p) + qualifier for p in _points(t)]
    if not candidates:
        interval = _interval(t)
        candidates = [interval.replace("/", qualifier + "/") + qualifier] if interval else []
    if candidates and not any(_valid(c) for c in candidates):
        try:
            _parse(candidates[0])
        except DateError as e:  # say what is wrong with it, in its EDTF spelling
            return f", and in EDTF, {e}"
    candidates = [c for c in candidates if _valid(c)]
    if len(candidates) == 1:
        return f": write {candidates[0]}"
    if len(candidates) == 2:
        a, b = candidates
        return (
            f", and its day and month could be either way round: write {a} for {_parse(a).words()}, "
            f"or {b} for {_parse(b).words()}"
        )
    return None if qualifier else _no_spelling(t)


def _valid(text: str) -> bool:
    try:
        _parse(text)
    except DateError:
        return False
    return True


def _spelled(p: _YearMonthDay) -> str:
    year, month, day = p
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")


def _month(word: str) -> int | None:
    return _MONTH_WORDS.get(word)


def _points(t: str) -> list[_YearMonthDay]:
    """(year, month, day) for each way of reading a single date: none, one, or two when the
    day and month of a numeric date could be swapped."""
    if _POINT.match(t):
        return []  # already EDTF: whatever is wrong with it is not its notation
    m = _NUMERIC_DAY_FIRST.match(t)
    if m:
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        if a == b or b > 12:
            return [(year, a, b)] if a <= 12 else []
        return [(year, b, a)] if a > 12 else [(year, b, a), (year, a, b)]  # day first, as in French
    m = _NUMERIC_YEAR_FIRST.match(t)
    if m:
        return [(int(m[1]), int(m[2]), int(m[3]))]
    m = _NUMERIC_MONTH.match(t)
    if m:
        return [(int(m[2]), int(m[1]), None)] if m[1] else [(int(m[3]), int(m[4]), None)]
    for pattern in (_WORDS_DAY_FIRST, _WORDS_MONTH_FIRST):
        m = pattern.match(t)
        if m and m["y"] and (month := _month(m["m"])):
            return [(int(m["y"]), month, int(m["d"]) if m["d"] else None)]
    return []


def _interval(t: str) -> str | None:
    """'2007-2008', 'du 15 au 18 août 2007', 'juin-août 2007': the EDTF interval."""
    m = _RANGE.match(t)
    splits = [(m["a"], m["b"])] if m else []
    splits += [(t[: s.start()], t[s.end() :]) for s in _RANGE_SEPARATOR.finditer(t)]
    for left, right in splits:
        end = _side(right.strip())
        start = _side(left.strip(), end) if end else None
        if start and end:
            return f"{start}/{end}"
    return None


def _side(s: str, end: str | None = None) -> str | None:
    """One end of an interval, in EDTF; the start may borrow the month and year of the end."""
    if _POINT.match(s):
        return s
    found = _points(s)
    if len(found) == 1:
        return _spelled(found[0])
    if end is None:
        return None
    later = _POINT.match(end)
    if later is None:  # never: `end` came from _side(), which only returns EDTF
        return None
    if re.fullmatch(r"\d{1,2}", s) and later["d"]:
        return f"{later['y']}-{later['m']}-{int(s):02d}"
    m = _WORDS_DAY_FIRST.match(s) or _WORDS_MONTH_FIRST.match(s)
    if m and not m["y"] and (month := _month(m["m"])) and later["m"] and bool(m["d"]) == bool(later["d"]):
        return _spelled((int(later["y"]), month, int(m["d"]) if m["d"] else None))
    return None


def _no_spelling(t: str) -> str | None:
    """A season or a part of a year or month: EDTF as supported here has no word for it."""
    m = _SEASON.match(t)
    if m:
        year = int(m["y"])
        if m["season"] in ("winter", "hiver"):
            covers = f"{year - 1}-12/{year}-02 or {year}-12/{year + 1}-02, whichever winter the article means"
        else:
            first, last = _SEASON_MONTHS[m["season"]]
            covers = f"{year}-{first:02d}/{year}-{last:02d}"
        return f", and has no EDTF spelling: write the months it covers as an interval, {covers}, or the year, {year}"
    m = _PART.match(t)
    if not m:
        return None
    part = "early" if m["early"] else "mid" if m["mid"] else "late"
    whole = _points(m["rest"])
    if re.fullmatch(r"\d{4}", m["rest"]):
        year = int(m["rest"])
        first, last = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[part]
        return (
            f", and has no EDTF spelling: write the year, {year}, or the months the article allows "
            f"as an interval, such as {year}-{first:02d}/{year}-{last:02d}"
        )
    if len(whole) == 1 and whole[0][2] is None:
        year, month, _ = whole[0]
        first, last = {"early": (1, 10), "mid": (10, 20), "late": (20, calendar.monthrange(year, month)[1])}[part]
        spelled = _spelled(whole[0])
        return (
            f", and has no EDTF spelling: write the month, {spelled}, or the days the article allows "
            f"as an interval, such as {spelled}-{first:02d}/{spelled}-{last:02d}"
        )
    return None
