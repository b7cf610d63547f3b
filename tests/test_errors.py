"""The error report: exact `path:line: field: message` lines for purposely broken entries."""
from __future__ import annotations

import subprocess
import sys

from conftest import FIXTURES, ROOT

from macros.corpus import collect

BROKEN = FIXTURES / "broken"
EXPECTED = (BROKEN / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_every_problem_is_reported_with_its_line_and_field():
    corpus = collect(BROKEN / "entries", BROKEN)
    assert [str(p) for p in corpus.problems] == EXPECTED


def test_valid_entries_beside_broken_ones_are_indexed_normally():
    corpus = collect(BROKEN / "entries", BROKEN)
    assert "good-article" in corpus.index.entries
    assert not any("good-article.md" in p.path or "good-publication.md" in p.path for p in corpus.problems)
    # A broken entry's valid reference still counts as a backlink.
    groups = dict(corpus.index.backlinks["good-publication"])
    assert "bad-references" not in groups.get("People", ())
    assert "good-article" in groups["Published"]


def test_check_command_prints_the_same_lines_and_fails_without_traceback():
    result = subprocess.run([sys.executable, "-m", "macros.check", str(BROKEN / "entries")],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout.splitlines() == EXPECTED
    assert result.stderr.strip() == f"{len(EXPECTED)} problems in 21 files"
    assert "Traceback" not in result.stdout + result.stderr


def test_check_command_passes_on_the_real_dossier():
    result = subprocess.run([sys.executable, "-m", "macros.check", "entries"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert result.stderr.endswith("entries checked, no problems\n")
