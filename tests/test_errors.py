"""The error report: exact `path:line: field: message` lines for purposely broken entries.

tests/fixtures/broken/entries holds one file per kind of mistake (and a few valid entries
they refer to, or that refer to them); expected.txt holds the exact report, in the order
printed: the files that could not be read as entries first. A very large file is made at
run time rather than committed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros import load
from macros.corpus import collect
from macros.validate import Validator

BROKEN = FIXTURES / "broken"
# Valid on their own: referred to by broken entries, or referring only to files that cannot be read.
VALID = {
    "entries/articles/good-article.md",
    "entries/organisations/good-publication.md",
    "entries/events/refers-to-unreadable.md",
}
EXPECTED = (BROKEN / "expected.txt").read_text(encoding="utf-8").splitlines()
# The files that could not be read as entries come first: up to the first line of a readable one.
CAUSES = {
    line.split(":", 1)[0]
    for line in EXPECTED[: next(i for i, line in enumerate(EXPECTED) if line.startswith("entries/articles/"))]
}


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("broken")
    shutil.copytree(BROKEN / "entries", root / "entries")
    return root


def test_a_file_over_the_size_limit_is_reported_and_not_read(tmp_path):
    # Made here rather than committed; the organisation names it, and fails only because of it.
    for name in ("articles/good-article.md", "organisations/good-publication.md"):
        (tmp_path / "entries" / name).parent.mkdir(parents=True)
        shutil.copy(BROKEN / "entries" / name, tmp_path / "entries" / name)
    publication = tmp_path / "entries" / "organisations" / "good-publication.md"
    publication.write_text(
        publication.read_text(encoding="utf-8").replace(
            "---\nValid.",
            "relations:\n  - relation: owned-by\n    to: very-large\n    sources: [good-article]\n---\nValid.",
        ),
        encoding="utf-8",
    )
    big = "---\ntype: person\nname: Large\nsummary: x\nsources: [good-article]\n---\n" + "word " * 61_440
    (tmp_path / "entries" / "people").mkdir()
    (tmp_path / "entries" / "people" / "very-large.md").write_text(big, encoding="utf-8")
    assert [str(p) for p in collect(tmp_path / "entries", tmp_path).problems] == [
        "entries/people/very-large.md:1: file: is 300 KiB; an entry may be at most 256 KiB "
        "(1 reference to 'very-large' from other entries fails because of it)"
    ]


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in (root / "entries").rglob("*") if p.is_file())


def test_every_problem_is_reported_with_its_line_and_field(broken):
    corpus = collect(broken / "entries", broken)
    assert [str(p) for p in corpus.problems] == EXPECTED


def test_the_corpus_has_at_least_forty_broken_entries_each_reported(broken):
    reported = {line.split(":", 1)[0] for line in EXPECTED}
    files = set(_files(broken))
    assert len(files - VALID) >= 40
    assert files - VALID == reported  # every broken file is reported, and no valid one


@pytest.mark.parametrize("path", sorted({line.split(":", 1)[0] for line in EXPECTED}))
def test_each_broken_file_gets_exactly_its_lines(broken, path):
    corpus = collect(broken / "entries", broken)
    got = [str(p) for p in corpus.problems if p.path == path]
    assert got == [line for line in EXPECTED if line.startswith(path + ":")]


def test_valid_entries_beside_broken_ones_are_indexed_normally(broken):
    corpus = collect(broken / "entries", broken)
    assert {"good-article", "good-publication"} <= set(corpus.index.entries)
    assert not any(p.path in VALID for p in corpus.problems)
    # A broken entry's valid references still count: bad-article names a valid publisher.
    groups = dict(corpus.index.backlinks["good-publication"])
    assert groups["Published"] == ("good-article", "bad-article")


def test_check_command_prints_the_same_lines_and_fails_without_traceback(broken):
    result = subprocess.run(
        [sys.executable, "-m", "macros.check", str(broken / "entries")], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == EXPECTED
    assert result.stderr == (
        f"{len(EXPECTED)} problems in {len(_files(broken))} files; those of the {len(CAUSES)} "
        "files that could not be read as entries come first\n"
    )
    assert "Traceback" not in result.stdout + result.stderr


def test_check_command_passes_on_the_real_dossier():
    result = subprocess.run([sys.executable, "-m", "macros.check", "entries"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert re.fullmatch(r"\d+ entries checked, no problems\n", result.stderr)


def test_check_command_on_a_missing_folder_says_so():
    result = subprocess.run(
        [sys.executable, "-m", "macros.check", "no-such-folder"], cwd=ROOT, capture_output=True, text=True
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "no-such-folder: no such folder\n"


# --- property-based: any front matter is accepted or reported, never a crash ------------

_scalars = st.one_of(
    st.text(max_size=20),
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
    st.sampled_from(
        [
            "no",
            "yes",
            "012345",
            "1:20",
            "2007-08-16",
            "~",
            "null",
            ".inf",
            "0x1F",
            "{{ x }}",
            "<script>",
            "2007-13",
            "../..",
            "*a",
            "&a x",
            "!!str",
            "- x",
        ]
    ),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=12,
)
_keys = st.sampled_from(
    [
        "type",
        "name",
        "summary",
        "sources",
        "aliases",
        "roles",
        "date",
        "kind",
        "parties",
        "relations",
        "points",
        "disputed",
        "url",
        "published",
        "amounts",
        "x",
        "id",
    ]
)


def _check_text(tmp: Path, folder: str, text: str) -> list:
    path = tmp / "entries" / folder / "fuzz.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    raw = load.read(path, tmp)
    Validator(raw).run()
    return raw.problems


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    front=st.dictionaries(_keys, _values, max_size=8),
    folder=st.sampled_from(["people", "organisations", "rulings", "events", "articles"]),
)
def test_any_structured_front_matter_is_accepted_or_reported(tmp_path, front, folder):
    import json

    # JSON is valid YAML: this feeds the loader every shape of value under every field.
    text = "---\n" + "\n".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in front.items()) + "\n---\nBody.\n"
    for problem in _check_text(tmp_path, folder, text):
        assert problem.line >= 1 and problem.field and problem.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    parts=st.lists(
        st.sampled_from(
            list("-: \n\t[]{}'\"#&*!|>?,%@`ab01~.\\é")
            + ["---\n", "\r\n", "type: person\n", "name: x\n", "sources: [a]\n"]
        ),
        max_size=60,
    )
)
def test_any_text_is_accepted_or_reported(tmp_path, parts):
    text = "".join(parts)
    for problem in _check_text(tmp_path, "people", text):
        assert problem.line >= 1 and problem.field and problem.message
