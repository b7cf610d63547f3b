"""Two drawings of the index as inline SVG: a timeline of every dated fact, and a graph of relations.

Both are plain markup computed at build time, readable without JavaScript or any
stylesheet (every colour is also a presentation attribute); docs/assets/graphics.js
and docs/assets/dossier.css only add highlighting and filtering on top.

The output depends on nothing but the index: no randomness, no clock, no set
order, and only IEEE-exact arithmetic (no trigonometry) in the graph layout, so two
builds of the same entries give byte-identical pages.
Every value that came from an entry goes through `views.esc`.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from math import sqrt

from . import dates
from .index import Dated, Entry, Index
from .views import choice_label, esc, fact_phrase, link

SVG_NS = "http://www.w3.org/2000/svg"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
CHAR_W = 0.6          # average glyph width, in em, used to size boxes around text
DISPUTED_COLOUR = "#e8590c"


def _n(value: float) -> str:
    """A coordinate: two decimals at most, never '-0'."""
    text = f"{round(value, 2) + 0.0:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _text_width(text: str, size: float) -> float:
    return len(text) * size * CHAR_W


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _svg_open(cls: str, width: float, height: float, title_id: str, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="{SVG_NS}" class="{cls}" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="{_n(width)}" height="{_n(height)}" role="group" '
        f'aria-labelledby="{title_id}-title {title_id}-desc" '
        f'font-family="{esc(FONT)}" font-size="12" fill="currentColor">',
        f'<title id="{title_id}-title">{esc(title)}</title>',
        f'<desc id="{title_id}-desc">{esc(desc)}</desc>',
    ]


# --- timeline -----------------------------------------------------------------

TL_WIDTH = 1000
TL_LABEL_X = 8              # left edge of the row labels
TL_PLOT_X0 = 300            # the time axis runs from here...
TL_PLOT_X1 = TL_WIDTH - 16  # ...to here
TL_LANE = 16                # height of one lane of marks in a row
TL_BAR = 10                 # height of a bar
TL_FADE = 48                # length drawn for an open end, in pixels
TL_MIN = 6                  # the narrowest bar, so that a day-wide inexact date stays visible
TL_LABEL_CHARS = 44
TL_OVERVIEW_ROWS = 150      # entries with dated facts the overview draws a row for each

# Rows are grouped by type, in this order, each with a heading and a colour.
TL_GROUPS = (
    ("event", "Events", "#2f6fb0"),
    ("ruling", "Rulings", "#8a4fbf"),
    ("person", "People: roles", "#b7791f"),
    ("organisation", "Organisations", "#23875a"),
    ("article", "Articles: publication", "#607080"),
)


@dataclass
class _Mark:
    fact: Dated
    kind: str            # "point", "period", "span", "open-start", "open-end"
    x0: float
    x1: float
    lane: int = 0


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
    return "period"   # an exact month or year: drawn over the whole of it, no more precise


def mark_title(d: Dated, index: Index) -> str:
    """The tooltip of a mark: the date in words, the entry, what happened (not escaped)."""
    entry = index.entries[d.entry]
    text = f"{d.date.words()}: {entry.name}"
    phrase = fact_phrase(d, index)
    if phrase:
        text += f" ({phrase})"
    if d.disputed:
        text += ". Disputed date: the articles give dates that cannot all be true"
    return text


def timeline_years(index: Index) -> list[int]:
    """Every year from the first dated fact's to the last's."""
    years = index.dated_years
    return list(range(years[0], years[-1] + 1)) if years else []


def timeline_svg(index: Index, base: str, year: int | None = None, year_href: str = "") -> str:
    """Every dated fact, one row per entry, on an axis with a column per year; inexact dates as spans.

    With `year`, only that year, with a column per month. With `year_href` (such as
    "timeline/{year}/"), the overview's labels of the years that have a page link there.
    """
    if year is None:
        facts = list(index.chronology)
        years = timeline_years(index)
        if not years:
            return "<p>No dated facts yet.</p>"
        columns = _year_columns(years)
        title = f"Timeline of every dated fact, {years[0]} to {years[-1]}"
        prefix = "tl"
    else:
        facts = index.facts_in_year(year)
        if not facts:
            return f"<p>No dated facts in {year}.</p>"
        columns = [(date(year, m, 1), date(year + m // 12, m % 12 + 1, 1), dates.MONTH_ABBR[m - 1], m)
                   for m in range(1, 13)]
        title = f"Timeline of {year}, month by month"
        prefix = f"tl{year}"
    origin, finish = columns[0][0], columns[-1][1]
    scale = (TL_PLOT_X1 - TL_PLOT_X0) / (finish - origin).days

    def x(day: date) -> float:
        return min(max(TL_PLOT_X0 + (day - origin).days * scale, TL_PLOT_X0), TL_PLOT_X1)

    def x_end(day: date) -> float:   # the end of that day
        return x(day + timedelta(days=1))

    rows: dict[str, list[_Mark]] = defaultdict(list)
    for d in facts:
        kind = mark_kind(d)
        if kind == "open-start":
            x1 = x_end(d.date.high)
            x0 = max(TL_PLOT_X0, x1 - TL_FADE)
        elif kind == "open-end":
            x0 = x(d.date.low)
            x1 = min(TL_PLOT_X1, x0 + TL_FADE)
        else:
            x0, x1 = x(d.date.low), x_end(d.date.high)
        rows[d.entry].append(_Mark(d, kind, x0, x1))

    # Within a row, marks that would touch go to separate lanes, first fit.
    for marks in rows.values():
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

    def first_key(eid: str) -> tuple:
        return (min(m.fact.sort_key for m in rows[eid]), index.entries[eid].name.casefold(), eid)

    # Each drawing is on a page of its own, so each carries the legend.
    legend, legend_h = _timeline_legend(12, prefix)
    axis_y = 12 + legend_h + 24
    top = axis_y + 10
    body: list[str] = []
    y = top
    for type_name, heading, colour in TL_GROUPS:
        ids = sorted((eid for eid in rows if index.entries[eid].type.name == type_name), key=first_key)
        if not ids:
            continue
        y += 6
        body.append(f'<text class="tl-group" x="{TL_LABEL_X}" y="{_n(y + 13)}" font-weight="bold" '
                    f'fill="{colour}">{esc(heading)}</text>')
        y += 20
        for eid in ids:
            height = (1 + max(m.lane for m in rows[eid])) * TL_LANE + 8
            body.append(_timeline_row(index.entries[eid], rows[eid], y, height, colour, base, index, prefix))
            y += height
    bottom = y + 6
    height = bottom + 24

    unit = "year" if year is None else "month"
    out = _svg_open(f"dossier-timeline tl-{'overview' if year is None else 'year'}", TL_WIDTH, height, prefix,
                    title,
                    f"{len(facts)} dated facts from {len(rows)} entries, one row per entry, "
                    f"on a horizontal axis with one column per {unit}. A dot is a date known to the day; "
                    "a solid bar, a month or year named without doubt; a hatched bar with a dashed outline, "
                    "an inexact date drawn from its earliest to its latest possible day; a bar that fades out "
                    "to the left, a date known only as 'by … at the latest'. A mark with an exclamation "
                    "sign is a disputed date. Each mark links to its entry.")
    out += _timeline_defs(prefix)
    out += legend
    out += _axis(columns, x, axis_y, (top, bottom), height, unit, year_href if year is None else "",
                 set(index.dated_years))
    out += body
    out.append("</svg>")
    return "\n".join(out)


def _year_columns(years: list[int]) -> list[tuple[date, date, str, int]]:
    return [(date(y, 1, 1), date(y + 1, 1, 1), str(y), y) for y in years]


def _axis(columns, x, axis_y: float, rules: tuple[float, float], height: float, unit: str, href: str,
          linked: set[int]) -> list[str]:
    """Alternate columns shaded, ticks between them, labels above and below the rows, a rule at each of `rules`.

    With `href`, the labels of the `linked` columns link to href.format(year=column).
    """
    out = []
    for n, (start, end, _, key) in enumerate(columns):
        shade = "0.06" if n % 2 == 0 else "0"
        out.append(f'<rect class="tl-band" data-{unit}="{key}" x="{_n(x(start))}" y="{_n(axis_y - 14)}" '
                   f'width="{_n(x(end) - x(start))}" height="{_n(height - axis_y + 14)}" '
                   f'fill-opacity="{shade}"/>')
    for day in [c[0] for c in columns] + [columns[-1][1]]:
        out.append(f'<line class="tl-tick" x1="{_n(x(day))}" y1="{_n(axis_y - 14)}" x2="{_n(x(day))}" '
                   f'y2="{_n(height)}" stroke="currentColor" stroke-opacity="0.25"/>')
    for start, end, text, key in columns:
        xm = (x(start) + x(end)) / 2
        for yy, cls in ((axis_y, f"tl-{unit}"), (height - 8, f"tl-{unit}-foot")):
            label = (f'<text class="{cls}" x="{_n(xm)}" y="{_n(yy)}" text-anchor="middle" '
                     f'font-weight="bold">{esc(text)}</text>')
            if href and key in linked:
                label = (f'<a class="tl-year-link" href="{esc(href.format(year=key))}">'
                         f"<title>{key}, month by month</title>{label}</a>")
            out.append(label)
    for yy in rules:
        out.append(f'<line x1="{TL_PLOT_X0}" y1="{_n(yy)}" x2="{TL_PLOT_X1}" y2="{_n(yy)}" '
                   'stroke="currentColor" stroke-opacity="0.5"/>')
    return out


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


def _timeline_defs(p: str) -> list[str]:
    """The hatching and the fading masks, under ids of this drawing's own (`p`)."""
    return [
        "<defs>",
        f'<pattern id="{p}-hatch" width="5" height="5" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="5" stroke="#ffffff" '
        'stroke-width="2" stroke-opacity="0.7"/></pattern>',
        f'<linearGradient id="{p}-fade-right"><stop offset="0" stop-color="#ffffff" stop-opacity="0"/>'
        '<stop offset="1" stop-color="#ffffff" stop-opacity="1"/></linearGradient>',
        f'<linearGradient id="{p}-fade-left"><stop offset="0" stop-color="#ffffff" stop-opacity="1"/>'
        '<stop offset="1" stop-color="#ffffff" stop-opacity="0"/></linearGradient>',
        f'<mask id="{p}-open-start" maskContentUnits="objectBoundingBox">'
        f'<rect width="1" height="1" fill="url(#{p}-fade-right)"/></mask>',
        f'<mask id="{p}-open-end" maskContentUnits="objectBoundingBox">'
        f'<rect width="1" height="1" fill="url(#{p}-fade-left)"/></mask>',
        "</defs>",
    ]


