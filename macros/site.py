"""The build in progress, shared by the MkDocs hook and the page macros: its corpus, the HTML
blocks held out of its pages' Markdown, and the pipeline that converts entry bodies.

The hook loads it once per build (on_config); macros only read the corpus.
"""

from __future__ import annotations

from pathlib import Path

from .blocks import Blocks
from .body import Pipeline
from .corpus import Corpus, collect

_current: Corpus | None = None
_blocks = Blocks()
_bodies: Pipeline | None = None


def load(entries_dir: Path) -> Corpus:
    global _current, _blocks, _bodies
    _current = collect(entries_dir)
    _blocks = Blocks()
    entries = _current.index.entries
    _bodies = Pipeline(lambda folder, eid: eid in entries and entries[eid].type.folder == folder)
    return _current


def current() -> Corpus:
    if _current is None:
        raise RuntimeError("the dossier index is built by the MkDocs hook before pages render")
    return _current


def blocks() -> Blocks:
    return _blocks


def bodies() -> Pipeline:
    if _bodies is None:
        raise RuntimeError("the body pipeline is made with the index, by the MkDocs hook")
    return _bodies


def base_for(page_url: str) -> str:
    """The relative path from a page to the site root: '' for the home page, '../' for 'people/'."""
    return "../" * page_url.count("/")
