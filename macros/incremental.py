"""Rebuilding only what an edit changed, under `mkdocs serve --dirty` (what `make serve` runs).

Part of the MkDocs adapter (hook.py drives it). MkDocs' dirty mode keeps the site folder and
asks each page's file `is_modified()`, twice: before reading the page (its Markdown, then its
HTML) and before laying it out in the theme, indexing it for search and writing it. Left to
itself it answers from the files' dates, which leaves other pages' backlinks, tables and
navigation stale, and the search index with only the pages rebuilt. Here:

- the whole site is built again, into an emptied folder, on the first build and whenever
  anything but entries/ may have changed (`site_key`: the configuration, docs/, the theme's
  overrides, the code, CONTRIBUTING.md, the day) or the entries have problems (every page then
  lists them);
- otherwise an entry's page is read again only when stale.py says the edit may change it; the
  other generated pages (type indexes, years of the timeline) and the hand-written ones are
  always read (their macros show the whole dossier);
- a page read is laid out, indexed and written only when what it shows differs from the last
  build's (`digest`: its title, address, metadata, HTML and table of contents);
- the search index is put together, in the order of a full build, from the entries of the
  pages indexed now and those kept from earlier builds for the others;
- the output of a generated page that is gone (an entry deleted or renamed) is removed;
- the open-data exports are written on every build, from the whole index, by a process forked
  for it, on the other processor while this one makes the pages; the browser reloads without
  waiting for them, and the next build waits for them before it begins (and writes them
  itself, saying so, if that process failed).

The outcome is the
site a full build makes, to the byte: tests/test_incremental.py edits, adds, renames and
deletes entries and compares.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs import utils
from mkdocs.structure.files import File, Files

from .dossier import Page
from .stale import Stale

# Logged by the exports' process once they are in place (bench/serve.py waits for it).
EXPORTS_WRITTEN = "Open-data exports written"

# MkDocs warns that a dirty build leaves stale pages; with this module it does not, and the
# warning would fail the strict build.
_DIRTY_WARNING = "A 'dirty' build is being performed"


class CompiledTemplates(BytecodeCache):
    """The theme's templates as compiled by the last builds. MkDocs makes a new Jinja environment
    for every build, which compiles each template again; Jinja checks a compiled template
    against its source's checksum before using it, so an edited template is compiled anew."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class _NotStale(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(_DIRTY_WARNING)


def silence_dirty_warning() -> None:
    logging.getLogger("mkdocs.commands.build").addFilter(_NotStale())


@dataclass
class Record:
    """What the last build that laid a page out kept of it."""

    digest: str
    dest: str  # its output file
    search: str  # its entries in the search index, as they are written there (`_search_json`)
    anchors: set | None  # the ids in its HTML, which links to it are checked against


def _tree_stat(path: Path) -> list:
    if not path.exists():
        return [str(path), None]
    if path.is_file():
        s = path.stat()
        return [str(path), s.st_size, s.st_mtime_ns]
    return [
        (str(p), s.st_size, s.st_mtime_ns)
        for p in sorted(path.rglob("*"))
        if "__pycache__" not in p.parts and p.is_file() and (s := p.stat())
    ]


def site_key(config, root: Path) -> str:
    """What every page depends on besides the entries: when it changes, all is built again."""
    parts = [
        Path(config.config_file_path).read_bytes(),
        config.site_url,
        repr(config.extra),
        repr(config.nav),
        str(utils.get_build_datetime().date()),
    ]
    for path in (config.docs_dir, config.theme.custom_dir or root / "overrides", root / "macros"):
        parts.append(_tree_stat(Path(path)))
    parts.append(_tree_stat(root / "CONTRIBUTING.md"))
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def digest(page) -> str:
    """What the theme lays out of a page, besides the navigation and the configuration."""
    shown = (page.title, page.url, sorted(page.meta.items(), key=repr), page.content, str(page.toc))
    return hashlib.sha256(repr(shown).encode("utf-8", "surrogatepass")).hexdigest()


