"""Honest dates: EDTF level-1 strings parsed into bounds and read back as a person would say them.

Supported: a year (2007), a month (2007-08), a day (2007-08-16); a qualifier
at the end: `?` uncertain, `~` approximate, `%` both; an interval of two such
dates (2007-07-13/2007-07-18), either end open (`..`).
Never shows more precision than was written.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")
MONTH_ABBR = tuple(m[:3] for m in MONTHS)

_POINT = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<q>[?~%])?$")

EXAMPLES = "2007, 2007-08, 2007-08-16, 2007-08~, 2006-09?, 2007-07-13/2007-07-18 or ../2007-07-18"


class DateError(ValueError):
    """A date string that is not EDTF level 1 or names an impossible day."""


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
        if self.day:
            return f"{self.day} {MONTHS[self.month - 1]} {self.year}"
        if self.month:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return str(self.year)


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
    def sort_key(self) -> tuple:
        # An open start sorts by its known end, so "by July 2007" sits near July 2007.
        low = self.low or self.high
        high = self.high or self.low
        return (low, high, self.text)

    @property
    def year(self) -> int:
        return (self.start or self.end).year

    def shared(self) -> tuple[int | None, int | None]:
        """The year, and the month, that every day the date may fall on shares; None where they do not.

        An open end shares nothing (the date may lie any distance that way); an approximate
        or uncertain point keeps its year but not its month.
        """
        if self.start is None or self.end is None:
            return None, None
        lo, hi = self.low, self.high
        if lo.year != hi.year:
            return None, None
        exact = not any(p.approximate or p.uncertain for p in (self.start, self.end))
        return lo.year, (lo.month if exact and lo.month == hi.month else None)

    def overlaps(self, other: "Date") -> bool:
        lo1, hi1 = self.low or date.min, self.high or date.max
        lo2, hi2 = other.low or date.min, other.high or date.max
        return lo1 <= hi2 and lo2 <= hi1

    def words(self) -> str:
        if not self.interval:
            return _qualified(self.start)
        if self.start is None:
            return f"by {_qualified(self.end)} at the latest"
        if self.end is None:
            return f"{_qualified(self.start)} or later"
        return f"between {_range(self.start, self.end)}"

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
        raise DateError(f"'{whole}' is not a date such as {EXAMPLES}")
    year, month, day = int(m["y"]), m["m"] and int(m["m"]), m["d"] and int(m["d"])
    if year == 0:
        raise DateError(f"'{whole}' has no year 0")
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"'{whole}' has no month {m['m']}")
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise DateError(f"'{whole}' names a day that does not exist")
    q = m["q"] or ""
    return Point(year, month or None, day or None, uncertain=q in "?%" and bool(q),
                 approximate=q in "~%" and bool(q))


def parse(text: str) -> Date:
    """Parse an EDTF level-1 date or interval, or raise DateError saying what is wrong."""
    text = text.strip()
    if "/" in text:
        left, _, right = text.partition("/")
        if "/" in right:
            raise DateError(f"'{text}' has more than one '/'")
        start = None if left in ("..", "") else _point(left, text)
        end = None if right in ("..", "") else _point(right, text)
        if start is None and end is None:
            raise DateError(f"'{text}' leaves both ends open")
        if start and end and start.low > end.high:
            raise DateError(f"'{text}' ends before it starts")
        return Date(text, start, end, interval=True)
    p = _point(text, text)
    return Date(text, p, p, interval=False)