def _shape(kind: str, x0: float, x1: float, cy: float, colour: str, p: str) -> list[str]:
    """The drawing of one mark, whose date runs from x0 to x1, centred on cy."""
    top = cy - TL_BAR / 2
    if kind == "point":
        return [f'<circle class="tl-shape" cx="{_n((x0 + x1) / 2)}" cy="{_n(cy)}" r="5" fill="{colour}" '
                'stroke="#ffffff" stroke-width="1"/>']
    if x1 - x0 < TL_MIN and kind in ("period", "span"):
        mid = (x0 + x1) / 2
        x0, x1 = mid - TL_MIN / 2, mid + TL_MIN / 2
    box = f'x="{_n(x0)}" y="{_n(top)}" width="{_n(x1 - x0)}" height="{TL_BAR}"'
    if kind == "period":
        return [f'<rect class="tl-shape" {box} rx="2" fill="{colour}"/>']
    if kind == "span":
        return [f'<rect class="tl-shape" {box} rx="2" fill="{colour}" fill-opacity="0.55" '
                f'stroke="{colour}" stroke-width="1.5" stroke-dasharray="3 2"/>',
                f'<rect {box} rx="2" fill="url(#{p}-hatch)"/>']
    # An open end: the bar fades out towards the unknown side, which has an arrowhead.
    if kind == "open-start":
        known, tip, back = x1, x0, x0 + 5
    else:
        known, tip, back = x0, x1, x1 - 5
    return [f'<rect class="tl-shape" {box} fill="{colour}" mask="url(#{p}-{kind})"/>',
            f'<line x1="{_n(known)}" y1="{_n(top - 2)}" x2="{_n(known)}" y2="{_n(top + TL_BAR + 2)}" '
            f'stroke="{colour}" stroke-width="2"/>',
            f'<polyline points="{_n(back)},{_n(cy - 4)} {_n(tip)},{_n(cy)} {_n(back)},{_n(cy + 4)}" '
            f'fill="none" stroke="{colour}" stroke-width="1.5" stroke-opacity="0.6"/>']


