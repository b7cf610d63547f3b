"""mkdocs-macros module: the macros that hand-written pages in docs/ may call.

Part of the MkDocs adapter (with hook.py): the views come from the core and read the build's
Dossier, which the hook keeps on the configuration. Entry pages never reach these: they are
generated with `render_macros: false`.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

# mkdocs-macros loads this file by path; make the `macros` package importable.
_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from mkdocs.utils import get_build_datetime  # noqa: E402

from macros import citations, pages, reference, tables  # noqa: E402
from macros.dossier import CONFIG_KEY, Dossier  # noqa: E402
from macros.draw.graph import graph_page  # noqa: E402
from macros.draw.timeline import timeline_page  # noqa: E402
from macros.published import Published  # noqa: E402
from macros.stale import YEAR_VIEW  # noqa: E402


def define_env(env):
    def dossier() -> Dossier:
        # env.conf is MkDocs' configuration. define_env runs in mkdocs-macros' on_config, before
        # the hook's (plugins come before hooks), so the Dossier the hook keeps there is looked up
        # when a macro runs: pages render after every on_config, with this build's Dossier.
        return env.conf[CONFIG_KEY]

    def base() -> str:
        """The relative path from the page to the site root: '' for the home page, '../' for
        'people/' or 'about/security.html' (a page's address, in either URL style, has a '/' per
        folder down)."""
        return "../" * env.page.url.count("/")

    def index():
        return dossier().index

    def macro(kind: str):
        """A macro, and the kind of what it shows besides its views' (`view`): an edit that leaves
        every kind a page's macros showed as it was leaves the page as it was, and `make serve`
        does not make it again (incremental.py). "code": nothing that entries/ holds."""

        def register(function):
            @functools.wraps(function)
            def shown(*args, **kwargs):
                dossier().use(env.page.url, kind)
                return function(*args, **kwargs)

            return env.macro(shown)

        return register

    def view(kind: str, name: str, make) -> str:
        """A view made with `hold` (which holds its HTML blocks out of the page's Markdown, put back
        after conversion: blocks.py says why). Under `make serve`, the previous build's is given
        again when the edit did not change what it shows (dossier.view, stale.py): "facts" views
        show the dated facts, "facts of <year>" those filed under that year, "shown" ones every
        entry's front matter, "drawn" ones the relations graph, "quoted" ones the articles and
        the quotations of them, "disputes" the disputed points, "code" ones nothing else."""
        return dossier().view(kind, (env.page.url, name), make)

    @macro("facts")
    def chronology() -> str:
        """Every dated fact, by year, with its sources."""
        # Each year's table is a view of its own: an edit makes again those of the years it touches.
        return tables.chronology(
            index(),
            base(),
            dossier().hold,
            lambda year, make: view(f"{YEAR_VIEW}{year}", f"chronology {year}", make),
        )

    @macro("code")
    def timeline() -> str:
        """Every dated fact on a year axis, then each year by month, as inline SVG."""
        return view("facts", "timeline", lambda hold: timeline_page(index(), base(), hold))

    @macro("code")
    def relation_graph() -> str:
        """People and organisations joined by their relations, as inline SVG, then as a list."""
        return view("drawn", "relation_graph", lambda hold: hold(graph_page(index(), base())))

    @macro("code")
    def disputed_points() -> str:
        """Every point on which the articles disagree, with each version's sources."""
        return view("disputes", "disputed_points", lambda hold: pages.disputed_page(index(), base(), hold))

    @macro("shown")
    def entry_count(type_name: str = "") -> int:
        if type_name:
            return len(index().by_type[type_name])
        return len(index().entries)

    @macro("code")
    def sources_overview() -> str:
        """The articles counted: how many, when, by whom, in which languages."""
        return view(
            "quoted",
            "sources_overview",
            lambda hold: hold(reference.sources_overview(index(), base(), dossier().corpus.budgets)),
        )

    @macro("code")
    def schema_reference() -> str:
        """Every type's fields, as declared in schema.py."""
        return view("code", "schema_reference", reference.schema_reference)

    @macro("code")
    def open_data_table() -> str:
        """The exported files, their addresses and what each holds."""
        return view("shown", "open_data_table", lambda hold: hold(reference.open_data_table(index(), base())))

    @macro("code")
    def dossier_citation() -> str:
        """The dossier as a whole, in BibTeX and CSL-JSON, with its build date."""
        # The citation needs the site's name and address, not its repository's.
        site = Published(env.conf["site_url"] or "", name=env.conf["site_name"])
        return dossier().hold(citations.dossier_citation(get_build_datetime(), site))

    @macro("code")
    def contributing() -> str:
        """The repository's CONTRIBUTING.md, as Markdown: shown on the site without a general
        include mechanism that an entry could reach."""
        return (dossier().root / "CONTRIBUTING.md").read_text(encoding="utf-8")
