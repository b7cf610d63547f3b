"""The corpus of the build in progress, shared by the MkDocs hook and the page macros.

The hook loads it once per build (on_config); macros only read it.
"""
from __future__ import annotations

from pathlib import Path

from .corpus import Corpus, collect

_current: Corpus | None = None


def load(entries_dir: Path) -> Corpus:
    global _current
    _current = collect(entries_dir)
    return _current


def current() -> Corpus:
    if _current is None:
        raise RuntimeError("the dossier index is built by the MkDocs hook before pages render")
    return _current


def base_for(page_url: str) -> str:
    """The relative path from a page to the site root: '' for the home page, '../' for 'people/'."""
    return "../" * page_url.count("/")