def _disputed_sign(x: float, cy: float) -> list[str]:
    return [f'<circle class="tl-sign" cx="{_n(x)}" cy="{_n(cy)}" r="5.5" fill="{DISPUTED_COLOUR}"/>',
            f'<text x="{_n(x)}" y="{_n(cy + 4)}" text-anchor="middle" font-size="10" font-weight="bold" '
            'fill="#ffffff">!</text>']


def _timeline_row(entry: Entry, marks: list[_Mark], y: float, height: float, colour: str,
                  base: str, index: Index, prefix: str) -> str:
    href = esc(base + entry.url)
    out = [f'<g class="tl-row" data-entry="{esc(entry.id)}">',
           f'<rect class="tl-row-bg" x="0" y="{_n(y)}" width="{TL_WIDTH}" height="{_n(height)}" '
           'fill="currentColor" fill-opacity="0"/>',
           f'<line x1="{TL_LABEL_X}" y1="{_n(y + height)}" x2="{TL_PLOT_X1}" y2="{_n(y + height)}" '
           'stroke="currentColor" stroke-opacity="0.08"/>',
           f'<a class="tl-label" href="{href}"><title>{esc(entry.name)}</title>'
           f'<text x="{TL_LABEL_X + 10}" y="{_n(y + 4 + TL_LANE / 2 + 4)}">'
           f"{esc(_clip(entry.name, TL_LABEL_CHARS))}</text></a>"]
    for m in sorted(marks, key=lambda m: (m.lane, m.x0, m.fact.sort_key)):
        d = m.fact
        cy = y + 4 + m.lane * TL_LANE + TL_LANE / 2
        classes = ["tl-mark", f"tl-{m.kind}"]
        if d.date.uncertain:
            classes.append("tl-uncertain")
        if d.disputed:
            classes.append("tl-disputed")
        low, high = d.date.iso_bounds()
        out.append(f'<a class="{" ".join(classes)}" href="{href}" data-low="{low}" data-high="{high}" '
                   f'data-edtf="{esc(d.date.text)}">')
        out.append(f"<title>{esc(mark_title(d, index))}</title>")
        out += _shape(m.kind, m.x0, m.x1, cy, colour, prefix)
        if d.disputed:
            out += _disputed_sign(_mark_extent(m)[1] - 6, cy)
        out.append("</a>")
    out.append("</g>")
    return "\n".join(out)


