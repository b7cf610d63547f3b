"""The timeline as inline SVG: every dated fact, one row per entry, on an axis with a column per
year (the overview) or per month (a year's page); past a screenful of rows, the facts counted by
type and year instead.

Plain markup computed at build time, readable without JavaScript or any stylesheet (every
colour is also a presentation attribute); docs/assets/graphics.js and docs/assets/dossier.css
only add highlighting and filtering on top. The output depends on nothing but the index, so two
builds of the same entries give byte-identical pages. Every value that came from an entry goes
through `markup.esc`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from .. import dates, schema, words
from ..index import Dated, Entry, Index
from ..markup import Markup, html, join
from .svg import clip, figure, num, svg_open

TL_WIDTH = 1000
TL_LABEL_X = 8  # left edge of the row labels
TL_PLOT_X0 = 300  # the time axis runs from here...
TL_PLOT_X1 = TL_WIDTH - 16  # ...to here
TL_LANE = 16  # height of one lane of marks in a row
TL_BAR = 10  # height of a bar
TL_FADE = 48  # length drawn for an open end, in pixels
TL_MIN = 6  # the narrowest bar, so that a day-wide inexact date stays visible
TL_LABEL_CHARS = 44
TL_OVERVIEW_ROWS = 150  # entries with dated facts the overview draws a row for each
DISPUTED_COLOUR = "#e8590c"

# Rows are grouped by type, each with the heading, colour and place its declaration gives.
TL_GROUPS = tuple(
    (t.name, t.presentation.timeline or t.plural, t.presentation.colour)
    for t in sorted(schema.TYPES, key=lambda t: t.presentation.timeline_rank)
)

YEAR_SRC = "timeline/{year}.md"  # the source path of a year's page: its address is the site's (Urls.page)

# A column of the axis: its first day, the day after its last, its label, and its year or month.
Column = tuple[date, date, str, int]


@dataclass
class _Mark:
    fact: Dated
    kind: str  # "point", "period", "span", "open-start", "open-end"
    x0: float
    x1: float
    lane: int = 0


@dataclass(frozen=True)
class _Frame:
    """What one drawing of rows covers, and how it is named."""

    facts: list[Dated]
    columns: list[Column]
    title: str
    prefix: str  # the drawing's own prefix for ids, so that two drawings on a page never clash
    unit: str  # "year" or "month": one column of the axis
    year_href: str  # with the overview, where each year's label links


def mark_kind(d: Dated) -> str:
    """How a date is drawn: a point, a bar (exact month or year), a hatched span, or open-ended."""
    if d.date.low is None:
        return "open-start"
    if d.date.high is None:
        return "open-end"
    if d.date.uncertain:
        return "span"
    if d.date.low == d.date.high:
        return "point"
    return "period"  # an exact month or year: drawn over the whole of it, no more precise


def timeline_years(index: Index) -> list[int]:
    """Every year from the first dated fact's to the last's."""
    years = index.dated_years
    return list(range(years[0], years[-1] + 1)) if years else []


_NO_FACTS = Markup("<p>No dated facts yet.</p>")
_GROUP_HEADING = '<text class="tl-group" x="{}" y="{}" font-weight="bold" fill="{}">{}</text>'
# A column's band says which year or month it is, in an attribute named for the unit (_axis).
_YEAR_BAND = '<rect class="tl-band" data-year="{}" x="{}" y="{}" width="{}" height="{}" fill-opacity="{}"/>'
_MONTH_BAND = '<rect class="tl-band" data-month="{}" x="{}" y="{}" width="{}" height="{}" fill-opacity="{}"/>'
_FADE_MASK = '<mask id="{p}-{side}" maskContentUnits="objectBoundingBox"><rect width="1" height="1" fill="url(#{p}-{fade})"/></mask>'


# --- one row per entry --------------------------------------------------------------


def timeline_svg(index: Index, base: str, year: int | None = None, year_href: str = "") -> Markup:
    """Every dated fact, one row per entry, on an axis with a column per year; inexact dates as spans.

    With `year`, only that year, with a column per month. With `year_href` (a format string of
    '{year}', such as "../timeline/{year}/"), the overview's labels of the years that have a page
    link there.
    """
    if year is None:
        frame = _overview_frame(index, year_href)
        empty = _NO_FACTS
    else:
        frame = _year_frame(index, year)
        empty = html("<p>No dated facts in {}.</p>", year)
    return _rows_svg(index, base, frame) if frame else empty


def _overview_frame(index: Index, year_href: str) -> _Frame | None:
    years = timeline_years(index)
    if not years:
        return None
    return _Frame(
        list(index.chronology),
        _year_columns(years),
        f"Timeline of every dated fact, {years[0]} to {years[-1]}",
        "tl",
        "year",
        year_href,
    )


def _year_frame(index: Index, year: int) -> _Frame | None:
    facts = index.facts_in_year(year)
    if not facts:
        return None
    columns = [
        (date(year, m, 1), date(year + m // 12, m % 12 + 1, 1), dates.MONTH_ABBR[m - 1], m) for m in range(1, 13)
    ]
    return _Frame(list(facts), columns, f"Timeline of {year}, month by month", f"tl{year}", "month", "")


def _rows_svg(index: Index, base: str, frame: _Frame) -> Markup:
    x = _clamped(_day_x(frame.columns))
    rows = _marks_by_entry(frame.facts, x)
    # Each drawing is on a page of its own, so each carries the legend.
    legend, legend_h = _timeline_legend(12, frame.prefix)
    axis_y = 12 + legend_h + 24
    top = axis_y + 10
    body, y = _rows_body(index, rows, top, base, frame.prefix)
    bottom = y + 6
    height = bottom + 24

    out = svg_open(
        f"dossier-timeline tl-{'overview' if frame.unit == 'year' else 'year'}",
        TL_WIDTH,
        height,
        frame.prefix,
        frame.title,
        f"{len(frame.facts)} dated facts from {len(rows)} entries, one row per entry, "
        f"on a horizontal axis with one column per {frame.unit}. A dot is a date known to the day; "
        "a solid bar, a month or year named without doubt; a hatched bar with a dashed outline, "
        "an inexact date drawn from its earliest to its latest possible day; a bar that fades out "
        "to the left, a date known only as 'by … at the latest'. A mark with an exclamation "
        "sign is a disputed date. Each mark links to its entry.",
    )
    out += _timeline_defs(frame.prefix)
    out += legend
    out += _axis(frame.columns, x, axis_y, (top, bottom), height, frame.unit, frame.year_href, set(index.dated_years))
    out += body
    out.append(Markup("</svg>"))
    return join(out, "\n")


def _year_columns(years: list[int]) -> list[Column]:
    return [(date(y, 1, 1), date(y + 1, 1, 1), str(y), y) for y in years]


def _day_x(columns: list[Column]) -> Callable[[date], float]:
    """Where a day begins along the axis that spans `columns`."""
    origin, finish = columns[0][0], columns[-1][1]
    scale = (TL_PLOT_X1 - TL_PLOT_X0) / (finish - origin).days

    def x(day: date) -> float:
        return TL_PLOT_X0 + (day - origin).days * scale

    return x


def _clamped(x: Callable[[date], float]) -> Callable[[date], float]:
    """`x`, kept within the axis: a date that runs past the drawing stops at its edge."""

    def within(day: date) -> float:
        return min(max(x(day), TL_PLOT_X0), TL_PLOT_X1)

    return within


def _place_mark(d: Dated, x: Callable[[date], float]) -> _Mark:
    """A fact's mark, from the start of its first possible day to the end of its last."""
    low, high = d.date.low, d.date.high  # a fact on the timeline has at least one (index.chronology)
    if low is None and high is not None:  # by … at the latest: open-start
        x1 = x(high + timedelta(days=1))
        x0 = max(TL_PLOT_X0, x1 - TL_FADE)
    elif high is None and low is not None:  # open-end
        x0 = x(low)
        x1 = min(TL_PLOT_X1, x0 + TL_FADE)
    elif low is not None and high is not None:
        x0, x1 = x(low), x(high + timedelta(days=1))
    else:
        raise ValueError(f"{d.entry}: a date with neither end cannot be drawn")
    return _Mark(d, mark_kind(d), x0, x1)


