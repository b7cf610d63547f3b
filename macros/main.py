"""mkdocs-macros module: the macros that hand-written pages in docs/ may call.

Part of the MkDocs adapter (with hook.py): the views come from the core and read the build's
Dossier, which the hook keeps on the configuration. Entry pages never reach these: they are
generated with `render_macros: false`.
"""

from __future__ import annotations

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


def define_env(env):
    def dossier() -> Dossier:
        # env.conf is MkDocs' configuration. define_env runs in mkdocs-macros' on_config, before
        # the hook's (plugins come before hooks), so the Dossier the hook keeps there is looked up
        # when a macro runs: pages render after every on_config, with this build's Dossier.
        return env.conf[CONFIG_KEY]

    def base() -> str:
        """The relative path from the page to the site root: '' for the home page, '../' for
        'people/' (pages are at directory addresses)."""
        return "../" * env.page.url.count("/")

    def index():
        return dossier().index

    def hold(html: str) -> str:
        # Held out of the page's Markdown and put back after conversion (blocks.py says why).
        return dossier().hold(html)

    @env.macro
    def chronology() -> str:
        """Every dated fact, by year, with its sources."""
        return tables.chronology(index(), base(), hold)

    @env.macro
    def timeline() -> str:
        """Every dated fact on a year axis, then each year by month, as inline SVG."""
        return timeline_page(index(), base(), hold)

    @env.macro
    def relation_graph() -> str:
        """People and organisations joined by their relations, as inline SVG, then as a list."""
        return hold(graph_page(index(), base()))

    @env.macro
    def disputed_points() -> str:
        """Every point on which the articles disagree, with each version's sources."""
        return pages.disputed_page(index(), base(), hold)

    @env.macro
    def entry_count(type_name: str = "") -> int:
        if type_name:
            return len(index().by_type[type_name])
        return len(index().entries)

    @env.macro
    def sources_overview() -> str:
        """The articles counted: how many, when, by whom, in which languages."""
        return hold(reference.sources_overview(index(), base()))

    @env.macro
    def schema_reference() -> str:
        """Every type's fields, as declared in schema.py."""
        return reference.schema_reference(hold)

    @env.macro
    def open_data_table() -> str:
        """The exported files, their addresses and what each holds."""
        return hold(reference.open_data_table(index(), base()))

    @env.macro
    def dossier_citation() -> str:
        """The dossier as a whole, in BibTeX and CSL-JSON, with its build date."""
        return hold(citations.dossier_citation(get_build_datetime(), env.conf["site_url"] or ""))

    @env.macro
    def contributing() -> str:
        """The repository's CONTRIBUTING.md, as Markdown: shown on the site without a general
        include mechanism that an entry could reach."""
        return (dossier().root / "CONTRIBUTING.md").read_text(encoding="utf-8")
