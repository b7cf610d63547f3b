"""What the build generates (entry pages, year pages, the exports in data/) cannot be replaced
by a file of docs/ or of the theme's overrides that has the same place in the site."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, make_project, mkdocs_build

FORGED = "forged-by-a-source-file"


@pytest.mark.parametrize(
    "source, message",
    [
        (
            "docs/data/dossier.json",
            "would replace the open-data export data/dossier.json, which the build writes: move or rename it",
        ),
        (
            "docs/data/people.csv",
            "would replace the open-data export data/people.csv, which the build writes: move or rename it",
        ),
        (
            "overrides/data/graph.json",
            "would replace the open-data export data/graph.json, which the build writes: move or rename it",
        ),
        (
            "docs/data/dossier-full.json",
            "would be published in data/, where the build writes the open-data exports: move it out of that folder",
        ),
        (
            "docs/people/jane-roe/index.md",
            "would replace the page generated at people/jane-roe/index.html, which the build writes: move or rename it",
        ),
        (
            "docs/people/jane-roe/index.html",
            "would replace the page generated at people/jane-roe/index.html, which the build writes: move or rename it",
        ),
        (
            "docs/timeline/2007/index.md",
            "would replace the page generated at timeline/2007/index.html, which the build writes: move or rename it",
        ),
    ],
)
def test_a_source_file_in_the_place_of_a_generated_one_fails_the_build(tmp_path, source, message):
    project = make_project(tmp_path, FIXTURES / "mini" / "entries")
    path = project / source
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"# {FORGED}\n", encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    assert f"-  {source}:1: file: {message}\n" in result.stderr
    assert "1 source file(s) written where the build writes its own" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not any(FORGED in p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.is_file())


def test_a_page_of_docs_may_live_under_data(tmp_path):
    # A page has the site's frame and an address of its own: it cannot pass for an export.
    project = make_project(tmp_path, FIXTURES / "mini" / "entries")
    (project / "docs" / "data").mkdir()
    (project / "docs" / "data" / "notes.md").write_text(f"# {FORGED}\n", encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    assert FORGED in (site / "data" / "notes" / "index.html").read_text(encoding="utf-8")
    assert FORGED not in (site / "data" / "dossier.json").read_text(encoding="utf-8")
