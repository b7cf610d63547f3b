"""MkDocs hook: load and check the entries once per build, and turn each into a generated page.

This and main.py are the only modules that know about MkDocs.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

# MkDocs loads hooks by file path; make the `macros` package importable.
_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from mkdocs.utils import get_build_datetime  # noqa: E402

from macros import exports, site, views  # noqa: E402

log = logging.getLogger("mkdocs.hooks.dossier")


def on_config(config):
    entries = Path(config.config_file_path).resolve().parent / "entries"
    _stop_on_problems(site.load(entries))
    return config


def _stop_on_problems(corpus) -> None:
    for problem in corpus.problems:
        log.error(str(problem))
    if corpus.problems:
        raise PluginError(f"{len(corpus.problems)} problem(s) in entries/ (listed above; `make check` "
                          "lists them too)")


def on_files(files: Files, config) -> Files:
    index = site.current().index
    for entry in index.entries.values():
        if files.get_file_from_path(entry.src_uri) is not None:
            raise PluginError(f"{entry.path}: docs/{entry.src_uri} already exists; entry pages are generated")
        page = views.entry_page(entry, index, config.site_url or "")
        files.append(File.generated(config, entry.src_uri, content=page))
    return files


def on_post_build(config) -> None:
    """Write the open-data exports under data/; SOURCE_DATE_EPOCH fixes their build date."""
    out = Path(config.site_dir) / "data"
    out.mkdir(parents=True, exist_ok=True)
    built = get_build_datetime()
    for name, text in exports.all_files(site.current().index, built, config.site_url or "").items():
        (out / name).write_text(text, encoding="utf-8", newline="")
