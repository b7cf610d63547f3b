"""`make check`: report every problem in entries/ at once, one line each, then exit non-zero."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .corpus import collect


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    entries_dir = Path(argv[0]) if argv else Path("entries")
    if not entries_dir.is_dir():
        print(f"{entries_dir}: no such folder", file=sys.stderr)
        return 2
    # Absolute, but not resolved: an entries/ that is itself a symbolic link is reported, not followed.
    entries_dir = Path(os.path.abspath(entries_dir))
    corpus = collect(entries_dir, entries_dir.parent)
    for problem in corpus.problems:
        print(problem)
    count = len(corpus.problems)
    if count:
        first = len(corpus.causes)
        print(
            f"{count} problem{'s' if count != 1 else ''} in {corpus.files} files"
            + (
                f"; those of the {first} file{'s' if first != 1 else ''} that could not be read as "
                f"{'entries' if first != 1 else 'an entry'} come first"
                if first
                else ""
            ),
            file=sys.stderr,
        )
        return 1
    print(f"{len(corpus.index.entries)} entries checked, no problems", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
