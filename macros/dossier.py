"""The dossier as any site generator sees it: its pages, its files and its problems.

A `Dossier` is read from a project root and its entries folder. It answers, with no site
generator's vocabulary (no MkDocs import, no URL style, no theme key):

- `pages(published)`: every page the dossier generates, each a neutral source path
  ('people/denis-kvasov.md', 'timeline/2007.md', 'people/index.md'), what makes it (for
  messages), and `make()`, which gives its `Content`: metadata, Markdown in which every HTML
  block is held (see `hold`), what kind of page it is, the anchors its body links to, and
  warnings to report;
- `files(built, published)`: the generated files that are not pages (the open-data exports,
  the relation graph's data), each a path in the site and its text in pieces;
- `problems`: what the check found, each `path:line: field: message`;
- `problem_page()` and `problem_paths()`: a page listing the problems, and the paths that a
  site showing them in place of the dossier must answer;
- `hold(html)` and `put_back(text)`: the HTML blocks held out of the Markdown (blocks.py),
  for the generated pages and for the views that hand-written pages call (`index` holds
  what those views read).

Pages are made one at a time, when asked, and nothing is kept once made: a generator may
convert and release each before asking for the next. Reading the entries (corpus.py) is
the only per-file work; a Dossier is cheap to make again from a corpus whose per-file
results were kept.

An adapter for a site generator must:

1. make one Dossier per build (`Dossier.read`), with the `Urls` its site addresses pages by,
   and stop the build on `problems`, or show `problem_page()` on every page and at every
   `problem_paths()` path while serving; give `pages` and `files` the site's name and
   addresses (`Published`);
2. add each of `pages(...)` as a generated page at its source path, refusing one that a
   source file already provides, and the navigation's `sections()` after the home page;
3. give each page its `Content.meta` as the page's metadata (never through YAML), with what
   `Content.source` and `Content.drawing` say in its theme's terms; convert its Markdown with
   the site's own pipeline, then `put_back` the held blocks in the HTML; report each
   `Content.warnings` as a warning, and check its `anchors` if it checks links;
4. write `files(...)` into the built site, and refuse source files written over them;
5. give hand-written pages' views (main.py's macros) the same Dossier, and the relative
   path from the page to the site's root ('' at the root, '../' one folder down).

Pages link to one another by relative addresses in the style the `Urls` given to `read` say
(urls.py): directory addresses ('../../people/denis-kvasov/') unless told otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

from . import exports, markup, schema
from .blocks import FIND, Blocks, number
from .body import Pipeline
from .corpus import Corpus, Reads, collect
from .draw.timeline import timeline_year_page, year_src_uri
from .files import EXPORTS
from .index import Entry, Index
from .pages import entry_page, type_index_page, type_index_path
from .problems import Problem
from .published import Published
from .urls import DIRECTORIES, Urls

# The key under which an adapter keeps the build's Dossier on its generator's configuration,
# where the views of hand-written pages (main.py) find it.
CONFIG_KEY = "dossier"

_DROPPED = "links go to http(s) addresses or to other entries, as ../people/denis-kvasov.md"


@dataclass(frozen=True)
class Content:
    """What a page holds once made."""

    meta: dict  # title and description: the page's metadata, its values escaped for HTML
    markdown: str  # headings and placeholders of held HTML blocks
    anchors: tuple[tuple[str, str, str], ...] = ()  # (target page's path, fragment, link as written)
    warnings: tuple[str, ...] = ()  # what the page's making found wrong, for the build to report
    source: bool = False  # the page is a source's (an article's) rather than about a subject of the dossier
    drawing: bool = False  # the page is given to a drawing that needs its whole width


@dataclass(frozen=True)
class Page:
    path: str  # the page's source path, 'people/denis-kvasov.md'
    owner: str  # what makes it, for messages: an entry's file, 'the person index'
    make: Callable[[], Content]
    listed: bool = False  # a type's index: the navigation has a section for it (`sections()`)
    # What the page shows, for stale.py to say when an edit may change it: an entry's page, its
    # id; a type's index, the type's name; a year's page of the timeline, the year.
    entry: str = ""
    type_index: str = ""
    year: int | None = None


@dataclass(frozen=True)
class GeneratedFile:
    path: str  # in the built site, 'data/dossier.json'
    pieces: Iterable[str]  # its text, in pieces made as they are written


def sections() -> list[tuple[str, str]]:
    """The navigation's section per declared type, in the order schema.py lists them: its title
    and its index page's path. A new type gets its section without an edit elsewhere."""
    return [(t.plural, type_index_path(t)) for t in schema.TYPES]