def search_plugin(config):
    """The site's search plugin (Material's, or MkDocs' own), if it keeps a search index."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return getattr(plugin, "search_index", None) and plugin


class Incremental:
    """The pages of the last builds, and what this build makes again."""

    def __init__(self) -> None:
        self.records: dict[str, Record] = {}  # by source path
        self.key: str | None = None
        self.full = True
        self.stale = Stale(set(), set(), set())  # the generated pages read again
        self.uses: dict[str, set[str]] = {}  # what hand-written pages' macros showed (begin)
        self.moved: frozenset[str] | set[str] = frozenset()  # entries added or removed (begin)
        self.read: set[str] = set()  # source paths of the pages read in this build
        self.asked: set[str] = set()  # source paths asked about once already
        self.digests: dict[str, str] = {}  # this build's, of the pages it lays out
        self.mark = 0  # how many search entries the pages laid out before this one made
        self.doc_files: list[File] = []
        # By source path: this build's files, and their generated pages.
        self.pages: dict[str, tuple[File, Page | None]] = {}
        self.writer: tuple[int, Callable[[], None]] | None = None  # the process writing the exports
        self.templates = CompiledTemplates()

    def begin(
        self, config, root: Path, stale: Stale | None, uses: dict[str, set[str]] | None = None, moved=frozenset()
    ) -> None:
        """A new build; `stale` is None when every page must be made again. `uses`: what each
        hand-written page's macros showed when it was last made (dossier.Dossier.uses); `moved`:
        the source paths of the entries added or removed since the last build."""
        self.wait()
        self.doc_files, self.pages = [], {}  # the last build's (DossierHook.release unlinks them)
        key = site_key(config, root)
        self.full = stale is None or key != self.key or not self.records
        self.key, self.stale = key, stale or Stale(set(), set(), set())
        self.uses, self.moved = uses or {}, moved
        self.read, self.asked, self.digests, self.mark = set(), set(), {}, 0
        if self.full:
            self.records = {}
            utils.clean_directory(config.site_dir)

    def files(self, files: Files, generated: dict[str, Page]) -> None:
        """Answer MkDocs' `is_modified` for every page, and remove what pages that are gone wrote."""
        self.doc_files = list(files.documentation_pages())
        self.pages = {f.src_uri: (f, generated.get(f.src_uri)) for f in self.doc_files}
        for src in [s for s in self.records if s not in self.pages]:
            _remove(self.records.pop(src).dest)
        for file in self.doc_files:
            # MkDocs asks this method of each file; answering per file is how dirty mode is steered.
            # It names the file by its path, not by itself: a file holding a function that holds
            # the file would be a cycle, which only a collection of the whole heap frees (hook.py's `release`).
            file.is_modified = partial(self._ask, file.src_uri)  # type: ignore[method-assign]

    def _stale(self, file: File, page: Page | None) -> bool:
        if page is None:
            return self._handwritten_stale(file)
        if page.entry:
            return page.entry in self.stale.entries
        if page.type_index:
            return page.type_index in self.stale.types
        if page.year is not None:
            return self.stale.years is None or page.year in self.stale.years
        return True

    def _handwritten_stale(self, file: File) -> bool:
        """Whether a hand-written page may change: when what one of its macros shows may (`uses`),
        or a link of its text to an entry's file may now find the file or no longer find it. Its
        title must be known without reading it (the navigation gives it), for the pages made
        again list it in their navigation."""
        kinds = self.uses.get(file.url)
        if kinds is None or file.page is None or file.page.title is None or file.abs_src_path is None:
            return True
        if not all(self.stale.keeps(kind) for kind in kinds):
            return True
        if self.moved:
            text = Path(file.abs_src_path).read_text(encoding="utf-8", errors="replace")
            return any(path in text for path in self.moved)
        return False

    def _ask(self, src: str) -> bool:
        (file, page), record = self.pages[src], self.records.get(src)
        kept = record is not None and os.path.isfile(record.dest)
        if src not in self.asked:  # before reading the page
            self.asked.add(src)
            if self.full or not kept or self._stale(file, page):
                self.read.add(src)
                return True
            return False
        if src not in self.read:  # before laying it out: never read, so kept as it was
            return False
        self.digests[src] = found = digest(file.page)
        return self.full or record is None or not kept or record.digest != found

    def restore_anchors(self) -> None:
        """Pages not read have no ids to check links against: those of their last build."""
        for file in self.doc_files:
            record = self.records.get(file.src_uri)
            if file.src_uri not in self.read and record is not None and file.page is not None:
                file.page.present_anchor_ids = record.anchors

    def laid_out(self, page, config) -> None:
        """After the search plugin indexed `page`: keep what a later build reuses."""
        plugin = search_plugin(config)
        entries = plugin.search_index.entries if plugin else []
        self.records[page.file.src_uri] = Record(
            self.digests.get(page.file.src_uri) or digest(page),
            page.file.abs_dest_path,
            ",".join(_search_json(e) for e in entries[self.mark :]),
            page.present_anchor_ids,
        )
        self.mark = len(entries)

    def search_index(self, config) -> None:
        """Every page's search entries in the order a full build adds them, before the plugin writes
        them: as the text it writes, joined from each page's, kept as text (the plugin would
        otherwise encode every page's entries anew, and keeping them as text takes less memory)."""
        plugin = search_plugin(config)
        if plugin is None:
            return
        pages = [r.search for f in self.doc_files if (r := self.records.get(f.src_uri)) is not None and r.search]
        docs = ",".join(pages)
        index = plugin.search_index
        plugin.search_index_prev = None  # the plugin's own merging assumes one page rebuilt
        index.entries = []
        # What the plugin writes for no entries: its settings, then an empty list of them.
        empty = type(index).generate_search_index(index, None)
        if empty.endswith(_NO_DOCS):
            written = empty[: -len(_NO_DOCS)] + '"docs":[' + docs + "]}"
            index.generate_search_index = lambda prev: written
        else:  # not the form this module knows: the plugin writes the entries itself
            index.entries = json.loads("[" + docs + "]")

    def write_apart(self, write: Callable[[], None]) -> None:
        """Run `write` in a forked process while this one goes on; `wait` waits for it."""
        self.wait()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: write, and leave without cleanup (the parent's state is not its own)
            status = 1
            log = logging.getLogger("mkdocs.hooks.dossier")
            try:
                gc.disable()  # it lives a second or two: collecting would only copy the parent's pages
                write()
                status = 0
                log.info(EXPORTS_WRITTEN)
            except BaseException:
                log.exception("The open-data exports could not be written; the next build writes them again")
            finally:
                sys.stderr.flush()
                os._exit(status)
        self.writer = (pid, write)

    def wait(self, patience: float = 600) -> None:
        """Until the exports are written; written here if their process failed or hung."""
        if self.writer is None:
            return
        (pid, write), self.writer = self.writer, None
        end = time.monotonic() + patience
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                status = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() > end:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
                status = 1
                break
            time.sleep(0.01)
        if status != 0:
            # Said at "info": a warning would fail this strict build, which may well succeed.
            logging.getLogger("mkdocs.hooks.dossier").info(
                "The open-data exports' process failed or hung (exit code %s): they are written again", status
            )
            write()


def _remove(dest: str) -> None:
    """A page's output file, and its folder once empty (with directory URLs a page lives at
    <name>/index.html; with file URLs its folder holds others and stays)."""
    path = Path(dest)
    path.unlink(missing_ok=True)
    try:
        path.parent.rmdir()
    except OSError:
        pass  # not empty: another page's or a file's folder


# How Material's search plugin ends its index when it has no entries, and writes each of them.
_NO_DOCS = '"docs":[]}'


def _search_json(entry: dict) -> str:
    return json.dumps(entry, separators=(",", ":"), default=str)
