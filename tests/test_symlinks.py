"""Symbolic links: the check and the build report them and never read what they point to;
the test and benchmark helpers copy them as links, so a loop never stalls a copy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, make_project, mkdocs_build

from bench.run import copy_site_sources
from macros.files import walk

SECRET = "s3cr3t-target-of-a-symbolic-link"
LINK = "is a symbolic link: replace it with the file itself"


def _outside(tmp: Path) -> Path:
    """A folder outside the project, holding what a link would leak: an entry, a page, a partial."""
    outside = tmp / "outside"
    (outside / "events").mkdir(parents=True)
    shutil.copy(FIXTURES / "mini" / "entries" / "events" / "shop-complaint.md", outside / "events")
    entry = f"---\ntype: person\nname: {SECRET}\nsummary: {SECRET}\nsources: [first-report]\n---\n{SECRET}\n"
    (outside / "person.md").write_text(entry, encoding="utf-8")
    (outside / "events" / "secret-event.md").write_text(
        entry.replace("type: person", "type: event\ndate: 2006-01\ndate_sources: [first-report]"), encoding="utf-8"
    )
    (outside / "page.md").write_text(f"# {SECRET}\n", encoding="utf-8")
    (outside / "pages").mkdir()
    (outside / "pages" / "index.md").write_text(f"# {SECRET}\n", encoding="utf-8")
    (outside / "copyright.html").write_text(f"<p>{SECRET}</p>\n", encoding="utf-8")
    (outside / "partials").mkdir()
    (outside / "partials" / "copyright.html").write_text(f"<p>{SECRET}</p>\n", encoding="utf-8")
    (outside / "code.py").write_text(f"SECRET = {SECRET!r}\n", encoding="utf-8")
    return outside


# Each case: the links made in a copy of the project (its path there: its target outside).
# Whatever stood where a link goes is removed first.
LINKS = {
    "an entry": {"entries/people/leak.md": "person.md"},
    "a type folder of entries": {"entries/events": "events"},  # a copy of it, with one more entry
    "a page": {"docs/leak.md": "page.md"},
    "a folder of pages": {"docs/leaked": "pages"},
    "a theme partial": {"overrides/partials/copyright.html": "copyright.html"},
    "a folder of theme partials": {"overrides/partials": "partials"},
    "code": {"macros/leak.py": "code.py", "macros/more": "."},
    "the contributing guide": {"CONTRIBUTING.md": "page.md"},
}
IN_ENTRIES = ["an entry", "a type folder of entries"]


def _project_with(tmp: Path, case: str) -> tuple[Path, list[str]]:
    project = make_project(tmp, FIXTURES / "mini" / "entries")
    outside = _outside(tmp)
    for link, target in LINKS[case].items():
        path = project / link
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(outside / target, path)
    return project, sorted(LINKS[case])


def _published(site: Path) -> list[Path]:
    """The files of the built site that hold the secret."""
    return [p for p in site.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()] if site.exists() else []


@pytest.mark.parametrize("case", IN_ENTRIES)
def test_the_check_reports_each_link_in_entries_and_reads_none(tmp_path, case):
    project, links = _project_with(tmp_path, case)
    done = subprocess.run(
        [sys.executable, "-m", "macros.check", "entries"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(project)},
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.splitlines() == [f"{link}:1: file: {LINK}" for link in links]
    assert SECRET not in done.stdout + done.stderr


@pytest.mark.parametrize("case", LINKS)
def test_the_build_refuses_each_link_and_publishes_no_target(tmp_path, case):
    project, links = _project_with(tmp_path, case)
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    for link in links:
        assert f"{link}:1: file: {LINK}" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert _published(site) == []


def test_walk_lists_links_without_entering_them(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "file.md").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "a", tmp_path / "a" / "b" / "up")  # a loop
    os.symlink(tmp_path / "a" / "b" / "file.md", tmp_path / "a" / "same.md")
    os.symlink(tmp_path / "nowhere", tmp_path / "a" / "dangling")
    os.mkfifo(tmp_path / "a" / "pipe")  # reading it would wait forever
    files, links = walk(tmp_path / "a")
    assert files == [tmp_path / "a" / "b" / "file.md"]
    assert links == [tmp_path / "a" / "b" / "up", tmp_path / "a" / "dangling", tmp_path / "a" / "same.md"]
    assert walk(tmp_path / "a" / "b" / "up") == ([], [tmp_path / "a" / "b" / "up"])


def _tree_with_loops(tmp: Path) -> Path:
    """A project's sources where each folder holds a link to itself and a link to a secret file."""
    source = tmp / "source"
    for folder in ("docs", "overrides", "macros", "entries/people"):
        (source / folder).mkdir(parents=True)
        (source / folder / "page.md").write_text("# a page\n", encoding="utf-8")
        os.symlink(".", source / folder / "loop")
        os.symlink(tmp / "secret.txt", source / folder / "secret.txt")
    (tmp / "secret.txt").write_text(SECRET, encoding="utf-8")
    (source / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    os.symlink(tmp / "secret.txt", source / "CONTRIBUTING.md")
    return source


def _assert_copied_as_links(project: Path, folders: tuple[str, ...]) -> None:
    for folder in folders:
        loop, secret = project / folder / "loop", project / folder / "secret.txt"
        assert loop.is_symlink() and os.readlink(loop) == "."
        assert secret.is_symlink()
        assert (project / folder / "page.md").read_text(encoding="utf-8") == "# a page\n"
    assert (project / "CONTRIBUTING.md").is_symlink()
    copied = [p for p in project.rglob("*") if not p.is_symlink() and p.is_file()]
    assert all(SECRET.encode() not in p.read_bytes() for p in copied)


def test_make_project_copies_links_as_links_and_a_loop_ends(tmp_path):
    source = _tree_with_loops(tmp_path)
    project = make_project(tmp_path, source / "entries", source=source)
    _assert_copied_as_links(project, ("docs", "overrides", "macros", "entries/people"))


def test_the_benchmark_copy_of_the_sources_copies_links_as_links(tmp_path):
    source = _tree_with_loops(tmp_path)
    copy_site_sources(tmp_path / "copy", source=source)
    _assert_copied_as_links(tmp_path / "copy", ("docs", "overrides", "macros"))
    assert not (tmp_path / "copy" / "entries").exists()
