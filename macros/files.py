"""Walking the sources without following symbolic links, and refusing the links themselves.

The build publishes what it reads and runs what it imports, so a symbolic link under
entries/, docs/, overrides/ or macros/ would put its target, which may lie anywhere on the
building machine, into the site or the build. Git records a link as a file holding its
target, so a pull request can add one; every link is reported instead of being followed,
and folders behind a link are never entered (a link to one of its own parents is no loop).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

from .problems import Problem

LINK = "is a symbolic link: replace it with the file itself"
EXPORTS = "data/"  # the folder of the site where the hook writes the open-data exports


def walk(folder: Path) -> tuple[list[Path], list[Path]]:
    """The regular files under `folder` and the symbolic links there, each sorted; no link followed.

    `folder` itself, when it is a link, is the one link found. Other kinds of file (pipes,
    devices) are neither: reading a pipe would wait forever.
    """
    if folder.is_symlink():
        return [], [folder]
    files: list[Path] = []
    links: list[Path] = []
    todo = [folder] if folder.is_dir() else []
    while todo:
        with os.scandir(todo.pop()) as found:
            for item in found:
                if item.is_symlink():
                    links.append(Path(item.path))
                elif item.is_dir(follow_symlinks=False):
                    todo.append(Path(item.path))
                elif item.is_file(follow_symlinks=False):
                    files.append(Path(item.path))
    return sorted(files, key=Path.as_posix), sorted(links, key=Path.as_posix)


def links_in(paths: Iterable[Path]) -> list[Path]:
    """Every symbolic link among `paths` or under those that are folders."""
    return [link for path in paths for link in walk(path)[1]]


def link_problems(links: Iterable[Path], root: Path) -> list[Problem]:
    """One problem per link, its path relative to `root` (the project)."""
    return [Problem(Path(os.path.relpath(link, root)).as_posix(), 1, "file", LINK) for link in links]


def shadowing(written: Iterable[tuple[str, str, bool]], generated: Mapping[str, str]) -> list[Problem]:
    """The source files that the build would write over a file it generates, or into data/.

    `written` holds each file copied or rendered from the sources (docs/, the theme): its
    path relative to the project, its output path relative to the site, and whether it is a
    page; `generated` maps each generated output path to what it is. data/ holds the
    exports: any other file there but a page, even under a new name, could pass for one.
    """
    problems = []
    for source, out, page in sorted(written):
        if out in generated:
            problems.append(
                Problem(source, 1, "file", f"would replace {generated[out]}, which the build writes: move or rename it")
            )
        elif out.startswith(EXPORTS) and not page:
            problems.append(
                Problem(
                    source,
                    1,
                    "file",
                    f"would be published in {EXPORTS}, where the build "
                    "writes the open-data exports: move it out of that folder",
                )
            )
    return problems


def copy(source: Path, target: Path, ignore=None) -> None:
    """Copy a file or a folder; links are copied as links, never followed, so a copy of a
    tree with a link loop ends, and a link copied into a project is refused by its build."""
    if source.is_symlink():
        os.symlink(os.readlink(source), target)
    elif source.is_dir():
        shutil.copytree(source, target, symlinks=True, ignore=ignore)
    else:
        shutil.copy(source, target)
