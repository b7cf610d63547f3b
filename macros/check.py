"""`make check`: report every problem in entries/ at once, one line each, then exit non-zero.

What the check found is kept under .cache/check/ (git-ignored), keyed by the code's version (a
digest of every file of macros/) and each file's path and bytes: a file whose bytes have not
changed is not read again, and when no file has changed the last outcome is printed as it was.
The outcome is the same as a check without the cache (`--no-cache`), since reading a file
depends on nothing but its path and bytes, and the index is built again from every file's result.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .corpus import Reads, _file_key, _walk, collect
from .problems import Problem

MACROS = Path(__file__).resolve().parent
CACHE = MACROS.parent / ".cache" / "check"


@dataclass(frozen=True)
class Outcome:
    problems: tuple[Problem, ...]
    files: int
    causes: int  # files that could not be read as entries
    entries: int


def code_version() -> str:
    """A digest of every file of macros/ and of the Python that runs them: any change to the code
    may change what a file's reading gives."""
    digest = hashlib.blake2b(sys.version.encode(), digest_size=16)
    for path in sorted(p for p in MACROS.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(MACROS).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class CheckCache:
    """Per code version, two files: the last outcome with the digest of the files it was found in
    (small, read first), and every file's reading (read only when some file has changed)."""

    def __init__(self, folder: Path = CACHE) -> None:
        version = code_version()
        self.folder, self.reads_path, self.last_path = folder, folder / f"{version}.reads", folder / f"{version}.last"

    def last(self, keys_digest: bytes) -> Outcome | None:
        found = _load(self.last_path)
        return found[1] if found is not None and found[0] == keys_digest else None

    def reads(self) -> Reads:
        return Reads(_load(self.reads_path) or {})

    def save(self, reads: Reads, keys_digest: bytes, outcome: Outcome) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.iterdir():  # other code versions' results cannot be used again
            if old not in (self.reads_path, self.last_path):
                old.unlink(missing_ok=True)
        _dump(self.reads_path, reads.results)
        _dump(self.last_path, (keys_digest, outcome))


def _load(path: Path):
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError, AttributeError, ImportError):
        return None  # none yet, or unreadable: the check reads every file


def _dump(path: Path, value) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as f:
        pickle.dump(value, f, pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)  # a check running at the same time reads the old file or this one


def _keys_digest(entries_dir: Path) -> bytes:
    """A digest of every file's path and bytes, as the reads key them."""

    paths, links = _walk(entries_dir)
    digest = hashlib.blake2b(digest_size=16)
    for key in sorted(_file_key(p, entries_dir.parent) for p in paths):
        digest.update(key[0].encode() + b"\0" + key[1])
    for link in links:  # a symbolic link is a problem of its own; its target is never read
        digest.update(b"link\0" + link.as_posix().encode())
    return digest.digest()


def outcome_of(entries_dir: Path, cache_dir: Path | None = CACHE) -> Outcome:
    """What the check finds in `entries_dir`; with `cache_dir`, reusing and keeping its results there."""
    if cache_dir is None:
        corpus = collect(entries_dir, entries_dir.parent)
        return Outcome(corpus.problems, corpus.files, len(corpus.causes), len(corpus.index.entries))
    enabled = gc.isenabled()
    gc.disable()  # loading tens of thousands of records: the collector would rescan them for nothing
    try:
        cache = CheckCache(cache_dir)
        keys = _keys_digest(entries_dir)
        last = cache.last(keys)
        if last is not None:
            return last
        reads = cache.reads()
        corpus = collect(entries_dir, entries_dir.parent, reads)
        outcome = Outcome(corpus.problems, corpus.files, len(corpus.causes), len(corpus.index.entries))
        try:
            cache.save(reads, keys, outcome)
        except OSError as e:
            print(
                f"{CACHE}: the check's results could not be kept ({e}); the next check reads every file",
                file=sys.stderr,
            )
        return outcome
    finally:
        if enabled:
            gc.enable()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    cache_dir = None if "--no-cache" in argv else CACHE
    argv = [a for a in argv if a != "--no-cache"]
    entries_dir = Path(argv[0]) if argv else Path("entries")
    if not entries_dir.is_dir():
        print(f"{entries_dir}: no such folder", file=sys.stderr)
        return 2
    # Absolute, but not resolved: an entries/ that is itself a symbolic link is reported, not followed.
    entries_dir = Path(os.path.abspath(entries_dir))
    outcome = outcome_of(entries_dir, cache_dir)
    for problem in outcome.problems:
        print(problem)
    count = len(outcome.problems)
    if count:
        first = outcome.causes
        print(
            f"{count} problem{'s' if count != 1 else ''} in {outcome.files} files"
            + (
                f"; those of the {first} file{'s' if first != 1 else ''} that could not be read as "
                f"{'entries' if first != 1 else 'an entry'} come first"
                if first
                else ""
            ),
            file=sys.stderr,
        )
        return 1
    print(f"{outcome.entries} entries checked, no problems", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