def file_paths() -> list[str]:
    """Where `files()` writes, in the built site: known before any is made."""
    return [EXPORTS + name for name in exports.FILES]


class Dossier:
    """One build's dossier: its corpus, the HTML blocks its pages hold, its body pipeline."""

    def __init__(self, corpus: Corpus, root: Path):
        self.corpus = corpus
        self.root = root
        self._blocks = Blocks()
        # A view's key -> its text and its held blocks; and the previous build's that still hold.
        self._views: dict[tuple, tuple[str, dict[str, markup.Markup]]] = {}
        self._kept: dict[tuple, tuple[str, dict[str, markup.Markup]]] = {}
        # A hand-written page's address -> the kinds of what its macros showed (main.py), from
        # the last build that made the page: an edit that leaves them all as they were leaves
        # the page as it was.
        self.uses: dict[str, set[str]] = {}
        # The rows of the types' indexes, by entry, when kept for the next build (`keep_rows`), and
        # those of the previous build that still hold.
        self._rows: dict[str, tuple[Entry, markup.Markup]] | None = None
        self._earlier_rows: dict[str, tuple[Entry, markup.Markup]] = {}
        entries = corpus.index.entries
        self._bodies = Pipeline(
            lambda folder, eid: eid in entries and entries[eid].type.folder == folder, corpus.index.urls
        )

    @classmethod
    def read(
        cls, root: Path, entries: Path | None = None, reads: Reads | None = None, urls: Urls = DIRECTORIES
    ) -> Dossier:
        """Read and check every entry of `entries` (by default root/entries); with `reads`, the
        files read before and unchanged since are not read again. `urls` is how the site
        addresses its pages (by default, as directories)."""
        return cls(collect(entries or root / "entries", root, reads, urls), root)

    @property
    def index(self) -> Index:
        return self.corpus.index

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.corpus.problems

    def hold(self, html: markup.Markup) -> str:
        """A placeholder for `html`, which `put_back` replaces once the Markdown is converted."""
        return self._blocks.hold(html)

    def put_back(self, text: str) -> str:
        return self._blocks.put_back(text)

    def keep_views(self, previous: Dossier, keeps: Callable[[str], bool]) -> None:
        """Let `view` give again what `previous` made for the views of the kinds `keeps` accepts,
        whose inputs the edit between the two did not change (stale.Stale.keeps says which).
        Those `previous` kept without making a page that shows them are kept too, and what the
        pages `previous` did not make showed."""
        earlier = {**previous._kept, **previous._views}
        self._kept = {key: made for key, made in earlier.items() if keeps(key[0])}
        self.uses = {page: set(kinds) for page, kinds in previous.uses.items()}

    def keep_rows(self, previous: Dossier | None = None, stale: set[str] | None = None) -> None:
        """Keep the rows this build makes of the types' indexes, for the next build; and let it
        give again those `previous` made of the entries that are not in `stale`, whose rows the
        edit between the two did not change (stale.Stale.rows says which; None: every row may
        have), when the entry is the same. Those not asked for (a type's index that is not made
        again) are kept for the next build as they are."""
        if previous is not None and previous._rows is not None and stale is not None:
            self._earlier_rows = {eid: made for eid, made in previous._rows.items() if eid not in stale}
        self._rows = dict(self._earlier_rows)

    def _row(self, entry: Entry, make: Callable[[], markup.Markup]) -> markup.Markup:
        """An entry's row in its type's index (tables.type_table)."""
        if self._rows is None:
            return make()
        found = self._earlier_rows.get(entry.id)
        made = found[1] if found is not None and found[0] is entry else make()
        self._rows[entry.id] = (entry, made)
        return made

    def making(self, page: str) -> None:
        """A hand-written page is made: what its macros show is counted anew (`uses`)."""
        self.uses[page] = set()

    def use(self, page: str, kind: str) -> None:
        """A hand-written page's macro shows something of that kind (main.py, `view`)."""
        self.uses.setdefault(page, set()).add(kind)

    def view(self, kind: str, key: tuple, make: Callable[[Callable[[markup.Markup], str]], str]) -> str:
        """A view of a hand-written page: `make(hold)`, or what the previous build made of it when
        `keep_views` allows, its blocks held again in this build's store."""
        self.use(key[0], kind)
        found = self._kept.get((kind, *key))
        if found is None:
            blocks: dict[str, markup.Markup] = {}

            def hold(html: markup.Markup) -> str:
                placeholder = self.hold(html)
                blocks[number(placeholder)] = html
                return placeholder

            found = (make(hold), blocks)
            self._views[(kind, *key)] = found
            return found[0]
        self._views[(kind, *key)] = found
        text, blocks = found
        return FIND.sub(
            lambda m: self.hold(blocks[m.group(1)]).strip("\n") if m.group(1) in blocks else m.group(0), text
        )

    def pages(self, published: Published) -> Iterator[Page]:
        """Every generated page: each type's index, each entry's, each year's of the timeline."""
        index, hold = self.index, self.hold
        for etype in schema.TYPES:
            make = partial(_content, type_index_page, etype, index, hold, self._row)
            yield Page(type_index_path(etype), f"the {etype.name} index", make, listed=True, type_index=etype.name)
        for entry in index.entries.values():
            yield Page(entry.src_uri, str(entry.path), partial(self._entry_page, entry, published), entry=entry.id)
        # The timeline's years, each on a page of its own, so that no page holds every dated fact drawn.
        for year in index.dated_years:
            yield Page(
                year_src_uri(year),
                f"the timeline of {year}",
                partial(_content, timeline_year_page, index, year, published.name_in_text, hold, drawing=True),
                year=year,
            )

    def _entry_page(self, entry: Entry, published: Published) -> Content:
        """An entry's page, its body through the entries' own Markdown pipeline and sanitizer."""
        body = self._bodies.render(entry.body, entry.type.folder)
        # The check reports most of these earlier, at their line.
        warnings = tuple(f"{entry.path}: body: a link to {href!r} was removed: {_DROPPED}" for href in body.dropped)
        meta, markdown = entry_page(entry, self.index, published, body.html, self.hold)
        return Content(meta, markdown, body.anchors, warnings, source=entry.type.presentation.is_source)

    def files(self, built: datetime, published: Published) -> Iterator[GeneratedFile]:
        """The open-data exports; `built` is the build's date, which they carry."""
        for name, pieces in exports.all_files(self.index, built, published):
            yield GeneratedFile(EXPORTS + name, pieces)

    def problem_paths(self) -> list[str]:
        """Every page the dossier would generate, and one per entry file with a problem (a file
        that is no entry yet has an address its author may open)."""
        paths = {e.src_uri for e in self.index.entries.values()} | {path for _, path in sections()}
        paths |= {
            p.path.removeprefix("entries/")
            for p in self.problems
            if p.path.startswith("entries/") and p.path.endswith(".md") and p.path.count("/") == 2
        }
        return sorted(paths)

    def problem_page(self) -> Content:
        """A page that lists the problems, in place of the dossier's pages while they last."""
        items = markup.join((markup.element("li", markup.element("code", p)) for p in self.problems), "\n")
        return Content(
            {"title": "Problems in entries/"},
            "# Problems in entries/\n\n"
            + self.hold(
                markup.html(
                    "<p>The check found {} problem(s). Fix them and save: this page reloads by itself and "
                    "shows the dossier again once they are gone. <code>make check</code> lists them too.</p>\n"
                    '<ul class="dossier-problems">\n{}\n</ul>',
                    len(self.problems),
                    items,
                )
            ),
        )


def _content(render, *args, drawing: bool = False) -> Content:
    meta, markdown = render(*args)
    return Content(meta, markdown, drawing=drawing)