def _marks_by_entry(facts, x: Callable[[date], float]) -> dict[str, list[_Mark]]:
    rows: dict[str, list[_Mark]] = defaultdict(list)
    for d in facts:
        rows[d.entry].append(_place_mark(d, x))
    for marks in rows.values():
        _assign_lanes(marks)
    return rows


def _assign_lanes(marks: list[_Mark]) -> None:
    """Within a row, marks that would touch go to separate lanes, first fit."""
    ends: list[float] = []
    for m in sorted(marks, key=lambda m: (m.x0, m.x1, m.fact.sort_key)):
        left, right = _mark_extent(m)
        for lane, end in enumerate(ends):
            if left > end + 3:
                m.lane, ends[lane] = lane, right
                break
        else:
            m.lane = len(ends)
            ends.append(right)


def _rows_body(
    index: Index, rows: dict[str, list[_Mark]], top: float, base: str, prefix: str
) -> tuple[list[Markup], float]:
    """The rows, grouped by type under a heading each, from `top` down; and where they end."""

    def first_key(eid: str) -> tuple:
        return (min(m.fact.sort_key for m in rows[eid]), index.entries[eid].name.casefold(), eid)

    body: list[Markup] = []
    y = top
    for type_name, heading, colour in TL_GROUPS:
        ids = sorted((eid for eid in rows if index.entries[eid].type.name == type_name), key=first_key)
        if not ids:
            continue
        y += 6
        body.append(html(_GROUP_HEADING, TL_LABEL_X, num(y + 13), colour, heading))
        y += 20
        for eid in ids:
            height = (1 + max(m.lane for m in rows[eid])) * TL_LANE + 8
            body.append(_timeline_row(index.entries[eid], rows[eid], y, height, colour, base, index, prefix))
            y += height
    return body, y


