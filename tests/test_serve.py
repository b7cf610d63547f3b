"""`make serve` as a contributor meets it: problems shown in the browser and once in the terminal,
no line per page left out of the navigation."""

from __future__ import annotations

import os
import subprocess
import sys

import html5lib
from conftest import FIXTURES, make_project

# Builds as `mkdocs serve` does before serving: the plugins hear that the command is "serve".
SERVE_BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(config_file="mkdocs.yml", site_dir=sys.argv[1])
config.plugins.on_startup(command="serve", dirty=False)
build(config)
"""


def serve_build(project, out) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", SERVE_BUILD, str(out)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def _text(page) -> str:
    return "".join(
        html5lib.parse(page.read_text(encoding="utf-8"), namespaceHTMLElements=False).find(".//article").itertext()
    )


def test_served_with_problems_every_page_lists_them_and_the_terminal_once(tmp_path):
    project = make_project(tmp_path, FIXTURES / "mini" / "entries")
    jane = project / "entries" / "people" / "jane-roe.md"
    jane.write_text(jane.read_text(encoding="utf-8").replace("type: person", "type: persn"), encoding="utf-8")
    shop = project / "entries" / "organisations" / "shop.md"
    shop.write_text(shop.read_text(encoding="utf-8").replace("---\n", "---\nborn: 1970\n", 1), encoding="utf-8")
    done = serve_build(project, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    expected = [
        "entries/organisations/shop.md:2: born: is not a field of an organisation entry",
        "entries/people/jane-roe.md:2: type: must be one of article, person, organisation, ruling, event; "
        "did you mean 'person'?",
    ]
    for line in expected:
        assert done.stderr.count(line) == 1, done.stderr
    for page in ("index.html", "people/jane-roe/index.html", "organisations/shop/index.html", "chronology/index.html"):
        text = _text(tmp_path / "site" / page)
        assert "The check found" in text and all(line in text for line in expected), page


def test_served_without_problems_the_site_is_the_dossier(tmp_path):
    project = make_project(tmp_path, FIXTURES / "mini" / "entries")
    done = serve_build(project, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    assert "Jane Roe" in _text(tmp_path / "site" / "people" / "jane-roe" / "index.html")
    assert "The check found" not in _text(tmp_path / "site" / "index.html")
    # Generated pages are reached from the section tables: MkDocs does not list them as left out.
    assert 'not included in the "nav"' not in done.stderr and "people/jane-roe.md" not in done.stderr


def test_entry_pages_link_to_their_file_and_a_correction_form_when_the_repository_is_known(tmp_path):
    from urllib.parse import parse_qs, urlsplit

    from conftest import mkdocs_build

    project = make_project(tmp_path, FIXTURES / "mini" / "entries")
    repository = "https://github.com/example/allofmp3-dossier"
    assert mkdocs_build(project, tmp_path / "with", DOSSIER_REPOSITORY=repository).returncode == 0
    assert mkdocs_build(project, tmp_path / "without", DOSSIER_REPOSITORY="").returncode == 0
    for entry in (project / "entries").rglob("*.md"):
        path = entry.relative_to(project).as_posix()
        page = f"{entry.parent.name}/{entry.stem}/index.html"
        doc = html5lib.parse((tmp_path / "with" / page).read_text(encoding="utf-8"), namespaceHTMLElements=False)
        links = {
            a.get("class"): a.get("href")
            for a in doc.iter("a")
            if a.get("class") in ("dossier-edit", "dossier-correct")
        }
        assert links["dossier-edit"] == f"{repository}/edit/main/{path}"
        correct = urlsplit(links["dossier-correct"])
        assert f"{correct.scheme}://{correct.netloc}{correct.path}" == f"{repository}/issues/new"
        query = parse_qs(correct.query)
        assert query["template"] == ["correction.yml"] and query["entry"] == [path]
        plain = (tmp_path / "without" / page).read_text(encoding="utf-8")
        assert "dossier-edit" not in plain and "dossier-correct" not in plain


def test_a_repository_address_that_is_not_https_fails_the_build(tmp_path):
    from conftest import mkdocs_build

    project = make_project(tmp_path, FIXTURES / "mini" / "entries")
    done = mkdocs_build(project, tmp_path / "site", DOSSIER_REPOSITORY="javascript:alert(1)//x/y")
    assert done.returncode != 0
    assert (
        "mkdocs.yml: extra: repository address 'javascript:alert(1)//x/y' must be https://host/owner/name"
        in done.stderr
    )


# Two builds in one process, as `mkdocs serve` rebuilds after a save: the configuration is read
# again, the hook's state is not (MkDocs loads a hook once and starts it up once).
SERVE_REBUILD = """
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(config_file="mkdocs.yml", site_dir=sys.argv[1])
config.plugins.on_startup(command="serve", dirty=False)
build(config)
jane = Path("entries/people/jane-roe.md")
jane.write_text(jane.read_text(encoding="utf-8").replace("type: persn", "type: person"), encoding="utf-8")
build(load_config(config_file="mkdocs.yml", site_dir=sys.argv[2]))
"""


def test_served_a_fix_shows_the_dossier_again_on_the_next_rebuild(tmp_path):
    project = make_project(tmp_path, FIXTURES / "mini" / "entries")
    jane = project / "entries" / "people" / "jane-roe.md"
    jane.write_text(jane.read_text(encoding="utf-8").replace("type: person", "type: persn"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", SERVE_REBUILD, str(tmp_path / "broken"), str(tmp_path / "fixed")],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr
    assert "The check found" in _text(tmp_path / "broken" / "people" / "jane-roe" / "index.html")
    fixed = _text(tmp_path / "fixed" / "people" / "jane-roe" / "index.html")
    assert "Jane Roe" in fixed and "The check found" not in fixed
    assert "The check found" not in _text(tmp_path / "fixed" / "index.html")
    assert (tmp_path / "fixed" / "data" / "dossier.json").is_file()
