"""Under `make serve` each file's reading is kept from one build to the next (corpus.Reads), a
file is hashed again only when the system says it may have changed, and the index resolves again
only the references an edit may have changed (index.build): whatever the edits, however soon
after one another and whatever their size, a collect with the kept readings finds what one
reading every file finds, its index included."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros import corpus
from macros.corpus import Reads, collect

SOURCE = FIXTURES / "mini" / "entries"

# An edit: which file (by position among those present), and what is done to it.
EDITS = st.tuples(
    st.integers(0, 1000),
    st.integers(0, 1000),
    st.sampled_from(["same_size", "append", "delete", "copy", "same", "link", "dangle", "mend"]),
)
_DANGLING = "\nSee [nobody](../people/nobody-at-all.md).\n"  # a link to no entry: a problem


def _apply(entries: Path, pick: int, other: int, kind: str) -> None:
    files = sorted(entries.rglob("*.md"))
    if not files:
        return
    path, target = files[pick % len(files)], files[other % len(files)]
    text = path.read_text(encoding="utf-8")
    if kind == "same_size":  # the same number of bytes, other bytes: its size tells nothing
        at = max((i for i, c in enumerate(text) if c.isascii() and c.isalpha()), default=None)
        if at is not None:
            path.write_text(text[:at] + text[at].swapcase() + text[at + 1 :], encoding="utf-8")
    elif kind == "append":
        path.write_text(text + "\nOne more sentence.\n", encoding="utf-8")
    elif kind == "delete":
        path.unlink()
    elif kind == "copy":
        path.with_name(f"{path.stem}-copy-{pick}.md").write_text(text, encoding="utf-8")
    elif kind == "link":  # a backlink more (or a problem, if the target's file is no entry)
        path.write_text(text + f"\nSee [it](../{target.parent.name}/{target.stem}.md).\n", encoding="utf-8")
    elif kind == "dangle":
        path.write_text(text + _DANGLING, encoding="utf-8")
    elif kind == "mend":  # every dangling link removed: the dossier may have no problem again
        for file in files:
            if _DANGLING in (was := file.read_text(encoding="utf-8")):
                file.write_text(was.replace(_DANGLING, ""), encoding="utf-8")
    else:
        path.write_text(text, encoding="utf-8")  # the same bytes, new times


def _found(entries: Path, reads: Reads | None) -> tuple:
    """What a collect finds: its problems, each entry's data and body, and what the index resolved."""
    found = collect(entries, entries.parent, reads)
    index = found.index
    return (
        found.problems,
        {eid: (dict(e.data), e.body) for eid, e in index.entries.items()},
        {name: [e.id for e in entries] for name, entries in index.by_type.items()},
        dict(index.backlinks),
        dict(index.references),
        dict(index.mentions),
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.lists(EDITS, max_size=3), min_size=1, max_size=4))
def test_a_collect_with_kept_readings_finds_what_reading_every_file_finds(edits):
    with tempfile.TemporaryDirectory() as tmp:
        entries = Path(tmp) / "entries"
        shutil.copytree(SOURCE, entries)
        reads = Reads()
        for step in [[], *edits]:
            for edit in step:
                _apply(entries, *edit)
            assert _found(entries, reads) == _found(entries, None)


def test_a_file_the_system_says_is_unchanged_is_not_read_again(tmp_path, monkeypatch):
    entries = tmp_path / "entries"
    shutil.copytree(SOURCE, entries)
    reads = Reads()
    _found(entries, reads)
    # Later: the files were last written more than a second ago.
    real = time.time_ns
    monkeypatch.setattr(corpus.time, "time_ns", lambda: real() + 5_000_000_000)
    _found(entries, reads)
    hashed = []
    key = corpus._file_key
    monkeypatch.setattr(corpus, "_file_key", lambda path, root: hashed.append(path) or key(path, root))
    _found(entries, reads)
    assert hashed == []
    jane = entries / "people" / "jane-roe.md"
    jane.write_text(jane.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert _found(entries, reads) == _found(entries, None)
    assert hashed == [jane]  # the edited file only
