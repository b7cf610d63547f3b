"""Shared fixtures: the real dossier's corpus, and sites built from it or from fixture entries."""
from __future__ import annotations

import os
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
    """The pages the navigation lists, as site addresses ('' for the home page)."""
    out = []
    for item in mkdocs_config()["nav"]:
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
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}, capture_output=True, text=True,
        timeout=600,
    )


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
    return project


@pytest.fixture(scope="session")
def corpus():
    return collect(ROOT / "entries", ROOT)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real dossier, built once with --strict."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out
