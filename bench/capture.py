"""Write out the Markdown that a build of a project converts, page by page.

    python -m bench.capture PROJECT OUT_DOCS

Loads PROJECT/mkdocs.yml and runs MkDocs' build steps with its plugins and hooks up to
each page's `page_markdown` event, the last step before Markdown becomes HTML; then
writes every documentation page, front matter and all, into OUT_DOCS: the hook's
generated entry pages and the hand-written pages with their macros expanded, with the
HTML blocks that the dossier holds out of Markdown (macros/blocks.py) put back in place.
A build of OUT_DOCS with no hook and no macros plugin converts the same pages.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import yaml
from mkdocs.commands.build import get_navigation, set_exclusions
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from macros.dossier import CONFIG_KEY


def capture(project: Path, out_docs: Path) -> dict:
    """Write the pages; return their number and the seconds the `config` and `files` events took."""
    os.chdir(project)  # as `mkdocs build` runs: relative paths in the configuration are from here
    config = load_config(config_file=str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        t0 = time.perf_counter()
        config = config.plugins.on_config(config)
        t1 = time.perf_counter()
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        files.add_files_from_theme(config.theme.get_env(), config)
        t2 = time.perf_counter()
        files = config.plugins.on_files(files, config=config)
        t3 = time.perf_counter()
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        config.plugins.on_nav(nav, config=config, files=files)
        pages = 0
        for file in files.documentation_pages():
            if file.page is None:
                Page(None, file, config)
            page = config.plugins.on_pre_page(file.page, config=config, files=files)
            page.read_source(config)
            markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            markdown = config[CONFIG_KEY].put_back(markdown)
            head = ""
            if page.meta:
                head = "---\n" + yaml.safe_dump(dict(page.meta), sort_keys=False, allow_unicode=True) + "---\n"
            target = out_docs / file.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(head + markdown, encoding="utf-8")
            pages += 1
        return {"pages": pages, "config_event_s": round(t1 - t0, 3), "files_event_s": round(t3 - t2, 3)}
    finally:
        config.plugins.on_shutdown()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print(__doc__.strip().split("\n")[2].strip(), file=sys.stderr)
        return 2
    print(json.dumps(capture(Path(argv[0]).resolve(), Path(argv[1]).resolve())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
