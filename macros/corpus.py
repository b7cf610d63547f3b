"""Read every entry under entries/ and build the index: the one entry point of the core."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import load
from .index import Entry, Index, build, freeze
from .problems import Problem
from .validate import Validator


@dataclass(frozen=True)
class Corpus:
    index: Index
    problems: tuple[Problem, ...]
    files: int


def entry_files(entries_dir: Path) -> list[Path]:
    # Sorted so that which of two duplicate ids is reported never depends on the file system.
    return sorted((p for p in entries_dir.rglob("*") if p.is_file() and p.name != ".gitkeep"),
                  key=lambda p: p.as_posix())


def collect(entries_dir: Path, root: Path | None = None) -> Corpus:
    root = root or entries_dir.parent
    problems: list[Problem] = []
    typed = []
    files = entry_files(entries_dir) if entries_dir.is_dir() else []
    for path in files:
        raw = load.read(path, root)
        if path.suffix != ".md" or path.parent.parent != entries_dir or path.name.startswith("."):
            problems.append(Problem(raw.path, 1, "file", "is not an entry: entries/ holds only "
                                                         "entries/<type folder>/<id>.md files"))
            continue
        v = Validator(raw)
        data = v.run()
        problems.extend(raw.problems)
        if data is not None and v.type is not None and "name" in data:
            entry = Entry(raw.id, v.type, raw.path, freeze(data), raw.body, raw.body_line)
            typed.append((entry, v.refs, v.body_links))
    index, more = build(typed)
    problems.extend(more)
    return Corpus(index, tuple(sorted(problems)), len(files))