def _axis(
    columns: list[Column],
    x,
    axis_y: float,
    rules: tuple[float, float],
    height: float,
    unit: str,
    href: str,
    linked: set[int],
) -> list[Markup]:
    """Alternate columns shaded, ticks between them, labels above and below the rows, a rule at each of `rules`.

    With `href`, the labels of the `linked` columns link to href.format(year=column).
    """
    out = []
    for n, (start, end, _, key) in enumerate(columns):
        shade = "0.06" if n % 2 == 0 else "0"
        box = (num(x(start)), num(axis_y - 14), num(x(end) - x(start)), num(height - axis_y + 14), shade)
        # The unit names an attribute: one template each.
        out.append(html(_YEAR_BAND, key, *box) if unit == "year" else html(_MONTH_BAND, key, *box))
    for day in [c[0] for c in columns] + [columns[-1][1]]:
        out.append(
            html(
                '<line class="tl-tick" x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="currentColor" stroke-opacity="0.25"/>',
                num(axis_y - 14),
                num(height),
                x=num(x(day)),
            )
        )
    for start, end, text, key in columns:
        xm = (x(start) + x(end)) / 2
        for yy, cls in ((axis_y, f"tl-{unit}"), (height - 8, f"tl-{unit}-foot")):
            out.append(_axis_label(text, key, xm, yy, cls, href if key in linked else ""))
    for yy in rules:
        out.append(
            html(
                '<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="currentColor" stroke-opacity="0.5"/>',
                TL_PLOT_X0,
                TL_PLOT_X1,
                y=num(yy),
            )
        )
    return out


