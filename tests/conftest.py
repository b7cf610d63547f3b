"""Shared fixtures: the real dossier's corpus, and sites built from it or from fixture entries."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(ROOT))

from macros.blocks import Blocks  # noqa: E402
from macros.corpus import collect  # noqa: E402
from macros.files import copy  # noqa: E402


def unheld(render, *args):
    """What a renderer that holds its HTML blocks (its last argument) gives, the blocks put back:
    the text, or (meta, text) for a page renderer."""
    blocks = Blocks()
    out = render(*args, blocks.hold)
    if isinstance(out, tuple):
        return out[0], blocks.put_back(out[1])
    return blocks.put_back(out)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml; `!ENV [NAME, default]` gives its default."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def mkdocs_config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)


def nav_pages() -> list[str]:
    """The pages the navigation lists, as site addresses ('' for the home page): mkdocs.yml's, with
    the section of each declared type that the hook adds."""
    from macros.hook import type_sections

    out = []
    for item in type_sections(mkdocs_config()["nav"]):
        (path,) = item.values()
        out.append("" if path == "index.md" else path.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/")
    return out


@pytest.fixture(scope="module")
def index():
    """The index of the mini fixture: a few entries that use every feature."""
    corpus = collect(FIXTURES / "mini" / "entries", FIXTURES / "mini")
    assert corpus.problems == ()
    return corpus.index


def mkdocs_build(project: Path, out: Path, strict: bool = True, **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build` of `project` into `out`, with `env` added to the environment."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict" if strict else "--no-strict", "--site-dir", str(out)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True,
        text=True,
        timeout=600,
    )


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """git in `cwd` as a fixed, configuration-free author, so that commits work on any machine."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True)


def unchecked_project(tmp: Path, entries: Path) -> Path:
    """A copy of the site whose hook builds even when the check finds problems: the check is a
    friendly early message, so the built output must be safe without it."""
    project = make_project(tmp, entries)
    hook = project / "macros" / "hook.py"
    source = hook.read_text(encoding="utf-8")
    switched_off = source.replace("        self._stop_on_problems()\n", "")
    assert switched_off != source
    hook.write_text(switched_off, encoding="utf-8")
    return project


def make_project(tmp: Path, entries: Path, source: Path = ROOT) -> Path:
    """A copy of the real site's configuration, pages and code (those of `source`), with other entries.

    Symbolic links are copied as links, never followed: a loop cannot stall the copy, no
    target outside the repository is copied in, and the copy's build refuses them as the
    real build would.
    """
    project = tmp / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "CONTRIBUTING.md", "docs", "overrides", "macros"):
        copy(source / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    copy(entries, project / "entries")
    _fit_the_brief(project)
    return project


def _fit_the_brief(project: Path) -> None:
    """The affair in brief tells the real dossier and links its entries. A copy whose entries lack one
    of them (another story, as a fork would tell) gets the page without its text, so that the home
    page's link to it still resolves."""
    brief = project / "docs" / "brief.md"
    if not brief.exists():
        return
    linked = re.findall(r"\]\(([a-z]+/[^)#\s]+\.md)", brief.read_text(encoding="utf-8"))
    if all((project / "entries" / target).is_file() for target in linked):
        return
    brief.write_text("# The affair in brief\n\nThis copy of the site holds other entries.\n", encoding="utf-8")


# The content tests run on the real dossier, and on the real dossier plus what a contributor's
# pull request would add (an article with its publisher, cited from an existing entry): they
# hold for any valid dossier, so a new article never needs a change to Python.
DOSSIERS = ("real", "with-a-new-article")

NEW_PUBLISHER = """---
type: organisation
name: The Test Weekly
kind: publication
summary: A weekly newspaper, made up for the tests.
sources: [test-weekly-report]
---
A publication that exists only in the tests.
"""
NEW_ARTICLE = """---
type: article
name: The Test Weekly's report
title: A report, made up for the tests
summary: A report made up for the tests, dated to the day, with an author.
publisher: test-weekly
published: "2008-06-02"
date_evidence: The report carries its date.
words: 900
url: https://example.org/test-weekly/report
language: en
authors: [A. Reporter]
---
A report that exists only in the tests, citing [the weekly](../organisations/test-weekly.md).
"""
NEW_POINT = """points:
  - says: The Test Weekly reported on this entry.
    sources: [test-weekly-report]
"""


def add_an_article(entries: Path) -> str:
    """Add what a contributor's pull request adds, following CONTRIBUTING only: an article, its
    publisher, and a point citing the article in an existing entry (the first that has none).
    Returns the id of the entry that now cites it."""
    (entries / "organisations" / "test-weekly.md").write_text(NEW_PUBLISHER, encoding="utf-8")
    (entries / "articles" / "test-weekly-report.md").write_text(NEW_ARTICLE, encoding="utf-8")
    for path in sorted(entries.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        head, sep, body = text[4:].partition("\n---\n")
        if "\npoints:" in "\n" + head or "\ntype: article\n" in "\n" + head + "\n":
            continue
        path.write_text("---\n" + head + "\n" + NEW_POINT.rstrip("\n") + sep + body, encoding="utf-8")
        return path.stem
    raise AssertionError("no entry without points to cite the new article from")


@pytest.fixture(scope="session", params=DOSSIERS)
def dossier_project(request, tmp_path_factory) -> Path:
    """The project whose entries/ the content tests read: the real one, or a copy with more."""
    if request.param == "real":
        return ROOT
    tmp = tmp_path_factory.mktemp(request.param)
    copy(ROOT / "entries", tmp / "entries")
    add_an_article(tmp / "entries")
    return make_project(tmp, tmp / "entries")


@pytest.fixture(scope="session")
def corpus(dossier_project):
    return collect(dossier_project / "entries", dossier_project)


@pytest.fixture(scope="session")
def built_site(dossier_project, tmp_path_factory) -> Path:
    """The dossier, built once with --strict."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(dossier_project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out
