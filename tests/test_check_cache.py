"""`make check`'s cache: whatever the files become between two checks, the check that reuses the
cache finds exactly what a check reading every file finds, and the code's version keys it."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros import check

SOURCES = [FIXTURES / "mini" / "entries", FIXTURES / "broken" / "entries"]

# An edit: which file (by position among those present), and what is done to it.
EDITS = st.tuples(
    st.integers(0, 1000),
    st.sampled_from(["append", "break", "delete", "copy", "retype", "same"]),
    st.text(alphabet="abc é-:\n[]", max_size=12),
)


def _apply(entries: Path, pick: int, kind: str, text: str) -> None:
    files = sorted(p for p in entries.rglob("*") if p.is_file())
    if not files:
        return
    path = files[pick % len(files)]
    body = path.read_bytes()
    if kind == "append":
        path.write_bytes(body + text.encode())
    elif kind == "break":
        path.write_bytes(body.replace(b"---", b"--", 1))
    elif kind == "delete":
        path.unlink()
    elif kind == "copy":
        copy = path.with_name(f"copy-{pick}.md")
        if copy != path:  # a copy picked again is written over by none but itself
            shutil.copy(path, copy)
    elif kind == "retype":
        path.write_bytes(body.replace(b"type: ", b"type: x", 1))
    else:
        path.write_bytes(body)  # the same bytes, a new modification time


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=st.sampled_from(SOURCES), edits=st.lists(st.lists(EDITS, max_size=3), min_size=1, max_size=4))
def test_a_cached_check_finds_what_a_check_reading_every_file_finds(source, edits):
    with tempfile.TemporaryDirectory() as tmp:
        entries, cache = Path(tmp) / "entries", Path(tmp) / "cache"
        shutil.copytree(source, entries)
        for step in [[], *edits]:
            for edit in step:
                _apply(entries, *edit)
            assert check.outcome_of(entries, cache) == check.outcome_of(entries, None)
            # A second check with nothing changed gives the kept outcome, still the same.
            assert check.outcome_of(entries, cache) == check.outcome_of(entries, None)


def test_the_second_check_reads_no_file_and_an_edit_rereads_only_that_file(tmp_path, monkeypatch):
    entries = tmp_path / "entries"
    shutil.copytree(FIXTURES / "mini" / "entries", entries)
    first = check.outcome_of(entries, tmp_path / "cache")
    read = []
    real = check.collect

    def counting(*args):
        corpus = real(*args)
        if len(args) > 2:  # not the check that reads every file, made to compare
            read.extend(args[2].changed)
        return corpus

    monkeypatch.setattr(check, "collect", counting)
    assert check.outcome_of(entries, tmp_path / "cache") == first
    assert read == []  # nothing changed: the last outcome, without reading the entries into an index
    jane = entries / "people" / "jane-roe.md"
    jane.write_text(jane.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert check.outcome_of(entries, tmp_path / "cache") == check.outcome_of(entries, None)
    assert read == ["entries/people/jane-roe.md"]


def test_the_cache_is_keyed_by_the_code(tmp_path, monkeypatch):
    entries = tmp_path / "entries"
    shutil.copytree(FIXTURES / "mini" / "entries", entries)
    check.outcome_of(entries, tmp_path / "cache")
    before = {p.name for p in (tmp_path / "cache").iterdir()}
    monkeypatch.setattr(check, "code_version", lambda: "another")
    check.outcome_of(entries, tmp_path / "cache")
    after = {p.name for p in (tmp_path / "cache").iterdir()}
    assert after == {"another.reads", "another.last"} and not before & after
    assert len({check.code_version() for _ in range(2)}) == 1


def test_make_check_with_and_without_the_cache_prints_the_same(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(check, "CACHE", tmp_path / "cache")
    entries = str(FIXTURES / "broken" / "entries")
    runs = []
    for argv in ([entries, "--no-cache"], [entries], [entries]):
        code = check.main(argv)
        runs.append((code, capsys.readouterr()))
    assert runs[0] == runs[1] == runs[2] and runs[0][0] == 1