def _axis_label(text: str, key: int, x: float, y: float, cls: str, href: str) -> Markup:
    """A column's label, linked to href.format(year=key) when there is an `href`."""
    label = html(
        '<text class="{}" x="{}" y="{}" text-anchor="middle" font-weight="bold">{}</text>', cls, num(x), num(y), text
    )
    if href:
        label = html(
            '<a class="tl-year-link" href="{}"><title>{}, month by month</title>{}</a>',
            href.format(year=key),
            key,
            label,
        )
    return label


def _mark_extent(m: _Mark) -> tuple[float, float]:
    """The horizontal room a mark takes, including its minimum width and disputed sign."""
    left, right = m.x0, m.x1
    if m.kind == "point":
        left, right = (left + right) / 2 - 5, (left + right) / 2 + 5
    elif right - left < TL_MIN:
        mid = (left + right) / 2
        left, right = mid - TL_MIN / 2, mid + TL_MIN / 2
    if m.fact.disputed:
        right += 12
    return left, right


def _timeline_defs(p: str) -> list[Markup]:
    """The hatching and the fading masks, under ids of this drawing's own (`p`)."""
    return [
        Markup("<defs>"),
        html(
            '<pattern id="{}-hatch" width="5" height="5" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="5" stroke="#ffffff" '
            'stroke-width="2" stroke-opacity="0.7"/></pattern>',
            p,
        ),
        html(
            '<linearGradient id="{}-fade-right"><stop offset="0" stop-color="#ffffff" stop-opacity="0"/>'
            '<stop offset="1" stop-color="#ffffff" stop-opacity="1"/></linearGradient>',
            p,
        ),
        html(
            '<linearGradient id="{}-fade-left"><stop offset="0" stop-color="#ffffff" stop-opacity="1"/>'
            '<stop offset="1" stop-color="#ffffff" stop-opacity="0"/></linearGradient>',
            p,
        ),
        html(_FADE_MASK, p=p, side="open-start", fade="fade-right"),
        html(_FADE_MASK, p=p, side="open-end", fade="fade-left"),
        Markup("</defs>"),
    ]


def _shape(kind: str, x0: float, x1: float, cy: float, colour: str, p: str) -> list[Markup]:
    """The drawing of one mark, whose date runs from x0 to x1, centred on cy."""
    top = cy - TL_BAR / 2
    if kind == "point":
        return [
            html(
                '<circle class="tl-shape" cx="{}" cy="{}" r="5" fill="{}" stroke="#ffffff" stroke-width="1"/>',
                num((x0 + x1) / 2),
                num(cy),
                colour,
            )
        ]
    if x1 - x0 < TL_MIN and kind in ("period", "span"):
        mid = (x0 + x1) / 2
        x0, x1 = mid - TL_MIN / 2, mid + TL_MIN / 2
    box = html('x="{}" y="{}" width="{}" height="{}"', num(x0), num(top), num(x1 - x0), TL_BAR)
    if kind == "period":
        return [html('<rect class="tl-shape" {} rx="2" fill="{}"/>', box, colour)]
    if kind == "span":
        return [
            html(
                '<rect class="tl-shape" {box} rx="2" fill="{c}" fill-opacity="0.55" '
                'stroke="{c}" stroke-width="1.5" stroke-dasharray="3 2"/>',
                box=box,
                c=colour,
            ),
            html('<rect {} rx="2" fill="url(#{}-hatch)"/>', box, p),
        ]
    # An open end: the bar fades out towards the unknown side, which has an arrowhead.
    if kind == "open-start":
        known, tip, back = x1, x0, x0 + 5
    else:
        known, tip, back = x0, x1, x1 - 5
    return [
        html('<rect class="tl-shape" {} fill="{}" mask="url(#{}-{})"/>', box, colour, p, kind),
        html(
            '<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="{}" stroke-width="2"/>',
            num(top - 2),
            num(top + TL_BAR + 2),
            colour,
            x=num(known),
        ),
        html(
            '<polyline points="{back},{} {},{} {back},{}" fill="none" stroke="{}" stroke-width="1.5" stroke-opacity="0.6"/>',
            num(cy - 4),
            num(tip),
            num(cy),
            num(cy + 4),
            colour,
            back=num(back),
        ),
    ]


