"""A stranger's entries cannot put script, ids of their choosing, other files or other hosts'
content into the built site: asserted on the built HTML, with the check switched off."""

from __future__ import annotations

import shutil

import pytest
from conftest import FIXTURES, ROOT, make_project, mkdocs_build, unchecked_project
from hostile import (
    BODY_PIECES,
    CONTROL_PIECES,
    MARKER,
    VALUE_PIECES,
    build_unchecked,
    page_problems,
    person,
)
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

HOSTILE = FIXTURES / "hostile" / "entries"


def _site_problems(site) -> dict[str, list[str]]:
    found = {}
    for page in sorted(site.rglob("*.html")):
        problems = page_problems(page)
        if problems:
            found[page.relative_to(site).as_posix()] = problems
    return found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The regression corpus (tests/fixtures/hostile), built with the check switched off."""
    tmp = tmp_path_factory.mktemp("hostile")
    entries = tmp / "entries"
    shutil.copytree(FIXTURES / "mini" / "entries", entries)
    shutil.copytree(HOSTILE, entries, dirs_exist_ok=True)
    project = unchecked_project(tmp, entries)
    build_unchecked(project, tmp / "site")
    return tmp / "site"


def test_the_regression_corpus_holds_every_piece():
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(HOSTILE.rglob("*.md")))
    assert len(list(HOSTILE.rglob("*.md"))) >= len(BODY_PIECES)
    for piece in BODY_PIECES:
        assert piece.replace("\x1b", "\\u001b") in text or piece in text, piece


def test_no_hostile_entry_reaches_a_page_as_markup(hostile_site):
    pages = list((hostile_site / "people").glob("hostile-*/index.html"))
    assert len(pages) == len(list((HOSTILE / "people").glob("hostile-*.md")))
    for page in pages:  # each hostile page was built, and still shows its marker as text
        assert MARKER in page.read_text(encoding="utf-8"), page
    assert _site_problems(hostile_site) == {}


def test_the_checked_build_of_the_corpus_stops_and_names_the_files(tmp_path):
    entries = tmp_path / "entries"
    shutil.copytree(FIXTURES / "mini" / "entries", entries)
    shutil.copytree(HOSTILE, entries, dirs_exist_ok=True)
    result = mkdocs_build(make_project(tmp_path, entries), tmp_path / "site")
    assert result.returncode != 0
    assert "entries/people/hostile-" in result.stderr
    assert not (tmp_path / "site" / "people").exists()


_joiner = st.sampled_from(["", " ", "\n", "\n\n", "\n> ", "\n    ", "\n- "])
_bodies = st.lists(st.tuples(st.sampled_from(BODY_PIECES) | st.text(max_size=12), _joiner), min_size=1, max_size=6).map(
    lambda parts: "".join(p + j for p, j in parts)
)
_values = st.lists(st.sampled_from(VALUE_PIECES + CONTROL_PIECES) | st.text(max_size=12), min_size=1, max_size=4).map(
    lambda parts: MARKER + "".join(parts)
)


# Each example is a whole build: no shrinking (minutes per step); the failing example is printed as found.
@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(st.tuples(_values, _values, _values, _bodies), min_size=4, max_size=4))
def test_random_hostile_entries_never_reach_a_page_as_markup(tmp_path_factory, cases):
    tmp = tmp_path_factory.mktemp("random")
    entries = tmp / "entries"
    shutil.copytree(FIXTURES / "mini" / "entries", entries)
    for n, (name, summary, says, body) in enumerate(cases):
        (entries / "people" / f"random-{n}.md").write_text(person(name, summary, says, body), encoding="utf-8")
    project = unchecked_project(tmp, entries)
    build_unchecked(project, tmp / "site")
    assert _site_problems(tmp / "site") == {}


def test_the_real_dossier_passes_the_same_assertions(built_site):
    assert len(list(built_site.rglob("*.html"))) > len(list((ROOT / "entries").rglob("*.md")))
    assert _site_problems(built_site) == {}
