"""MkDocs hook: load and check the entries once per build, and turn each into a generated page.

This and main.py are the only modules that know about MkDocs.

For large dossiers the hook also keeps the build lean without changing any page:
- the search index holds each fact once, on the page that states it: sections and blocks
  that repeat other pages (backlinks, timelines, what cites an article, citation blocks,
  the source-file line, the bracketed citation labels, the generated tables of the index
  and chronology pages, and the drawings of the timeline and graph pages) are marked `data-search-exclude`, an attribute the search
  plugin honours and then strips, so the HTML written is unchanged;
- a generated page's Markdown (an entry's, or a year of the timeline's) is written when
  MkDocs reads the page, and its Markdown and HTML are released once MkDocs no longer
  needs them, since MkDocs would otherwise hold every page's in memory until the end of
  the build;
- the timeline draws each year on a page of its own, and its overview counts the facts
  by type and year once there are too many entries for a row each;
- the open-data exports are written at the start of the build rather than at its end, when
  MkDocs holds every page's HTML and the search index, so that their making does not add to
  the build's peak memory;
- the corpus, which lives for the whole build, is moved out of the garbage collector's sight.
"""

from __future__ import annotations

import gc
import logging
import os
import re
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

# MkDocs loads hooks by file path; make the `macros` package importable.
_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, Files, InclusionLevel  # noqa: E402
from mkdocs.utils import get_build_datetime  # noqa: E402

from macros import exports, markup, schema, site  # noqa: E402
from macros.draw.timeline import timeline_year_page, year_src_uri  # noqa: E402
from macros.files import EXPORTS, link_problems, links_in, shadowing  # noqa: E402
from macros.pages import entry_page, type_index_page  # noqa: E402
from macros.published import Published, SettingError  # noqa: E402

log = logging.getLogger("mkdocs.hooks.dossier")


class _State:
    """What this hook knows across the events of one `mkdocs` command."""

    serving = False  # under `mkdocs serve`, problems are shown in the browser instead of failing
    problems: tuple = ()  # the check's problems, while the served site shows them


_state = _State()


def on_startup(command: str, dirty: bool) -> None:
    _state.serving = command == "serve"


def on_config(config):
    gc.unfreeze()  # under `mkdocs serve`, what the previous build froze may be collected again
    _refuse_links(config)
    # Heading ids come from headings' text, which entries write: markup.heading_id keeps them
    # clear of the theme's own ids.
    config.mdx_configs.setdefault("toc", {})["slugify"] = markup.heading_id
    config.nav = type_sections(config.nav)
    entries = Path(config.config_file_path).resolve().parent / "entries"
    _stop_on_problems(site.load(entries))
    gc.freeze()  # the corpus lives as long as the build: the collector need not rescan it
    return config


def type_sections(nav: list | None) -> list | None:
    """The navigation with a section per declared type after its first item (the home page), as
    schema.py lists them: a new type gets its section without an edit to mkdocs.yml."""
    if nav is None:
        return None
    listed = {v for item in nav if isinstance(item, dict) for v in item.values()}
    sections = [{t.plural: f"{t.folder}/index.md"} for t in schema.TYPES if f"{t.folder}/index.md" not in listed]
    return nav[:1] + sections + nav[1:]


def _refuse_links(config) -> None:
    """What the build reads or runs besides entries/ (which the corpus checks): a link there
    would publish or run its target, from anywhere on the machine that builds."""
    root = Path(os.path.abspath(config.config_file_path)).parent
    read = [
        config.config_file_path,
        config.docs_dir,
        config.theme.custom_dir or root / "overrides",
        root / "macros",
        root / "CONTRIBUTING.md",
        *config.hooks,
    ]
    links = links_in(Path(os.path.abspath(path)) for path in read)
    _refuse(link_problems(links, root), "symbolic link(s) in the site's sources")


def _refuse(problems, what: str) -> None:
    for problem in problems:
        log.error(str(problem))
    if problems:
        raise PluginError(f"{len(problems)} {what} (listed above)")


def _stop_on_problems(corpus) -> None:
    _state.problems = ()
    if corpus.problems and _state.serving:
        # Shown once here, and on every page of the served site until they are fixed; not
        # logged as errors, which would abort the strict build and leave the old pages up.
        print(
            f"{len(corpus.problems)} problem(s) in entries/; every page shows them until they are fixed:",
            *map(str, corpus.problems),
            sep="\n",
            file=sys.stderr,
        )
        _state.problems = corpus.problems
        return
    for problem in corpus.problems:
        log.error(str(problem))
    if corpus.problems:
        raise PluginError(f"{len(corpus.problems)} problem(s) in entries/ (listed above; `make check` lists them too)")


