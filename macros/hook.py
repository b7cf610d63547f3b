"""MkDocs adapter of the dossier: with main.py (its macros) and the modules it drives for
`mkdocs serve` and the theme's search (incremental.py, watching.py, searched.py), the only
code that knows about MkDocs.

The dossier (macros/dossier.py) gives its pages, files and problems in no generator's terms;
this hook turns its pages into MkDocs generated files, writes its files into the site, adds
its sections to the navigation, gives pages their metadata under the keys the theme and
mkdocs-macros read, and under `mkdocs serve` shows the problems in the browser instead of
failing. Its state lives on one `DossierHook`, made when MkDocs loads the hook (once per
`mkdocs` command, even across the rebuilds of `serve`); the build's Dossier is also kept on
the configuration (dossier.CONFIG_KEY), where main.py's macros find it.

For large dossiers the hook also keeps the build lean without changing any page:
- the search index holds each fact once, on the page that states it: sections and blocks
  that repeat other pages (backlinks, timelines, what cites an article, citation blocks,
  the source-file line, the bracketed citation labels, the generated tables of the index
  and chronology pages, and the drawings of the timeline and graph pages) are marked
  `data-search-exclude`, an attribute the search plugin honours and then strips, so the HTML
  written is unchanged; the plugin parses each page with them emptied (searched.py);
- a generated page's Markdown (an entry's, or a year of the timeline's) is written when
  MkDocs reads the page, and its Markdown and HTML are released once MkDocs no longer
  needs them, since MkDocs would otherwise hold every page's in memory until the end of
  the build;
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
from pathlib import Path
from typing import cast

# MkDocs loads hooks by file path; make the `macros` package importable.
_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, Files, InclusionLevel  # noqa: E402
from mkdocs.utils import get_build_datetime  # noqa: E402

from macros import markup  # noqa: E402
from macros.corpus import Reads  # noqa: E402
from macros.dossier import CONFIG_KEY, Content, Dossier, file_paths, sections  # noqa: E402
from macros.files import link_problems, links_in, shadowing  # noqa: E402
from macros.incremental import Incremental, search_plugin, silence_dirty_warning  # noqa: E402
from macros.packed import pack  # noqa: E402
from macros.published import Published, SettingError  # noqa: E402
from macros.searched import index_searchable  # noqa: E402
from macros.stale import Stale, stale_pages  # noqa: E402
from macros.urls import Urls  # noqa: E402
from macros.watching import notified  # noqa: E402

log = logging.getLogger("mkdocs.hooks.dossier")


def type_sections(nav: list | None) -> list | None:
    """The navigation with a section per declared type after its first item (the home page), as
    schema.py lists them: a new type gets its section without an edit to mkdocs.yml."""
    if nav is None:
        return None
    listed = {v for item in nav if isinstance(item, dict) for v in item.values()}
    return nav[:1] + [{title: path} for title, path in sections() if path not in listed] + nav[1:]


def _refuse(problems, what: str) -> None:
    for problem in problems:
        log.error(str(problem))
    if problems:
        raise PluginError(f"{len(problems)} {what} (listed above)")


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


def _published(config) -> Published:
    """The site's name and address and its repository's, from mkdocs.yml's site_name, site_url and
    extra.repository."""
    extra = config.extra or {}
    try:
        return Published(
            config.site_url or "", extra.get("repository") or "", extra.get("branch") or "main", name=config.site_name
        )
    except SettingError as e:
        raise PluginError(f"mkdocs.yml: extra: {e}") from None


class _GeneratedFile(File):
    """A generated page whose Markdown is made when MkDocs reads it, and not kept.

    MkDocs holds generated content from the `files` event to the end of the build; for
    thousands of entries that would be every page's Markdown at once.
    """

    make: Callable[[], Content] | None = None
    meta: dict | None = None  # set when the Markdown is made; the page takes it (on_page_markdown)
    anchors: tuple = ()  # (source file, fragment, link) of the body's links to other pages' headings

    @property
    def content_string(self) -> str:
        if self.make is not None:
            # No front matter: the metadata goes to the page as it is, never through YAML and back.
            content = self.make()
            self.meta, self.anchors = theme_meta(content), content.anchors
            for warning in content.warnings:
                log.warning(warning)  # a warning fails the strict build
            return content.markdown
        return super().content_string

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.make = None
        File.content_string.fset(self, value)  # type: ignore[attr-defined]  # mypy sees no setter of a property

    @property
    def content_bytes(self) -> bytes:
        if self.make is not None:
            return self.content_string.encode("utf-8")
        return super().content_bytes

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self.make = None
        File.content_bytes.fset(self, value)  # type: ignore[attr-defined]  # mypy sees no setter of a property


def _add_page(files: Files, config, path: str, make: Callable[[], Content], owner: str, listed: bool) -> None:
    """A generated page. Entry and year pages are reached from the section tables, not the
    navigation (MkDocs need not list them as left out)."""
    if files.get_file_from_path(path) is not None:
        raise PluginError(f"{owner}: docs/{path} already exists; that page is generated")
    inclusion = InclusionLevel.INCLUDED if listed else InclusionLevel.NOT_IN_NAV
    # File.generated makes an instance of the class it is called on, though it is typed as File.
    file = cast(_GeneratedFile, _GeneratedFile.generated(config, path, content="", inclusion=inclusion))
    file.make = make
    files.append(file)


def theme_meta(content: Content) -> dict:
    """A generated page's metadata under the keys the theme reads: overrides/main.html gives a
    source's page the OpenGraph type "article" (others are "website"), and Material hides the
    table of contents that would sit beside a drawing."""
    meta = dict(content.meta)
    if content.source:
        meta["og_type"] = "article"
    if content.drawing:
        meta["hide"] = ["toc"]
    return meta


def _no_content() -> Content:
    return Content({}, "")


class DossierHook:
    """What the hook knows across the events of one `mkdocs` command."""

    def __init__(self) -> None:
        self.serving = False  # under `mkdocs serve`, problems are shown in the browser instead of failing
        self.showing_problems = False  # this build's pages all list the check's problems
        self._dossier: Dossier | None = None  # this build's, once on_config has read it
        self.reads = Reads()  # each file's reading, kept between the rebuilds of `serve`
        self.incremental: Incremental | None = None  # under `mkdocs serve --dirty`: what changed is rebuilt
        # Under `mkdocs serve`: the last build's configuration and files (`release`), and how
        # many objects were frozen after the last collection of the whole heap.
        self._config = None
        self._files: Files | None = None
        self._frozen: int | None = None
        self._finished = False  # whether the last build finished (on_post_build)

    @property
    def dossier(self) -> Dossier:
        """This build's dossier: on_config reads it, and every other event of a build comes after."""
        if self._dossier is None:
            raise PluginError("the dossier is read when the configuration is, before any other event")
        return self._dossier

    def on_startup(self, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        if self.serving and dirty:
            self.incremental = Incremental()
            silence_dirty_warning()

    def on_config(self, config):
        collecting = gc.isenabled()
        gc.disable()  # reading the dossier makes objects by the million: none of them is garbage yet
        try:
            return self._configure(config)
        finally:
            if collecting:
                gc.enable()

    def _configure(self, config):
        collected = self.serving and self.release()
        _refuse_links(config)
        # Heading ids come from headings' text, which entries write: markup.heading_id keeps them
        # clear of the theme's own ids.
        config.mdx_configs.setdefault("toc", {})["slugify"] = markup.heading_id
        config.nav = type_sections(config.nav)
        root = Path(config.config_file_path).resolve().parent
        # The last build's dossier, to compare with: only if that build finished (a build that
        # failed left the pages it was to make as they were, and this one must make them).
        previous = self._dossier if self._finished else None
        self._finished = False
        urls = Urls(directories=config.use_directory_urls)
        self._dossier = Dossier.read(root, reads=self.reads if self.serving else None, urls=urls)
        # mkdocs-macros hands main.py this configuration (env.conf) before this event runs (plugins
        # come before hooks); its macros look the Dossier up here when pages render, after it.
        config[CONFIG_KEY] = self.dossier
        self.showing_problems = False
        self._stop_on_problems()
        if self.incremental is not None:
            stale = self._stale(previous)
            moved = set()
            if previous is not None and stale is not None:
                before, after = previous.index.entries, self.dossier.index.entries
                moved = {(before.get(eid) or after[eid]).src_uri for eid in before.keys() ^ after.keys()}
            self.incremental.begin(config, root, stale, previous.uses if previous else None, moved)
            if previous is not None and stale is not None and not self.incremental.full:
                # The hand-written pages' views whose inputs the edit left as they were are not made
                # again, nor the rows of the types' indexes.
                self.dossier.keep_views(previous, stale.keeps)
                self.dossier.keep_rows(previous, stale.rows)
            else:
                self.dossier.keep_rows()  # kept for the next build
        # The corpus lives as long as the build, and under `mkdocs serve` the readings of its files
        # longer: the collector need not examine them again and again (`release` says why that
        # holds across rebuilds).
        gc.freeze()
        if self.serving:
            self._config = config
            if collected or self._frozen is None:
                self._frozen = gc.get_freeze_count()
        return config

    def release(self) -> bool:
        """Under `mkdocs serve`, let the last build's objects go as soon as nothing refers to them.

        MkDocs' configuration, its plugins and its files refer to each other, and each file and
        its page do too: cycles, which only a collection of the whole heap frees, one that takes
        seconds at 10,000 entries. Until then they would hold all they refer to: every page, and
        the last build's dossier. Unlinked here, all of it is freed by reference counting when
        this build lets the last dossier go, and what stays is little (the configuration, the
        plugins, the theme's environment): the heap is frozen after each reading of the dossier,
        so that collections skip it, and leftovers of earlier builds are collected with it from
        time to time: when what is frozen has grown by half since the last time, at the cost of
        one slower rebuild. Whether it was collected now."""
        if self._config is not None:
            self._config[CONFIG_KEY] = None
            self._config = None
        if self._files is not None:
            for file in list(self._files):
                self._files.remove(file)
                file.page = None
                if isinstance(file, _GeneratedFile):
                    file.make = None
            self._files = None
        if self._frozen is None or gc.get_freeze_count() <= self._frozen * 3 // 2:
            return False
        gc.unfreeze()
        gc.collect()
        return True

    def _stale(self, previous: Dossier | None) -> Stale | None:
        """The generated pages this build makes again; None for every page."""
        if previous is None or previous.problems or self.showing_problems:
            return None
        return stale_pages(previous.index, self.dossier.index, (previous.corpus.budgets, self.dossier.corpus.budgets))

    def _stop_on_problems(self) -> None:
        problems = self.dossier.problems
        if problems and self.serving:
            # Shown once here, and on every page of the served site until they are fixed; not
            # logged as errors, which would abort the strict build and leave the old pages up.
            print(
                f"{len(problems)} problem(s) in entries/; every page shows them until they are fixed:",
                *map(str, problems),
                sep="\n",
                file=sys.stderr,
            )
            self.showing_problems = True
            return
        for problem in problems:
            log.error(str(problem))
        if problems:
            raise PluginError(f"{len(problems)} problem(s) in entries/ (listed above; `make check` lists them too)")

    def on_files(self, files: Files, config) -> Files:
        if self.serving:
            self._files = files  # unlinked from their pages at the next build (`release`)
        if self.showing_problems:
            # Every page lists the problems, and a page answers at every entry file's address.
            for path in self.dossier.problem_paths():
                if files.get_file_from_path(path) is None:
                    _add_page(files, config, path, _no_content, "a page showing the problems", False)
            if self.incremental is not None:
                self.incremental.files(files, {})
            return files
        generated = {}
        for page in self.dossier.pages(_published(config)):
            _add_page(files, config, page.path, page.make, page.owner, page.listed)
            generated[page.path] = page
        self._refuse_shadowing(files, config)
        if self.incremental is not None and hasattr(os, "fork"):
            # Written on the other processor while this one makes the pages.
            # This build's dossier: should its process fail, the next build writes them again from it.
            dossier = self.dossier
            self.incremental.write_apart(lambda: self._write_files(config, dossier))
        else:
            self._write_files(config, self.dossier)
        if self.incremental is not None:
            self.incremental.files(files, generated)
        return files

    def _refuse_shadowing(self, files: Files, config) -> None:
        """MkDocs copies docs/ and the theme's files after the exports are written, and writes
        every page, so a source file with a generated file's output path would replace it unseen."""
        generated = {f.dest_uri: f"the page generated at {f.dest_uri}" for f in files if isinstance(f, _GeneratedFile)}
        generated.update({path: f"the open-data export {path}" for path in file_paths()})
        root = Path(os.path.abspath(config.config_file_path)).parent
        written = [
            (Path(os.path.relpath(f.abs_src_path, root)).as_posix(), f.dest_uri, f.is_documentation_page())
            for f in files
            if f.abs_src_path is not None
        ]
        _refuse(shadowing(written, generated), "source file(s) written where the build writes its own")

    def _write_files(self, config, dossier: Dossier) -> None:
        """Write the open-data exports under data/; SOURCE_DATE_EPOCH fixes their build date.

        Written as soon as the site folder has been emptied, before any page: making them takes
        much memory for a moment, and at that point of the build little else is held.
        """
        site = Path(config.site_dir)
        for file in dossier.files(get_build_datetime(), _published(config)):
            out = site / file.path
            out.parent.mkdir(parents=True, exist_ok=True)
            # Written aside, then put in place whole: under `make serve` a reader may fetch the
            # previous build's file while this one is written, never a part of it.
            part = out.with_name(out.name + ".part")
            with part.open("w", encoding="utf-8", newline="") as f:
                f.writelines(file.pieces)
            os.replace(part, out)

    @event_priority(100)  # before the macros plugin, which reads `render_macros` from the page's meta
    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if self.showing_problems:
            content = self.dossier.problem_page()
            page.meta = {**content.meta, "render_macros": False}
            return content.markdown
        if isinstance(page.file, _GeneratedFile):
            if page.file.meta is not None:
                page.meta = {**page.file.meta, "render_macros": False}  # never a template, whatever it holds
        else:
            self.dossier.making(page.url)  # its macros, which render after this event, say what they show
        return markdown

    def on_page_content(self, html: str, page, config, files) -> str:
        html = self.dossier.put_back(html)
        if isinstance(page.file, _GeneratedFile) and page.links_to_anchors is not None:
            # MkDocs checks these anchors once every page is rendered, as it does its own links'.
            for path, fragment, href in page.file.anchors:
                target = files.get_file_from_path(path)
                if target is not None:
                    page.links_to_anchors.setdefault(target, {})[fragment] = href
        if isinstance(page.file, _GeneratedFile):
            # Rendered: the Markdown is no longer needed (the title comes from the page's meta).
            page.markdown = ""
            page.file.content_string = ""
        if _material_search(config) is not None:
            html = mark_search_exclusions(html)
        # Every page is rendered before any is laid out: held compressed in between, the site's
        # HTML takes a fifth of the memory. MkDocs stores `html` in the page when this returns.
        pack(page)
        return html

    def on_env(self, env, config, files):
        search = _material_search(config)
        if search is not None:  # its index is made anew for each build, in on_config
            index_searchable(search.search_index)
        if self.incremental is not None:
            env.bytecode_cache = self.incremental.templates
            self.incremental.restore_anchors()
        return env

    def on_page_context(self, context, page, config, nav):
        if self.incremental is not None:  # after the search plugin (hooks come after plugins)
            self.incremental.laid_out(page, config)
        return context

    def on_serve(self, server, config, builder):
        return notified(server)  # a save is seen at once, and no file is listed every half second

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, config) -> None:
        self._finished = True  # MkDocs runs this event only once every page is written
        if self.incremental is not None:
            # The exports' process is not waited for: the browser reloads once the pages are
            # written, and the exports follow (the next build waits for them before it begins).
            self.incremental.search_index(config)

    def on_post_page(self, output: str, page, config) -> str:
        if isinstance(page.file, _GeneratedFile):
            # Indexed and laid out: MkDocs only writes `output` from here on.
            page.content = ""
            page.toc = []
        return output


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
_MARK_INLINE = r"<\1" + _EXCLUDE  # the matched tag and class, then the mark: no value is written


def _material_search(config):
    """The theme's search plugin, if it is Material's (whose parser and marks this hook knows)."""
    plugin = search_plugin(config)
    return plugin if plugin and type(plugin).__module__.startswith("material.") else None


def mark_search_exclusions(html: str) -> str:
    """`html` with derived sections and blocks marked for the search plugin to skip.

    A section (a heading and what follows it up to the next heading) is derived when it
    starts with a derived block, or is empty and its first subsection is derived, as
    "What links here" is before its groups. The page's h1 section is always indexed.
    """
    html = _DERIVED_INLINE.sub(_MARK_INLINE, html)
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


# MkDocs registers a hook's module-level `on_*` functions: these are the one DossierHook's.
_hook = DossierHook()
on_startup = _hook.on_startup
on_config = _hook.on_config
on_files = _hook.on_files
on_page_markdown = _hook.on_page_markdown
on_page_content = _hook.on_page_content
on_post_page = _hook.on_post_page
on_env = _hook.on_env
on_page_context = _hook.on_page_context
on_post_build = _hook.on_post_build
on_serve = _hook.on_serve
