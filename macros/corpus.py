"""Read every entry under entries/ and build the index: the one entry point of the core.

Reading and checking files is independent per file; for a large corpus it is shared
between processes (one per CPU, by fork) when that is safe, and the results are put
back in file order, so the outcome is the same as reading them one by one. The
cyclic garbage collector is paused while the corpus is read: it would otherwise
rescan the growing heap again and again, for nothing, since the records hold no cycles.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from . import load, quotes, schema, validate
from .files import link_problems, walk
from .index import Entry, Index, build, freeze
from .problems import Problem
from .urls import DIRECTORIES, Urls
from .validate import Validator

PARALLEL_MIN_FILES = 400  # below this, starting a process costs more than it saves

# A file's key in a `Reads`: its path from the root and a digest of its bytes. What `_read_one`
# gives depends on nothing else (load.read takes the bytes, the validator only them and the path).
FileKey = tuple[str, bytes]


@dataclass(frozen=True)
class Corpus:
    index: Index
    problems: tuple[Problem, ...]  # those of files that are no entry first, each file's in line order
    files: int
    causes: frozenset[str] = frozenset()  # the files that are no entry: could not be read, or share an id
    budgets: tuple[quotes.Budget, ...] = ()  # how much of each article the entries quote (quotes.py)


def entry_files(entries_dir: Path) -> list[Path]:
    return _walk(entries_dir)[0]


def _walk(entries_dir: Path) -> tuple[list[Path], list[Path]]:
    """The files under entries/ and the symbolic links there. Sorted so that which of two
    duplicate ids is reported never depends on the file system; no link is followed."""
    paths, links = walk(entries_dir)
    return [p for p in paths if p.name != ".gitkeep"], links


def _read_one(path: Path, entries_dir: Path, root: Path):
    """One file: (its problems, (id, type name, path, data, body, body line, refs, body links, line of
    its length in words, the line of its first quotation of each article it quotes, its quotations)
    or None, and for an entry file that could not be read into an entry, which of its problems is
    why)."""
    raw = load.read(path, root)
    if path.suffix != ".md" or path.parent.parent != entries_dir or path.name.startswith("."):
        return (
            [Problem(raw.path, 1, "file", "is not an entry: entries/ holds only entries/<type folder>/<id>.md files")],
            None,
            None,
        )
    v = Validator(raw)
    data = v.run()
    if data is not None and v.type is not None and not v.guessed and "name" in data:
        length_line = raw.key_lines.get((quotes.LENGTH,))  # where a quotation budget is reported
        # Its quotations, counted from its values once per reading of the file (never from its
        # text, which YAML lets write a key many ways), and where they stand, for a budget problem
        # to name their lines: the line of its first quotation of each article, and no other.
        entry = Entry(raw.id, v.type, raw.path, freeze(data), raw.body, raw.body_line)
        quoted = tuple(quotes.quotations(entry))
        quote_lines = quotes.first_lines(entry, raw.key_lines) if quoted else None
        item = (
            raw.id,
            v.type.name,
            raw.path,
            data,
            raw.body,
            raw.body_line,
            v.refs,
            v.body_links,
            length_line,
            quote_lines,
            quoted,
        )
        return raw.problems, item, None
    return raw.problems, None, _why_not_read(raw)


def _why_not_read(raw: load.Raw) -> int | None:
    """Which of the problems of a file that is no entry keeps it from being one: the first
    of reading it, else the one of its type, else the one of its name."""
    if not raw.problems:
        return None
    if raw.data is not None:
        for name in ("type", "name"):
            found = next((i for i, p in enumerate(raw.problems) if p.field == name), None)
            if found is not None:
                return found
    return 0


def _read_many(paths, entries_dir: Path, root: Path) -> list:
    return [_read_one(p, entries_dir, root) for p in paths]


def _workers(files: int) -> int:
    if files < PARALLEL_MIN_FILES or not hasattr(os, "fork") or threading.active_count() != 1:
        return 1  # fork is only safe in a process with one thread (not under `mkdocs serve`)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cpus, 8, files // (PARALLEL_MIN_FILES // 2)))


def _read_all(files: list[Path], entries_dir: Path, root: Path) -> list:
    workers = _workers(len(files))
    if workers == 1:
        return _read_many(files, entries_dir, root)
    # This process reads the first share, a little larger since the others also pickle their results.
    first = len(files) * 6 // (5 * workers + 1)
    bounds = [0, first] + [first + (len(files) - first) * k // (workers - 1) for k in range(1, workers)]
    children = []
    for start, end in zip(bounds[1:-1], bounds[2:]):
        r, w = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: read its share, send it back pickled, and leave without cleanup
            status = 1
            try:
                os.close(r)
                data = pickle.dumps(_read_many(files[start:end], entries_dir, root), pickle.HIGHEST_PROTOCOL)
                with os.fdopen(w, "wb") as out:
                    out.write(data)
                status = 0
            finally:
                os._exit(status)
        os.close(w)
        children.append((pid, r, start, end))
    results = _read_many(files[:first], entries_dir, root)
    for pid, r, start, end in children:
        with os.fdopen(r, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        try:
            share = pickle.loads(data) if status == 0 else None
        except Exception:
            share = None
        if share is None or len(share) != end - start:  # a child failed: read its share here
            share = _read_many(files[start:end], entries_dir, root)
        results.extend(share)
    return results


class Reads:
    """What reading each file gave, by file key, kept from one collect to the next (under `mkdocs
    serve`, between rebuilds; for `make check`, on disk): a file whose bytes have not changed is
    not read again. `changed` is what the last collect had to read (added or edited files)."""

    def __init__(self, results: dict[FileKey, tuple] | None = None) -> None:
        self.results: dict[FileKey, tuple] = results or {}
        self.changed: list[str] = []
        self.keys: list[FileKey] = []  # the last collect's files, in order
        # The entries made of the results, by file key: made again only for the files read again,
        # their data frozen once (index.freeze), and shared by the indexes of successive builds.
        self.entries: dict[FileKey, Entry] = {}
        # The last collect's index, if it found no problem: the next resolves again only what an
        # edit may have changed (index.build).
        self.index: Index | None = None
        # Each file's key with what the system said of the file when it was worked out (`_key`).
        self._stats: dict[Path, tuple[tuple[int, int, int, int], FileKey]] = {}

    def read(self, paths: list[Path], entries_dir: Path, root: Path) -> list:
        now = time.time_ns()
        keys = [self._key(p, root, now) for p in paths]
        if len(self._stats) > len(paths):  # files gone
            kept = set(paths)
            self._stats = {p: known for p, known in self._stats.items() if p in kept}
        missing = [n for n, key in enumerate(keys) if key not in self.results]
        fresh = _read_all([paths[n] for n in missing], entries_dir, root)
        known = {key: self.results[key] for key in keys if key in self.results}
        known.update((keys[n], result) for n, result in zip(missing, fresh))
        self.results, self.keys = known, keys  # files gone or edited since are forgotten
        self.entries = {key: entry for key, entry in self.entries.items() if key in known}
        self.changed = [keys[n][0] for n in missing]
        return [known[key] for key in keys]

    def _key(self, path: Path, root: Path, now: int) -> FileKey:
        """A file's key, its bytes hashed again only when the system says the file may have changed:
        another inode, size, modification or change time (the change time, which any write sets,
        cannot be set otherwise). A file changed less than a second before `now` may change again
        within the same tick of a coarse clock: its key is not kept ("racily clean", as git says)."""
        st = path.stat()
        stat = (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        known = self._stats.get(path)
        if known is not None and known[0] == stat:
            return known[1]
        key = _file_key(path, root)
        if now - max(st.st_mtime_ns, st.st_ctime_ns) > 1_000_000_000:
            self._stats[path] = (stat, key)
        return key


def _file_key(path: Path, root: Path) -> FileKey:
    full, base = path.as_posix(), root.as_posix().rstrip("/") + "/"
    rel = full[len(base) :] if full.startswith(base) else full
    return rel, hashlib.blake2b(path.read_bytes(), digest_size=16).digest()


def collect(
    entries_dir: Path, root: Path | None = None, reads: Reads | None = None, urls: Urls = DIRECTORIES
) -> Corpus:
    """Every entry of `entries_dir`, checked and indexed; with `reads`, only the files whose bytes
    it does not hold yet are read (the index is always built again, from every file's result).
    `urls` is how the site addresses its pages, which the index's entries link to."""
    root = root or entries_dir.parent
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _collect(entries_dir, root, reads, urls)
    finally:
        if gc.get_freeze_count() == 0:
            # Hand what was just made to the oldest generation at once (freeze, then unfreeze,
            # moves objects without examining them), so that the next young-generation
            # collections do not walk the whole corpus.
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()


def _cited_by_a_source(problem: Problem, index) -> bool:
    """Whether a "cites no article" problem is answered by a source that names the entry itself,
    as an article names its publisher: the article is then what the entry rests on."""
    if problem.field != "sources" or not problem.message.startswith(validate.CITES_NOTHING):
        return False
    eid = problem.path.rsplit("/", 1)[-1][:-3]
    return any(index.entries[i].type.presentation.is_source for _, ids in index.backlinks.get(eid, ()) for i in ids)


def _collect(entries_dir: Path, root: Path, reads: Reads | None, urls: Urls) -> Corpus:
    problems: list[Problem] = []
    typed = []
    paths, symlinks = _walk(entries_dir)
    # A link is reported, never read: its target may be any file of the machine that builds.
    problems.extend(link_problems(symlinks, root))
    unreadable: dict[str, list[str]] = {}
    why: dict[str, Problem] = {}  # path of a file that could not be read -> the problem that says why
    length_lines: dict[str, int] = {}  # id -> the line of its length in words
    quote_lines: dict[str, dict[str, int]] = {}  # id -> the line of its first quotation of each article
    quoted: dict[str, tuple] = {}  # id -> its quotations, as quotes.quotations gives them
    results = reads.read(paths, entries_dir, root) if reads is not None else _read_all(paths, entries_dir, root)
    made = reads.entries if reads is not None else {}
    for n, (found, item, cause) in enumerate(results):
        problems.extend(found)
        if item is not None:
            eid, type_name, path, data, body, body_line, refs, links, length_line, quoting, quoted[eid] = item
            key = reads.keys[n] if reads is not None else None
            entry = made.get(key) if key is not None else None
            if entry is None or entry.urls != urls:
                entry = Entry(eid, schema.BY_NAME[type_name], path, freeze(data), body, body_line, urls)
                if key is not None:
                    made[key] = entry
            typed.append((entry, refs, links))
            if length_line is not None:
                length_lines[eid] = length_line
            if quoting:
                quote_lines[eid] = quoting
        elif cause is not None:
            path = found[cause].path
            unreadable.setdefault(path.rsplit("/", 1)[1][:-3], []).append(path)
            why[path] = found[cause]
    previous = reads.index if reads is not None else None
    index, more, folded = build(typed, {eid: tuple(p) for eid, p in unreadable.items()}, urls, previous)
    problems.extend(more)
    # Quotations are counted over the indexed entries only: what cites a missing article, or one
    # without a length, has its root cause said elsewhere and no budget line of its own.
    budgets = quotes.budgets(index, quoted)
    problems.extend(quotes.problems(index, length_lines, quote_lines, budgets))
    problems = [p for p in problems if not _cited_by_a_source(p, index)]
    # The consequences of a file that could not be read are said on the line of their cause.
    noted = {why[unreadable[eid][0]]: note for eid, note in folded.notes.items()}
    if noted:
        problems = [Problem(p.path, p.line, p.field, p.message + noted[p]) if p in noted else p for p in problems]
    # Causes first: a file that is no entry hides its own other problems and fails references elsewhere.
    first = set(why) | folded.causes
    ordered = sorted(p for p in problems if p.path in first) + sorted(p for p in problems if p.path not in first)
    if reads is not None:
        reads.index = None if ordered else index
    return Corpus(index, tuple(ordered), len(paths), frozenset(first), budgets)