class _GeneratedFile(File):
    """A generated page whose Markdown is written when MkDocs reads it, and not kept.

    MkDocs holds generated content from the `files` event to the end of the build; for
    thousands of entries that would be every page's Markdown at once.
    """

    make: Callable[[], tuple[dict, str]] | None = None
    meta: dict | None = None  # set when the Markdown is made; the page takes it (on_page_markdown)
    anchors: tuple = ()  # (source file, fragment, link) of the body's links to other pages' headings

    @property
    def content_string(self) -> str:
        if self.make is not None:
            # No front matter: the metadata goes to the page as it is, never through YAML and back.
            self.meta, markdown = self.make()
            return markdown
        return File.content_string.fget(self)

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.make = None
        File.content_string.fset(self, value)

    @property
    def content_bytes(self) -> bytes:
        if self.make is not None:
            return self.content_string.encode("utf-8")
        return File.content_bytes.fget(self)

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self.make = None
        File.content_bytes.fset(self, value)


def _add_page(
    files: Files,
    config,
    src_uri: str,
    make: Callable[..., tuple[dict, str]],
    owner: str,
    inclusion: InclusionLevel = InclusionLevel.NOT_IN_NAV,
) -> None:
    """A generated page; `make(file)` gives its metadata and Markdown. Entry and year pages are
    reached from the section tables, not the navigation (MkDocs need not list them as left out)."""
    if files.get_file_from_path(src_uri) is not None:
        raise PluginError(f"{owner}: docs/{src_uri} already exists; that page is generated")
    file = _GeneratedFile.generated(config, src_uri, content="", inclusion=inclusion)
    file.make = partial(make, file)
    files.append(file)


def on_files(files: Files, config) -> Files:
    if _state.problems:
        return _problem_pages(files, config)
    index, hold, published = site.current().index, site.blocks().hold, _published(config)
    for etype in schema.TYPES:
        _add_page(
            files,
            config,
            f"{etype.folder}/index.md",
            lambda _, etype=etype: type_index_page(etype, index, hold),
            f"the {etype.name} index",
            inclusion=InclusionLevel.INCLUDED,
        )
    for entry in index.entries.values():
        _add_page(files, config, entry.src_uri, partial(_entry_page, entry, published), str(entry.path))
    # The timeline's years, each on a page of its own, so that no page holds every dated fact drawn.
    for year in index.dated_years:
        _add_page(
            files,
            config,
            year_src_uri(year),
            lambda _, year=year: timeline_year_page(index, year, hold),
            f"the timeline of {year}",
        )
    _refuse_shadowing(files, config)
    _write_exports(config)
    return files


def _published(config) -> Published:
    """The site's address and its repository's, from mkdocs.yml's site_url and extra.repository."""
    extra = config.extra or {}
    try:
        return Published(config.site_url or "", extra.get("repository") or "", extra.get("branch") or "main")
    except SettingError as e:
        raise PluginError(f"mkdocs.yml: extra: {e}") from None


def _entry_page(entry, published: Published, file: _GeneratedFile) -> tuple[dict, str]:
    """An entry's page, its body through the entries' own Markdown pipeline and sanitizer."""
    body = site.bodies().render(entry.body, entry.type.folder)
    file.anchors = body.anchors
    for href in body.dropped:
        # A warning fails the strict build; the check reports most of these earlier, at their line.
        log.warning(
            f"{entry.path}: body: a link to {href!r} was removed: links go to http(s) addresses "
            "or to other entries, as ../people/denis-kvasov.md"
        )
    return entry_page(entry, site.current().index, published, body.html, site.blocks().hold)


def _problem_pages(files: Files, config) -> Files:
    """While served with problems: every page, and a page for every entry file, lists them."""
    pages = {e.src_uri for e in site.current().index.entries.values()} | {f"{t.folder}/index.md" for t in schema.TYPES}
    pages |= {
        p.path.removeprefix("entries/")
        for p in _state.problems
        if p.path.startswith("entries/") and p.path.endswith(".md") and p.path.count("/") == 2
    }
    for src_uri in sorted(pages):
        if files.get_file_from_path(src_uri) is None:
            _add_page(files, config, src_uri, lambda _: ({}, ""), "a page showing the problems")
    return files


def _problem_page(hold) -> tuple[dict, str]:
    items = "\n".join(f"<li><code>{markup.esc(p)}</code></li>" for p in _state.problems)
    return (
        {"title": "Problems in entries/", "render_macros": False},
        "# Problems in entries/\n\n"
        + hold(
            f"<p>The check found {len(_state.problems)} problem(s). Fix them and save: this page reloads "
            "by itself and shows the dossier again once they are gone. <code>make check</code> lists them "
            f'too.</p>\n<ul class="dossier-problems">\n{items}\n</ul>'
        ),
    )


@event_priority(100)  # before the macros plugin, which reads `render_macros` from the page's meta
def on_page_markdown(markdown: str, page, config, files) -> str:
    if _state.problems:
        page.meta, markdown = _problem_page(site.blocks().hold)
        return markdown
    if isinstance(page.file, _GeneratedFile) and page.file.meta is not None:
        page.meta = {**page.file.meta, "render_macros": False}  # never a template, whatever it holds
    return markdown