def _disputed_sign(x: float, cy: float) -> list[Markup]:
    return [
        html('<circle class="tl-sign" cx="{}" cy="{}" r="5.5" fill="{}"/>', num(x), num(cy), DISPUTED_COLOUR),
        html(
            '<text x="{}" y="{}" text-anchor="middle" font-size="10" font-weight="bold" fill="#ffffff">!</text>',
            num(x),
            num(cy + 4),
        ),
    ]


def _timeline_row(
    entry: Entry, marks: list[_Mark], y: float, height: float, colour: str, base: str, index: Index, prefix: str
) -> Markup:
    href = base + entry.url
    out = [
        html('<g class="tl-row" data-entry="{}">', entry.id),
        html(
            '<rect class="tl-row-bg" x="0" y="{}" width="{}" height="{}" fill="currentColor" fill-opacity="0"/>',
            num(y),
            TL_WIDTH,
            num(height),
        ),
        html(
            '<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="currentColor" stroke-opacity="0.08"/>',
            TL_LABEL_X,
            TL_PLOT_X1,
            y=num(y + height),
        ),
        html(
            '<a class="tl-label" href="{}"><title>{}</title><text x="{}" y="{}">{}</text></a>',
            href,
            entry.name,
            TL_LABEL_X + 10,
            num(y + 4 + TL_LANE / 2 + 4),
            clip(entry.name, TL_LABEL_CHARS),
        ),
    ]
    for m in sorted(marks, key=lambda m: (m.lane, m.x0, m.fact.sort_key)):
        out += _mark_markup(m, y + 4 + m.lane * TL_LANE + TL_LANE / 2, href, colour, index, prefix)
    out.append(Markup("</g>"))
    return join(out, "\n")


def _mark_markup(m: _Mark, cy: float, href: str, colour: str, index: Index, prefix: str) -> list[Markup]:
    """One mark centred on `cy`, linked to its entry (`href`), with its tooltip."""
    d = m.fact
    classes = ["tl-mark", f"tl-{m.kind}"]
    if d.date.uncertain:
        classes.append("tl-uncertain")
    if d.disputed:
        classes.append("tl-disputed")
    low, high = d.date.iso_bounds()
    out = [
        html(
            '<a class="{}" href="{}" data-low="{}" data-high="{}" data-edtf="{}">',
            " ".join(classes),
            href,
            low,
            high,
            d.date.text,
        ),
        html("<title>{}</title>", words.tooltip(d, index).text()),
    ]
    out += _shape(m.kind, m.x0, m.x1, cy, colour, prefix)
    if d.disputed:
        out += _disputed_sign(_mark_extent(m)[1] - 6, cy)
    out.append(Markup("</a>"))
    return out