def _timeline_legend(y: float, prefix: str) -> tuple[list[str], float]:
    """What each kind of mark means, in three columns."""
    colour = "#607080"
    items = [
        ("point", "a day, known exactly"),
        ("period", "a month or a year, known exactly"),
        ("span", "inexact: about, uncertain, or between two dates"),
        ("open-start", "by … at the latest: the earliest day is not known"),
        ("disputed", "disputed date: the articles disagree"),
    ]
    out = ['<g class="tl-legend">']
    column = (TL_WIDTH - TL_LABEL_X) / 3
    for n, (kind, text) in enumerate(items):
        x = TL_LABEL_X + (n % 3) * column
        cy = y + (n // 3) * 20 + 6
        if kind == "disputed":
            out += _disputed_sign(x + 14, cy)
        else:
            out.append(f'<g class="tl-key tl-{kind}">')
            left, right = (x + 9, x + 19) if kind == "point" else (x, x + 28)
            out += _shape(kind, left, right, cy, colour, prefix)
            out.append("</g>")
        out.append(f'<text x="{_n(x + 36)}" y="{_n(cy + 4)}">{esc(text)}</text>')
    out.append("</g>")
    return out, ((len(items) + 2) // 3) * 20


def year_src_uri(year: int) -> str:
    return f"timeline/{year}.md"


YEAR_HREF = "timeline/{year}/"   # the address of a year's page, from the site root


def timeline_overview(index: Index, base: str, max_rows: int = TL_OVERVIEW_ROWS) -> str:
    """One row per entry while they fit on a screenful or so; beyond, the facts counted by type and year."""
    rows = len({d.entry for d in index.chronology})
    if rows > max_rows:
        return timeline_counts_svg(index, base)
    return timeline_svg(index, base, year_href=base + YEAR_HREF)


def timeline_counts_svg(index: Index, base: str) -> str:
    """The dated facts counted by type and year, one row per type; each count links to its year's page.

    A fact counts in every year it may fall in, as on the year pages.
    """
    years = timeline_years(index)
    if not years:
        return "<p>No dated facts yet.</p>"
    columns = _year_columns(years)
    origin, finish = columns[0][0], columns[-1][1]
    scale = (TL_PLOT_X1 - TL_PLOT_X0) / (finish - origin).days

    def x(day: date) -> float:
        return TL_PLOT_X0 + (day - origin).days * scale

    counts: dict[str, Counter] = defaultdict(Counter)   # type -> year -> facts, from the index's years
    entries: dict[str, set[str]] = defaultdict(set)      # type -> entries with dated facts
    for year in index.dated_years:
        for d in index.facts_in_year(year):
            type_name = index.entries[d.entry].type.name
            counts[type_name][year] += 1
            entries[type_name].add(d.entry)
    most = max(n for c in counts.values() for n in c.values())

    axis_y, row_h = 36, 30
    top = axis_y + 10
    body: list[str] = []
    y = top
    for type_name, heading, colour in TL_GROUPS:
        if type_name not in counts:
            continue
        n_entries = len(entries[type_name])
        body += [f'<g class="tl-row" data-type="{type_name}">',
                 f'<text class="tl-group" x="{TL_LABEL_X}" y="{_n(y + row_h / 2 + 4)}" font-weight="bold" '
                 f'fill="{colour}">{esc(heading)}</text>',
                 f'<text x="{TL_LABEL_X + 170}" y="{_n(y + row_h / 2 + 4)}">'
                 f'{n_entries:,} entr{"y" if n_entries == 1 else "ies"}</text>']
        for start, end, _, year in columns:
            n = counts[type_name][year]
            if not n:
                continue
            opacity = 0.15 + 0.8 * n / most
            facts = _facts(n)
            body += [f'<a class="tl-mark tl-count" href="{esc(base + YEAR_HREF.format(year=year))}" '
                     f'data-low="{year}-01-01" data-high="{year}-12-31" data-count="{n}">',
                     f"<title>{esc(heading)}: {facts} that may fall in {year}; {year} month by month</title>",
                     f'<rect class="tl-shape" x="{_n(x(start) + 2)}" y="{_n(y + 3)}" '
                     f'width="{_n(x(end) - x(start) - 4)}" height="{row_h - 6}" rx="3" fill="{colour}" '
                     f'fill-opacity="{opacity:.2f}"/>',
                     f'<text x="{_n((x(start) + x(end)) / 2)}" y="{_n(y + row_h / 2 + 4)}" text-anchor="middle" '
                     f'fill="{"#ffffff" if opacity > 0.55 else "currentColor"}">{n}</text>',
                     "</a>"]
        body.append("</g>")
        y += row_h
    bottom = y + 6
    height = bottom + 24
    out = _svg_open("dossier-timeline tl-overview tl-counts", TL_WIDTH, height, "tl",
                    f"Dated facts by type and year, {years[0]} to {years[-1]}",
                    f"{_facts(len(index.chronology))} from {sum(len(e) for e in entries.values()):,} entries, "
                    "counted by type, one row per type, in one column per year; a fact whose date is "
                    "inexact counts in every year it may fall in. The darker a cell, the more facts. "
                    "Each count links to its year's page, where every fact is drawn.")
    out += _axis(columns, x, axis_y, (top, bottom), height, "year", base + YEAR_HREF, set(index.dated_years))
    out += body
    out.append("</svg>")
    return "\n".join(out)


def _facts(n: int) -> str:
    return f"{n:,} dated fact{'s' if n != 1 else ''}"


def timeline_page(index: Index, base: str, hold) -> str:
    """Markdown: the overview, then a link to each year's page (HTML blocks held)."""
    links = [f'<li><a href="{esc(base + YEAR_HREF.format(year=year))}">{year}</a>: '
             f"{_facts(len(index.facts_in_year(year)))}</li>" for year in index.dated_years]
    parts = [hold(figure(timeline_overview(index, base), "dossier-figure-timeline"))]
    if links:
        parts += ["## Year by year", hold('<ul class="dossier-years">\n' + "\n".join(links) + "\n</ul>")]
    return "\n\n".join(p.strip("\n") for p in parts)


def timeline_year_page(index: Index, year: int, hold) -> tuple[dict, str]:
    """A year's page: its metadata, and its Markdown (HTML blocks held): that year month by
    month, between links to its neighbours."""
    base = "../../"   # the page is at timeline/<year>/
    years = index.dated_years
    at = years.index(year)
    around = [f'<a href="{esc(base + YEAR_HREF.format(year=years[at - 1]))}">← {years[at - 1]}</a>'
              if at > 0 else "",
              '<a href="../">Overview</a>',
              f'<a href="{esc(base + YEAR_HREF.format(year=years[at + 1]))}">{years[at + 1]} →</a>'
              if at + 1 < len(years) else ""]
    facts = index.facts_in_year(year)
    # The chronology has a heading for each year a date is filed under, not for every year it may span.
    anchor = f"#{year}" if year in index.filed_by_year else ""
    meta = {"title": f"Timeline of {year}",
            "description": f"Every dated fact of the AllofMP3 dossier that may fall in {year}, month by month.",
            "hide": ["toc"]}
    parts = [
        f"# Timeline of {year}",
        hold(f'<p class="dossier-year-nav">{" · ".join(a for a in around if a)}</p>'),
        hold(f"<p>{_facts(len(facts))} that may fall in {year}, one row per entry. The marks are those of the "
             'overview; a date that spans several years is drawn on each of their pages. The same facts, with '
             f'their sources, are in the <a href="{base}chronology/{anchor}">Chronology</a>.</p>'),
        hold(figure(timeline_svg(index, base, year), "dossier-figure-timeline")),
    ]
    return meta, "\n\n".join(p.strip("\n") for p in parts) + "\n"


# --- relations graph --------------------------------------------------------------

# Node colours by kind: (label, fill, stroke); text on nodes is always dark on a light fill.
NODE_STYLES = {
    "person": ("person", "#ffd66b", "#a67c00"),
    "website": ("website or service", "#9cc9f5", "#2f6fb0"),
    "company": ("company", "#c6b4ee", "#6a4bb0"),
    "collecting-society": ("collecting society", "#a6dfb3", "#23875a"),
    "trade-body": ("trade body", "#f5aeae", "#b03a3a"),
    "finance": ("payment network, bank or card processor", "#f8c89a", "#b5651d"),
    "public": ("court, government or intergovernmental body", "#d2d6dc", "#5f6b78"),
    "press": ("publication or news agency", "#e9bfdc", "#9c4a86"),
    "unspecified": ("kind not stated", "#e4e4e4", "#808080"),
}
KIND_STYLE = {
    "website": "website", "company": "company", "collecting-society": "collecting-society",
    "trade-body": "trade-body", "payment-network": "finance", "bank": "finance", "card-processor": "finance",
    "court": "public", "government": "public", "intergovernmental": "public",
    "publication": "press", "news-agency": "press",
}
NODE_FONT = 13
NODE_H = 26
EDGE_FONT = 11.5
PARTY_EDGES = {"plaintiff": "plaintiff against", "prosecutor": "prosecutor against"}
EDGE_MIN = 90.0       # the shortest an edge may want to be
GRAPH_W = 980.0       # the widest the drawing should be, before room is made for labels
STRESS_ROUNDS = 300
STRESS_SETTLED = 1e-4  # a round that lowers the stress by less than this share ends the layout


@dataclass
class _Node:
    entry: Entry
    style: str
    w: float
    h: float = NODE_H
    x: float = 0.0
    y: float = 0.0


@dataclass
class _Edge:
    source: str            # reads "source <label> target"
    target: str
    label: str
    stated_in: Entry       # the entry that states it; the edge links there
    court_case: bool = False
    bend: float = 0.0      # offset of the curve's control point, for pairs joined more than once
    path: list = field(default_factory=list)


def node_style(entry: Entry) -> str:
    if entry.type.name == "person":
        return "person"
    return KIND_STYLE.get(entry.data.get("kind", ""), "unspecified")


def relation_edges(index: Index) -> list[_Edge]:
    """Every relation between people and organisations, in a fixed order.

    - an organisation's `relations`: "AllofMP3 operated by MediaServices";
    - a person's `roles` that name an organisation: "Denis Kvasov director of MediaServices";
    - a ruling's parties: each plaintiff or prosecutor against each defendant ("EMI plaintiff
      against Denis Kvasov"); parties whose role is not stated, and events' participants, whose
      roles are free text, give no edge.
    """
    edges = []
    for entry in index.by_type["organisation"]:
        for item in entry.data.get("relations", ()):
            if item.get("to") in index.entries:
                label = choice_label(entry.type, ("relations", "relation"), item.get("relation", ""))
                edges.append(_Edge(entry.id, item["to"], label, entry))
    for entry in index.by_type["person"]:
        for item in entry.data.get("roles", ()):
            if item.get("of") in index.entries:
                edges.append(_Edge(entry.id, item["of"], f"{item.get('role', '')} of", entry))
    for entry in index.by_type["ruling"]:
        parties = entry.data.get("parties", ())
        defendants = [p["entry"] for p in parties if p.get("role") == "defendant" and p.get("entry") in index.entries]
        for p in parties:
            label = PARTY_EDGES.get(p.get("role", ""))
            if label and p.get("entry") in index.entries:
                edges += [_Edge(p["entry"], d, label, entry, court_case=True) for d in defendants if d != p["entry"]]
    # The same statement twice (two sources, two items) is drawn once.
    seen, unique = set(), []
    for e in edges:
        key = (e.source, e.target, e.label, e.stated_in.id)
        if key not in seen:
            seen.add(key)
            unique.append(e)
    return unique


# The layout's cost grows with the cube of the node count; past this many, the drawing shows
# the most connected entries and says so (data/graph.json and the entries hold every relation).
MAX_GRAPH_NODES = 80


def drawn_edges(index: Index) -> tuple[list[_Edge], int]:
    """The edges the drawing shows, and how many people and organisations take part in all edges."""
    edges = relation_edges(index)
    degree: dict[str, int] = {}
    for e in edges:
        for i in (e.source, e.target):
            degree[i] = degree.get(i, 0) + 1
    if len(degree) <= MAX_GRAPH_NODES:
        return edges, len(degree)
    kept = set(sorted(degree, key=lambda i: (-degree[i], index.entries[i].name.casefold(), i))[:MAX_GRAPH_NODES])
    return [e for e in edges if e.source in kept and e.target in kept], len(degree)


def graph_svg(index: Index, base: str, edges: list[_Edge] | None = None) -> str:
    """People and organisations joined by their relations (`edges`, by default drawn_edges), laid out
    deterministically."""
    if edges is None:
        edges, _ = drawn_edges(index)
    if not edges:
        return "<p>No relations between people and organisations yet.</p>"
    ids = sorted({i for e in edges for i in (e.source, e.target)},
                 key=lambda i: (index.entries[i].name.casefold(), i))
    nodes = {i: _Node(index.entries[i], node_style(index.entries[i]),
                      _text_width(index.entries[i].name, NODE_FONT) + 20) for i in ids}
    _layout(nodes, edges)
    _bend_multiple_edges(edges)
    labels = _place_edge_labels(nodes, edges)

    # Fit the drawing: the legend on top, then the graph.
    pad = 16
    boxes = [(n.x - n.w / 2, n.y - n.h / 2, n.x + n.w / 2, n.y + n.h / 2) for n in nodes.values()] + labels
    min_x = min(b[0] for b in boxes) - pad
    min_y = min(b[1] for b in boxes) - pad
    max_x = max(b[2] for b in boxes) + pad
    legend, legend_h = _graph_legend(nodes, edges, 12, max(max_x - min_x, 760))
    dx, dy = -min_x, -min_y + legend_h + 12
    width = max(max_x - min_x, 760)
    height = max(b[3] for b in boxes) + pad + dy

    kinds = sorted({n.style for n in nodes.values()})
    out = _svg_open("dossier-graph", width, height, "dossier-graph",
                    "Relations between people and organisations",
                    f"{len(nodes)} people and organisations and {len(edges)} relations between them. "
                    "Each arrow reads from one entry to another, as its label says, for example "
                    "'AllofMP3 operated by MediaServices'; dashed arrows join the opposing parties of a "
                    "court ruling. Node colours give the kind of organisation: "
                    + ", ".join(NODE_STYLES[k][0] for k in kinds) + ". Each node links to its entry, "
                    "each arrow to the entry that states it.")
    out += ["<defs>",
            '<marker id="g-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            'orient="auto-start-reverse"><path d="M0,1 L10,5 L0,9 z" fill="currentColor" '
            'fill-opacity="0.75"/></marker>',
            "</defs>"]
    out += legend
    out.append(f'<g transform="translate({_n(dx)},{_n(dy)})">')
    for e, box in zip(edges, labels):
        out.append(_edge_markup(e, box, nodes, base))
    for i in ids:
        out.append(_node_markup(nodes[i], base))
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def _edge_markup(e: _Edge, box, nodes, base: str) -> str:
    (x0, y0), (cx, cy), (x1, y1) = e.path
    a, b = nodes[e.source].entry, nodes[e.target].entry
    if e.bend:
        d = f"M{_n(x0)},{_n(y0)} Q{_n(cx)},{_n(cy)} {_n(x1)},{_n(y1)}"
    else:
        d = f"M{_n(x0)},{_n(y0)} L{_n(x1)},{_n(y1)}"
    dash = ' stroke-dasharray="5 3"' if e.court_case else ""
    title = f"{a.name} {e.label} {b.name}"
    if e.court_case:
        title += f", in: {e.stated_in.name}"
    elif e.stated_in.id != a.id:
        title += f" (stated in {e.stated_in.name})"
    lx0, ly0, lx1, ly1 = box
    cls = "g-edge g-court" if e.court_case else "g-edge"
    return "\n".join([
        f'<a class="{cls}" href="{esc(base + e.stated_in.url)}" data-from="{esc(e.source)}" '
        f'data-to="{esc(e.target)}">',
        f"<title>{esc(title)}</title>",
        f'<path class="g-line" d="{d}" fill="none" stroke="currentColor" stroke-opacity="0.55" '
        f'stroke-width="1.3"{dash} marker-end="url(#g-arrow)"/>',
        f'<text class="g-edge-label" x="{_n((lx0 + lx1) / 2)}" y="{_n(ly1 - 3.5)}" text-anchor="middle" '
        f'font-size="{EDGE_FONT}" font-style="italic" stroke="#ffffff" stroke-width="3" '
        f'stroke-opacity="0.85" paint-order="stroke">{esc(e.label)}</text>',
        "</a>",
    ])


def _node_markup(n: _Node, base: str) -> str:
    _, fill, stroke = NODE_STYLES[n.style]
    e = n.entry
    kind = "person" if e.type.name == "person" else choice_label(e.type, ("kind",), e.data.get("kind", ""))
    shape = (f'<rect class="g-box" x="{_n(n.x - n.w / 2)}" y="{_n(n.y - n.h / 2)}" width="{_n(n.w)}" '
             f'height="{_n(n.h)}" rx="{12 if e.type.name == "person" else 4}" fill="{fill}" '
             f'stroke="{stroke}" stroke-width="1.5"/>')
    return "\n".join([
        f'<a class="g-node g-{n.style}" href="{esc(base + e.url)}" data-node="{esc(e.id)}">',
        f"<title>{esc(e.name)} ({esc(kind)})</title>",
        shape,
        f'<text x="{_n(n.x)}" y="{_n(n.y + 4)}" text-anchor="middle" font-size="{NODE_FONT}" '
        f'fill="#1a1a1a">{esc(e.name)}</text>',
        "</a>",
    ])


def _graph_legend(nodes, edges, y: float, width: float) -> tuple[list[str], float]:
    out = ['<g class="g-legend">']
    x, row = 8.0, 0
    present = {n.style for n in nodes.values()}
    items = [(k, v) for k, v in NODE_STYLES.items() if k in present]
    for style, (text, fill, stroke) in items:
        w = 26 + _text_width(text, 12) + 14
        if x + w > width - 8:
            x, row = 8.0, row + 1
        cy = y + row * 20 + 6
        out.append(f'<rect x="{_n(x)}" y="{_n(cy - 7)}" width="20" height="14" rx="3" fill="{fill}" '
                   f'stroke="{stroke}" stroke-width="1.5"/>')
        out.append(f'<text x="{_n(x + 26)}" y="{_n(cy + 4)}">{esc(text)}</text>')
        x += w
    row += 1
    x = 8.0
    cy = y + row * 20 + 6
    for dashed, text in ((False, "relation: reads along the arrow"),
                         (True, "opposing parties in a court ruling")):
        if dashed and not any(e.court_case for e in edges):
            continue
        dash = ' stroke-dasharray="5 3"' if dashed else ""
        out.append(f'<line x1="{_n(x)}" y1="{_n(cy)}" x2="{_n(x + 36)}" y2="{_n(cy)}" stroke="currentColor" '
                   f'stroke-opacity="0.7" stroke-width="1.3"{dash} marker-end="url(#g-arrow)"/>')
        out.append(f'<text x="{_n(x + 44)}" y="{_n(cy + 4)}">{esc(text)}</text>')
        x += 44 + _text_width(text, 12) + 24
    out.append("</g>")
    return out, (row + 1) * 20


def _layout(nodes: dict[str, _Node], edges: list[_Edge]) -> None:
    """Stress majorization: place nodes so that their distances match their distances in the graph.

    Each edge wants a length that leaves room for its label; two nodes want to be as far apart
    as the shortest path between them (Floyd–Warshall). Nodes start on a square spiral in
    breadth-first order from the best-connected node; majorization rounds (Gansner, Koren and
    North, 2004) follow until one lowers the stress by less than STRESS_SETTLED of it, or
    STRESS_ROUNDS have run; then the drawing is turned so that its longer
    axis lies across the page, and boxes that still overlap are pushed apart. There is no
    randomness, and only +, -, *, / and sqrt, which IEEE arithmetic computes the same
    everywhere, so the same entries give the same drawing on every machine.
    """
    ids = list(nodes)
    count = len(ids)
    rank = {i: n for n, i in enumerate(ids)}
    inf = float("inf")
    dist = [[0.0 if a == b else inf for b in range(count)] for a in range(count)]
    adjacent: dict[str, list[str]] = {i: [] for i in ids}
    for e in edges:
        if e.target not in adjacent[e.source]:
            adjacent[e.source].append(e.target)
            adjacent[e.target].append(e.source)
    # A node with many neighbours needs a circle round it long enough to hold their boxes.
    crowd = {i: sum((nodes[j].w + nodes[j].h) / 2 + 30 for j in adjacent[i]) / 4.5 for i in ids}
    for e in edges:
        a, b = nodes[e.source], nodes[e.target]
        length = max(EDGE_MIN, _text_width(e.label, EDGE_FONT) + 24 + (a.w + b.w) / 4,
                     crowd[e.source], crowd[e.target])
        i, j = rank[e.source], rank[e.target]
        dist[i][j] = dist[j][i] = min(dist[i][j], length)
    for m in range(count):
        via = dist[m]
        for i in range(count):
            row, to_m = dist[i], dist[i][m]
            if to_m == inf:
                continue
            for j in range(count):
                if to_m + via[j] < row[j]:
                    row[j] = to_m + via[j]
    longest = max((d for row in dist for d in row if d < inf), default=EDGE_MIN)
    for row in dist:   # parts that are not joined keep a little apart from each other
        for j, d in enumerate(row):
            if d == inf:
                row[j] = longest + EDGE_MIN

    order: list[str] = []
    seen = set()
    for start in sorted(ids, key=lambda i: (-len(adjacent[i]), rank[i])):
        if start in seen:
            continue
        queue = [start]
        order.append(start)
        seen.add(start)
        while queue:
            current = queue.pop(0)
            for other in sorted(adjacent[current], key=lambda i: (-len(adjacent[i]), rank[i])):
                if other not in seen:
                    order.append(other)
                    seen.add(other)
                    queue.append(other)
    for n, (gx, gy) in zip(order, _spiral(count)):
        nodes[n].x, nodes[n].y = gx * 90.0, gy * 60.0

    xs = [nodes[i].x for i in ids]
    ys = [nodes[i].y for i in ids]
    # Each pair's weight 1/d² and pull 1/d, computed once; a pair's own cell stays 0 and adds nothing.
    weight = [[0.0 if i == j else 1.0 / (dist[i][j] * dist[i][j]) for j in range(count)] for i in range(count)]
    pull = [[0.0 if i == j else 1.0 / dist[i][j] for j in range(count)] for i in range(count)]
    total = [sum(row) for row in weight]
    others = [[j for j in range(count) if j != i] for i in range(count)]
    before = inf
    for _ in range(STRESS_ROUNDS):
        stress = 0.0   # sum of w·(d − D)², that is of (d/D − 1)², as the round finds the pairs
        for i in range(count):
            xi, yi, w, u = xs[i], ys[i], weight[i], pull[i]
            sx = sy = 0.0
            for j in others[i]:
                dx, dy = xi - xs[j], yi - ys[j]
                d = sqrt(dx * dx + dy * dy) or 0.01
                sx += w[j] * xs[j] + u[j] * dx / d
                sy += w[j] * ys[j] + u[j] * dy / d
                stress += (d * u[j] - 1.0) ** 2
            xs[i], ys[i] = sx / total[i], sy / total[i]
        if before - stress < STRESS_SETTLED * stress:   # the layout has settled
            break
        before = stress

    # Turn the drawing so that its longer axis runs across: the principal axis of the points.
    cx, cy = sum(xs) / count, sum(ys) / count
    sxx = sum((x - cx) * (x - cx) for x in xs)
    syy = sum((y - cy) * (y - cy) for y in ys)
    sxy = sum((x - cx) * (y - cy) for x, y in zip(xs, ys))
    # The eigenvector of [[sxx, sxy], [sxy, syy]] with the larger eigenvalue.
    half = (sxx - syy) / 2
    big = (sxx + syy) / 2 + sqrt(half * half + sxy * sxy)
    ux, uy = (sxy, big - sxx) if abs(sxy) > 1e-9 else ((1.0, 0.0) if sxx >= syy else (0.0, 1.0))
    norm = sqrt(ux * ux + uy * uy)
    ux, uy = ux / norm, uy / norm
    if ux < 0:
        ux, uy = -ux, -uy
    for n, i in enumerate(ids):
        x, y = xs[n] - cx, ys[n] - cy
        nodes[i].x, nodes[i].y = x * ux + y * uy, -x * uy + y * ux
    # Bring the drawing within the page's width; the boxes keep their size.
    left = min(nodes[i].x - nodes[i].w / 2 for i in ids)
    right = max(nodes[i].x + nodes[i].w / 2 for i in ids)
    widest = max(nodes[i].w for i in ids)
    if right - left > GRAPH_W:
        shrink = (GRAPH_W - widest) / (right - left - widest)
        for i in ids:
            nodes[i].x *= shrink
            nodes[i].y *= shrink
    _make_room(nodes, ids, edges)


def _spiral(count: int) -> list[tuple[int, int]]:
    """Grid cells in a square spiral from the origin: (0,0), (1,0), (1,1), (0,1), (-1,1)..."""
    cells, x, y, dx, dy, run = [(0, 0)], 0, 0, 1, 0, 1
    while len(cells) < count:
        for _ in range(2):
            for _ in range(run):
                x, y = x + dx, y + dy
                cells.append((x, y))
            dx, dy = -dy, dx
        run += 1
    return cells[:count]


def _make_room(nodes: dict[str, _Node], ids: list[str], edges: list[_Edge], gap: float = 14.0) -> None:
    """Push apart boxes that overlap, the ends of an edge too short to show its label between them,
    and boxes from edges that run through them."""
    rooms = [(nodes[e.source], nodes[e.target], _text_width(e.label, EDGE_FONT) + 8, EDGE_FONT + 8)
             for e in edges if e.source != e.target]
    pairs = [(nodes[a], nodes[b]) for n, a in enumerate(ids) for b in ids[n + 1:]]
    boxes = [nodes[i] for i in ids]
    for _ in range(300):
        moved = False
        for na, nb in pairs:
            ox = (na.w + nb.w) / 2 + gap - abs(na.x - nb.x)
            oy = (na.h + nb.h) / 2 + gap - abs(na.y - nb.y)
            if ox <= 0.01 or oy <= 0.01:   # what float rounding leaves after a push is not an overlap
                continue
            moved = True
            if ox / (na.w + nb.w) < oy / (na.h + nb.h):
                s = 1.0 if na.x >= nb.x else -1.0
                na.x += s * ox / 2
                nb.x -= s * ox / 2
            else:
                s = 1.0 if na.y >= nb.y else -1.0
                na.y += s * oy / 2
                nb.y -= s * oy / 2
        for a, b, lw, lh in rooms:
            # The label, centred between the two boxes, must clear both, sideways or vertically.
            dx, dy = b.x - a.x, b.y - a.y
            need_x = max(a.w, b.w) + lw + 24
            need_y = max(a.h, b.h) + 2 * lh + 16
            if abs(dx) >= need_x or abs(dy) >= need_y:
                continue
            moved = True
            if dx == 0 and dy == 0:
                dx = 1.0
            f = min(need_x / abs(dx) if dx else float("inf"), need_y / abs(dy) if dy else float("inf"))
            mx, my = dx * (f - 1) / 2, dy * (f - 1) / 2
            a.x, a.y, b.x, b.y = a.x - mx, a.y - my, b.x + mx, b.y + my
        for a, b, _, _ in rooms:
            # A box that an edge runs through steps aside, across the edge.
            dx, dy = b.x - a.x, b.y - a.y
            length2 = dx * dx + dy * dy
            if length2 == 0:
                continue
            length = sqrt(length2)
            left, right, top, bottom = min(a.x, b.x), max(a.x, b.x), min(a.y, b.y), max(a.y, b.y)
            for c in boxes:
                # Far outside the edge's bounding box: cannot be within reach of the edge (cheap test first).
                if c.x + c.w / 2 + 6 <= left or c.x - c.w / 2 - 6 >= right or \
                        c.y + c.h / 2 + 6 <= top or c.y - c.h / 2 - 6 >= bottom or c is a or c is b:
                    continue
                t = ((c.x - a.x) * dx + (c.y - a.y) * dy) / length2
                if not 0.0 < t < 1.0:
                    continue
                px, py = a.x + t * dx, a.y + t * dy
                if abs(c.x - px) >= c.w / 2 + 6 or abs(c.y - py) >= c.h / 2 + 6:
                    continue
                moved = True
                nx, ny = -dy / length, dx / length
                if (c.x - px) * nx + (c.y - py) * ny < 0:
                    nx, ny = -nx, -ny
                c.x += nx * 4
                c.y += ny * 4
        if not moved:
            return


def _bend_multiple_edges(edges: list[_Edge]) -> None:
    by_pair: dict[tuple[str, str], list[_Edge]] = defaultdict(list)
    for e in edges:
        by_pair[tuple(sorted((e.source, e.target)))].append(e)
    for group in by_pair.values():
        if len(group) > 1:
            for n, e in enumerate(group):
                # Offsets are taken in the pair's sorted direction, so opposite edges part too.
                sign = 1.0 if e.source < e.target else -1.0
                e.bend = sign * 28.0 * (n - (len(group) - 1) / 2 or 0.5)


def _box_exit(n: _Node, tx: float, ty: float, gap: float = 3.0) -> tuple[float, float]:
    """Where the segment from the node's centre towards (tx, ty) leaves its box, plus a gap."""
    dx, dy = tx - n.x, ty - n.y
    if dx == 0 and dy == 0:
        return n.x, n.y
    sx = (n.w / 2 + gap) / abs(dx) if dx else float("inf")
    sy = (n.h / 2 + gap) / abs(dy) if dy else float("inf")
    s = min(sx, sy, 1.0)
    return n.x + dx * s, n.y + dy * s


def _place_edge_labels(nodes: dict[str, _Node], edges: list[_Edge]) -> list[tuple]:
    """Each edge's geometry, and a box for its label where it hides the fewest other things."""
    for e in edges:
        a, b = nodes[e.source], nodes[e.target]
        dx, dy = b.x - a.x, b.y - a.y
        d = sqrt(dx * dx + dy * dy) or 1.0
        cx, cy = (a.x + b.x) / 2 - dy / d * e.bend, (a.y + b.y) / 2 + dx / d * e.bend
        e.path = [_box_exit(a, cx, cy), (cx, cy), _box_exit(b, cx, cy, gap=4.0)]
    segments = [(e, _bezier(e.path, 0.0), _bezier(e.path, 0.5), _bezier(e.path, 1.0)) for e in edges]
    placed: list[tuple] = []
    obstacles = [(n.x - n.w / 2, n.y - n.h / 2, n.x + n.w / 2, n.y + n.h / 2) for n in nodes.values()]
    for e in edges:
        w, h = _text_width(e.label, EDGE_FONT) + 4, EDGE_FONT + 4
        best = None
        for t in (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74):
            px, py = _bezier(e.path, t)
            box = (px - w / 2, py - h / 2, px + w / 2, py + h / 2)
            cost = sum(_overlap(box, o) for o in obstacles + placed)
            # Lying across another edge makes a label hard to attribute.
            cost += 12 * sum(_crossing(box, p0, p1) + _crossing(box, p1, p2)
                             for other, p0, p1, p2 in segments if other is not e)
            cost += abs(t - 0.5) * 40   # other things equal, the middle
            if best is None or cost < best[0]:
                best = (cost, box)
        placed.append(best[1])
    return placed


def _bezier(path, t: float) -> tuple[float, float]:
    (x0, y0), (cx, cy), (x1, y1) = path
    u = 1 - t
    return u * u * x0 + 2 * u * t * cx + t * t * x1, u * u * y0 + 2 * u * t * cy + t * t * y1


def _crossing(box, p0, p1) -> float:
    """How long a stretch of the segment p0-p1 lies inside the box (Liang–Barsky clipping)."""
    (x0, y0), (x1, y1) = p0, p1
    dx, dy = x1 - x0, y1 - y0
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return 0.0
            continue
        r = q / p
        if p < 0:
            lo = max(lo, r)
        else:
            hi = min(hi, r)
        if lo > hi:
            return 0.0
    return (hi - lo) * sqrt(dx * dx + dy * dy)


def _overlap(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


# --- around the drawings -----------------------------------------------------------

def figure(svg: str, cls: str) -> str:
    """A drawing in a block of its own, which scrolls sideways on narrow screens."""
    return f'<div class="dossier-figure {cls}">\n{svg}\n</div>'


def relation_list(index: Index, base: str, edges: list[_Edge]) -> str:
    """The graph's edges as text, for readers who cannot see the drawing."""
    if not edges:
        return ""
    items = []
    for e in edges:
        a, b = index.entries[e.source], index.entries[e.target]
        where = f" <small>({link(e.stated_in, base)})</small>" if e.court_case else ""
        items.append(f"<li>{link(a, base)} {esc(e.label)} {link(b, base)}{where}</li>")
    return ('<details class="dossier-relation-list">\n<summary>The same relations as a list</summary>\n'
            '<ul>\n' + "\n".join(items) + "\n</ul>\n</details>")


def graph_page(index: Index, base: str) -> str:
    """The graph, then its relations as a list."""
    edges, total = drawn_edges(index)
    shown = len({i for e in edges for i in (e.source, e.target)})
    note = ""
    if shown < total:
        note = (f'<p class="dossier-graph-note">The drawing shows the {shown} most connected of the {total} '
                f'people and organisations that have relations; every relation is on the entries\' pages and in '
                f'<a href="{esc(base)}data/graph.json">data/graph.json</a>.</p>\n\n')
    return note + figure(graph_svg(index, base, edges), "dossier-figure-graph") + "\n\n" + \
        relation_list(index, base, edges)