def _refuse_shadowing(files: Files, config) -> None:
    """MkDocs copies docs/ and the theme's files after the exports are written, and writes
    every page, so a source file with a generated file's output path would replace it unseen."""
    generated = {f.dest_uri: f"the page generated at {f.dest_uri}" for f in files if isinstance(f, _GeneratedFile)}
    generated.update({EXPORTS + name: f"the open-data export {EXPORTS}{name}" for name in exports.FILES})
    root = Path(os.path.abspath(config.config_file_path)).parent
    written = [
        (Path(os.path.relpath(f.abs_src_path, root)).as_posix(), f.dest_uri, f.is_documentation_page())
        for f in files
        if f.abs_src_path is not None
    ]
    _refuse(shadowing(written, generated), "source file(s) written where the build writes its own")


# Blocks that only repeat what other pages state (class names from pages.py, tables.py and
# citations.py). A heading whose section starts with one of them is left out of the search
# index with its section.
_DERIVED_BLOCKS = (
    '<table class="dossier-chronology"',
    '<table class="dossier-index"',
    '<ul class="dossier-citing"',
    '<ul class="dossier-backlinks"',
    '<div class="dossier-cite"',
    '<p class="dossier-source-file"',
    "<p>Nothing links here yet.</p>",
    "<p>Nothing cites this ",
)
_DERIVED_INLINE = re.compile(
    r'<(span class="dossier-sources"|p class="dossier-rests-on"|table class="dossier-(?:index|chronology)"|'
    r'p class="dossier-source-file"|div class="dossier-figure[^"]*")'
)
_HEADING = re.compile(r"<h[1-6](?=[ >])")
_EXCLUDE = ' data-search-exclude="true"'  # the search plugin removes exactly this, space included


def _uses_material_search(config) -> bool:
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return plugin is not None and type(plugin).__module__.startswith("material.")


def mark_search_exclusions(html: str) -> str:
    """`html` with derived sections and blocks marked for the search plugin to skip.

    A section (a heading and what follows it up to the next heading) is derived when it
    starts with a derived block, or is empty and its first subsection is derived, as
    "What links here" is before its groups. The page's h1 section is always indexed.
    """
    html = _DERIVED_INLINE.sub(lambda m: f"<{m.group(1)}{_EXCLUDE}", html)
    starts = [m.start() for m in _HEADING.finditer(html)]
    derived = [False] * len(starts)
    for n in range(len(starts) - 1, -1, -1):
        start = starts[n]
        end = starts[n + 1] if n + 1 < len(starts) else len(html)
        closed = html.find(">", html.find("</h", start)) + 1
        body = html[closed:end].lstrip() if 0 < closed <= end else ""
        level = html[start + 2]
        if level == "1":
            continue
        if body:
            derived[n] = body.startswith(_DERIVED_BLOCKS)
        else:
            derived[n] = n + 1 < len(starts) and html[starts[n + 1] + 2] > level and derived[n + 1]
    if not any(derived):
        return html
    out, last = [], 0
    for start, excluded in zip(starts, derived):
        if excluded:
            out += [html[last : start + 3], _EXCLUDE]
            last = start + 3
    out.append(html[last:])
    return "".join(out)


def on_page_content(html: str, page, config, files) -> str:
    html = site.blocks().put_back(html)
    if isinstance(page.file, _GeneratedFile) and page.links_to_anchors is not None:
        # MkDocs checks these anchors once every page is rendered, as it does its own links'.
        for src_uri, fragment, href in page.file.anchors:
            target = files.get_file_from_path(src_uri)
            if target is not None:
                page.links_to_anchors.setdefault(target, {})[fragment] = href
    if isinstance(page.file, _GeneratedFile):
        # Rendered: the Markdown is no longer needed (the title comes from the page's meta).
        page.markdown = ""
        page.file.content_string = ""
    if _uses_material_search(config):
        html = mark_search_exclusions(html)
    return html


def on_post_page(output: str, page, config) -> str:
    if isinstance(page.file, _GeneratedFile):
        # Indexed and laid out: MkDocs only writes `output` from here on.
        page.content = ""
        page.toc = []
    return output


def _write_exports(config) -> None:
    """Write the open-data exports under data/; SOURCE_DATE_EPOCH fixes their build date.

    Written as soon as the site folder has been emptied, before any page: making them takes
    much memory for a moment, and at that point of the build little else is held.
    """
    out = Path(config.site_dir) / "data"
    out.mkdir(parents=True, exist_ok=True)
    built = get_build_datetime()
    for name, pieces in exports.all_files(site.current().index, built, config.site_url or ""):
        with (out / name).open("w", encoding="utf-8", newline="") as f:
            f.writelines(pieces)