def _timeline_legend(y: float, prefix: str) -> tuple[list[Markup], float]:
    """What each kind of mark means, in three columns."""
    colour = "#607080"
    items = [
        ("point", "a day, known exactly"),
        ("period", "a month or a year, known exactly"),
        ("span", "inexact: about, uncertain, or between two dates"),
        ("open-start", "by … at the latest: the earliest day is not known"),
        ("disputed", "disputed date: the articles disagree"),
    ]
    out = [Markup('<g class="tl-legend">')]
    column = (TL_WIDTH - TL_LABEL_X) / 3
    for n, (kind, text) in enumerate(items):
        x = TL_LABEL_X + (n % 3) * column
        cy = y + (n // 3) * 20 + 6
        if kind == "disputed":
            out += _disputed_sign(x + 14, cy)
        else:
            out.append(html('<g class="tl-key tl-{}">', kind))
            left, right = (x + 9, x + 19) if kind == "point" else (x, x + 28)
            out += _shape(kind, left, right, cy, colour, prefix)
            out.append(Markup("</g>"))
        out.append(html('<text x="{}" y="{}">{}</text>', num(x + 36), num(cy + 4), text))
    out.append(Markup("</g>"))
    return out, ((len(items) + 2) // 3) * 20


# --- the overview, and the facts counted ---------------------------------------------


def timeline_overview(index: Index, base: str, max_rows: int = TL_OVERVIEW_ROWS) -> Markup:
    """One row per entry while they fit on a screenful or so; beyond, the facts counted by type and year."""
    rows = len({d.entry for d in index.chronology})
    if rows > max_rows:
        return timeline_counts_svg(index, base)
    return timeline_svg(index, base, year_href=base + index.urls.page(YEAR_SRC))


def timeline_counts_svg(index: Index, base: str) -> Markup:
    """The dated facts counted by type and year, one row per type; each count links to its year's page.

    A fact counts in every year it may fall in, as on the year pages.
    """
    years = timeline_years(index)
    if not years:
        return _NO_FACTS
    columns = _year_columns(years)
    x = _day_x(columns)
    counts, entries = _counts_by_type(index)
    most = max(n for c in counts.values() for n in c.values())

    year_href = base + index.urls.page(YEAR_SRC)
    axis_y, row_h = 36, 30
    top = axis_y + 10
    body: list[Markup] = []
    y = top
    for type_name, heading, colour in TL_GROUPS:
        if type_name not in counts:
            continue
        body += _count_row_head(type_name, heading, colour, len(entries[type_name]), y, row_h)
        for start, end, _, year in columns:
            if counts[type_name][year]:
                body += _count_cell(
                    heading, colour, year, counts[type_name][year], most, (x(start), x(end)), (y, row_h), year_href
                )
        body.append(Markup("</g>"))
        y += row_h
    bottom = y + 6
    height = bottom + 24
    out = svg_open(
        "dossier-timeline tl-overview tl-counts",
        TL_WIDTH,
        height,
        "tl",
        f"Dated facts by type and year, {years[0]} to {years[-1]}",
        f"{_facts(len(index.chronology))} from {sum(len(e) for e in entries.values()):,} entries, "
        "counted by type, one row per type, in one column per year; a fact whose date is "
        "inexact counts in every year it may fall in. The darker a cell, the more facts. "
        "Each count links to its year's page, where every fact is drawn.",
    )
    out += _axis(columns, x, axis_y, (top, bottom), height, "year", year_href, set(index.dated_years))
    out += body
    out.append(Markup("</svg>"))
    return join(out, "\n")


def _counts_by_type(index: Index) -> tuple[dict[str, Counter], dict[str, set[str]]]:
    """Type -> year -> facts, from the index's years; and type -> the entries with dated facts."""
    counts: dict[str, Counter] = defaultdict(Counter)
    entries: dict[str, set[str]] = defaultdict(set)
    for year in index.dated_years:
        for d in index.facts_in_year(year):
            type_name = index.entries[d.entry].type.name
            counts[type_name][year] += 1
            entries[type_name].add(d.entry)
    return counts, entries


def _count_row_head(type_name: str, heading: str, colour: str, n_entries: int, y: float, row_h: float) -> list[Markup]:
    return [
        html('<g class="tl-row" data-type="{}">', type_name),
        html(_GROUP_HEADING, TL_LABEL_X, num(y + row_h / 2 + 4), colour, heading),
        html(
            '<text x="{}" y="{}">{:,} entr{}</text>',
            TL_LABEL_X + 170,
            num(y + row_h / 2 + 4),
            n_entries,
            "y" if n_entries == 1 else "ies",
        ),
    ]


def _count_cell(
    heading: str,
    colour: str,
    year: int,
    n: int,
    most: int,
    span: tuple[float, float],
    row: tuple[float, int],
    year_href: str,
) -> list[Markup]:
    """`n` facts of a type in one year: a cell from x0 to x1 (`span`) in the row at y of height row_h
    (`row`), the darker the nearer `n` is to `most`."""
    (x0, x1), (y, row_h) = span, row
    opacity = 0.15 + 0.8 * n / most
    return [
        html(
            '<a class="tl-mark tl-count" href="{}" data-low="{y}-01-01" data-high="{y}-12-31" data-count="{}">',
            year_href.format(year=year),
            n,
            y=year,
        ),
        html("<title>{}: {} that may fall in {y}; {y} month by month</title>", heading, _facts(n), y=year),
        html(
            '<rect class="tl-shape" x="{}" y="{}" width="{}" height="{}" rx="3" fill="{}" fill-opacity="{:.2f}"/>',
            num(x0 + 2),
            num(y + 3),
            num(x1 - x0 - 4),
            row_h - 6,
            colour,
            opacity,
        ),
        html(
            '<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>',
            num((x0 + x1) / 2),
            num(y + row_h / 2 + 4),
            "#ffffff" if opacity > 0.55 else "currentColor",
            n,
        ),
        Markup("</a>"),
    ]


def _facts(n: int) -> str:
    return f"{n:,} dated fact{'s' if n != 1 else ''}"


# --- pages ------------------------------------------------------------------------------


def year_src_uri(year: int) -> str:
    return YEAR_SRC.format(year=year)


def timeline_page(index: Index, base: str, hold) -> str:
    """Markdown: the overview, then a link to each year's page (HTML blocks held)."""
    links = [
        html(
            '<li><a href="{}">{}</a>: {}</li>',
            base + index.urls.page(year_src_uri(year)),
            year,
            _facts(len(index.facts_in_year(year))),
        )
        for year in index.dated_years
    ]
    parts = [hold(figure(timeline_overview(index, base), "dossier-figure-timeline"))]
    if links:
        parts += ["## Year by year", hold(html('<ul class="dossier-years">\n{}\n</ul>', join(links, "\n")))]
    return "\n\n".join(p.strip("\n") for p in parts)


def timeline_year_page(index: Index, year: int, site_name: str, hold) -> tuple[dict, str]:
    """A year's page: its metadata, and its Markdown (HTML blocks held): that year month by
    month, between links to its neighbours. `site_name` is the site's, within a sentence."""
    urls, here = index.urls, year_src_uri(year)
    base = urls.base(here)
    years = index.dated_years
    at = years.index(year)
    around = [
        html('<a href="{}">← {}</a>', base + urls.page(year_src_uri(years[at - 1])), years[at - 1]) if at > 0 else "",
        html('<a href="{}">Overview</a>', urls.relative(here, "timeline.md")),
        html('<a href="{}">{} →</a>', base + urls.page(year_src_uri(years[at + 1])), years[at + 1])
        if at + 1 < len(years)
        else "",
    ]
    facts = index.facts_in_year(year)
    # The chronology has a heading for each year a date is filed under, not for every year it may span.
    anchor = f"#{year}" if year in index.filed_by_year else ""
    meta = {
        "title": f"Timeline of {year}",
        "description": str(html("Every dated fact of {} that may fall in {}, month by month.", site_name, year)),
    }
    parts = [
        f"# Timeline of {year}",
        hold(html('<p class="dossier-year-nav">{}</p>', join((a for a in around if a), " · "))),
        hold(
            html(
                "<p>{} that may fall in {}, one row per entry. The marks are those of the "
                "overview; a date that spans several years is drawn on each of their pages. The same facts, with "
                'their sources, are in the <a href="{}{}">Chronology</a>.</p>',
                _facts(len(facts)),
                year,
                base + urls.page("chronology.md"),
                anchor,
            )
        ),
        hold(figure(timeline_svg(index, base, year), "dossier-figure-timeline")),
    ]
    return meta, "\n\n".join(p.strip("\n") for p in parts) + "\n"
